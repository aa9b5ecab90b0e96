// Import benchmark: the real ServiceNow event log (5,998 events) and generated logs of the full dataset's size
// (141,712 events) and, on request, of a million events, each imported end to end (parse + preview + write) as
// the admin into a fresh migrated database
// with the demo people, against a raw bulk insert of the same evidence rows on the same engine (SQLite: one
// prepared better-sqlite3 statement in one transaction; PostgreSQL: unnest, 10,000 rows a statement, one
// transaction). With DATABASE_URL (a PostgreSQL server URL) it runs on SQLite, then on PostgreSQL in fresh
// `bench_import_*` databases, and prints both side by side. Then the scaling curve: time, events/s and the growth
// from one size to the next against the growth of the data (none should grow faster than its data).
// Run: npx tsx bench/import.ts   (options: --sizes=6k,140k[,1m] (events; "6k" is the real log, others generated;
// default 6k,140k: 1m takes minutes and ~3 GB), --runs=N, --dataset=path, --engine=sqlite|postgres)
import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import SQLite from "better-sqlite3";
import type { CurrentUser } from "../app/auth/session.server";
import { type DB, openDatabase } from "../app/db.server";
import { toColumns } from "../app/models/evidence.server";
import { applyBatch } from "../app/services/import-batch.server";
import { batchFor, previewOf, previewUpload } from "../app/services/import.server";
import { migrateToLatest } from "../db/migrate";
import { ensureCatalog } from "../seeds/catalog";
import { seedPeople } from "../seeds/people";
import {
  ENGINE_LABEL,
  type EngineName,
  benchEngines,
  columnTypes,
  dropPostgresDatabase,
  freshPostgresDatabase,
  insertUnnest,
  loadAverage,
  machineLine,
  median,
  printTable,
  rawPostgres,
} from "./lib/engines";
import { backendCpu } from "./lib/cpu";
import { datasetPath, generateLog } from "./import-log";

function arg(name: string, fallback: string): string {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit ? hit.slice(name.length + 3) : fallback;
}

const DATASET = path.resolve(arg("dataset", datasetPath()));
/** "6k" is the real log as it is; "140k" the full dataset's 141,712 events; other sizes are generated */
const SIZES = arg("sizes", "6k,140k")
  .split(",")
  .map((s) => s.trim().toLowerCase())
  .filter(Boolean);
function eventsOf(size: string): number | null {
  if (size === "6k") return null;
  if (size === "140k") return 141_712;
  const m = /^(\d+(?:\.\d+)?)([km]?)$/.exec(size);
  if (!m) throw new Error(`--sizes: cannot read "${size}"`);
  return Math.round(Number(m[1]) * (m[2] === "m" ? 1_000_000 : m[2] === "k" ? 1000 : 1));
}
// The 1M-event log is ~320 MB: over the upload limit, which is about HTTP uploads, not this in-process import.
process.env.IMPORT_MAX_MB ??= "2048";
const RUNS = Math.max(1, Number(arg("runs", "3")));
const DIR = path.resolve("bench/.tmp/import");
const PG_TEMPLATE = "bench_import_template";

/** The catalog and the demo people (no evidence), what every import starts from. */
async function prepare(db: DB) {
  await migrateToLatest(db);
  await ensureCatalog(db);
  await db.transaction().execute((tx) => seedPeople(tx, "bench-no-login", new Date()));
}

/** Where fresh databases come from on one engine. */
interface Engine {
  name: EngineName;
  /** a fresh migrated database with the catalog and the demo people: a SQLite file or a PostgreSQL URL */
  fresh(name: string): Promise<string>;
  created: string[];
}

function sqliteEngine(): Engine {
  return {
    name: "sqlite",
    created: [],
    async fresh(name) {
      fs.mkdirSync(DIR, { recursive: true });
      const file = path.join(DIR, `${name}.db`);
      for (const s of ["", "-wal", "-shm"]) fs.rmSync(file + s, { force: true });
      const db = openDatabase(file);
      await prepare(db);
      await db.destroy();
      return file;
    },
  };
}

