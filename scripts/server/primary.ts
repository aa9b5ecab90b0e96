// The primary process of `npm start`: checks the settings, prepares the database in a child process
// (migrations, the demo organisation into an empty database) while the workers load the app, then lets
// every worker listen. One worker per core (WEB_CONCURRENCY to choose); a worker that dies is replaced.
// It loads neither the app nor a database driver, so it stays small (ADR 010).
import { fork } from "node:child_process";
import cluster, { type Worker } from "node:cluster";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { TrustedProxies } from "../../app/auth/client-address.server";
import { CLOCK_ENV } from "../../app/clock.server";
import { databaseLocation, isPostgresUrl } from "../../app/db-location.server";
import { type ToWorker, type FromWorker } from "./messages";

/** More restarts than this within RESTART_WINDOW_MS means the workers cannot start: give up. */
const MAX_RESTARTS = 10;
const RESTART_WINDOW_MS = 60_000;
const STOP_GRACE_MS = 10_000;

export function workerCount(): number {
  const n = Number(process.env.WEB_CONCURRENCY);
  return Number.isInteger(n) && n > 0 ? n : os.availableParallelism();
}

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

/** SESSION_SECRET, or for a local SQLite demo one generated beside the database and kept there. */
function sessionSecret(location: string): string {
  if (process.env.SESSION_SECRET) return process.env.SESSION_SECRET;
  // Several instances share one database and must sign cookies with one secret (README, "Scaling out").
  if (isPostgresUrl(location)) fail("SESSION_SECRET is required with DATABASE_URL: set the same secret on every instance.");
  const file = path.join(path.dirname(location), "session-secret");
  fs.mkdirSync(path.dirname(file), { recursive: true });
  if (!fs.existsSync(file)) fs.writeFileSync(file, crypto.randomBytes(32).toString("hex"), { mode: 0o600 });
  console.log(`SESSION_SECRET is not set: using the generated development secret in ${file}. Set it in production.`);
  return fs.readFileSync(file, "utf8").trim();
}

/** Runs scripts/server/prepare.ts (built beside this file) to its end. */
function prepare(): Promise<void> {
  const script = path.join(path.dirname(fileURLToPath(import.meta.url)), "prepare.js");
  return new Promise((resolve, reject) => {
    const child = fork(script, [], { stdio: "inherit" });
    child.on("error", reject);
    child.on("exit", (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`preparing the database failed (${signal ?? `exit code ${code}`})`)),
    );
  });
}

export async function runPrimary(opts: { prepare: boolean }): Promise<void> {
  // A moved clock is for tests only: a real organisation's records must carry real times.
  if (opts.prepare && process.env[CLOCK_ENV])
    fail(
      `${CLOCK_ENV} is set (${process.env[CLOCK_ENV]}): it moves the server's clock and is for tests only. Unset it to run SupportPath.`,
    );
  // A mistyped proxy list would make every worker fail at start: say so once, here.
  try {
    new TrustedProxies(process.env.TRUSTED_PROXIES);
  } catch (e) {
    fail((e as Error).message);
  }
  const location = databaseLocation();
  const env = { SESSION_SECRET: sessionSecret(location), NODE_ENV: process.env.NODE_ENV ?? "production" };
  const port = process.env.PORT ?? "3000";
  const count = workerCount();

  let prepared = !opts.prepare;
  let stopping = false;
  const restarts: number[] = [];
  const send = (w: Worker, m: ToWorker) => w.send(m);
  const start = () => {
    const w = cluster.fork(env);
    w.on("message", (m: FromWorker) => {
      if (m.type === "loaded" && prepared) send(w, { type: "listen" });
      if (m.type === "fatal") {
        stopping = true;
        for (const other of Object.values(cluster.workers ?? {})) other?.process.kill("SIGTERM");
        fail(`a worker cannot serve: ${m.message}`);
      }
    });
    return w;
  };

  // The first worker loads the app while the database is prepared and listens once both are done; the
  // others start when it listens, so on a small machine the first page is not delayed by them all
  // loading at once (cold start, ADR 010).
  start();
  let listening = 0;
  cluster.on("listening", () => {
    if (++listening === 1) for (let i = 1; i < count; i++) start();
    if (listening === count) console.log(`SupportPath on http://localhost:${port} (${count} worker${count > 1 ? "s" : ""})\n`);
  });
  cluster.on("exit", (w, code, signal) => {
    if (stopping) return;
    const now = Date.now();
    restarts.push(now);
    while (restarts.length && restarts[0]! < now - RESTART_WINDOW_MS) restarts.shift();
    if (restarts.length > MAX_RESTARTS) fail(`${restarts.length} workers died within a minute: stopping. See the errors above.`);
    console.error(`worker ${w.process.pid} died (${signal ?? `exit code ${code}`}): starting another`);
    start();
  });

  const stop = (sig: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill(sig === "SIGINT" ? "SIGTERM" : sig);
    const timer = setTimeout(() => process.exit(0), STOP_GRACE_MS);
    timer.unref();
    const check = () => (Object.keys(cluster.workers ?? {}).length === 0 ? process.exit(0) : setTimeout(check, 50));
    check();
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));

  if (opts.prepare) {
    try {
      await prepare();
    } catch (e) {
      stopping = true;
      for (const w of Object.values(cluster.workers ?? {})) w?.process.kill("SIGTERM");
      fail((e as Error).message);
    }
    prepared = true;
    // Workers that loaded first waited for this; those still loading get "listen" when they say "loaded".
    for (const w of Object.values(cluster.workers ?? {})) if (w) send(w, { type: "listen" });
  }
}
