// The monthly score buckets kept as a table (skill_months, ADR 005). Every write that changes
// contributions calls refreshSkillMonths for the (person, month) pairs it touched, in its transaction;
// the buckets themselves are always computed by skillBuckets, the one definition of the aggregate.
import { sql } from "kysely";
import type { DB } from "~/db.server";
import { MONTH_MS, type SkillBucket, addMonths, monthMiddle, monthOf } from "~/domain/scoring";
import { lockAllScores, lockPeople } from "./locks.server";
import { skillBuckets } from "./scores.server";

export interface PersonMonth {
  personId: number;
  month: string;
}

const CHUNK = 500;

/** Where these items' contributions sit now: call it before changing or deleting them. */
export async function monthsOfItems(db: DB, evidenceIds: number[]): Promise<PersonMonth[]> {
  const out: PersonMonth[] = [];
  for (let i = 0; i < evidenceIds.length; i += CHUNK) {
    const rows = await db
      .selectFrom("contributions")
      .select(["person_id", sql<string>`substr(resolved_at, 1, 7)`.as("month")])
      .distinct()
      .where("evidence_id", "in", evidenceIds.slice(i, i + CHUNK))
      .execute();
    for (const r of rows) out.push({ personId: r.person_id, month: r.month });
  }
  return out;
}

function toRow(personId: number, b: SkillBucket) {
  return {
    person_id: personId,
    skill_key: b.skill,
    month: b.month,
    month_mid_ms: monthMiddle(b.month),
    verified_points: b.verifiedPoints,
    self_points: b.selfPoints,
    items: b.items,
    verified_items: b.verifiedItems ?? 0,
    last_at: b.lastAt,
  };
}

async function insertRows(db: DB, rows: ReturnType<typeof toRow>[]) {
  for (let i = 0; i < rows.length; i += CHUNK)
    await db
      .insertInto("skill_months")
      .values(rows.slice(i, i + CHUNK))
      .execute();
}

/** Recomputes the buckets of these (person, month) pairs from the contributions as they are now. */
export async function refreshSkillMonths(db: DB, touched: PersonMonth[]) {
  await lockPeople(
    db,
    touched.map((t) => t.personId),
  );
  const byPerson = new Map<number, Set<string>>();
  for (const t of touched) {
    const months = byPerson.get(t.personId) ?? new Set<string>();
    months.add(t.month);
    byPerson.set(t.personId, months);
  }
  for (const [personId, set] of byPerson) {
    const months = [...set].sort();
    const range = { from: months[0]!, to: addMonths(months[months.length - 1]!, 1) };
    const buckets = (await skillBuckets(db, [personId], range)).get(personId) ?? [];
    await db.deleteFrom("skill_months").where("person_id", "=", personId).where("month", "in", months).execute();
    await insertRows(
      db,
      buckets.filter((b) => set.has(b.month)).map((b) => toRow(personId, b)),
    );
  }
}

/** Recomputes the whole table (after the rule table changes, or for data loaded around the app). */
export async function rebuildSkillMonths(db: DB) {
  await lockAllScores(db);
  await db.deleteFrom("skill_months").execute();
  const people = await db.selectFrom("contributions").select("person_id").distinct().execute();
  const ids = people.map((p) => p.person_id);
  for (let i = 0; i < ids.length; i += 100) {
    const buckets = await skillBuckets(db, ids.slice(i, i + 100));
    await insertRows(
      db,
      [...buckets].flatMap(([personId, list]) => list.map((b) => toRow(personId, b))),
    );
  }
}

/** One person's buckets, ordered by skill then month. */
export async function personBuckets(db: DB, personId: number): Promise<SkillBucket[]> {
  const rows = await db
    .selectFrom("skill_months")
    .select(["skill_key", "month", "verified_points", "self_points", "items", "verified_items", "last_at"])
    .where("person_id", "=", personId)
    .orderBy("skill_key")
    .orderBy("month")
    .execute();
  return rows.map((r) => ({
    skill: r.skill_key,
    month: r.month,
    verifiedPoints: r.verified_points,
    selfPoints: r.self_points,
    items: r.items,
    verifiedItems: r.verified_items,
    lastAt: r.last_at,
  }));
}

export interface DecayedTotals {
  person_id: number;
  skill_key: string;
  /** Σ verified points × decay */
  verified_decayed: number;
  /** Σ self-reported points × decay */
  self_decayed: number;
  items: number;
}

/**
 * Per person and skill, the buckets of months begun by `now` summed with the scoring rules' decay —
 * decayFactor(monthAge(month, now), halfLife) = 0.5^(((now − middle of month) / MONTH_MS) / halfLife),
 * no decay before the middle — written as SQL so that only one row per person and skill leaves the database.
 */
export async function decayedTotals(db: DB, personIds: number[], now: Date, halfLifeMonths: number): Promise<DecayedTotals[]> {
  if (personIds.length === 0) return [];
  const nowMs = now.getTime();
  // Casts keep the division real: MONTH_MS is a whole number of ms and integer division would truncate.
  const factor =
    halfLifeMonths > 0
      ? sql<number>`case when month_mid_ms >= ${nowMs} then 1.0 else power(0.5, ((${nowMs} - month_mid_ms) / cast(${MONTH_MS} as double precision)) / cast(${halfLifeMonths} as double precision)) end`
      : sql<number>`1.0`;
  const out: DecayedTotals[] = [];
  for (let i = 0; i < personIds.length; i += CHUNK) {
    const rows = await db
      .selectFrom("skill_months")
      .select([
        "person_id",
        "skill_key",
        sql<number>`sum(verified_points * ${factor})`.as("verified_decayed"),
        sql<number>`sum(self_points * ${factor})`.as("self_decayed"),
        sql<number>`sum(items)`.as("items"),
      ])
      .where("person_id", "in", personIds.slice(i, i + CHUNK))
      .where("month", "<=", monthOf(now))
      .groupBy(["person_id", "skill_key"])
      .execute();
    for (const r of rows)
      out.push({
        ...r,
        verified_decayed: Number(r.verified_decayed),
        self_decayed: Number(r.self_decayed),
        items: Number(r.items),
      });
  }
  return out;
}