/** A template database prepared once; each fresh database is a clone of it (CREATE DATABASE … TEMPLATE). */
async function postgresEngine(adminUrl: string): Promise<Engine> {
  const url = await freshPostgresDatabase(adminUrl, PG_TEMPLATE);
  const db = openDatabase(url);
  await prepare(db);
  await db.destroy();
  const engine: Engine = {
    name: "postgres",
    created: [PG_TEMPLATE],
    async fresh(name) {
      const db = `bench_${name.replace(/-/g, "_")}`;
      if (!engine.created.includes(db)) engine.created.push(db);
      return freshPostgresDatabase(adminUrl, db, PG_TEMPLATE);
    },
  };
  return engine;
}

async function adminOf(db: DB): Promise<CurrentUser> {
  const admin = await db.selectFrom("people").selectAll().where("email", "=", "admin@example.com").executeTakeFirstOrThrow();
  return { ...admin, session_id: "bench" };
}

interface Timing {
  total: number;
  /** CPU time of this process (user + system), less disturbed than wall time on a shared machine */
  cpu: number;
  /** on PostgreSQL, CPU time of the server backends of the import's database (0 on SQLite) */
  serverCpu: number;
  upload: number;
  preview: number;
  write: number;
  created: number;
  tickets: number;
  rows: number;
  location: string;
}

async function importOnce(engine: Engine, name: string, bytes: Uint8Array): Promise<Timing> {
  const location = await engine.fresh(name);
  const db = openDatabase(location);
  const user = await adminOf(db);
  const database = engine.name === "postgres" ? new URL(location).pathname.slice(1) : null;
  const server0 = database ? backendCpu(database) : new Map<number, number>();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const uploaded = await previewUpload(db, user, { filename: `${name}.csv`, bytes }, new Date());
  if (uploaded.kind !== "ok") throw new Error(JSON.stringify(uploaded));
  const up = uploaded.value;
  const t1 = performance.now();
  const batch = (await batchFor(db, user, up.batchId))!;
  const view = await previewOf(db, batch);
  const t2 = performance.now();
  const applied = await applyBatch(db, user, up.batchId, new Date());
  if (applied.kind !== "ok") throw new Error(JSON.stringify(applied));
  const t3 = performance.now();
  const c = process.cpuUsage(c0);
  let serverCpu = 0;
  if (database) for (const [pid, ms] of backendCpu(database)) serverCpu += ms - (server0.get(pid) ?? 0);
  const b = await db.selectFrom("import_batches").selectAll().where("id", "=", up.batchId).executeTakeFirstOrThrow();
  await db.destroy();
  return {
    total: t3 - t0,
    cpu: (c.user + c.system) / 1000,
    serverCpu,
    upload: t1 - t0,
    preview: t2 - t1,
    write: t3 - t2,
    created: b.items_created,
    tickets: view!.itemCount,
    rows: b.rows_read,
    location,
  };
}

/** The evidence columns the raw insert writes (those an item has, plus the import's bookkeeping). */
const RAW_COLUMNS = Object.keys(
  toColumns({
    kind: "",
    title: "",
    externalRef: null,
    startedAt: null,
    resolvedAt: "",
    priority: null,
    impact: null,
    workRole: null,
    outcome: null,
    afterHours: false,
    afterHoursMinutes: 0,
    durationMinutes: 0,
    emergency: false,
    addsFunctionality: false,
    fixesSlowness: false,
    reassignmentCount: 0,
    reopenCount: 0,
    problemRef: null,
    changeRef: null,
    resolutionCode: null,
    notes: null,
    links: [],
  }),
).concat(["person_id", "source", "import_key", "status", "created_at", "updated_at"]);

