import crypto from "node:crypto";

/**
 * The cookie-signing secret: SESSION_SECRET, or in development a generated one (announced),
 * never in production: a production server without it must not start.
 */
export function resolveSessionSecret(
  env: { SESSION_SECRET?: string; NODE_ENV?: string },
  warn: (message: string) => void,
): string {
  if (env.SESSION_SECRET) return env.SESSION_SECRET;
  if (env.NODE_ENV === "production") {
    throw new Error("SESSION_SECRET is not set: refusing to start in production without it.");
  }
  warn("SESSION_SECRET is not set: generated a temporary one for development (sessions end at restart).");
  return crypto.randomBytes(32).toString("hex");
}
