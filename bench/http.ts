// HTTP benchmark: signed-in traffic against `npm start`'s server (build/server/, made beforehand with
// `npm run build`), with autocannon. For each server — one worker, then one worker per core — four runs
// at each connection count: GET /healthz (Remix without a session), the engineers' dashboard alone, and
// the signed-in mix (dashboard, evidence list, item pages, the managers' team view, 10 % writes: an
// engineer logging an item, answered by a redirect to it), beside a bare node:http server returning a
// body of the mix's mean size (the machine's and the load generator's ceiling), all in the same run.
// Six demo engineers and three managers are signed in once per server. With DATABASE_URL (a PostgreSQL
// server URL) the same again on a PostgreSQL database `bench_http`. Every process is stopped by its PID.
// Run: npm run bench:http   (options: --seconds=30 per run, --connections=200 (comma-separated list),
// --warmup=300 requests per worker before a server's first run, --timeout=10 s per request, --engines=sqlite)
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon, { type Client, type Request, type Result } from "autocannon";
import { openDatabase } from "../app/db.server";
import { migrateToLatest } from "../db/migrate";
import { seedDemoOnce } from "../seeds/index";
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
import { csrfTokenFor } from "../test/support/csrf";
import { cpuMsOf, machineCpu, postgresBackends } from "./lib/cpu";
import { BUILD, SERVER_ARGS, prepareDemoSqlite, signIn } from "./lib/demo-server";
import { type Child, assertPortFree, childPids, onInterrupt, startChild, stopAll, stopChild, waitForOk } from "./lib/processes";

function arg(name: string, fallback: string): string {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit ? hit.slice(name.length + 3) : fallback;
}

const SECONDS = Number(arg("seconds", "30"));
const CONNECTIONS = arg("connections", "200").split(",").map(Number);
const WARMUP_REQUESTS = Number(arg("warmup", "300"));
const TIMEOUT_SECONDS = Number(arg("timeout", "10"));
const DIR = path.resolve("bench/.tmp/http");
const PORTS = { static: 3320, app: 3301 };
const PG_DATABASE = "bench_http";
const ENGINEERS = ["aisha.khan", "ben.carter", "olga.ivanova", "lukasz.nowak", "mei.lin", "tom.becker"].map(
  (n) => `${n}@example.com`,
);
const MANAGERS = ["daniel.kowalski", "sofia.marin", "margaret.okafor"].map((n) => `${n}@example.com`);
const SECRET = crypto.randomBytes(24).toString("hex");
const CORES = os.availableParallelism();

type Db = { path: string } | { url: string };
interface Signed {
  engineers: { cookie: string; items: number[] }[];
  managers: string[];
}

// ---------------------------------------------------------------------------------------------
// Servers

function serverEnv(workers: number, db: Db): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(PORTS.app),
    HOST: "127.0.0.1",
    NODE_ENV: "production",
    SESSION_SECRET: SECRET,
    WEB_CONCURRENCY: String(workers),
  };
  delete env.DATABASE_URL;
  delete env.DATABASE_PATH;
  if ("path" in db) env.DATABASE_PATH = db.path;
  else env.DATABASE_URL = db.url;
  return env;
}

/** The primary's worker processes (their CPU is the server's; the primary's is counted too). */
const workersOf = childPids;

function rssMb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

async function appServer(name: string, workers: number, db: Db): Promise<Child> {
  const c = startChild(name, SERVER_ARGS, serverEnv(workers, db), path.join(DIR, `${name}.log`));
  await waitForOk(c, `http://127.0.0.1:${PORTS.app}/healthz`);
  // every worker listening (the first answer may come before the last worker is up)
  while (workersOf(c.pid).length < workers || !fs.readFileSync(c.log, "utf8").includes("SupportPath on"))
    await new Promise((r) => setTimeout(r, 100));
  return c;
}