/** The same evidence rows written by raw SQL in one transaction, no app code: the engine's fast path. */
async function rawInsert(engine: Engine, imported: string, name: string): Promise<{ ms: number; rows: number }> {
  const cols = RAW_COLUMNS;
  const target = await engine.fresh(name);
  if (engine.name === "postgres") {
    const src = await rawPostgres(imported);
    const rows = (await src.query({ text: `SELECT ${cols.join(", ")} FROM evidence ORDER BY id`, rowMode: "array" }))
      .rows as unknown[][];
    await src.end();
    const client = await rawPostgres(target);
    try {
      const typeOf = new Map((await columnTypes(client, "evidence")).map((c) => [c.name, c.type]));
      const t0 = performance.now();
      await client.query("BEGIN");
      await insertUnnest(
        client,
        "evidence",
        cols,
        cols.map((c) => typeOf.get(c)!),
        rows,
      );
      await client.query("COMMIT");
      return { ms: performance.now() - t0, rows: rows.length };
    } finally {
      await client.end();
    }
  }
  const src = new SQLite(imported, { readonly: true });
  const rows = src.prepare("SELECT * FROM evidence ORDER BY id").all() as Record<string, unknown>[];
  src.close();
  const db = new SQLite(target);
  db.pragma("journal_mode = WAL");
  db.pragma("foreign_keys = ON");
  db.pragma("synchronous = NORMAL");
  const stmt = db.prepare(`INSERT INTO evidence (${cols.join(", ")}) VALUES (${cols.map((c) => "@" + c).join(", ")})`);
  const values = rows.map((r) => Object.fromEntries(cols.map((c) => [c, r[c]])));
  const t0 = performance.now();
  db.transaction(() => {
    for (const v of values) stmt.run(v);
  })();
  const t = performance.now() - t0;
  db.close();
  return { ms: t, rows: values.length };
}

interface ScenarioResult {
  engine: EngineName;
  label: string;
  size: string;
  bytes: number;
  runs: Timing[];
  total: number;
  raw: number;
  rawRows: number;
}

async function scenario(engine: Engine, label: string, name: string, text: string, size: string): Promise<ScenarioResult> {
  const bytes = new TextEncoder().encode(text);
  const runs: Timing[] = [];
  for (let i = 0; i < RUNS; i++) runs.push(await importOnce(engine, name, bytes));
  const raws: number[] = [];
  let rawRows = 0;
  for (let i = 0; i < RUNS; i++) {
    const r = await rawInsert(engine, runs[0]!.location, `${name}-raw`);
    raws.push(r.ms);
    rawRows = r.rows;
  }
  const total = median(runs.map((r) => r.total));
  const raw = median(raws);
  const r0 = runs[0]!;
  console.log(
    `\n${ENGINE_LABEL[engine.name]}, ${label}: ${(bytes.length / 1024 / 1024).toFixed(1)} MB, ${r0.rows} events → ${r0.tickets} tickets → ${r0.created} evidence items written`,
  );
  console.log(
    `  end to end (median of ${RUNS}): ${total.toFixed(0)} ms  [upload+parse+store ${median(runs.map((r) => r.upload)).toFixed(0)} ms, preview ${median(runs.map((r) => r.preview)).toFixed(0)} ms, confirm/write ${median(runs.map((r) => r.write)).toFixed(0)} ms]`,
  );
  console.log(
    `  runs: ${runs.map((r) => r.total.toFixed(0)).join(", ")} ms wall; ${runs.map((r) => r.cpu.toFixed(0)).join(", ")} ms CPU of this process${engine.name === "postgres" ? `; ${runs.map((r) => r.serverCpu.toFixed(0)).join(", ")} ms CPU of the PostgreSQL backends` : ""}`,
  );
  console.log(
    `  raw insert of the same ${rawRows} evidence rows (1 transaction): ${raw.toFixed(1)} ms (${Math.round(rawRows / (raw / 1000)).toLocaleString("en")} rows/s)`,
  );
  console.log(`  load average: ${loadAverage()}`);
  return { engine: engine.name, label, size, bytes: bytes.length, runs, total, raw, rawRows };
}

/** Per engine: each size's time and events/s, and from one size to the next how much the time grew against the data. */
function printCurve(results: ScenarioResult[]) {
  for (const engine of [...new Set(results.map((r) => r.engine))]) {
    const rs = results.filter((r) => r.engine === engine).sort((a, b) => a.runs[0]!.rows - b.runs[0]!.rows);
    if (rs.length < 2) continue;
    console.log(`\nscaling curve, ${ENGINE_LABEL[engine]} (end to end, median of ${RUNS}):`);
    printTable(
      ["events", "MB", "tickets", "items written", "end to end", "events/s", "× events", "× time", "time growth / data growth"],
      rs.map((r, i) => {
        const t = r.runs[0]!;
        const prev = i > 0 ? rs[i - 1]! : null;
        const dataX = prev ? t.rows / prev.runs[0]!.rows : null;
        const timeX = prev ? r.total / prev.total : null;
        return [
          t.rows.toLocaleString("en"),
          (r.bytes / 1048576).toFixed(1),
          t.tickets.toLocaleString("en"),
          t.created.toLocaleString("en"),
          `${r.total.toFixed(0)} ms`,
          Math.round(t.rows / (r.total / 1000)).toLocaleString("en"),
          dataX ? `${dataX.toFixed(1)}×` : "–",
          timeX ? `${timeX.toFixed(1)}×` : "–",
          dataX && timeX ? `${(timeX / dataX).toFixed(2)}${timeX / dataX > 1.1 ? " (grows faster than its data)" : ""}` : "–",
        ];
      }),
    );
  }
}

