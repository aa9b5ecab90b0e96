// Write benchmark (issue 18 part 5): the cost of an evidence write for an engineer with 100, 10,000 and
// 100,000 items, in one database (one engineer per size, generated in bulk by bench/person-data.ts). Each
// round, for each engineer in turn: create an item this month (the form's createEvidence), edit it into
// another month, verify it, adjust it, delete it — the app's writer (app/models/evidence-writer.server.ts),
// each write its own transaction. Printed: medians per write and their ratio to the 100-item engineer
// (target ≈ 1×), beside the baseline of the same run: what each write did before ADR 011, a recompute of
// the touched month from the person's contributions (refreshSkillMonths). At the end the stored buckets of
// every engineer must equal a full recompute. With DATABASE_URL the same data, copied into a fresh database
// `bench_writes`, is measured on PostgreSQL too.
// Run: npx tsx bench/writes.ts   (options: --sizes=100,10000,100000 --runs=N --engine=sqlite|postgres)
import path from "node:path";
import { performance } from "node:perf_hooks";
import { type DB, openDatabase } from "../app/db.server";
import {
  createEvidence,
  deleteEvidence,
  saveAdjustments,
  setEvidenceStatus,
  updateEvidence,
} from "../app/models/evidence-writer.server";
import { skillBuckets } from "../app/models/scores.server";
import { personBuckets, refreshSkillMonths } from "../app/models/skill-months.server";
import { mulberry32 } from "../seeds/random";
import {
  ENGINE_LABEL,
  type EngineName,
  benchEngines,
  dropPostgresDatabase,
  loadAverage,
  machineLine,
  median,
  postgresCopyOf,
  printTable,
  vacuumAnalyze,
} from "./lib/engines";
import { PERSON_KINDS, addPersonItems, benchFileWithEngineers, personItem, rebuildBuckets } from "./person-data";

function arg(name: string, fallback: number): number {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit ? Number(hit.split("=")[1]) : fallback;
}

const SIZES = (process.argv.find((a) => a.startsWith("--sizes="))?.slice("--sizes=".length) ?? "100,10000,100000")
  .split(",")
  .map((x) => Number(x.replace(/_/g, "")))
  .filter((n) => Number.isInteger(n) && n > 0);
const RUNS = Math.max(10, arg("runs", 40));
const WARMUP = 5;
const DIR = path.resolve("bench/.tmp");
const FILE = path.join(DIR, "writes.db");
const PG_DATABASE = "bench_writes";
const OPS = [
  "create",
  "edit (another month)",
  "verify",
  "adjust",
  "delete",
  "before ADR 011: a create's refresh (its month recomputed)",
  "before ADR 011: an edit's refresh (both months and those between)",
] as const;
type Op = (typeof OPS)[number];

async function build() {
  const { db, now, ts, rules, people } = await benchFileWithEngineers(FILE, SIZES, { email: "writer", name: "Writer" });
  const { id: managerId } = await db
    .insertInto("people")
    .values({ email: "writer-manager@example.com", name: "Writer Manager", role: "manager", created_at: ts, updated_at: ts })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db.destroy();
  const t0 = performance.now();
  for (const [n, p] of people.entries()) addPersonItems(FILE, p.personId, p.items, rules, now, 1000 + n);
  await rebuildBuckets(FILE);
  return { people, managerId, buildMs: performance.now() - t0 };
}

type Timings = Record<Op, number[]>;

/** One round for one engineer: the five writes of an item's life, and the old per-write recompute. */
async function round(db: DB, personId: number, managerId: number, i: number, timings: Timings | null) {
  const now = new Date();
  const r = mulberry32(i * 7919 + personId);
  const { input } = personItem(r, i, now, PERSON_KINDS);
  // this month: the month with the most items, where a recompute costs most
  const fresh = { ...input, kind: "incident", priority: "P2", resolvedAt: new Date(now.getTime() - 3_600_000).toISOString() };
  const time = async (op: Op, fn: () => Promise<unknown>) => {
    const t = performance.now();
    await fn();
    timings?.[op].push(performance.now() - t);
  };
  let id = 0;
  await time("create", async () => {
    id = await createEvidence(db, personId, fresh, { status: "submitted" }, now);
  });
  const moved = { ...input, resolvedAt: new Date(now.getTime() - (40 + (i % 300)) * 86_400_000).toISOString() };
  await time("edit (another month)", () => updateEvidence(db, id, moved, "submitted", now, { markEdited: true }));
  await time("verify", () => setEvidenceStatus(db, id, "verified", { verifiedBy: managerId }, now));
  const skill = (await db.selectFrom("contributions").select("skill_key").where("evidence_id", "=", id).executeTakeFirst())
    ?.skill_key;
  await time("adjust", () =>
    saveAdjustments(db, id, [{ skill: skill ?? "continuity", points: -1, reason: "bench" }], personId, now),
  );
  await time("delete", () => deleteEvidence(db, id));
  // The baselines: the refresh each write did before, recomputing from the person's contributions.
  const month = now.toISOString().slice(0, 7);
  await time("before ADR 011: a create's refresh (its month recomputed)", () =>
    db.transaction().execute((tx) => refreshSkillMonths(tx, [{ personId, month }])),
  );
  await time("before ADR 011: an edit's refresh (both months and those between)", () =>
    db.transaction().execute((tx) =>
      refreshSkillMonths(tx, [
        { personId, month },
        { personId, month: moved.resolvedAt.slice(0, 7) },
      ]),
    ),
  );
}

