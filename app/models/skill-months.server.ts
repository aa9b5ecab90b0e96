// The monthly score buckets kept as a table (skill_months, ADR 005, amended by ADR 011). Every write that
// changes contributions moves the buckets of the units it changed by their difference (applyItemChanges), in
// its transaction, so that a write costs the same whatever the person's history; the rebuild recomputes them
// with skillBuckets, the one definition of the aggregate, and the oracle tests hold the two equal.
import { sql } from "kysely";
import type { DB } from "~/db.server";
import {
  type BucketKey,
  type ItemSkill,
  type StoredBucket,
  applyDelta,
  bucketDeltas,
  bucketKeyOf,
} from "~/domain/skill-month-deltas";
import { MONTH_MS, type ScoringConfig, type SkillBucket, addMonths, monthMiddle, monthOf } from "~/domain/scoring";
import { lockAllScores, lockPeople } from "./locks.server";
import { skillBuckets } from "./scores.server";

export interface PersonMonth {
  personId: number;
  month: string;
}

const CHUNK = 500;
/** Above this many touched buckets a write recomputes their months instead (applyItemChanges). */
export const RECOMPUTE_ABOVE = 2000;

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

/**
 * The units (ItemSkill) of these items as their contributions stand now: per item, skill, instant and
 * verification, the counted points summed — the inner grouping of skillBuckets. Call before and after a write.
 */
export async function itemSkillsOf(db: DB, evidenceIds: number[]): Promise<ItemSkill[]> {
  const out: ItemSkill[] = [];
  for (let i = 0; i < evidenceIds.length; i += CHUNK) {
    const rows = await db
      .selectFrom("contributions")
      .select(["person_id", "evidence_id", "skill_key", "resolved_at", "verified", (eb) => eb.fn.sum<number>("points").as("pts")])
      .where("evidence_id", "in", evidenceIds.slice(i, i + CHUNK))
      .where("counted", "=", 1)
      .groupBy(["person_id", "evidence_id", "skill_key", "resolved_at", "verified"])
      .execute();
    for (const r of rows)
      out.push({
        personId: r.person_id,
        evidenceId: r.evidence_id,
        skill: r.skill_key,
        resolvedAt: r.resolved_at,
        verified: r.verified === 1,
        points: Number(r.pts),
      });
  }
  return out;
}

/** The stored rows of these buckets (one query per person, narrowed to their months). */
async function storedBuckets(db: DB, keys: BucketKey[]): Promise<Map<string, StoredBucket>> {
  const byPerson = new Map<number, Set<string>>();
  for (const k of keys) byPerson.set(k.personId, (byPerson.get(k.personId) ?? new Set()).add(k.month));
  const out = new Map<string, StoredBucket>();
  for (const [personId, set] of byPerson) {
    const months = [...set];
    for (let i = 0; i < months.length; i += CHUNK) {
      const rows = await db
        .selectFrom("skill_months")
        .select(["skill_key", "month", "verified_points", "self_points", "items", "verified_items", "last_at"])
        .where("person_id", "=", personId)
        .where("month", "in", months.slice(i, i + CHUNK))
        .execute();
      for (const r of rows) {
        const b: StoredBucket = {
          personId,
          skill: r.skill_key,
          month: r.month,
          verifiedPoints: Number(r.verified_points),
          selfPoints: Number(r.self_points),
          items: Number(r.items),
          verifiedItems: Number(r.verified_items),
          lastAt: r.last_at,
        };
        out.set(bucketKeyOf(b), b);
      }
    }
  }
  return out;
}

/**
 * The latest instant of a bucket's items with positive net points, from the contributions as they are now:
 * walks the instants down from the end of the month over contributions_person_idx (person, counted, skill,
 * resolved_at, …), usually one step; an instant whose items were all adjusted to nothing is skipped.
 */
async function latestInBucket(db: DB, k: BucketKey): Promise<string | null> {
  const end = addMonths(k.month, 1);
  let below = end;
  for (;;) {
    const top = await db
      .selectFrom("contributions")
      .select("resolved_at")
      .where("person_id", "=", k.personId)
      .where("counted", "=", 1)
      .where("skill_key", "=", k.skill)
      .where("resolved_at", ">=", k.month)
      .where("resolved_at", "<", below)
      .orderBy("resolved_at", "desc")
      .limit(1)
      .executeTakeFirst();
    if (!top) return null;
    const positive = await db
      .selectFrom("contributions")
      .select("evidence_id")
      .where("person_id", "=", k.personId)
      .where("counted", "=", 1)
      .where("skill_key", "=", k.skill)
      .where("resolved_at", "=", top.resolved_at)
      .groupBy(["evidence_id", "verified"])
      .having((eb) => eb.fn.sum("points"), ">", 0)
      .limit(1)
      .executeTakeFirst();
    if (positive) return top.resolved_at;
    below = top.resolved_at;
  }
}

