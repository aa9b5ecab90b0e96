// Dashboard benchmark: an engineer with 10,000 evidence items; times the data function the dashboard
// route calls (personProgress with 24 months of history) against one raw SQL aggregate over the same rows.
// Run: npx tsx bench/dashboard.ts   (options: --items=N --runs=N)
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import SQLite from "better-sqlite3";
import { sql } from "kysely";
import { openDatabase } from "../app/db.server";
import { DEFAULT_KINDS } from "../app/domain/defaults";
import type { EvidenceStatus } from "../app/domain/types";
import { listRules } from "../app/models/catalog.server";
import { createEvidence, type EvidenceInput, saveAdjustments } from "../app/models/evidence.server";
import { personMatrix } from "../app/models/scores.server";
import { personProgress } from "../app/services/progress.server";
import { migrateToLatest } from "../db/migrate";
import { ensureCatalog } from "../seeds/catalog";
import { between, chance, mulberry32, pick } from "../seeds/random";

function arg(name: string, fallback: number): number {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit ? Number(hit.split("=")[1]) : fallback;
}

const ITEMS = arg("items", 10_000);
const RUNS = Math.max(30, arg("runs", 50));
const WARMUP = 5;
const DIR = path.resolve("bench/.tmp");
const FILE = path.join(DIR, "dashboard.db");

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.95) - 1)]!;
const ms = (n: number) => n.toFixed(2);

async function build() {
  fs.mkdirSync(DIR, { recursive: true });
  for (const s of ["", "-wal", "-shm"]) fs.rmSync(FILE + s, { force: true });
  const db = openDatabase(FILE);
  await migrateToLatest(db);
  await ensureCatalog(db);
  const now = new Date();
  const ts = now.toISOString();
  const position = await db.selectFrom("positions").select("id").where("key", "=", "senior").executeTakeFirstOrThrow();
  const { id: personId } = await db
    .insertInto("people")
    .values({ email: "bench@example.com", name: "Bench Engineer", role: "engineer", position_id: position.id, created_at: ts, updated_at: ts })
    .returning("id")
    .executeTakeFirstOrThrow();
  const rules = await listRules(db, { activeOnly: true });
  const r = mulberry32(424242);
  // No DR drills: continuity stays a gap, so the next steps are worked out as on a real dashboard.
  const kinds = DEFAULT_KINDS.map((k) => k.key).filter((k) => k !== "dr_drill");
  const adjust: number[] = [];
  const t0 = performance.now();
  await db.transaction().execute(async (tx) => {
    for (let i = 0; i < ITEMS; i++) {
      // three years of work, denser recently
      const daysAgo = Math.floor(Math.pow(r(), 1.3) * 1095);
      const resolved = new Date(now.getTime() - daysAgo * 86_400_000 - between(r, 0, 86_399) * 1000);
      const kind = pick(r, kinds);
      const priority = kind === "incident" ? pick(r, ["P1", "P2", "P3", "P3", "P4", "P4"]) : null;
      const afterHours = chance(r, 0.2);
      const input: EvidenceInput = {
        kind,
        title: `${kind} #${i}`,
        externalRef: kind === "incident" ? `INC${String(i).padStart(7, "0")}` : null,
        startedAt: null,
        resolvedAt: resolved.toISOString(),
        priority,
        impact: null,
        workRole: chance(r, 0.3) ? "lead" : "contributor",
        outcome: kind === "incident" ? (chance(r, 0.9) ? "resolved" : "escalated") : null,
        afterHours,
        afterHoursMinutes: afterHours ? 60 : 0,
        durationMinutes: 60,
        emergency: kind === "change" && chance(r, 0.1),
        addsFunctionality: kind === "change" && chance(r, 0.4),
        fixesSlowness: kind === "refactoring" && chance(r, 0.5),
        reassignmentCount: chance(r, 0.2) ? 1 : 0,
        reopenCount: 0,
        problemRef: chance(r, 0.1) ? "PRB0001" : null,
        changeRef: null,
        resolutionCode: null,
        notes: null,
        links: [],
      };
      const status: EvidenceStatus = chance(r, 0.05) ? "draft" : chance(r, 0.6) ? "verified" : "submitted";
      const id = await createEvidence(tx, personId, input, { status, rules }, resolved);
      if (i % 100 === 0) adjust.push(id);
    }
    // 1% of the items adjusted by their owner: half reduced by a point, half reduced to nothing for one skill.
    for (const [n, id] of adjust.entries()) {
      const c = await tx.selectFrom("contributions").select(["skill_key", "points"]).where("evidence_id", "=", id).orderBy("id").executeTakeFirst();
      if (!c) continue;
      const points = n % 2 ? -c.points : -1;
      await saveAdjustments(tx, id, [{ skill: c.skill_key, points, reason: "bench adjustment" }], personId, now);
    }
  });
  const buildMs = performance.now() - t0;
  await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(db);
  await sql`ANALYZE`.execute(db);
  await db.destroy();
  return { personId, buildMs };
}

