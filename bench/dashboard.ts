// Dashboard benchmark: an engineer with 10,000 evidence items (or a curve of sizes, one engineer each); times the data function the dashboard
// route calls (personProgress with 24 months of history) against one raw SQL aggregate over the same rows
// on the same engine. With DATABASE_URL (a PostgreSQL server URL) the same data, copied from the SQLite
// file in bulk into a fresh database `bench_dashboard`, is measured on PostgreSQL too, side by side.
// Run: npx tsx bench/dashboard.ts   (options: --items=N or --items=1000,10000,100000, --runs=N, --engine=sqlite|postgres)
import path from "node:path";
import { performance } from "node:perf_hooks";
import SQLite from "better-sqlite3";
import { type DB, openDatabase } from "../app/db.server";
import { personMatrix } from "../app/models/scores.server";
import { personProgress } from "../app/services/progress.server";
import { addPersonItems, benchFileWithEngineers, rebuildBuckets } from "./person-data";
import {
  ENGINE_LABEL,
  type EngineName,
  benchEngines,
  dropPostgresDatabase,
  loadAverage,
  machineLine,
  median,
  p95,
  postgresCopyOf,
  printTable,
  rawPostgres,
  vacuumAnalyze,
} from "./lib/engines";
import { backendCpu, backendCpuSince } from "./lib/cpu";

const PG_DATABASE = "bench_dashboard";
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;

function arg(name: string, fallback: number): number {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit ? Number(hit.split("=")[1]) : fallback;
}

/** `--items=10000` or a curve, `--items=1000,10000,100000`: one engineer per size in the same database. */
const SIZES = (process.argv.find((a) => a.startsWith("--items="))?.slice("--items=".length) ?? "10000")
  .split(",")
  .map((x) => Number(x.replace(/_/g, "")))
  .filter((n) => Number.isInteger(n) && n > 0);
const RUNS = Math.max(30, arg("runs", 50));
const WARMUP = 5;
const DIR = path.resolve("bench/.tmp");
const FILE = path.join(DIR, "dashboard.db");

const ms = (n: number) => `${n.toFixed(2)} ms`;

/**
 * The bench database: one engineer per size, their items generated in bulk (bench/person-data.ts: the app's
 * mapping engine and adjustments, raw inserts in one transaction) and the buckets computed once afterwards.
 */
async function build() {
  const { db, now, rules, people } = await benchFileWithEngineers(FILE, SIZES, { email: "bench", name: "Bench Engineer" });
  await db.destroy();
  const t0 = performance.now();
  for (const p of people) addPersonItems(FILE, p.personId, p.items, rules, now);
  const insertMs = performance.now() - t0;
  const t1 = performance.now();
  await rebuildBuckets(FILE);
  const rebuildMs = performance.now() - t1;
  return { people, insertMs, rebuildMs, buildMs: performance.now() - t0 };
}

const AGGREGATE_SQL =
  "SELECT skill_key, substr(resolved_at, 1, 7) AS month, sum(points) AS points, count(DISTINCT evidence_id) AS items FROM contributions WHERE person_id = ? GROUP BY 1, 2";
// The shape of the dashboard's read of its stored buckets (app/models/skill-months.server.ts personBuckets).
const BUCKETS_SQL =
  "SELECT skill_key, month, verified_points, self_points, items, verified_items, last_at FROM skill_months WHERE person_id = ? ORDER BY skill_key, month";

/** The raw-SQL side of one engine: the aggregate baseline (its row count) and the plan of the buckets read. */
interface RawQueries {
  aggregate(personId: number): Promise<number>;
  plan(personId: number): Promise<string>;
  close(): Promise<void>;
}

function sqliteRaw(file: string): RawQueries {
  const raw = new SQLite(file, { readonly: true });
  const aggregate = raw.prepare(AGGREGATE_SQL);
  return {
    aggregate: async (id) => aggregate.all(id).length,
    plan: async (id) =>
      (raw.prepare(`EXPLAIN QUERY PLAN ${BUCKETS_SQL}`).all(id) as { detail: string }[]).map((p) => p.detail).join(" | "),
    close: async () => {
      raw.close();
    },
  };
}

async function postgresRaw(url: string): Promise<RawQueries> {
  const client = await rawPostgres(url);
  const dollar = (q: string) => q.replace("?", "$1");
  return {
    // A named statement: parsed and planned once, as better-sqlite3's prepared one.
    aggregate: async (id) =>
      (await client.query({ name: "dashboard_aggregate", text: dollar(AGGREGATE_SQL), values: [id] })).rowCount ?? 0,
    plan: async (id) =>
      (await client.query<{ "QUERY PLAN": string }>(`EXPLAIN ${dollar(BUCKETS_SQL).replace("$1", String(Number(id)))}`)).rows
        .map((r) => r["QUERY PLAN"].trim())
        .join(" | "),
    close: () => client.end(),
  };
}