/**
 * Moves the stored buckets from the units `before` a write to the units `after` it (itemSkillsOf, or
 * unitsOf the rows just inserted): reads the touched rows by key, applies the differences, looks up last_at
 * where the latest item went, and writes back only the rows that changed. Cost: a few statements per touched
 * bucket, whatever the number of the person's items. Takes the people's write locks (ADR 006).
 */
export async function applyItemChanges(db: DB, before: ItemSkill[], after: ItemSkill[]) {
  const deltas = bucketDeltas(before, after);
  if (!deltas.length) return;
  // A bulk change (an import, or the undo of one) touches whole months of many people: recomputing those
  // months is then cheaper than a lookup per bucket, and gives the same rows.
  if (deltas.length > RECOMPUTE_ABOVE) return refreshSkillMonths(db, deltas);
  await lockPeople(
    db,
    deltas.map((d) => d.personId),
  );
  const stored = await storedBuckets(db, deltas);
  const upserts: StoredBucket[] = [];
  const gone: BucketKey[] = [];
  for (const d of deltas) {
    const { row, lastAtStale } = applyDelta(stored.get(bucketKeyOf(d)) ?? null, d);
    if (!row) {
      if (stored.has(bucketKeyOf(d))) gone.push(d);
      continue;
    }
    if (lastAtStale) {
      const latest = await latestInBucket(db, row);
      if (latest === null) {
        gone.push(d);
        continue;
      }
      row.lastAt = latest;
    }
    upserts.push(row);
  }
  for (let i = 0; i < gone.length; i += CHUNK / 5) {
    const part = gone.slice(i, i + CHUNK / 5);
    await db
      .deleteFrom("skill_months")
      .where((eb) =>
        eb.or(
          part.map((k) => eb.and([eb("person_id", "=", k.personId), eb("skill_key", "=", k.skill), eb("month", "=", k.month)])),
        ),
      )
      .execute();
  }
  for (let i = 0; i < upserts.length; i += CHUNK / 5)
    await db
      .insertInto("skill_months")
      .values(
        upserts.slice(i, i + CHUNK / 5).map((b) =>
          toRow(b.personId, {
            skill: b.skill,
            month: b.month,
            verifiedPoints: b.verifiedPoints,
            selfPoints: b.selfPoints,
            items: b.items,
            verifiedItems: b.verifiedItems,
            lastAt: b.lastAt,
          }),
        ),
      )
      .onConflict((oc) =>
        oc.columns(["person_id", "skill_key", "month"]).doUpdateSet((eb) => ({
          verified_points: eb.ref("excluded.verified_points"),
          self_points: eb.ref("excluded.self_points"),
          items: eb.ref("excluded.items"),
          verified_items: eb.ref("excluded.verified_items"),
          last_at: eb.ref("excluded.last_at"),
        })),
      )
      .execute();
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

export interface DecayedScore {
  person_id: number;
  skill_key: string;
  /** Σ (verified points × verified weight + self-reported points × self weight) × decay, unrounded */
  score: number;
  items: number;
}

/**
 * The scores of decayedTotals already weighted, each bucket as scoreSkills weighs it — (verified × weight +
 * self × weight) × decay — so that the database works out one power per bucket, not two (the team view's
 * 330,000 buckets of 2,000 people).
 */
export async function decayedScores(db: DB, personIds: number[], now: Date, config: ScoringConfig): Promise<DecayedScore[]> {
  if (personIds.length === 0) return [];
  const nowMs = now.getTime();
  const halfLife = config.halfLifeMonths;
  const factor =
    halfLife > 0
      ? sql<number>`case when month_mid_ms >= ${nowMs} then 1.0 else power(0.5, ((${nowMs} - month_mid_ms) / cast(${MONTH_MS} as double precision)) / cast(${halfLife} as double precision)) end`
      : sql<number>`1.0`;
  const weighted = sql<number>`(verified_points * cast(${config.verifiedWeight} as double precision) + self_points * cast(${config.selfReportedWeight} as double precision))`;
  const out: DecayedScore[] = [];
  for (let i = 0; i < personIds.length; i += CHUNK * 4) {
    const rows = await db
      .selectFrom("skill_months")
      .select([
        "person_id",
        "skill_key",
        sql<number>`sum(${weighted} * ${factor})`.as("score"),
        sql<number>`sum(items)`.as("items"),
      ])
      .where("person_id", "in", personIds.slice(i, i + CHUNK * 4))
      .where("month", "<=", monthOf(now))
      .groupBy(["person_id", "skill_key"])
      .execute();
    for (const r of rows) {
      r.score = Number(r.score);
      r.items = Number(r.items);
      out.push(r);
    }
  }
  return out;
}
