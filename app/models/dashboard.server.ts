// Reads behind the dashboard: the manager's assessed levels from the latest signed-off appraisal, and a
// manager's reporting line. The person's score buckets come from skill-months.server.ts.
import type { DB } from "~/db.server";
import { subtreeIdsQuery } from "./people.server";

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
