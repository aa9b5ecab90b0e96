// Reads behind the dashboard: one person's score buckets (the hot path), the manager's assessed
// levels from the latest signed-off appraisal, and a manager's reporting line.
import { sql } from "kysely";
import type { DB } from "~/db.server";
import type { SkillBucket } from "~/domain/scoring";
import { subtreeIdsQuery } from "./people.server";

/**
 * The same buckets as `skillBuckets(db, [personId])`, in one single-level GROUP BY (skill, month)
 * over the covering index instead of a per-item aggregate followed by a second GROUP BY.
 *
 * They agree as long as every contribution in a group is positive: then each item's net points
 * for the skill are positive and "distinct items" is a plain count(distinct). A group holding a
 * zero or negative row (an item adjusted down) is corrected: the items whose net points for the
 * skill are not positive are taken out again, as skillBuckets' per-item HAVING does, so an item
 * adjusted down to nothing never counts.
 */
export async function personSkillBuckets(db: DB, personId: number): Promise<SkillBucket[]> {
  const month = sql<string>`substr(resolved_at, 1, 7)`;
  // Grouped by verification too: an item is verified or not as a whole, so each group's distinct
  // count is its share of the items, and no second count(distinct) is needed for the verified ones.
  const rows = await db
    .selectFrom("contributions")
    .select([
      "skill_key",
      month.as("month"),
      "verified",
      sql<number>`sum(points)`.as("points"),
      sql<number>`count(distinct evidence_id)`.as("items"),
      sql<string>`max(resolved_at)`.as("last_at"),
      sql<number>`min(points)`.as("min_points"),
    ])
    .where("person_id", "=", personId)
    .where("counted", "=", 1)
    .groupBy(["skill_key", month, "verified"])
    .execute();

  const byKey = new Map<string, SkillBucket>();
  const dirty = new Set<string>();
  for (const r of rows) {
    const key = `${r.skill_key}\u0000${r.month}`;
    if (Number(r.min_points) <= 0) dirty.add(key);
    let b = byKey.get(key);
    if (!b) {
      b = { skill: r.skill_key, month: r.month, verifiedPoints: 0, selfPoints: 0, items: 0, verifiedItems: 0, lastAt: r.last_at };
      byKey.set(key, b);
    }
    const points = Number(r.points);
    const items = Number(r.items);
    if (r.verified === 1) {
      b.verifiedPoints += points;
      b.verifiedItems = (b.verifiedItems ?? 0) + items;
    } else b.selfPoints += points;
    b.items += items;
    if (r.last_at > b.lastAt) b.lastAt = r.last_at;
  }
  if (dirty.size) await correctDirty(db, personId, byKey, dirty);
  const buckets = [...byKey.values()].filter((b) => b.items > 0);
  // The order skillBuckets yields (skill, then month), so sums add up in the same order.
  return buckets.sort((a, b) => (a.skill === b.skill ? cmp(a.month, b.month) : cmp(a.skill, b.skill)));
}

const rangeOf = (month: string) => [month, nextMonth(month)] as const;

/**
 * Takes out of the dirty groups every item whose net points for the skill are not positive. Only
 * items holding a non-positive row can be such items; one query sums just those items per skill.
 * A group whose latest item was taken out is recomputed whole.
 */
async function correctDirty(db: DB, personId: number, byKey: Map<string, SkillBucket>, dirty: Set<string>) {
  const netNothing = await db
    .selectFrom("contributions")
    .select(["evidence_id", "skill_key", "resolved_at", "verified", (eb) => eb.fn.sum<number>("points").as("net")])
    .where("person_id", "=", personId)
    .where("counted", "=", 1)
    .where("evidence_id", "in", (eb) =>
      eb
        .selectFrom("contributions")
        .select("evidence_id")
        .where("person_id", "=", personId)
        .where("counted", "=", 1)
        .where("points", "<=", 0),
    )
    .groupBy(["evidence_id", "skill_key", "resolved_at", "verified"])
    .having((eb) => eb.fn.sum("points"), "<=", 0)
    .execute();
  const recompute = new Set<string>();
  for (const n of netNothing) {
    const key = `${n.skill_key}\u0000${n.resolved_at.slice(0, 7)}`;
    const b = byKey.get(key);
    if (!b || !dirty.has(key)) continue;
    const net = Number(n.net);
    if (n.verified === 1) {
      b.verifiedPoints -= net;
      b.verifiedItems = (b.verifiedItems ?? 0) - 1;
    } else b.selfPoints -= net;
    b.items -= 1;
    if (n.resolved_at >= b.lastAt) recompute.add(key);
  }
  if (recompute.size) {
    const groups = [...recompute].map((k) => k.split("\u0000") as [string, string]);
    for (const k of recompute) byKey.delete(k);
    for (const b of await exactBuckets(db, personId, groups)) byKey.set(`${b.skill}\u0000${b.month}`, b);
  }
}

