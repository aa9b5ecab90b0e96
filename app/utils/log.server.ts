// Security events as structured log lines (issue 12, ASVS V7): one JSON object per line on stdout, so a log
// shipper can count failed sign-ins or refused access without parsing prose. Never a password or a token;
// an account is named by its id when it exists, else by a short hash of the email typed (so a log does not
// collect the addresses people mistype).
import crypto from "node:crypto";
import { now as clockNow } from "~/clock.server";
import { currentRequest } from "./request-context.server";

export type SecurityEvent =
  | "auth.sign_in_failed"
  | "auth.sign_in_throttled"
  | "auth.password_check_failed"
  | "auth.password_check_throttled"
  | "auth.password_link_refused"
  | "access.forbidden"
  | "access.not_found"
  | "access.forged_request";

export interface EventFields {
  /** the client's address (app/auth/client-address.server.ts) */
  address?: string | null;
  /** a person id, or accountRef(email) */
  account?: number | string | null;
  [key: string]: string | number | boolean | null | undefined;
}

/** A stable, short, non-reversible name for an account typed at sign-in. */
export function accountRef(email: string): string {
  return "h:" + crypto.createHash("sha256").update(email.trim().toLowerCase()).digest("hex").slice(0, 16);
}

export function logEvent(event: SecurityEvent, fields: EventFields = {}, now: Date = clockNow()): void {
  const line: Record<string, unknown> = { event, at: now.toISOString() };
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) line[k] = v;
  try {
    process.stdout.write(JSON.stringify(line) + "\n");
  } catch {
    // a log that cannot be written must not turn a refusal into a 500
  }
}

/** A refusal of the permission module (a route's thrown 403/404 or a command's), with the request it refused. */
export function logRefusal(kind: "forbidden" | "notFound", account: number, action: string, subject?: number): void {
  const req = currentRequest();
  logEvent(kind === "forbidden" ? "access.forbidden" : "access.not_found", {
    address: req?.address ?? null,
    account,
    action,
    method: req?.method,
    path: req?.path,
    subject,
  });
}

/** A state-changing request refused as forged (another origin, no or a wrong anti-CSRF token: ADR 013). */
export function logForgery(reason: string, account?: number | null): void {
  const req = currentRequest();
  logEvent("access.forged_request", { address: req?.address ?? null, account, method: req?.method, path: req?.path, reason });
}
