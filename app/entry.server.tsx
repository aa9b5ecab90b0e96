// Documents are rendered whole (no streaming: no route defers data) and kept by the data they show, so a
// page whose loaders return what they returned before costs no React render, and a browser that has it
// gets 304 (ADR 010). The key is everything the render reads: the build, the URL, the status and every
// loader's data. Pages with errors or action data are rendered afresh every time.
// Every document is rendered with a placeholder CSP nonce and sent with a fresh one in its place (and in its
// Content-Security-Policy header), so a kept document never sends the same nonce twice (ADR 014).
import { Writable } from "node:stream";
import type { AppLoadContext, EntryContext, HandleDataRequestFunction } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { CROSS_SITE } from "~/auth/csrf-token";
import { refuseForeignDocumentPost } from "~/auth/foreign-post";
import { logForgery } from "~/utils/log.server";
import { renderToPipeableStream } from "react-dom/server";
import { clientAddress, isHttpsRequest } from "~/auth/client-address.server";
import { NonceContext } from "~/utils/nonce";
import { RenderCache, digest, matchesEtag } from "~/utils/render-cache.server";
import { requestInfo } from "~/utils/request-context.server";
import { NONCE_PLACEHOLDER, documentCsp, freshNonce, secureResponse, withNonce } from "~/utils/security-headers.server";

const ABORT_DELAY = 5_000;
const cache = new RenderCache(Number(process.env.RENDER_CACHE_MB ?? 32) * 1024 * 1024);
// Requests for the same key that arrive while it renders wait for that render rather than start their own.
const rendering = new Map<string, Promise<string>>();
// Pages for nobody in particular: a browser may keep them but must ask again each time (304 when unchanged).
// Signed-in pages and their data are no-store instead (secureResponse below; ADR 014 amends ADR 010).
const REVALIDATE = "private, no-cache";

function render(request: Request, context: EntryContext): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        chunks.push(chunk);
        done();
      },
      final(done) {
        resolve(Buffer.concat(chunks).toString("utf8"));
        done();
      },
    });
    let failed: unknown = null;
    const app = (
      <NonceContext.Provider value={NONCE_PLACEHOLDER}>
        <RemixServer context={context} url={request.url} abortDelay={ABORT_DELAY} />
      </NonceContext.Provider>
    );
    const { pipe, abort } = renderToPipeableStream(app, {
      onAllReady: () => (failed ? reject(failed) : pipe(sink)),
      onShellError: reject,
      onError(error) {
        failed = error;
        console.error(error);
      },
    });
    setTimeout(abort, ABORT_DELAY);
  });
}

/** The render's key, or null when this render must not be reused. */
function keyOf(request: Request, status: number, context: EntryContext): string | null {
  const s = context.staticHandlerContext;
  if (request.method !== "GET" || status !== 200 || s.errors || s.actionData || context.isSpaMode) return null;
  const url = new URL(request.url);
  return digest(context.manifest.version, url.pathname + url.search, JSON.stringify(s.loaderData));
}

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
) {
  responseHeaders.set("Content-Type", "text/html; charset=utf-8");
  const nonce = freshNonce();
  responseHeaders.set("Content-Security-Policy", documentCsp(nonce));
  const key = keyOf(request, responseStatusCode, remixContext);
  if (!key) {
    const html = await render(request, remixContext);
    return new Response(withNonce(html, nonce), { status: responseStatusCode, headers: responseHeaders });
  }
  const etag = `W/"${key}"`;
  responseHeaders.set("ETag", etag);
  if (!responseHeaders.has("Cache-Control")) responseHeaders.set("Cache-Control", REVALIDATE);
  if (matchesEtag(request.headers.get("If-None-Match"), etag))
    return new Response(null, { status: 304, headers: responseHeaders });
  let html = cache.get(key);
  if (html === undefined) {
    let pending = rendering.get(key);
    if (!pending) {
      pending = render(request, remixContext).finally(() => rendering.delete(key));
      rendering.set(key, pending);
    }
    html = await pending;
    cache.set(key, html);
  }
  return new Response(withNonce(html, nonce), { status: responseStatusCode, headers: responseHeaders });
}

/** Client navigations fetch loader data as JSON: the same ETag and 304 when it did not change. */
export const handleDataRequest: HandleDataRequestFunction = async (response, { request }) => {
  const type = response.headers.get("Content-Type") ?? "";
  if (request.method !== "GET" || response.status !== 200 || !type.startsWith("application/json")) return response;
  const body = await response.text();
  const etag = `W/"${digest(body)}"`;
  const headers = new Headers(response.headers);
  headers.set("ETag", etag);
  if (!headers.has("Cache-Control")) headers.set("Cache-Control", REVALIDATE);
  if (matchesEtag(request.headers.get("If-None-Match"), etag)) return new Response(null, { status: 304, headers });
  return new Response(body, { status: response.status, headers });
};

type Handler = (request: Request, loadContext?: AppLoadContext) => Promise<Response>;

/**
 * The app's request handler around Remix's: every response — document, loader data, resource route,
 * redirect, the route manifest — leaves with the security headers (app/utils/security-headers.server.ts),
 * and the request's client address is known to code that only has the Request (refusal logs). The server
 * (scripts/server/worker.ts) and the in-process test client (test/support/app.ts) both serve through it;
 * `loadContext.peerAddress` is the socket's peer.
 */
export function secureRequestHandler(handler: Handler): Handler {
  return (request, loadContext = {}) => {
    const https = isHttpsRequest(request, loadContext);
    const info = {
      address: clientAddress(request, loadContext),
      https,
      method: request.method,
      path: new URL(request.url).pathname,
    };
    // A document post from another origin is answered here, before Remix's own check turns it into an empty 500.
    return requestInfo.run(info, async () => {
      const foreign = refuseForeignDocumentPost(request);
      if (foreign) logForgery(CROSS_SITE);
      return secureResponse(foreign ?? (await handler(request, loadContext)), request, https);
    });
  };
}