async function main() {
  const { personId, buildMs } = await build();
  const db = openDatabase(FILE);
  const raw = new SQLite(FILE, { readonly: true });
  const counts = raw
    .prepare(
      "SELECT (SELECT count(*) FROM evidence WHERE person_id = ?) AS items, (SELECT count(*) FROM contributions WHERE person_id = ?) AS contributions, (SELECT count(DISTINCT evidence_id) FROM adjustments) AS adjusted",
    )
    .get(personId, personId) as { items: number; contributions: number; adjusted: number };
  const aggregate = raw.prepare(
    "SELECT skill_key, substr(resolved_at, 1, 7) AS month, sum(points) AS points, count(DISTINCT evidence_id) AS items FROM contributions WHERE person_id = ? GROUP BY 1, 2",
  );

  const now = new Date();
  let check: Awaited<ReturnType<typeof personProgress>> = null;
  for (let i = 0; i < WARMUP; i++) {
    check = await personProgress(db, personId, now, { withHistory: true });
    aggregate.all(personId);
  }
  if (!check || check.history.length !== 24 || check.scores.length === 0) throw new Error("personProgress returned no data");
  if (!check.nextSteps.length) throw new Error("expected gaps and next steps for the benchmark person");
  // The stored buckets must give exactly what the per-item aggregate over contributions (personMatrix) gives.
  const ref = await personMatrix(db, personId, now, true);
  if (JSON.stringify(ref.scores) !== JSON.stringify(check.scores) || JSON.stringify(ref.history) !== JSON.stringify(check.history)) {
    throw new Error("personProgress and personMatrix disagree");
  }

  // Interleaved, so both see the same machine load.
  const service: number[] = [];
  const rawTimes: number[] = [];
  const reference: number[] = [];
  let rows = 0;
  for (let i = 0; i < RUNS; i++) {
    let t = performance.now();
    await personProgress(db, personId, now, { withHistory: true });
    service.push(performance.now() - t);
    t = performance.now();
    rows = aggregate.all(personId).length;
    rawTimes.push(performance.now() - t);
    // For comparison: computing the buckets from the contributions instead (skillBuckets via personMatrix).
    t = performance.now();
    await personMatrix(db, personId, now, true);
    reference.push(performance.now() - t);
  }
  // The shape of the dashboard's read (app/models/skill-months.server.ts personBuckets).
  const plan = raw
    .prepare(
      "EXPLAIN QUERY PLAN SELECT skill_key, month, verified_points, self_points, items, verified_items, last_at FROM skill_months WHERE person_id = ? ORDER BY skill_key, month",
    )
    .all(personId) as { detail: string }[];

  const med = median(service);
  const rawMed = median(rawTimes);
  const ratio = med / rawMed;
  const cpu = os.cpus()[0]?.model ?? "unknown";
  console.log(`machine: ${os.cpus().length} CPUs (nproc), ${cpu}, node ${process.version}, ${os.platform()} ${os.release()}`);
  console.log(`data: ${counts.items} evidence items, ${counts.contributions} contributions for one person, ${counts.adjusted} items adjusted (generated in ${(buildMs / 1000).toFixed(1)} s)`);
  console.log(`runs: ${RUNS} after ${WARMUP} warm-up; dashboard shows ${check.targetReadiness?.gaps.length ?? 0} gap(s) for ${check.target?.name}, ${check.nextSteps.reduce((n, s) => n + s.steps.length, 0)} next steps`);
  console.log(`personProgress (withHistory, 24 months): median ${ms(med)} ms, p95 ${ms(p95(service))} ms, min ${ms(Math.min(...service))} ms`);
  console.log(`raw SQL aggregate (${rows} rows):        median ${ms(rawMed)} ms, p95 ${ms(p95(rawTimes))} ms, min ${ms(Math.min(...rawTimes))} ms`);
  console.log(`ratio: ${ratio.toFixed(2)}× (target ≤ 3×); median target ≤ 25 ms`);
  console.log(`for comparison, personMatrix (per-item aggregate, matrix + history only): median ${ms(median(reference))} ms`);
  console.log(`plan of the dashboard read of its stored buckets: ${plan.map((p) => p.detail).join(" | ")}`);
  const ok = med <= 25 && ratio <= 3;
  console.log(ok ? "PASS" : "MISS");
  raw.close();
  await db.destroy();
  if (!ok) process.exitCode = 1;
}

await main();
