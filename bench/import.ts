// Import benchmark: the real ServiceNow event log and a generated log of the full dataset's size (141,712
// events), each imported end to end (parse + preview + write) as the admin into a fresh migrated database
// with the demo people, against a raw bulk insert of the same evidence rows on the same engine (SQLite: one
// prepared better-sqlite3 statement in one transaction; PostgreSQL: unnest, 10,000 rows a statement, one
// transaction). With DATABASE_URL (a PostgreSQL server URL) it runs on SQLite, then on PostgreSQL in fresh
// `bench_import_*` databases, and prints both side by side.
// Run: npx tsx bench/import.ts   (options: --events=N for the generated log, --runs=N, --dataset=path, --engine=sqlite|postgres)
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

function arg(name: string, fallback: string): string {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit ? hit.slice(name.length + 3) : fallback;
}

const DATASET = path.resolve(
  arg(
    "dataset",
    fs.existsSync("../shared/datasets")
      ? "../shared/datasets/servicenow-incident-event-log.csv"
      : "/work/shared/datasets/servicenow-incident-event-log.csv",
  ),
);
const EVENTS = Number(arg("events", "141712"));
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

/** The real log repeated with fresh incident numbers until it has `events` rows (same shape and mix). */
function generate(text: string, events: number): string {
  const lines = text.split(/\r?\n/).filter((l) => l !== "");
  const header = lines[0]!;
  const rows = lines.slice(1);
  const out: string[] = [header];
  for (let copy = 0; out.length - 1 < events; copy++) {
    for (const row of rows) {
      if (out.length - 1 >= events) break;
      const comma = row.indexOf(",");
      const n = Number(row.slice(3, comma));
      out.push(`INC${String(copy * 100_000 + n).padStart(7, "0")}${row.slice(comma)}`);
    }
  }
  return out.join("\n") + "\n";
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
  bytes: number;
  runs: Timing[];
  total: number;
  raw: number;
  rawRows: number;
}

async function scenario(engine: Engine, label: string, name: string, text: string): Promise<ScenarioResult> {
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
  return { engine: engine.name, label, bytes: bytes.length, runs, total, raw, rawRows };
}

async function main() {
  const { engines, adminUrl } = benchEngines();
  console.log(machineLine());
  console.log(
    `import benchmark: runs ${RUNS} per scenario and engine; engines: ${engines.map((e) => ENGINE_LABEL[e]).join(", ")}${adminUrl ? "" : " (set DATABASE_URL to a PostgreSQL server URL for PostgreSQL too)"}; load average ${loadAverage()}`,
  );
  const text = fs.readFileSync(DATASET, "utf8");
  const big = generate(text, EVENTS);
  const results: ScenarioResult[] = [];
  for (const name of engines) {
    const engine = name === "sqlite" ? sqliteEngine() : await postgresEngine(adminUrl!);
    try {
      results.push(await scenario(engine, "real log", "import-real", text));
      results.push(await scenario(engine, `generated log (${EVENTS.toLocaleString("en")} events)`, "import-generated", big));
    } finally {
      if (name === "postgres") for (const db of engine.created.reverse()) await dropPostgresDatabase(adminUrl!, db);
    }
  }
  fs.rmSync(DIR, { recursive: true, force: true });

  const limit = (label: string) => (label === "real log" ? 1000 : 10000);
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
        [`target ≤ ${limit(label).toLocaleString("en")} ms`, ...col((r) => (r.total <= limit(label) ? "PASS" : "MISS"))],
      ],
    );
  }
  console.log(`\nload average at the end: ${loadAverage()}`);
  if (results.some((r) => r.total > limit(r.label))) process.exitCode = 1;
}

await main();
