// HTTP benchmark: signed-in traffic against the production build (build/, made beforehand with
// `NODE_ENV=production npx remix build`), with autocannon at 50 and 200 connections, 80 % reads and 20 %
// writes: engineers' dashboard `/` and evidence list `/evidence`, managers' `/team`, and engineers logging
// an item (POST /evidence/new, a valid form, answered by a redirect to the new item). Targets, one after the
// other: (0) a bare node:http server returning a body of the mix's mean size (the machine's and the load
// generator's ceiling), (a) one remix-serve on SQLite, (b) with DATABASE_URL (a PostgreSQL server URL) two
// remix-serve on one PostgreSQL database `bench_http` behind scripts/round-robin-proxy.ts. Each database is
// migrated and loaded with the demo (seedDemoOnce). Every process started here is stopped by its PID.
// Run: npx tsx bench/http.ts   (options: --seconds=15 per run, --connections=50,200, --warmup=200 requests per
// server process before the first run of a target, --timeout=30 s per request)
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import autocannon, { type Client, type Request, type Result } from "autocannon";
import { sql } from "kysely";
import { openDatabase } from "../app/db.server";
import { migrateToLatest } from "../db/migrate";
import { seedDemoOnce } from "../seeds/index";
import { DEMO_PASSWORD } from "../seeds/people";
import {
  benchEngines,
  dropPostgresDatabase,
  freshPostgresDatabase,
  loadAverage,
  machineLine,
  median,
  printTable,
  vacuumAnalyze,
} from "./lib/engines";
import { cpuMsOf, machineCpu, postgresBackends } from "./lib/cpu";
import { type Child, assertPortFree, onInterrupt, startChild, stopAll, waitForOk } from "./lib/processes";

function arg(name: string, fallback: string): string {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit ? hit.slice(name.length + 3) : fallback;
}

const SECONDS = Number(arg("seconds", "15"));
const CONNECTIONS = arg("connections", "50,200").split(",").map(Number);
const WARMUP_REQUESTS = Number(arg("warmup", "200"));
const TIMEOUT_SECONDS = Number(arg("timeout", "30"));
const DIR = path.resolve("bench/.tmp/http");
const BUILD = path.resolve("build/index.js");
const SERVE = path.resolve("node_modules/@remix-run/serve/dist/cli.js");
const PROXY = path.resolve("scripts/round-robin-proxy.ts");
const PORTS = { static: 3320, sqlite: 3301, proxy: 3310, pgA: 3311, pgB: 3312 };
const PG_DATABASE = "bench_http";
const ENGINEERS = ["aisha.khan", "ben.carter", "olga.ivanova"].map((n) => `${n}@example.com`);
const MANAGERS = ["daniel.kowalski", "sofia.marin", "margaret.okafor"].map((n) => `${n}@example.com`);
const SECRET = crypto.randomBytes(24).toString("hex");

interface Target {
  name: string;
  url: string;
  /** server processes behind the URL (the warm-up sends WARMUP_REQUESTS to each) */
  instances: number;
  /** the request cycle of the i-th connection */
  requestsFor(i: number): Request[];
  /** processes whose CPU time is reported: label → PIDs, read before and after each run */
  processes(): Record<string, number[]>;
}

// ---------------------------------------------------------------------------------------------
// Servers

function serverEnv(port: number, db: { path: string } | { url: string }): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: "127.0.0.1",
    NODE_ENV: "production",
    SESSION_SECRET: SECRET,
  };
  delete env.DATABASE_URL;
  delete env.DATABASE_PATH;
  if ("path" in db) env.DATABASE_PATH = db.path;
  else env.DATABASE_URL = db.url;
  return env;
}

async function remixServe(name: string, port: number, db: { path: string } | { url: string }): Promise<Child> {
  const c = startChild(name, [SERVE, BUILD], serverEnv(port, db), path.join(DIR, `${name}.log`));
  await waitForOk(c, `http://127.0.0.1:${port}/healthz`);
  return c;
}

async function staticServer(bytes: number): Promise<Child> {
  // The same headers a page has that matter here (type, length, keep-alive); the body is fixed.
  const code = `const body = Buffer.alloc(${bytes}, "x"); require("node:http").createServer((req, res) => { req.resume(); req.on("end", () => { res.writeHead(200, { "content-type": "text/html; charset=utf-8", "content-length": body.length }); res.end(body); }); }).listen(${PORTS.static}, "127.0.0.1");`;
  const c = startChild("static", ["-e", code], { ...process.env }, path.join(DIR, "static.log"));
  await waitForOk(c, `http://127.0.0.1:${PORTS.static}/`);
  return c;
}