async function staticServer(bytes: number): Promise<Child> {
  // The same headers a page has that matter here (type, length, keep-alive); the body is fixed.
  const code = `const body = Buffer.alloc(${bytes}, "x"); require("node:http").createServer((req, res) => { req.resume(); req.on("end", () => { res.writeHead(200, { "content-type": "text/html; charset=utf-8", "content-length": body.length }); res.end(body); }); }).listen(${PORTS.static}, "127.0.0.1");`;
  const c = startChild("static", ["-e", code], { ...process.env }, path.join(DIR, "static.log"));
  await waitForOk(c, `http://127.0.0.1:${PORTS.static}/`);
  return c;
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

async function signInAll(base: string, db: Db): Promise<Signed> {
  const handle = openDatabase("path" in db ? db.path : db.url);
  try {
    const engineers = [];
    for (const email of ENGINEERS) {
      const items = await handle
        .selectFrom("evidence")
        .innerJoin("people", "people.id", "evidence.person_id")
        .where("people.email", "=", email)
        .select("evidence.id")
        .orderBy("evidence.id")
        .limit(8)
        .execute();
      engineers.push({ cookie: await signIn(base, email), items: items.map((i) => i.id) });
    }
    return { engineers, managers: await Promise.all(MANAGERS.map((e) => signIn(base, e))) };
  } finally {
    await handle.destroy();
  }
}

// ---------------------------------------------------------------------------------------------
// Traffic

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

const isWrite = (label: string) => label.startsWith("POST");
const expectedStatus = (label: string, status: number, headers: Record<string, string | string[]>) =>
  isWrite(label) ? status === 302 && /^\/evidence\/\d+/.test(String(headers.location ?? "")) : status === 200;

type Workload = "healthz" | "dashboard" | "mix";

/**
 * The i-th connection's cycle. The mix: ten requests, one a write (10 %): the dashboard twice, the
 * evidence list twice, an item page three times, the team view twice (a manager), one new item; the
 * i-th connection starts i requests in, so the mix holds from the first request on.
 */
function cycle(w: Workload, s: Signed, i: number): Request[] {
  if (w === "healthz") return [{ label: "GET /healthz", method: "GET", path: "/healthz" }];
  const e = s.engineers[i % s.engineers.length]!;
  const home: Request = { label: "GET /", method: "GET", path: "/", headers: { cookie: e.cookie } };
  if (w === "dashboard") return [home];
  const m = s.managers[i % s.managers.length]!;
  const item = (k: number): Request => ({
    label: "GET /evidence/:id",
    method: "GET",
    path: `/evidence/${e.items[(i + k) % e.items.length]}`,
    headers: { cookie: e.cookie },
  });
  const list: Request = { label: "GET /evidence", method: "GET", path: "/evidence", headers: { cookie: e.cookie } };
  const team: Request = { label: "GET /team", method: "GET", path: "/team", headers: { cookie: m } };
  const write: Request = {
    label: "POST /evidence/new",
    method: "POST",
    path: "/evidence/new",
    headers: {
      cookie: e.cookie,
      "content-type": "application/x-www-form-urlencoded",
      // what the app's form sends (ADR 013): its origin and the session's anti-CSRF token
      origin: `http://127.0.0.1:${PORTS.app}`,
      "x-csrf-token": csrfTokenFor(e.cookie, SECRET)!,
    },
    body: evidenceForm(i),
  };
  const out = [home, list, item(0), team, item(1), home, list, item(2), team, write];
  const k = i % out.length;
  return [...out.slice(k), ...out.slice(0, k)];
}

interface Run {
  server: string;
  workload: string;
  connections: number;
  result: Result;
  byLabel: Map<string, number[]>;
  unexpected: number;
  /** server CPU ms (primary + workers; + PostgreSQL backends) */
  cpu: number;
  generatorCpu: number;
  machineBusy: number;
  wallMs: number;
  load: string;
}

async function run(
  server: string,
  workload: string,
  url: string,
  requestsFor: (i: number) => Request[],
  pids: () => number[],
  connections: number,
  seconds: number,
  amount?: number,
): Promise<Run> {
  const byLabel = new Map<string, number[]>();
  let unexpected = 0;
  let next = 0;
  const before = new Map(pids().map((p) => [p, cpuMsOf(p)]));
  const machine0 = machineCpu();
  const own0 = process.cpuUsage();
  const wall0 = performance.now();
  const result = await autocannon({
    url,
    connections,
    ...(amount ? { amount } : { duration: seconds }),
    timeout: TIMEOUT_SECONDS,
    requests: requestsFor(0),
    setupClient(client: Client) {
      const requests = requestsFor(next++).map((r) => ({
        ...r,
        onResponse: (status: number, _body: string, _ctx: unknown, headers: Record<string, string | string[]>) => {
          if (!expectedStatus(String(r.label), status, headers)) unexpected++;
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
  const wallMs = performance.now() - wall0;
  const own = process.cpuUsage(own0);
  const cpu = pids().reduce((s, p) => s + cpuMsOf(p) - (before.get(p) ?? 0), 0);
  return {
    server,
    workload,
    connections,
    result,
    byLabel,
    unexpected,
    cpu,
    generatorCpu: (own.user + own.system) / 1000,
    machineBusy: machineCpu().busy - machine0.busy,
    wallMs,
    load: loadAverage(),
  };
}

const p99 = (list: number[]) => {
  const s = [...list].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(s.length * 0.99) - 1)] ?? NaN;
};

// ---------------------------------------------------------------------------------------------

async function main() {
  if (!fs.existsSync(BUILD) || !fs.existsSync(SERVER_ARGS[0]!)) throw new Error("no build: run `npm run build` first");
  const { adminUrl } = benchEngines();
  const only = arg("engines", "");
  for (const p of Object.values(PORTS)) await assertPortFree(p);
  fs.mkdirSync(DIR, { recursive: true });
  console.log(machineLine());
  console.log(`build: ${BUILD} of ${fs.statSync(BUILD).mtime.toISOString()}; load average at the start: ${loadAverage()}`);
  console.log(
    `runs: ${SECONDS} s each at ${CONNECTIONS.join(" and ")} connections; before a server's first run a warm-up of ${WARMUP_REQUESTS} requests per worker of the mix at 10 connections; request timeout ${TIMEOUT_SECONDS} s`,
  );

  const dbs: { engine: string; db: Db }[] = [];
  if (!only || only.includes("sqlite"))
    dbs.push({ engine: "SQLite", db: { path: await prepareDemoSqlite(path.join(DIR, "http.db")) } });
  if (adminUrl && (!only || only.includes("postgres")))
    dbs.push({ engine: "PostgreSQL", db: { url: await preparePostgres(adminUrl) } });
  else if (!adminUrl) console.log("PostgreSQL: skipped (set DATABASE_URL to a PostgreSQL server URL)");

  const runs: Run[] = [];
  const memory: string[][] = [];
  let stat: Child | null = null;
  const base = `http://127.0.0.1:${PORTS.app}`;
  for (const { engine, db } of dbs) {
    for (const workers of [...new Set([1, CORES])]) {
      const name = `${engine}, ${workers} worker${workers > 1 ? "s" : ""}`;
      const server = await appServer(name.replace(/\W+/g, "-"), workers, db);
      const pids = () => [server.pid, ...workersOf(server.pid), ...("url" in db ? postgresBackends(PG_DATABASE) : [])];
      const signed = await signInAll(base, db);
      if (!stat) {
        // the static baseline returns the mean body of the mix (checked here, one pass)
        let bytes = 0;
        const c = cycle("mix", signed, 0);
        for (const r of c) {
          const res = await fetch(base + r.path, { method: r.method, headers: r.headers, body: r.body, redirect: "manual" });
          const body = await res.text();
          if (!expectedStatus(String(r.label), res.status, Object.fromEntries(res.headers.entries())))
            throw new Error(`${r.label} ${r.path} answered ${res.status}: ${body.slice(0, 300)}`);
          bytes += Buffer.byteLength(body);
        }
        stat = await staticServer(Math.round(bytes / c.length));
        console.log(`mean response body of the mix: ${Math.round(bytes / c.length)} bytes (the static server's body)`);
      }
      const w = await run(name, "warm-up", base, (i) => cycle("mix", signed, i), pids, 10, 0, WARMUP_REQUESTS * workers);
      console.log(`  warm-up of ${name}: ${w.result.requests.total} requests in ${(w.wallMs / 1000).toFixed(1)} s`);
      for (const c of CONNECTIONS) {
        if (workers === 1 && engine === dbs[0]!.engine) {
          const st = stat;
          const r = await run(
            "static node:http",
            "GET static",
            `http://127.0.0.1:${PORTS.static}`,
            () => [{ method: "GET", path: "/", label: "GET static" }],
            () => [st.pid],
            c,
            SECONDS,
          );
          runs.push(r);
          console.log(`  static at ${c}: ${r.result.requests.average.toFixed(0)} req/s`);
        }
        for (const workload of ["healthz", "dashboard", "mix"] as const) {
          const r = await run(name, workload, base, (i) => cycle(workload, signed, i), pids, c, SECONDS);
          runs.push(r);
          console.log(
            `  ${name}, ${workload} at ${c}: ${r.result.requests.average.toFixed(1)} req/s, p99 ${r.result.latency.p99} ms, ${r.result.errors} errors, ${r.result.timeouts} timeouts; load ${r.load.split(" ").slice(0, 3).join(" ")}`,
          );
        }
      }
      const procs = [server.pid, ...workersOf(server.pid)];
      memory.push([
        name,
        `${rssMb(procs[0]!).toFixed(0)} MB`,
        procs
          .slice(1)
          .map((p) => `${rssMb(p).toFixed(0)}`)
          .join(" + ") + " MB",
      ]);
      await stopChild(server);
    }
  }

  console.log("");
  const rate = (server: string, workload: string, c: number) =>
    runs.find((r) => r.server === server && r.workload === workload && r.connections === c)?.result.requests.average ?? NaN;
  printTable(
    [
      "server",
      "workload",
      "conns",
      "req/s",
      "p50",
      "p99",
      "errors / timeouts",
      "unexpected status",
      "vs /healthz (same server)",
      "vs static",
      "server CPU ms per request",
      "cores: server / generator / machine",
      "load average after",
    ],
    runs.map((r) => {
      const n = r.result.requests.total;
      const avg = r.result.requests.average;
      return [
        r.server,
        r.workload,
        String(r.connections),
        avg.toFixed(1),
        `${r.result.latency.p50} ms`,
        `${r.result.latency.p99} ms`,
        `${r.result.errors} / ${r.result.timeouts}`,
        String(r.unexpected),
        r.workload === "GET static" ? "" : `${((avg / rate(r.server, "healthz", r.connections)) * 100).toFixed(1)} %`,
        `${((avg / rate("static node:http", "GET static", r.connections)) * 100).toFixed(1)} %`,
        (r.cpu / Math.max(1, n)).toFixed(2),
        `${(r.cpu / r.wallMs).toFixed(2)} / ${(r.generatorCpu / r.wallMs).toFixed(2)} / ${(r.machineBusy / r.wallMs).toFixed(2)}`,
        r.load.split(" ").slice(0, 3).join(" "),
      ];
    }),
  );
  console.log("\nper route in the mix (latencies autocannon measured, split by the request each connection had in flight):");
  const rows: string[][] = [];
  for (const r of runs.filter((x) => x.workload === "mix")) {
    for (const [label, list] of [...r.byLabel].sort()) {
      rows.push([
        r.server,
        String(r.connections),
        label,
        String(list.length),
        `${median(list).toFixed(0)} ms`,
        `${p99(list).toFixed(0)} ms`,
      ]);
    }
  }
  printTable(["server", "conns", "route", "responses", "p50", "p99"], rows);
  console.log("\nresident memory after the runs:");
  printTable(["server", "primary", "workers"], memory);
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
