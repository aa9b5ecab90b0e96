// What a browser on SupportPath's own pages sends with a post (ADR 013): its Origin, and the session's
// anti-CSRF token, derived here the way the server derives it (app/auth/csrf-token.ts) from the raw session
// id inside the signed sp_session cookie.
import { CSRF_HEADER, deriveCsrfToken } from "../../app/auth/csrf-token";

/** The raw session id in a `sp_session=…` cookie (Remix's signed cookie: base64 JSON, ".", signature). */
export function sessionIdOf(cookie: string | null | undefined): string | null {
  const m = /(?:^|;\s*)sp_session=([^;]+)/.exec(cookie ?? "");
  if (!m) return null;
  const signed = decodeURIComponent(m[1]!);
  const dot = signed.lastIndexOf(".");
  try {
    const value: unknown = JSON.parse(Buffer.from(signed.slice(0, dot), "base64").toString("utf8"));
    return typeof value === "string" && value ? value : null;
  } catch {
    return null;
  }
}

export function csrfTokenFor(cookie: string | null | undefined, secret: string): string | null {
  const sid = sessionIdOf(cookie);
  return sid ? deriveCsrfToken(secret, sid) : null;
}

/** Adds a same-origin Origin and (with a session cookie) the token header, unless the caller set them. */
export function addSameOrigin(headers: Headers, origin: string, cookie: string | null | undefined, secret: string) {
  if (!headers.has("Origin")) headers.set("Origin", origin);
  const token = csrfTokenFor(cookie, secret);
  if (token && !headers.has(CSRF_HEADER)) headers.set(CSRF_HEADER, token);
}