interface EngineResult {
  engine: EngineName;
  service: number[];
  raw: number[];
  /** CPU per call of this process plus, on PostgreSQL, the server backends of the bench database */
  serviceCpu: number[];
  rawCpu: number[];
  reference: number[];
  rows: number;
  plan: string;
  same: boolean;
  summary: string;
  loadBefore: string;
  loadAfter: string;
}

/** The measured loop, the same on both engines: personProgress, the raw aggregate and personMatrix, interleaved. */
async function measure(engine: EngineName, db: DB, raw: RawQueries, personId: number): Promise<EngineResult> {
  const now = new Date();
  let check: Awaited<ReturnType<typeof personProgress>> = null;
  for (let i = 0; i < WARMUP; i++) {
    check = await personProgress(db, personId, now, { withHistory: true });
    await raw.aggregate(personId);
  }
  if (!check || check.history.length !== 24 || check.scores.length === 0)
    throw new Error(`${engine}: personProgress returned no data`);
  if (!check.nextSteps.length) throw new Error(`${engine}: expected gaps and next steps for the benchmark person`);
  // The stored buckets must give exactly what the per-item aggregate over contributions (personMatrix) gives.
  const ref = await personMatrix(db, personId, now, true);
  const same =
    JSON.stringify(ref.scores) === JSON.stringify(check.scores) && JSON.stringify(ref.history) === JSON.stringify(check.history);
  const r: EngineResult = {
    engine,
    service: [],
    raw: [],
    serviceCpu: [],
    rawCpu: [],
    reference: [],
    rows: 0,
    plan: await raw.plan(personId),
    same,
    summary: `${check.targetReadiness?.gaps.length ?? 0} gap(s) for ${check.target?.name}, ${check.nextSteps.reduce((n, s) => n + s.steps.length, 0)} next steps`,
    loadBefore: loadAverage(),
    loadAfter: "",
  };
  // Interleaved, so all series see the same machine load. CPU: this process's, plus on PostgreSQL the
  // server backends' from /proc (10 ms ticks: only the mean over the runs is printed).
  const backends = () => (engine === "postgres" ? backendCpu(PG_DATABASE) : new Map<number, number>());
  const backendsSince = (b: Map<number, number>) => (engine === "postgres" ? backendCpuSince(PG_DATABASE, b) : 0);
  for (let i = 0; i < RUNS; i++) {
    let b = backends();
    let t = performance.now();
    let c = process.cpuUsage();
    await personProgress(db, personId, now, { withHistory: true });
    r.service.push(performance.now() - t);
    r.serviceCpu.push(cpuMs(process.cpuUsage(c)) + backendsSince(b));
    b = backends();
    t = performance.now();
    c = process.cpuUsage();
    r.rows = await raw.aggregate(personId);
    r.raw.push(performance.now() - t);
    r.rawCpu.push(cpuMs(process.cpuUsage(c)) + backendsSince(b));
    // For comparison: computing the buckets from the contributions instead (skillBuckets via personMatrix).
    t = performance.now();
    await personMatrix(db, personId, now, true);
    r.reference.push(performance.now() - t);
  }
  r.loadAfter = loadAverage();
  return r;
}

async function loadPostgres(adminUrl: string): Promise<{ url: string; note: string }> {
  const t0 = performance.now();
  const { url, copied } = await postgresCopyOf(adminUrl, PG_DATABASE, FILE);
  await vacuumAnalyze(url);
  const rows = Object.values(copied).reduce((a, b) => a + b, 0);
  return {
    url,
    note: `copied ${rows.toLocaleString("en")} rows from the SQLite file in ${((performance.now() - t0) / 1000).toFixed(1)} s (unnest, one transaction), then VACUUM ANALYZE`,
  };
}