async function prepareSqlite(): Promise<string> {
  fs.mkdirSync(DIR, { recursive: true });
  const file = path.join(DIR, "http.db");
  for (const s of ["", "-wal", "-shm"]) fs.rmSync(file + s, { force: true });
  const db = openDatabase(file);
  await migrateToLatest(db);
  await seedDemoOnce(db);
  await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(db);
  await db.destroy();
  return file;
}

async function preparePostgres(adminUrl: string): Promise<string> {
  const url = await freshPostgresDatabase(adminUrl, PG_DATABASE);
  onInterrupt(() => dropPostgresDatabase(adminUrl, PG_DATABASE));
  const db = openDatabase(url);
  await migrateToLatest(db);
  await seedDemoOnce(db);
  await db.destroy();
  await vacuumAnalyze(url);
  return url;
}

// ---------------------------------------------------------------------------------------------
// Traffic

async function signIn(base: string, email: string): Promise<string> {
  const r = await fetch(`${base}/login`, {
    method: "POST",
    body: new URLSearchParams({ email, password: DEMO_PASSWORD, redirectTo: "/" }),
    redirect: "manual",
  });
  const cookie = r.headers.getSetCookie().find((c) => c.startsWith("sp_session="));
  if (r.status !== 302 || !cookie)
    throw new Error(`sign-in of ${email} at ${base}: ${r.status} ${(await r.text()).slice(0, 200)}`);
  return cookie.split(";")[0]!;
}

/** A valid "log evidence" form: an incident resolved yesterday at 10:00 (UTC, as datetime-local), submitted. */
function evidenceForm(i: number): string {
  const day = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  return new URLSearchParams({
    kind: "incident",
    title: `Bench incident ${i}`,
    externalRef: `INC9${String(i).padStart(6, "0")}`,
    resolvedAt: `${day}T10:00`,
    priority: "P3",
    workRole: "contributor",
    outcome: "resolved",
    durationMinutes: "45",
    intent: "submit",
  }).toString();
}

const EXPECTED: Record<string, (status: number, headers: Record<string, string | string[]>) => boolean> = {
  "POST /evidence/new": (s, h) => s === 302 && /^\/evidence\/\d+/.test(String(h.location ?? "")),
};
const expected = (label: string, status: number, headers: Record<string, string | string[]>) =>
  (EXPECTED[label] ?? ((s) => s === 200))(status, headers);

/**
 * Per connection: 12 reads (dashboard, evidence list, team page, four times each) and 3 writes, in that
 * rhythm, the i-th connection starting i requests in, so that the mix holds from the first request on even
 * when each connection gets only a few answers in a run.
 */
function appCycle(engineerCookie: string, managerCookie: string, i: number): Request[] {
  const reads: Request[] = [
    { label: "GET /", method: "GET", path: "/", headers: { cookie: engineerCookie } },
    { label: "GET /evidence", method: "GET", path: "/evidence", headers: { cookie: engineerCookie } },
    { label: "GET /team", method: "GET", path: "/team", headers: { cookie: managerCookie } },
  ];
  const write: Request = {
    label: "POST /evidence/new",
    method: "POST",
    path: "/evidence/new",
    headers: { cookie: engineerCookie, "content-type": "application/x-www-form-urlencoded" },
    body: evidenceForm(i),
  };
  const out: Request[] = [];
  for (let r = 0; r < 12; r++) {
    out.push({ ...reads[r % 3]! });
    if (r % 4 === 3) out.push({ ...write });
  }
  const k = i % out.length;
  return [...out.slice(k), ...out.slice(0, k)];
}

async function appTarget(
  name: string,
  url: string,
  instances: number,
  processes: () => Record<string, number[]>,
): Promise<Target> {
  const engineers = await Promise.all(ENGINEERS.map((e) => signIn(url, e)));
  const managers = await Promise.all(MANAGERS.map((e) => signIn(url, e)));
  return {
    name,
    url,
    instances,
    processes,
    requestsFor: (i) => appCycle(engineers[i % engineers.length]!, managers[i % managers.length]!, i),
  };
}

/** One pass over a connection's cycle, checked; returns the mean body size of the cycle's responses. */
async function check(t: Target): Promise<number> {
  let bytes = 0;
  const cycle = t.requestsFor(0);
  for (const r of cycle) {
    const res = await fetch(t.url + r.path, { method: r.method, headers: r.headers, body: r.body, redirect: "manual" });
    const body = await res.text();
    const headers = Object.fromEntries(res.headers.entries());
    if (!expected(String(r.label), res.status, headers))
      throw new Error(`${t.name}: ${r.label} answered ${res.status} ${headers.location ?? ""} ${body.slice(0, 300)}`);
    bytes += Buffer.byteLength(body);
  }
  return Math.round(bytes / cycle.length);
}

