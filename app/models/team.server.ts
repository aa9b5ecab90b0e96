// SQL of the team view: who is in it, their skill totals (one aggregate) and their load figures (one
// aggregate). Everything is one query for the whole team, whatever its size.
import { sql } from "kysely";
import type { DB } from "~/db.server";

/** Active people (optionally only these ids) with their position's rank, ordered by name. Admins are left out. */
export async function teamPeople(db: DB, ids?: number[]) {
  if (ids && ids.length === 0) return [];
  return db
    .selectFrom("people")
    .leftJoin("positions", "positions.id", "people.position_id")
    .leftJoin("teams", "teams.id", "people.team_id")
    .select([
      "people.id",
      "people.name",
      "people.manager_id",
      "people.position_id",
      "positions.name as position_name",
      "positions.rank as position_rank",
      "teams.name as team_name",
    ])
    .where("people.active", "=", 1)
    .where("people.role", "!=", "admin")
    .$if(!!ids, (q) => q.where("people.id", "in", ids!))
    .orderBy("people.name")
    .orderBy("people.id")
    .execute();
}

export interface SkillTotalsRow {
  person_id: number;
  skill_key: string;
  /** Σ points × the month's decay factor, over verified items */
  verified_decayed: number;
  /** the same over self-reported (submitted) items */
  self_decayed: number;
  /** distinct items with a contribution to the skill */
  items: number;
  /** the smallest single contribution: ≤ 0 means an item was adjusted down and the group needs an exact recount */
  min_points: number;
}

/**
 * Per person and skill, in one pass over the covering index (person, counted, skill, …) — a GROUP BY that
 * follows the index order, so nothing is sorted: the points of counted items weighted by a per-month factor
 * given by the caller (the decay, computed by the scoring rules), split by verification, and the distinct
 * items. Months not in `factors` (the future, or beyond the horizon) are left out.
 */
export async function teamSkillTotals(db: DB, personIds: number[], factors: { month: string; factor: number }[]): Promise<SkillTotalsRow[]> {
  if (personIds.length === 0 || factors.length === 0) return [];
  const values = sql.join(factors.map((f) => sql`(cast(${f.month} as text), cast(${f.factor} as double precision))`));
  const result = await sql<SkillTotalsRow>`
    with f(month, factor) as (values ${values})
    select c.person_id, c.skill_key,
      sum(case when c.verified = 1 then c.points * f.factor else 0 end) as verified_decayed,
      sum(case when c.verified = 1 then 0 else c.points * f.factor end) as self_decayed,
      count(distinct c.evidence_id) as items,
      min(c.points) as min_points
    from contributions c
    inner join f on f.month = substr(c.resolved_at, 1, 7)
    where c.person_id in (${sql.join(personIds)}) and c.counted = 1
    group by c.person_id, c.skill_key`.execute(db);
  return result.rows.map((r) => ({
    person_id: Number(r.person_id),
    skill_key: r.skill_key,
    verified_decayed: Number(r.verified_decayed),
    self_decayed: Number(r.self_decayed),
    items: Number(r.items),
    min_points: Number(r.min_points),
  }));
}

/** The counted contributions of a few (person, skill) pairs, for an exact per-item recount. */
export async function contributionsOfPairs(db: DB, pairs: { personId: number; skill: string }[]) {
  const out: { person_id: number; skill_key: string; points: number; resolved_at: string; verified: number; evidence_id: number }[] = [];
  for (let i = 0; i < pairs.length; i += 100) {
    const chunk = pairs.slice(i, i + 100);
    const rows = await db
      .selectFrom("contributions")
      .select(["person_id", "skill_key", "points", "resolved_at", "verified", "evidence_id"])
      .where("counted", "=", 1)
      .where((eb) => eb.or(chunk.map((p) => eb.and([eb("person_id", "=", p.personId), eb("skill_key", "=", p.skill)]))))
      .execute();
    out.push(...rows);
  }
  return out;
}

/**
 * The evidence behind on-call load, already grouped: per person and month, counted (submitted or verified)
 * items resolved in [from, to) that are P1, on-call shifts or after hours, in groups that share what the load
 * rules look at (on-call or not, P1 or not, the after-hours flag, whether after-hours minutes are known),
 * with their minutes summed and counted. One range per person over a covering index.
 */
export async function loadGroups(db: DB, personIds: number[], from: string, to: string) {
  if (personIds.length === 0) return [];
  const month = sql<string>`substr(resolved_at, 1, 7)`;
  const kind = sql<string>`case when kind = 'on_call' then 'on_call' else 'other' end`;
  const priority = sql<string | null>`case when priority = 'P1' then 'P1' else null end`;
  const known = sql<number>`case when after_hours_minutes > 0 then 1 else 0 end`;
  const rows = await db
    .selectFrom("evidence")
    .select([
      "person_id",
      month.as("month"),
      kind.as("kind"),
      priority.as("priority"),
      "after_hours",
      known.as("minutes_known"),
      sql<number>`sum(after_hours_minutes)`.as("after_hours_minutes"),
      sql<number>`sum(duration_minutes)`.as("duration_minutes"),
      sql<number>`count(*)`.as("items"),
    ])
    .where("person_id", "in", personIds)
    .where("resolved_at", ">=", from)
    .where("resolved_at", "<", to)
    .where("status", "in", ["submitted", "verified"])
    .where((eb) => eb.or([eb("after_hours", "=", 1), eb("priority", "=", "P1"), eb("kind", "=", "on_call")]))
    .groupBy(["person_id", month, kind, priority, "after_hours", known])
    .execute();
  return rows.map((r) => ({
    ...r,
    after_hours_minutes: Number(r.after_hours_minutes),
    duration_minutes: Number(r.duration_minutes),
    items: Number(r.items),
  }));
}

/** Managers that an admin can filter the org view by: people who have someone reporting to them. */
export async function managersWithReports(db: DB) {
  return db
    .selectFrom("people")
    .select(["people.id", "people.name"])
    .where("people.active", "=", 1)
    .where((eb) => eb.exists(eb.selectFrom("people as r").select(sql<number>`1`.as("one")).whereRef("r.manager_id", "=", "people.id")))
    .orderBy("people.name")
    .execute();
}
