// Remix checks a document post's Origin against its Host itself, before any action runs, and answers a
// mismatch with an empty 500 (server-runtime's throwIfPotentialCSRFAttack). The same condition is answered
// here first, in front of Remix (scripts/server/worker.ts, and the in-process test client), with a 403 page
// that says why. Everything else about forged requests is decided in csrf.server.ts (ADR 013).
import { CROSS_SITE } from "./csrf-token";

const CHANGES = new Set(["POST", "PUT", "PATCH", "DELETE"]);

function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

/** Whether Remix would abort this request as a foreign document post (ordinary POSTs, not `_data` ones). */
export function isForeignDocumentPost(method: string, url: string, header: (name: string) => string | null): boolean {
  if (!CHANGES.has(method.toUpperCase())) return false;
  const origin = header("origin");
  if (origin === null || origin === "") return false;
  if (new URL(url, "http://localhost").searchParams.has("_data")) return false;
  const host = header("x-forwarded-host")?.split(",")[0]?.trim() || header("host");
  return origin === "null" || !host || hostOf(origin) !== host;
}

export const FOREIGN_POST_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Not allowed · SupportPath</title></head>
<body><main><h1>Not allowed</h1><p>${CROSS_SITE}</p><p><a href="/">Back to the dashboard</a></p></main></body></html>
`;

export const FOREIGN_POST_JSON = JSON.stringify({ ok: false, error: CROSS_SITE });

/** A script that asked for JSON (the upload's XMLHttpRequest) gets the refusal as JSON, a browser the page. */
export function wantsJson(accept: string | null): boolean {
  return !!accept && accept.includes("application/json") && !accept.includes("text/html");
}

/** The 403 for a foreign document post, or null (for a Fetch API handler). */
export function refuseForeignDocumentPost(request: Request): Response | null {
  if (!isForeignDocumentPost(request.method, request.url, (n) => request.headers.get(n))) return null;
  const json = wantsJson(request.headers.get("Accept"));
  return new Response(json ? FOREIGN_POST_JSON : FOREIGN_POST_PAGE, {
    status: 403,
    headers: {
      "Content-Type": json ? "application/json; charset=utf-8" : "text/html; charset=utf-8",
      "Cache-Control": "no-store",
    },
  });
}
