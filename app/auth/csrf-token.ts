import crypto from "node:crypto";

/** The form field and the header that carry the anti-CSRF token (ADR 013). */
export const CSRF_FIELD = "_csrf";
export const CSRF_HEADER = "X-CSRF-Token";

export const CROSS_SITE = "This request came from another site, so SupportPath refused it. Open SupportPath and try again there.";
export const NO_ORIGIN =
  "Your browser did not say which site sent this form, so SupportPath refused it. Open SupportPath and try again there.";
export const BAD_TOKEN = "This form was not sent from your current SupportPath session. Reload the page and try again.";

/**
 * A session's anti-CSRF token: an HMAC of the raw session id (the cookie's value) under the session secret.
 * Stateless, so every instance derives the same token, and it changes with every sign-in; it reveals nothing
 * of the session id. Pure (the secret is passed in), so tests derive it the same way.
 */
export function deriveCsrfToken(secret: string, sessionId: string): string {
  return crypto.createHmac("sha256", secret).update(`csrf:${sessionId}`).digest("base64url");
}

/** Compares in constant time; a missing or wrongly sized candidate is simply false. */
export function sameToken(expected: string, candidate: unknown): boolean {
  if (typeof candidate !== "string" || candidate.length !== expected.length) return false;
  return crypto.timingSafeEqual(Buffer.from(expected), Buffer.from(candidate));
}
