// One worker of `npm start`: loads the built app and serves it with Express — built assets from memory,
// public files from a fixed list, everything else through Remix — once the primary says the database is
// ready. It stops gracefully on SIGTERM: no new connections, the requests in flight are answered.
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import { installGlobals, type ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import { FOREIGN_POST_JSON, FOREIGN_POST_PAGE, isForeignDocumentPost, wantsJson } from "../../app/auth/foreign-post";
import { builtAssets, publicFileNames } from "./assets";
import { type FromWorker, type ToWorker } from "./messages";

const STOP_GRACE_MS = 8_000;

export function createApp(build: ServerBuild, publicDir = "public"): express.Express {
  const app = express();
  app.disable("x-powered-by");
  // Express would compute a weak ETag of every body; documents get theirs from their data (app/entry.server.tsx).
  app.set("etag", false);
  if (process.env.ACCESS_LOG === "1") {
    app.use((req, res, next) => {
      const t0 = performance.now();
      res.on("finish", () =>
        console.log(`${req.method} ${req.path} ${res.statusCode} ${(performance.now() - t0).toFixed(1)} ms`),
      );
      next();
    });
  }
  app.use(build.publicPath, builtAssets(path.join(publicDir, "build")));
  const files = publicFileNames(publicDir);
  if (files.length) app.get(files, builtAssets(publicDir, "public, max-age=3600"));
  app.use(compression());
  // A document post from another origin: a 403 page rather than Remix's empty 500 (app/auth/foreign-post.ts).
  app.use((req, res, next) => {
    if (!isForeignDocumentPost(req.method, req.originalUrl, (n) => req.get(n) ?? null)) return next();
    res.status(403).set("Cache-Control", "no-store");
    if (wantsJson(req.get("accept") ?? null)) res.type("json").send(FOREIGN_POST_JSON);
    else res.type("html").send(FOREIGN_POST_PAGE);
  });
  app.all("*", createRequestHandler({ build, mode: build.mode }));
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
