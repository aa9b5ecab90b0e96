// Import benchmark: the real ServiceNow event log and a generated log of the full dataset's size (141,712
// events), each imported end to end (parse + preview + write) as the admin into a fresh migrated database
// with the demo people, against a raw better-sqlite3 bulk insert of the same evidence rows (one
// transaction, one prepared statement).
// Run: npx tsx bench/import.ts   (options: --events=N for the generated log, --runs=N, --dataset=path)
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import SQLite from "better-sqlite3";
import type { CurrentUser } from "../app/auth/session.server";
import { openDatabase } from "../app/db.server";
import { toColumns } from "../app/models/evidence.server";
import { applyBatch, batchFor, previewOf, previewUpload } from "../app/services/import.server";
import { migrateToLatest } from "../db/migrate";
import { ensureCatalog } from "../seeds/catalog";
import { seedPeople } from "../seeds/people";

function arg(name: string, fallback: string): string {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit ? hit.slice(name.length + 3) : fallback;
}

const DATASET = path.resolve(arg("dataset", fs.existsSync("../shared/datasets") ? "../shared/datasets/servicenow-incident-event-log.csv" : "/work/shared/datasets/servicenow-incident-event-log.csv"));
const EVENTS = Number(arg("events", "141712"));
const RUNS = Math.max(1, Number(arg("runs", "3")));
const DIR = path.resolve("bench/.tmp/import");

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** A fresh migrated database with the catalog and the demo people (no evidence). */
async function freshDb(name: string) {
  fs.mkdirSync(DIR, { recursive: true });
  const file = path.join(DIR, `${name}.db`);
  for (const s of ["", "-wal", "-shm"]) fs.rmSync(file + s, { force: true });
  const db = openDatabase(file);
  await migrateToLatest(db);
  await ensureCatalog(db);
  await db.transaction().execute((tx) => seedPeople(tx, "bench-no-login", new Date()));
  const admin = await db.selectFrom("people").selectAll().where("email", "=", "admin@example.com").executeTakeFirstOrThrow();
  const user: CurrentUser = { ...admin, session_id: "bench" };
  return { db, file, user };
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
  upload: number;
  preview: number;
  write: number;
  created: number;
  tickets: number;
  rows: number;
  file: string;
}

async function importOnce(name: string, bytes: Uint8Array): Promise<Timing> {
  const { db, file, user } = await freshDb(name);
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const up = await previewUpload(db, user, { filename: `${name}.csv`, bytes });
  if (!up.ok) throw new Error(JSON.stringify(up.errors));
  const t1 = performance.now();
  const batch = (await batchFor(db, user, up.batchId))!;
  const view = await previewOf(db, batch);
  const t2 = performance.now();
  const applied = await applyBatch(db, user, up.batchId);
  if (!applied.ok) throw new Error(JSON.stringify(applied.errors));
  const t3 = performance.now();
  const c = process.cpuUsage(c0);
  const b = await db.selectFrom("import_batches").selectAll().where("id", "=", up.batchId).executeTakeFirstOrThrow();
  await db.destroy();
  return { total: t3 - t0, cpu: (c.user + c.system) / 1000, upload: t1 - t0, preview: t2 - t1, write: t3 - t2, created: b.items_created, tickets: view!.itemCount, rows: b.rows_read, file };
}

