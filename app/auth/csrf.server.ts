// Cross-site request forgery: every state-changing request is checked here before its body is used (ADR 013).
// Two checks: the request must come from our own origin (Sec-Fetch-Site / Origin, when the browser sends them),
// and a signed-in session must send its anti-CSRF token (a form field or a header). Without a session (the
// sign-in and set-password forms) there is no token to send, so the origin headers are then required.
import { json } from "@remix-run/node";
import { logForgery } from "~/utils/log.server";
import { BAD_TOKEN, CROSS_SITE, CSRF_HEADER, NO_ORIGIN, deriveCsrfToken, sameToken } from "./csrf-token";
import { getUser, isHttps, readSessionId, sessionSecret } from "./session.server";

/**
 * A refusal the page and a script can both read: `{ ok: false, error }` as JSON (what `_data` requests and
 * resource routes answer), which a document's error boundary shows as the page's message.
 */
export function refusal(status: number, message: string): Response {
  if (status === 403) logForgery(message);
  return json({ ok: false, error: message }, { status });
}

/** The origin the browser shows for this request: behind a TLS proxy the scheme is https (as for the cookie). */
export function ownOrigin(request: Request): string {
  const url = new URL(request.url);
  return `${isHttps(request) ? "https:" : url.protocol}//${url.host}`;
}

/** Why the request's origin headers refuse it, or null. `strict`: they must be present (no session token). */
export function originProblem(request: Request, strict: boolean): string | null {
  const site = request.headers.get("Sec-Fetch-Site");
  // "none": the user started it (a bookmark, a reload of a post); "same-site" is another origin on our site.
  if (site !== null && site !== "same-origin" && site !== "none") return CROSS_SITE;
  const origin = request.headers.get("Origin");
  if (origin !== null && origin !== ownOrigin(request)) return CROSS_SITE;
  if (strict && site === null && origin === null) return NO_ORIGIN;
  return null;
}

/** The session's token (for the page's forms), or null when nobody is signed in. */
export async function csrfTokenOf(request: Request): Promise<string | null> {
  // The raw id from the cookie, not the stored row (which may hold only a digest of it).
  const sid = await readSessionId(request);
  if (!sid || !(await getUser(request))) return null;
  return deriveCsrfToken(sessionSecret(), sid);
}

export interface CsrfCheck {
  /** Whether the token has already been seen (in the header); if not, `verify` the form's field. */
  settled: boolean;
  /** Throws the 403 unless `candidate` is the session's token (always passes without a session). */
  verify(candidate: unknown): void;
}

/**
 * Checks the origin now (throws 403), and returns what is needed to check the token once the form is read.
 * A token in the X-CSRF-Token header is checked at once, before any of the body is read.
 */
export async function checkCsrf(request: Request): Promise<CsrfCheck> {
  const expected = await csrfTokenOf(request);
  const problem = originProblem(request, expected === null);
  if (problem) throw refusal(403, problem);
  if (expected === null) return { settled: true, verify() {} };
  const header = request.headers.get(CSRF_HEADER);
  if (header !== null && !sameToken(expected, header)) throw refusal(403, BAD_TOKEN);
  const settled = header !== null;
  return {
    settled,
    verify(candidate) {
      if (!settled && !sameToken(expected, candidate)) throw refusal(403, BAD_TOKEN);
    },
  };
}