async function main() {
  const { engines, adminUrl } = benchEngines();
  const built = await build();
  const info = new SQLite(FILE, { readonly: true });
  const countsOf = info.prepare(
    "SELECT (SELECT count(*) FROM evidence WHERE person_id = ?) AS items, (SELECT count(*) FROM contributions WHERE person_id = ?) AS contributions, (SELECT count(DISTINCT a.evidence_id) FROM adjustments a JOIN evidence e ON e.id = a.evidence_id WHERE e.person_id = ?) AS adjusted, (SELECT count(*) FROM skill_months WHERE person_id = ?) AS buckets",
  );
  const sizes = built.people.map((p) => ({
    ...p,
    ...(countsOf.get(p.personId, p.personId, p.personId, p.personId) as {
      items: number;
      contributions: number;
      adjusted: number;
      buckets: number;
    }),
  }));
  info.close();
  console.log(machineLine());
  for (const c of sizes)
    console.log(
      `data: ${c.items} evidence items, ${c.contributions} contributions, ${c.adjusted} items adjusted, ${c.buckets} skill_months rows for one person`,
    );
  console.log(
    `generated in bulk in ${(built.buildMs / 1000).toFixed(1)} s (rows ${(built.insertMs / 1000).toFixed(1)} s, then one rebuildSkillMonths ${(built.rebuildMs / 1000).toFixed(1)} s; bench/person-data.ts)`,
  );
  console.log(
    `runs: ${RUNS} after ${WARMUP} warm-up per engine and size; engines: ${engines.map((e) => ENGINE_LABEL[e]).join(", ")}${adminUrl ? "" : " (set DATABASE_URL to a PostgreSQL server URL for PostgreSQL too)"}`,
  );

  const results: (EngineResult & { items: number })[] = [];
  for (const engine of engines) {
    let location = FILE;
    if (engine === "postgres") {
      const loaded = await loadPostgres(adminUrl!);
      location = loaded.url;
      console.log(`PostgreSQL: ${loaded.note}`);
    }
    const db = openDatabase(location);
    const raw = engine === "sqlite" ? sqliteRaw(FILE) : await postgresRaw(location);
    try {
      for (const s of sizes) results.push({ ...(await measure(engine, db, raw, s.personId)), items: s.items });
    } finally {
      await raw.close();
      await db.destroy();
    }
    if (engine === "postgres") await dropPostgresDatabase(adminUrl!, PG_DATABASE);
  }

  type Result = (typeof results)[number];
  const col = (f: (r: Result) => string) => results.map(f);
  const smallest = (r: Result) => results.find((x) => x.engine === r.engine)!;
  const ok = (r: Result) => r.same && median(r.service) <= 25 && median(r.service) / median(r.raw) <= 3;
  console.log(`\ndashboard: ${results.map((r) => `${ENGINE_LABEL[r.engine]} ${r.items}: ${r.summary}`).join("; ")}`);
  printTable(
    ["measure", ...results.map((r) => `${ENGINE_LABEL[r.engine]} ${r.items.toLocaleString("en")}`)],
    [
      ["personProgress (withHistory, 24 months) median", ...col((r) => ms(median(r.service)))],
      ["personProgress p95 / min", ...col((r) => `${ms(p95(r.service))} / ${ms(Math.min(...r.service))}`)],
      ["raw SQL aggregate over the person's contributions, median", ...col((r) => `${ms(median(r.raw))} (${r.rows} rows)`)],
      ["ratio personProgress / raw aggregate (medians)", ...col((r) => `${(median(r.service) / median(r.raw)).toFixed(2)}×`)],
      [
        "growth: personProgress median / smallest size's, against items / smallest's",
        ...col(
          (r) =>
            `${(median(r.service) / median(smallest(r).service)).toFixed(2)}× / ${(r.items / smallest(r).items).toFixed(0)}×`,
        ),
      ],
      [
        "CPU per call, Node process + PostgreSQL backends (parallel workers not seen): personProgress / raw, means",
        ...col((r) => `${ms(mean(r.serviceCpu))} / ${ms(mean(r.rawCpu))}`),
      ],
      ["for comparison: personMatrix (per-item aggregate) median", ...col((r) => ms(median(r.reference)))],
      ["personProgress equals personMatrix (scores, history)", ...col((r) => (r.same ? "yes" : "NO"))],
      ["targets: median ≤ 25 ms and ≤ 3× raw", ...col((r) => (ok(r) ? "PASS" : "MISS"))],
      ["load average before → after the runs", ...col((r) => `${r.loadBefore.split(" ")[0]} → ${r.loadAfter.split(" ")[0]}`)],
    ],
  );
  for (const r of results)
    console.log(`plan of the dashboard's read of its stored buckets on ${ENGINE_LABEL[r.engine]} (${r.items} items): ${r.plan}`);
  console.log(`load average at the end: ${loadAverage()}`);
  if (!results.every(ok)) process.exitCode = 1;
}

await main();