/**
 * skillBuckets' per-item aggregate, limited to the given (skill, month) groups: each group is one
 * range of the covering index (person, counted, skill, resolved_at), so only those rows are read.
 */
async function exactBuckets(db: DB, personId: number, groups: [skill: string, month: string][]): Promise<SkillBucket[]> {
  const out: SkillBucket[] = [];
  for (let i = 0; i < groups.length; i += 50) {
    const chunk = groups.slice(i, i + 50);
    const perItem = db
      .selectFrom("contributions")
      .select(["evidence_id", "skill_key", "resolved_at", "verified", (eb) => eb.fn.sum<number>("points").as("pts")])
      .where("person_id", "=", personId)
      .where("counted", "=", 1)
      .where((eb) =>
        eb.or(
          chunk.map(([skill, month]) => {
            const [from, to] = rangeOf(month);
            return eb.and([eb("skill_key", "=", skill), eb("resolved_at", ">=", from), eb("resolved_at", "<", to)]);
          }),
        ),
      )
      .groupBy(["evidence_id", "skill_key", "resolved_at", "verified"])
      .having((eb) => eb.fn.sum("points"), ">", 0)
      .as("i");
    const rows = await db
      .selectFrom(perItem)
      .select([
        "i.skill_key",
        sql<string>`substr(i.resolved_at, 1, 7)`.as("month"),
        sql<number>`sum(case when i.verified = 1 then i.pts else 0 end)`.as("verified_points"),
        sql<number>`sum(case when i.verified = 1 then 0 else i.pts end)`.as("self_points"),
        sql<number>`count(*)`.as("items"),
        sql<number>`sum(i.verified)`.as("verified_items"),
        sql<string>`max(i.resolved_at)`.as("last_at"),
      ])
      .groupBy(["i.skill_key", sql`substr(i.resolved_at, 1, 7)`])
      .execute();
    for (const r of rows) {
      out.push({
        skill: r.skill_key,
        month: r.month,
        verifiedPoints: Number(r.verified_points),
        selfPoints: Number(r.self_points),
        items: Number(r.items),
        verifiedItems: Number(r.verified_items),
        lastAt: r.last_at,
      });
    }
  }
  return out;
}

/** "2025-12" → "2026-01": the exclusive upper bound of a month's timestamps. */
function nextMonth(month: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 7);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Manager-assessed level per skill from the person's latest signed-off (or acknowledged) appraisal. */
export async function latestAssessedLevels(db: DB, personId: number) {
  const appraisal = await db
    .selectFrom("appraisals")
    .innerJoin("appraisal_cycles", "appraisal_cycles.id", "appraisals.cycle_id")
    .select(["appraisals.id", "appraisal_cycles.name as cycle_name", "appraisals.signed_off_at"])
    .where("appraisals.person_id", "=", personId)
    .where("appraisals.state", "in", ["signed_off", "acknowledged"])
    .orderBy("appraisal_cycles.period_end", "desc")
    .orderBy("appraisals.signed_off_at", "desc")
    .limit(1)
    .executeTakeFirst();
  if (!appraisal) return null;
  const ratings = await db
    .selectFrom("appraisal_ratings")
    .select(["skill_key", "manager_level"])
    .where("appraisal_id", "=", appraisal.id)
    .execute();
  const levels: Record<string, number> = {};
  for (const r of ratings) if (r.manager_level !== null) levels[r.skill_key] = r.manager_level;
  return { appraisalId: appraisal.id, cycleName: appraisal.cycle_name, signedOffAt: appraisal.signed_off_at, levels };
}

/** Everyone active in a manager's reporting line, direct reports first, then by name. */
export async function reportingLine(db: DB, managerId: number) {
  const rows = await db
    .selectFrom("people")
    .leftJoin("positions", "positions.id", "people.position_id")
    .leftJoin("teams", "teams.id", "people.team_id")
    .leftJoin("people as mgr", "mgr.id", "people.manager_id")
    .select([
      "people.id",
      "people.name",
      "people.manager_id",
      "positions.name as position_name",
      "teams.name as team_name",
      "mgr.name as manager_name",
    ])
    .where("people.id", "in", subtreeIdsQuery(db, managerId))
    .where("people.active", "=", 1)
    .orderBy("people.name")
    .execute();
  return rows
    .map((r) => ({ ...r, direct: r.manager_id === managerId }))
    .sort((a, b) => Number(b.direct) - Number(a.direct));
}