/** The same evidence rows written with one prepared INSERT in one transaction, no app code. */
async function rawInsert(importedFile: string, name: string): Promise<{ ms: number; rows: number }> {
  const src = new SQLite(importedFile, { readonly: true });
  const rows = src.prepare("SELECT * FROM evidence ORDER BY id").all() as Record<string, unknown>[];
  src.close();
  const { db, file } = await freshDb(name);
  await db.destroy();
  const target = new SQLite(file);
  target.pragma("journal_mode = WAL");
  target.pragma("foreign_keys = ON");
  target.pragma("synchronous = NORMAL");
  const cols = Object.keys(toColumns({
    kind: "", title: "", externalRef: null, startedAt: null, resolvedAt: "", priority: null, impact: null, workRole: null, outcome: null,
    afterHours: false, afterHoursMinutes: 0, durationMinutes: 0, emergency: false, addsFunctionality: false, fixesSlowness: false,
    reassignmentCount: 0, reopenCount: 0, problemRef: null, changeRef: null, resolutionCode: null, notes: null, links: [],
  })).concat(["person_id", "source", "import_key", "status", "created_at", "updated_at"]);
  const stmt = target.prepare(`INSERT INTO evidence (${cols.join(", ")}) VALUES (${cols.map((c) => "@" + c).join(", ")})`);
  const values = rows.map((r) => Object.fromEntries(cols.map((c) => [c, r[c]])));
  const t0 = performance.now();
  target.transaction(() => {
    for (const v of values) stmt.run(v);
  })();
  const t = performance.now() - t0;
  target.close();
  return { ms: t, rows: values.length };
}

async function scenario(label: string, name: string, text: string) {
  const bytes = new TextEncoder().encode(text);
  const runs: Timing[] = [];
  for (let i = 0; i < RUNS; i++) runs.push(await importOnce(name, bytes));
  const raws: number[] = [];
  let rawRows = 0;
  for (let i = 0; i < RUNS; i++) {
    const r = await rawInsert(runs[0]!.file, `${name}-raw`);
    raws.push(r.ms);
    rawRows = r.rows;
  }
  const total = median(runs.map((r) => r.total));
  const raw = median(raws);
  const r0 = runs[0]!;
  console.log(`\n${label}: ${(bytes.length / 1024 / 1024).toFixed(1)} MB, ${r0.rows} events → ${r0.tickets} tickets → ${r0.created} evidence items written`);
  console.log(`  end to end (median of ${RUNS}): ${total.toFixed(0)} ms  [upload+parse+store ${median(runs.map((r) => r.upload)).toFixed(0)} ms, preview ${median(runs.map((r) => r.preview)).toFixed(0)} ms, confirm/write ${median(runs.map((r) => r.write)).toFixed(0)} ms]`);
  console.log(`  runs: ${runs.map((r) => r.total.toFixed(0)).join(", ")} ms wall; ${runs.map((r) => r.cpu.toFixed(0)).join(", ")} ms CPU`);
  console.log(`  throughput: ${Math.round(r0.rows / (total / 1000)).toLocaleString("en")} events/s, ${Math.round(r0.created / (total / 1000)).toLocaleString("en")} items/s`);
  console.log(`  raw better-sqlite3 insert of the same ${rawRows} evidence rows (1 transaction, prepared): ${raw.toFixed(1)} ms (${Math.round(rawRows / (raw / 1000)).toLocaleString("en")} rows/s)`);
  console.log(`  ratio end to end / raw insert: ${(total / raw).toFixed(0)}×; write step alone / raw insert: ${(median(runs.map((r) => r.write)) / raw).toFixed(0)}×`);
  return { total, raw };
}

async function main() {
  console.log(`import benchmark — node ${process.version}, ${os.cpus().length} cpu(s): ${os.cpus()[0]?.model ?? "?"}; load average ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`);
  const text = fs.readFileSync(DATASET, "utf8");
  const real = await scenario("real log", "import-real", text);
  const big = await scenario(`generated log (${EVENTS.toLocaleString("en")} events)`, "import-generated", generate(text, EVENTS));
  console.log(`\ntargets: real log ≤ 1000 ms → ${real.total.toFixed(0)} ms ${real.total <= 1000 ? "OK" : "MISSED"}; generated ≤ 10000 ms → ${big.total.toFixed(0)} ms ${big.total <= 10000 ? "OK" : "MISSED"}`);
  console.log(`load average at the end: ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`);
  fs.rmSync(DIR, { recursive: true, force: true });
}

await main();