async function main() {
  const { engines, adminUrl } = benchEngines();
  console.log(machineLine());
  console.log(
    `import benchmark: runs ${RUNS} per scenario and engine; engines: ${engines.map((e) => ENGINE_LABEL[e]).join(", ")}${adminUrl ? "" : " (set DATABASE_URL to a PostgreSQL server URL for PostgreSQL too)"}; load average ${loadAverage()}`,
  );
  const text = fs.readFileSync(DATASET, "utf8");
  const results: ScenarioResult[] = [];
  for (const name of engines) {
    const engine = name === "sqlite" ? sqliteEngine() : await postgresEngine(adminUrl!);
    try {
      for (const size of SIZES) {
        const events = eventsOf(size);
        if (events === null) results.push(await scenario(engine, "real log", "import-real", text, size));
        else {
          const log = generateLog(text, { events });
          results.push(
            await scenario(engine, `generated log (${events.toLocaleString("en")} events)`, `import-${size}`, log, size),
          );
        }
      }
    } finally {
      if (name === "postgres") for (const db of engine.created.reverse()) await dropPostgresDatabase(adminUrl!, db);
    }
  }
  fs.rmSync(DIR, { recursive: true, force: true });

  // issue 18: the 141,712-event import end to end in ≤ 2.5 s; the real log in ≤ 1 s; larger logs: no target here
  const limit = (label: string) => (label === "real log" ? 1000 : label.includes("(141,712 events)") ? 2500 : Infinity);
  for (const label of [...new Set(results.map((r) => r.label))]) {
    const rs = results.filter((r) => r.label === label);
    const r0 = rs[0]!.runs[0]!;
    const col = (f: (r: ScenarioResult) => string) => rs.map(f);
    const med = (r: ScenarioResult, k: "upload" | "preview" | "write") => median(r.runs.map((t) => t[k])).toFixed(0);
    console.log(
      `\n${label}: ${(rs[0]!.bytes / 1024 / 1024).toFixed(1)} MB, ${r0.rows.toLocaleString("en")} events → ${r0.tickets.toLocaleString("en")} tickets → ${r0.created.toLocaleString("en")} items`,
    );
    printTable(
      ["measure", ...rs.map((r) => ENGINE_LABEL[r.engine])],
      [
        [`end to end, median of ${RUNS} (wall)`, ...col((r) => `${r.total.toFixed(0)} ms`)],
        [
          "of which upload + parse + store / preview / confirm",
          ...col((r) => `${med(r, "upload")} / ${med(r, "preview")} / ${med(r, "write")} ms`),
        ],
        ["CPU of this Node process, per run", ...col((r) => r.runs.map((t) => t.cpu.toFixed(0)).join(", ") + " ms")],
        [
          "CPU of the PostgreSQL backends, per run",
          ...col((r) => (r.engine === "postgres" ? r.runs.map((t) => t.serverCpu.toFixed(0)).join(", ") + " ms" : "–")),
        ],
        ["items written", ...col((r) => String(r.runs[0]!.created))],
        ["raw insert of the same evidence rows (1 transaction)", ...col((r) => `${r.raw.toFixed(1)} ms`)],
        ["ratio end to end / raw insert", ...col((r) => `${(r.total / r.raw).toFixed(0)}×`)],
        ["ratio confirm step alone / raw insert", ...col((r) => `${(median(r.runs.map((t) => t.write)) / r.raw).toFixed(0)}×`)],
        ...(Number.isFinite(limit(label))
          ? [[`target ≤ ${limit(label).toLocaleString("en")} ms`, ...col((r) => (r.total <= limit(label) ? "PASS" : "MISS"))]]
          : []),
      ],
    );
  }
  printCurve(results);
  console.log(`\nload average at the end: ${loadAverage()}`);
  if (results.some((r) => r.total > limit(r.label))) process.exitCode = 1;
}

await main();
