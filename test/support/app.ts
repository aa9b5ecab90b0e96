// In-process HTTP against the production build, each test file on its own copy of the demo database.
import fs from "node:fs";
import path from "node:path";
import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import type { Kysely } from "kysely";
import { expect } from "vitest";
import type { Database } from "../../db/schema";
import { isPostgresUrl, openDatabase } from "../../app/db.server";
import { DEMO_PASSWORD } from "../../seeds/people";
import { addSameOrigin } from "./csrf";
import { copyTemplate } from "./template";

export const BASE = "http://localhost";

/** The socket peer in-process requests come from unless a test says otherwise (TEST-NET-1, RFC 5737). */
export const DEFAULT_PEER = "192.0.2.1";

type AppHandler = (request: Request, loadContext?: { peerAddress?: string | null }) => Promise<Response>;

export interface TestApp {
  db: Kysely<Database>;
  /**
   * A request as SupportPath's own pages send it: a post carries a same-origin Origin and, with a session
   * cookie, the session's anti-CSRF token (header). `csrf: false` sends only what the caller gives.
   * `address`: the TCP peer the request comes from (the server passes the socket's; default DEFAULT_PEER).
   */
  fetch(path: string, init?: RequestInit & { cookie?: string | null; csrf?: boolean; address?: string }): Promise<Response>;
  get(path: string, cookie?: string | null): Promise<Response>;
  post(
    path: string,
    form: Record<string, string | string[]>,
    cookie?: string | null,
    headers?: Record<string, string>,
    opts?: { csrf?: boolean; address?: string },
  ): Promise<Response>;
  signIn(email: string, password?: string): Promise<string>;
  personId(email: string): Promise<number>;
}

// One app per test file. A worker runs several files one after the other (vitest.config.ts: isolate off),
// so the build is loaded once per worker and each file gets its own database under it: the app's handle
// (getDb, kept on globalThis) is swapped for the new file's, and the last file's handles are closed.
let app: (TestApp & { file: string }) | null = null;
const appDb = globalThis as unknown as { __supportpathDb?: Kysely<Database> };

export async function startApp(): Promise<TestApp> {
  const file = expect.getState().testPath ?? "test";
  if (app?.file === file) return app;
  if (app) {
    const previous = app;
    app = null;
    await Promise.all([previous.db.destroy(), appDb.__supportpathDb?.destroy()]);
  }
  appDb.__supportpathDb = undefined;
  const buildFile = path.resolve("build/index.js");
  if (!fs.existsSync(buildFile)) throw new Error("No production build: run `npm run build` first (npm test does).");
  // The app's own handle (getDb) opens this location: a SQLite file or a PostgreSQL database.
  const location = await copyTemplate(path.basename(file));
  delete process.env.DATABASE_URL;
  delete process.env.DATABASE_PATH;
  if (isPostgresUrl(location)) process.env.DATABASE_URL = location;
  else process.env.DATABASE_PATH = location;
  process.env.SESSION_SECRET ??= "test-secret-for-http-tests";
  const build = (await import(/* @vite-ignore */ buildFile)) as ServerBuild;
  // As scripts/server/worker.ts serves it: Remix's handler inside the app's (security headers, client address).
  const secure = (build.entry.module as { secureRequestHandler?: (h: AppHandler) => AppHandler }).secureRequestHandler;
  if (!secure) throw new Error("the build's entry.server has no secureRequestHandler: rebuild (`npm run build`)");
  const handler = secure(createRequestHandler(build, "production"));
  const db = openDatabase(location);

  const doFetch: TestApp["fetch"] = async (p, { csrf = true, cookie, ...init } = {}) => {
    const headers = new Headers(init.headers);
    if (cookie) headers.set("Cookie", cookie);
    if (!headers.has("Host")) headers.set("Host", new URL(BASE).host); // as every HTTP client sends
    const method = (init.method ?? "GET").toUpperCase();
    if (csrf && method !== "GET" && method !== "HEAD") {
      // behind a TLS proxy the browser's page is https
      const origin = headers.get("X-Forwarded-Proto") === "https" ? BASE.replace(/^http:/, "https:") : BASE;
      addSameOrigin(headers, origin, cookie, process.env.SESSION_SECRET!);
    }
    const { address = DEFAULT_PEER, ...rest } = init;
    // the app's handler answers a foreign document post itself (as behind scripts/server/worker.ts)
    return handler(new Request(BASE + p, { ...rest, headers, redirect: "manual" }), { peerAddress: address });
  };

  app = {
    file,
    db,
    fetch: doFetch,
    get: (p, cookie) => doFetch(p, { cookie }),
    post: (p, form, cookie, headers = {}, opts = {}) => {
      const body = new URLSearchParams();
      for (const [k, v] of Object.entries(form)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
      return doFetch(p, {
        method: "POST",
        body,
        cookie,
        headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers },
        csrf: opts.csrf,
        address: opts.address,
      });
    },
    async signIn(email, password = DEMO_PASSWORD) {
      const res = await app!.post("/login", { email, password });
      const set = res.headers.get("set-cookie");
      if (res.status !== 302 || !set) throw new Error(`sign-in as ${email} failed: ${res.status}`);
      return set.split(";")[0]!;
    },
    async personId(email) {
      const row = await db.selectFrom("people").select("id").where("email", "=", email).executeTakeFirstOrThrow();
      return row.id;
    },
  };
  return app;
}
