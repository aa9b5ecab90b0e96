// One worker of `npm start`: loads the built app and serves it with Express — built assets from memory,
// public files from a fixed list, everything else through Remix — once the primary says the database is
// ready. It stops gracefully on SIGTERM: no new connections, the requests in flight are answered.
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRemixRequest, sendRemixResponse } from "@remix-run/express/dist/server.js";
import { type AppLoadContext, createRequestHandler, installGlobals, type ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import { TrustedProxies, normalizeAddress } from "../../app/auth/client-address.server";
import { HSTS, RESOURCE_CSP, STATIC_SECURITY_HEADERS } from "../../app/utils/security-headers.server";
import { builtAssets, publicFileNames } from "./assets";
import { type FromWorker, type ToWorker } from "./messages";

const STOP_GRACE_MS = 8_000;

type AppHandler = (request: Request, loadContext?: AppLoadContext) => Promise<Response>;

/** The app's handler: Remix's, wrapped by app/entry.server.tsx so every response has its security headers. */
function appHandler(build: ServerBuild): AppHandler {
  const remix = createRequestHandler(build, build.mode);
  const wrap = (build.entry.module as { secureRequestHandler?: (h: AppHandler) => AppHandler }).secureRequestHandler;
  if (!wrap) throw new Error("the build's entry.server has no secureRequestHandler");
  return wrap(remix);
}

/** Paths as the access log prints them: a set-password link's token is a secret, so it is never written. */
export function loggedPath(path: string): string {
  return path.replace(/^\/set-password\/[^/]+/, "/set-password/[token]");
}

export function createApp(build: ServerBuild, publicDir = "public"): express.Express {
  const app = express();
  app.disable("x-powered-by");
  // X-Forwarded-* are believed from TRUSTED_PROXIES only (README): Express then builds the request's URL
  // (https, host) from them; the app resolves the client address from the same list and the socket's peer.
  const proxies = new TrustedProxies(process.env.TRUSTED_PROXIES);
  app.set("trust proxy", (addr: string) => proxies.has(normalizeAddress(addr)));
  // Express would compute a weak ETag of every body; documents get theirs from their data (app/entry.server.tsx).
  app.set("etag", false);
  if (process.env.ACCESS_LOG === "1") {
    app.use((req, res, next) => {
      const t0 = performance.now();
      res.on("finish", () =>
        console.log(`${req.method} ${loggedPath(req.path)} ${res.statusCode} ${(performance.now() - t0).toFixed(1)} ms`),
      );
      next();
    });
  }
  // Built assets and public files get the static security headers here; the app sets its own (the Remix
  // handler below takes these off first, so no header is sent twice).
  const assetHeaders: express.RequestHandler = (req, res, next) => {
    for (const [k, v] of Object.entries(STATIC_SECURITY_HEADERS)) res.setHeader(k, v);
    res.setHeader("Content-Security-Policy", RESOURCE_CSP);
    if (req.secure) res.setHeader("Strict-Transport-Security", HSTS);
    next();
  };
  app.use(build.publicPath, assetHeaders, builtAssets(path.join(publicDir, "build")));
  const files = publicFileNames(publicDir);
  if (files.length) app.get(files, assetHeaders, builtAssets(publicDir, "public, max-age=3600"));
  app.use(compression());
  // (a document post from another origin gets its 403 page inside it: app/auth/foreign-post.ts)
  const handle = appHandler(build);
  app.all("*", async (req, res, next) => {
    try {
      for (const k of [...Object.keys(STATIC_SECURITY_HEADERS), "Content-Security-Policy", "Strict-Transport-Security"]) {
        res.removeHeader(k);
      }
      const request = createRemixRequest(req, res);
      // The socket's peer: the client, or a proxy (then the app reads X-Forwarded-For, if it trusts it).
      const response = await handle(request, { peerAddress: req.socket.remoteAddress ?? null });
      await sendRemixResponse(res, response);
    } catch (error) {
      next(error);
    }
  });
  return app;
}

export async function runWorker(): Promise<void> {
  let mayListen = false;
  let listen: (() => void) | null = null;
  process.on("message", (m: ToWorker) => {
    if (m.type !== "listen" || mayListen) return;
    mayListen = true;
    listen?.();
  });

  installGlobals();
  const build = (await import(pathToFileURL(path.resolve("build/index.js")).href)) as ServerBuild;
  const app = createApp(build);
  const port = Number(process.env.PORT ?? 3000);
  const host = process.env.HOST;

  listen = () => {
    const server = host ? app.listen(port, host) : app.listen(port);
    server.on("error", (e: NodeJS.ErrnoException) => {
      // A taken port is not cured by a restart: the primary stops (and says why).
      console.error(`cannot listen on ${host ?? "*"}:${port}: ${e.code ?? e.message}`);
      process.send?.({ type: "fatal", message: `${e.code ?? e.message} on port ${port}` } satisfies FromWorker);
      setTimeout(() => process.exit(1), 100).unref();
    });
    // Longer than the idle timeout of the usual load balancers (60 s), so they close idle connections first.
    server.keepAliveTimeout = 65_000;
    const stop = () => {
      server.close(() => process.exit(0));
      server.closeIdleConnections();
      setTimeout(() => process.exit(0), STOP_GRACE_MS).unref();
    };
    process.once("SIGTERM", stop);
    process.once("SIGINT", stop);
  };
  process.send?.({ type: "loaded" } satisfies FromWorker);
  if (mayListen) listen();
}