interface Run {
  target: string;
  connections: number;
  result: Result;
  byLabel: Map<string, number[]>;
  unexpected: number;
  cpu: Record<string, number>;
  /** CPU of this process (the load generator) and of the whole machine, ms */
  generatorCpu: number;
  machineBusy: number;
  wallMs: number;
  load: string;
}

/** One autocannon run: `seconds` long, or `amount` requests when given (the warm-up). */
async function run(t: Target, connections: number, seconds: number, amount?: number): Promise<Run> {
  const byLabel = new Map<string, number[]>();
  let unexpected = 0;
  let next = 0;
  const procs = t.processes();
  const cpu0 = Object.fromEntries(Object.entries(procs).map(([k, pids]) => [k, pids.map(cpuMsOf)]));
  const machine0 = machineCpu();
  const own0 = process.cpuUsage();
  const wall0 = performance.now();
  const instance = autocannon({
    url: t.url,
    connections,
    ...(amount ? { amount } : { duration: seconds }),
    timeout: TIMEOUT_SECONDS,
    requests: t.requestsFor(0),
    setupClient(client: Client) {
      const requests = t.requestsFor(next++).map((r) => ({
        ...r,
        onResponse: (status: number, _body: string, _ctx: unknown, headers: Record<string, string | string[]>) => {
          if (!expected(String(r.label), status, headers)) unexpected++;
        },
      }));
      client.setRequests(requests);
      // With one request in flight per connection the request answered is still the iterator's current one
      // when "response" is emitted (autocannon's own field, read for the per-route latencies only).
      const iterator = (client as unknown as { requestIterator?: { currentRequest?: { label?: string } } }).requestIterator;
      client.on("response", (_status: number, _bytes: number, ms: number) => {
        const label = iterator?.currentRequest?.label;
        if (!label) return;
        const list = byLabel.get(label) ?? [];
        list.push(ms);
        byLabel.set(label, list);
      });
    },
  });
  const result = await instance;
  const wallMs = performance.now() - wall0;
  const own = process.cpuUsage(own0);
  const machineBusy = machineCpu().busy - machine0.busy;
  const after = t.processes();
  const cpu: Record<string, number> = {};
  for (const [k, pids] of Object.entries(after)) {
    const before = new Map((procs[k] ?? []).map((p, i) => [p, cpu0[k]![i]!]));
    cpu[k] = pids.reduce((s, p) => s + cpuMsOf(p) - (before.get(p) ?? 0), 0);
  }
  return {
    target: t.name,
    connections,
    result,
    byLabel,
    unexpected,
    cpu,
    generatorCpu: (own.user + own.system) / 1000,
    machineBusy,
    wallMs,
    load: loadAverage(),
  };
}

// ---------------------------------------------------------------------------------------------

