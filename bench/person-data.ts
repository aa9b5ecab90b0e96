// Bench data for one engineer with N items (bench/dashboard.ts, bench/writes.ts), generated in bulk: the
// items' contributions are worked out by the app's own mapping engine and adjustments (mapWorkItem,
// applyAdjustments: what createEvidence would store), written with prepared single-row inserts in one
// SQLite transaction, and the stored buckets then computed once by rebuildSkillMonths (ADR 005: data loaded
// around the writes is followed by a rebuild). 100,000 items this way take seconds, not the many minutes
// 100,000 createEvidence calls took.
import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { type DB, openDatabase } from "../app/db.server";
import { DEFAULT_KINDS } from "../app/domain/defaults";
import { counts } from "../app/domain/evidence-status";
import { applyAdjustments, mapWorkItem } from "../app/domain/mapping";
import type { Adjustment, EvidenceStatus, MappingRule } from "../app/domain/types";
import { type EvidenceInput, toColumns, workItemOf } from "../app/models/evidence.server";
import { listRules } from "../app/models/catalog.server";
import { rebuildSkillMonths } from "../app/models/skill-months.server";
import { migrateToLatest } from "../db/migrate";
import { ensureCatalog } from "../seeds/catalog";
import { between, chance, mulberry32, pick } from "../seeds/random";

/** An engineer's item: three years of work, denser recently (the dashboard bench's distribution). */
export function personItem(
  r: () => number,
  i: number,
  now: Date,
  kinds: string[],
): { input: EvidenceInput; status: EvidenceStatus } {
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
  return { input, status };
}

/** The kinds an engineer's items are drawn from. No DR drills: continuity stays a gap, so next steps are worked out. */
export const PERSON_KINDS = DEFAULT_KINDS.map((k) => k.key).filter((k) => k !== "dr_drill");

/**
 * Adds `items` items for `personId` to the SQLite file, 1 % of them adjusted by the owner (half down by a
 * point, half down to nothing for one skill), in one transaction. Does not touch skill_months: call
 * rebuildBuckets afterwards. Returns the contributions written.
 */
export function addPersonItems(
  file: string,
  personId: number,
  items: number,
  rules: MappingRule[],
  now: Date,
  seed = 424242,
): { contributions: number; adjusted: number } {
  const raw = new SQLite(file);
  raw.pragma("journal_mode = WAL");
  raw.pragma("synchronous = OFF");
  const r = mulberry32(seed);
  const cols = Object.keys(toColumns(personItem(mulberry32(1), 0, now, PERSON_KINDS).input));
  const insEvidence = raw.prepare(
    `INSERT INTO evidence (person_id, source, status, verified_by, verified_at, created_at, updated_at, ${cols.join(", ")}) VALUES (?, 'manual', ?, NULL, ?, ?, ?, ${cols.map(() => "?").join(", ")})`,
  );
  const insContribution = raw.prepare(
    "INSERT INTO contributions (evidence_id, person_id, resolved_at, counted, verified, skill_key, points, reason, rule_id, adjusted, original_points) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
  );
  const insAdjustment = raw.prepare(
    "INSERT INTO adjustments (evidence_id, skill_key, points, reason, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)",
  );
  let contributions = 0;
  let adjusted = 0;
  raw.transaction(() => {
    for (let i = 0; i < items; i++) {
      const { input, status } = personItem(r, i, now, PERSON_KINDS);
      const ts = input.resolvedAt;
      const c = toColumns(input) as Record<string, unknown>;
      const verifiedAt = status === "verified" ? ts : null;
      const id = Number(insEvidence.run(personId, status, verifiedAt, ts, ts, ...cols.map((k) => c[k] ?? null)).lastInsertRowid);
      const derived = mapWorkItem(workItemOf(input), rules);
      const adj: Adjustment[] = [];
      if (i % 100 === 0 && derived.length) {
        const first = derived[0]!;
        adj.push({ skill: first.skill, points: adjusted % 2 ? -first.points : -1, reason: "bench adjustment" });
        insAdjustment.run(id, first.skill, adj[0]!.points, "bench adjustment", personId, now.toISOString());
        adjusted++;
      }
      const counted = counts(status) ? 1 : 0;
      const verified = status === "verified" ? 1 : 0;
      for (const k of applyAdjustments(derived, adj)) {
        insContribution.run(
          id,
          personId,
          ts,
          counted,
          verified,
          k.skill,
          k.points,
          k.reason,
          k.ruleId,
          k.adjusted ? 1 : 0,
          k.originalPoints,
        );
        contributions++;
      }
    }
  })();
  raw.close();
  return { contributions, adjusted };
}

/** One full recompute of the stored buckets, then a checkpoint and fresh statistics. */
export async function rebuildBuckets(file: string) {
  const db = openDatabase(file);
  await db.transaction().execute((tx) => rebuildSkillMonths(tx));
  await db.destroy();
  const raw = new SQLite(file);
  raw.pragma("wal_checkpoint(TRUNCATE)");
  raw.exec("ANALYZE");
  raw.close();
}

/**
 * A fresh bench file: migrated, the catalog, and one Senior engineer per size (`${email}${n}@example.com`,
 * "`${name}` `size`"). The handle stays open for the caller's own rows; the items come from addPersonItems.
 */
export async function benchFileWithEngineers(file: string, sizes: number[], who: { email: string; name: string }) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  for (const s of ["", "-wal", "-shm"]) fs.rmSync(file + s, { force: true });
  const db: DB = openDatabase(file);
  await migrateToLatest(db);
  await ensureCatalog(db);
  const now = new Date();
  const ts = now.toISOString();
  const position = await db.selectFrom("positions").select("id").where("key", "=", "senior").executeTakeFirstOrThrow();
  const rules = await listRules(db, { activeOnly: true });
  const people: { personId: number; items: number }[] = [];
  for (const [n, items] of sizes.entries()) {
    const { id } = await db
      .insertInto("people")
      .values({
        email: `${who.email}${n}@example.com`,
        name: `${who.name} ${items}`,
        role: "engineer",
        position_id: position.id,
        created_at: ts,
        updated_at: ts,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    people.push({ personId: id, items });
  }
  return { db, now, ts, rules, people };
}
