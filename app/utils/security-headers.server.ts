// The security headers of every response (issue 12, ADR 014). Documents get a CSP whose script-src allows
// only our own files and the per-response nonce of Remix's inline scripts (app/entry.server.tsx puts it in);
// everything else — loader data, resource routes (/portfolio.pdf, /healthz), redirects — gets a policy that
// allows nothing, since none of it is a page. scripts/server/worker.ts sends the same static headers with
// built assets and public files.
import crypto from "node:crypto";

/**
 * The nonce every document is rendered with; app/entry.server.tsx replaces it by a fresh one per response, so
 * a document kept by the render cache (ADR 010) never sends the same nonce twice. Random per process, so
 * nobody can put it in content; and the replacement matches `nonce="…"` only, which React never produces
 * from text (it escapes quotes in text and in attribute values).
 */
export const NONCE_PLACEHOLDER = crypto.randomBytes(18).toString("base64url");

export function freshNonce(): string {
  return crypto.randomBytes(16).toString("base64");
}

/** The rendered document with `nonce` where the placeholder was. */
export function withNonce(html: string, nonce: string): string {
  return html.replaceAll(`nonce="${NONCE_PLACEHOLDER}"`, `nonce="${nonce}"`);
}

/**
 * The page policy. style-src allows inline style *attributes* ('unsafe-inline' in style-src-attr): React's
 * `style={…}` and recharts' SVG set them, and a style attribute cannot run script. <style> elements and
 * stylesheets stay our own files (style-src-elem 'self'). style-src repeats both for browsers without the
 * CSP 3 split directives.
 */
export function documentCsp(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self' 'unsafe-inline'",
    "style-src-elem 'self'",
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** For anything that is not a page: nothing may load from it, nobody may frame it. */
export const RESOURCE_CSP = "default-src 'none'; frame-ancestors 'none'";

/** Headers every response carries, whatever it is. */
export const STATIC_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "X-Content-Type-Options": "nosniff",
  "X-Frame-Options": "DENY",
  // same-origin, not no-referrer: with no-referrer browsers send `Origin: null` on our own form posts,
  // which the same-origin check (CSRF) refuses. Other sites get no Referer at all.
  "Referrer-Policy": "same-origin",
  "Cross-Origin-Opener-Policy": "same-origin",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
};

export const HSTS = "max-age=31536000; includeSubDomains";

/** Pages and data for someone signed in (or an API token's owner) are never stored by a browser or proxy. */
export const SIGNED_IN_CACHE_CONTROL = "no-store";

/** Does the request carry credentials: a session cookie (valid or not) or an Authorization header? */
export function carriesCredentials(request: Request): boolean {
  if (request.headers.has("authorization")) return true;
  return /(?:^|;\s*)sp_session=[^;]/.test(request.headers.get("cookie") ?? "");
}

/**
 * Fills in the security headers of a response from the app: the CSP when the route or the document
 * renderer set none, HSTS when the request came over https, and no-store for anyone signed in.
 */
export function applySecurityHeaders(headers: Headers, request: Request, https: boolean): void {
  for (const [k, v] of Object.entries(STATIC_SECURITY_HEADERS)) headers.set(k, v);
  if (!headers.has("Content-Security-Policy")) headers.set("Content-Security-Policy", RESOURCE_CSP);
  if (https) headers.set("Strict-Transport-Security", HSTS);
  if (carriesCredentials(request)) headers.set("Cache-Control", SIGNED_IN_CACHE_CONTROL);
}

/** The response with its security headers; a response whose headers cannot change (fetch's) is copied. */
export function secureResponse(response: Response, request: Request, https: boolean): Response {
  try {
    applySecurityHeaders(response.headers, request, https);
    return response;
  } catch {
    const copy = new Response(response.body, response);
    applySecurityHeaders(copy.headers, request, https);
    return copy;
  }
}