interface EngineResult {
  engine: EngineName;
  /** per size, per op */
  timings: Map<number, Timings>;
  same: boolean;
  loadBefore: string;
  loadAfter: string;
}

async function measure(engine: EngineName, db: DB, people: { personId: number; items: number }[], managerId: number) {
  for (let i = 0; i < WARMUP; i++) for (const p of people) await round(db, p.personId, managerId, i, null);
  const res: EngineResult = { engine, timings: new Map(), same: true, loadBefore: loadAverage(), loadAfter: "" };
  for (const p of people) res.timings.set(p.items, Object.fromEntries(OPS.map((o) => [o, []])) as unknown as Timings);
  // Interleaved: every size sees the same machine load.
  for (let i = 0; i < RUNS; i++)
    for (const p of people) await round(db, p.personId, managerId, WARMUP + i, res.timings.get(p.items)!);
  res.loadAfter = loadAverage();
  for (const p of people) {
    const stored = await personBuckets(db, p.personId);
    const live = (await skillBuckets(db, [p.personId])).get(p.personId) ?? [];
    const key = (b: { skill: string; month: string }) => `${b.skill}/${b.month}`;
    const sorted = [...live].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
    if (JSON.stringify(stored) !== JSON.stringify(sorted)) res.same = false;
  }
  return res;
}

async function main() {
  const { engines, adminUrl } = benchEngines();
  const built = await build();
  console.log(machineLine());
  console.log(
    `data: one engineer each with ${built.people.map((p) => p.items.toLocaleString("en")).join(" / ")} items, generated in bulk in ${(built.buildMs / 1000).toFixed(1)} s (bench/person-data.ts)`,
  );
  console.log(
    `runs: ${RUNS} rounds after ${WARMUP} warm-up per engine, each round one item's five writes per engineer, interleaved; engines: ${engines.map((e) => ENGINE_LABEL[e]).join(", ")}${adminUrl ? "" : " (set DATABASE_URL to a PostgreSQL server URL for PostgreSQL too)"}`,
  );
  const results: EngineResult[] = [];
  for (const engine of engines) {
    let location = FILE;
    if (engine === "postgres") {
      const t0 = performance.now();
      const { url } = await postgresCopyOf(adminUrl!, PG_DATABASE, FILE);
      await vacuumAnalyze(url);
      location = url;
      console.log(`PostgreSQL: the SQLite file copied and VACUUM ANALYZEd in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    }
    const db = openDatabase(location);
    try {
      results.push(await measure(engine, db, built.people, built.managerId));
    } finally {
      await db.destroy();
    }
    if (engine === "postgres") await dropPostgresDatabase(adminUrl!, PG_DATABASE);
  }

  const sizes = built.people.map((p) => p.items);
  const ms = (n: number) => `${n.toFixed(2)} ms`;
  const header = ["write (median)"];
  for (const r of results) for (const s of sizes) header.push(`${ENGINE_LABEL[r.engine]} ${s.toLocaleString("en")}`);
  const rows: string[][] = [];
  const allWrites = (t: Timings) => OPS.filter((o) => !o.startsWith("before")).flatMap((o) => t[o]);
  for (const op of [...OPS, "all five writes"] as const) {
    const row: string[] = [op];
    for (const r of results) {
      const pick = (s: number) => (op === "all five writes" ? allWrites(r.timings.get(s)!) : r.timings.get(s)![op]);
      const base = median(pick(sizes[0]!));
      for (const s of sizes) {
        const m = median(pick(s));
        row.push(s === sizes[0] ? ms(m) : `${ms(m)} (${(m / base).toFixed(2)}×)`);
      }
    }
    rows.push(row);
  }
  rows.push([
    "stored buckets equal a full recompute at the end",
    ...results.flatMap((r) => sizes.map(() => (r.same ? "yes" : "NO"))),
  ]);
  rows.push([
    "load average before → after",
    ...results.flatMap((r) => sizes.map(() => `${r.loadBefore.split(" ")[0]} → ${r.loadAfter.split(" ")[0]}`)),
  ]);
  console.log("\nratios (in brackets) are to the smallest engineer's median on the same engine, in the same run; target ≈ 1×");
  printTable(header, rows);
  console.log(`load average at the end: ${loadAverage()}`);
  if (!results.every((r) => r.same)) process.exitCode = 1;
}

await main();