async function main() {
  if (!fs.existsSync(BUILD)) throw new Error("build/index.js is missing: run `NODE_ENV=production npx remix build` first");
  const { adminUrl } = benchEngines();
  for (const p of Object.values(PORTS)) await assertPortFree(p);
  fs.mkdirSync(DIR, { recursive: true });
  console.log(machineLine());
  console.log(`build: ${BUILD} of ${fs.statSync(BUILD).mtime.toISOString()}; load average at the start: ${loadAverage()}`);
  console.log(
    `runs: ${SECONDS} s each at ${CONNECTIONS.join(" and ")} connections, the targets in turn at each; before them a warm-up of ${WARMUP_REQUESTS} requests per server process at 10 connections; request timeout ${TIMEOUT_SECONDS} s`,
  );

  const targets: Target[] = [];
  const sqliteFile = await prepareSqlite();
  const lite = await remixServe("sqlite", PORTS.sqlite, { path: sqliteFile });
  targets.push(
    await appTarget("SQLite, 1 remix-serve", `http://127.0.0.1:${PORTS.sqlite}`, 1, () => ({ "remix-serve": [lite.pid] })),
  );
  if (adminUrl) {
    const url = await preparePostgres(adminUrl);
    const [a, b] = await Promise.all([remixServe("pg-a", PORTS.pgA, { url }), remixServe("pg-b", PORTS.pgB, { url })]);
    const proxy = startChild(
      "proxy",
      ["--import", "tsx", PROXY, "--port", String(PORTS.proxy), "--targets", `${PORTS.pgA},${PORTS.pgB}`],
      { ...process.env },
      path.join(DIR, "proxy.log"),
    );
    await waitForOk(proxy, `http://127.0.0.1:${PORTS.proxy}/healthz`);
    targets.push(
      await appTarget("PostgreSQL, 2 remix-serve + proxy", `http://127.0.0.1:${PORTS.proxy}`, 2, () => ({
        "remix-serve": [a.pid, b.pid],
        proxy: [proxy.pid],
        postgres: postgresBackends(PG_DATABASE),
      })),
    );
  } else console.log("PostgreSQL: skipped (set DATABASE_URL to a PostgreSQL server URL)");

  const sizes = await Promise.all(targets.map(check));
  const bodyBytes = sizes[0]!;
  console.log(
    `mean response body of the request mix: ${sizes.map((s, i) => `${s} bytes on ${targets[i]!.name}`).join(", ")}; the static server returns ${bodyBytes} bytes`,
  );
  const stat = await staticServer(bodyBytes);
  targets.unshift({
    name: "static node:http baseline",
    url: `http://127.0.0.1:${PORTS.static}`,
    instances: 1,
    requestsFor: () => [{ label: "GET static", method: "GET", path: "/" }],
    processes: () => ({ "node:http": [stat.pid] }),
  });

  const runs: Run[] = [];
  // Warm-up (JIT, caches, pools), then each connection count with the targets in turn, so that what the
  // other jobs on the machine do falls on all targets alike as far as possible.
  for (const t of targets) {
    const w = await run(t, 10, 0, WARMUP_REQUESTS * t.instances);
    console.log(`  warm-up of ${t.name}: ${w.result.requests.total} requests in ${(w.wallMs / 1000).toFixed(1)} s`);
  }
  for (const c of CONNECTIONS) {
    for (const t of targets) {
      const r = await run(t, c, SECONDS);
      runs.push(r);
      console.log(
        `  ${t.name} at ${c} connections: ${r.result.requests.average.toFixed(1)} req/s, p50 ${r.result.latency.p50} ms, p99 ${r.result.latency.p99} ms; load average ${r.load}`,
      );
    }
  }

  const staticRate = (c: number) =>
    runs.find((r) => r.target === targets[0]!.name && r.connections === c)?.result.requests.average ?? NaN;
  console.log("");
  printTable(
    [
      "target",
      "conns",
      "req/s (mean)",
      "requests",
      "p50",
      "p99",
      "errors / timeouts",
      "non-2xx (incl. expected 302)",
      "unexpected status",
      "vs static",
      "CPU ms per request",
      "cores used: target / generator / machine",
      "load average after",
    ],
    runs.map((r) => {
      const n = r.result.requests.total;
      const codes = Object.entries(r.result.statusCodeStats)
        .map(([k, v]) => `${k}: ${v.count}`)
        .join(", ");
      return [
        r.target,
        String(r.connections),
        r.result.requests.average.toFixed(1),
        String(n),
        `${r.result.latency.p50} ms`,
        `${r.result.latency.p99} ms`,
        `${r.result.errors} / ${r.result.timeouts}`,
        `${r.result.non2xx} (${codes})`,
        String(r.unexpected),
        `${((r.result.requests.average / staticRate(r.connections)) * 100).toFixed(1)} %`,
        Object.entries(r.cpu)
          .map(([k, ms]) => `${k} ${(ms / Math.max(1, n)).toFixed(2)}`)
          .join(", "),
        `${(Object.values(r.cpu).reduce((a, b) => a + b, 0) / r.wallMs).toFixed(2)} / ${(r.generatorCpu / r.wallMs).toFixed(2)} / ${(r.machineBusy / r.wallMs).toFixed(2)}`,
        r.load.split(" ").slice(0, 3).join(" "),
      ];
    }),
  );
  console.log("\nper route (latencies autocannon measured, split by the request each connection had in flight):");
  const rows: string[][] = [];
  for (const r of runs) {
    for (const [label, list] of [...r.byLabel].sort()) {
      const s = [...list].sort((a, b) => a - b);
      rows.push([
        r.target,
        String(r.connections),
        label,
        String(list.length),
        `${median(list).toFixed(0)} ms`,
        `${s[Math.min(s.length - 1, Math.ceil(s.length * 0.99) - 1)]!.toFixed(0)} ms`,
      ]);
    }
  }
  printTable(["target", "conns", "route", "responses", "p50", "p99"], rows);
  console.log(`\nload average at the end: ${loadAverage()}`);
}

try {
  await main();
} finally {
  await stopAll();
  const adminUrl = process.env.DATABASE_URL?.trim();
  if (adminUrl)
    await dropPostgresDatabase(adminUrl, PG_DATABASE).catch((e) =>
      console.error(`could not drop ${PG_DATABASE}: ${(e as Error).message}`),
    );
}
