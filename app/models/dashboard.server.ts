// Reads behind the dashboard: the manager's assessed levels from the latest signed-off appraisal. The
// manager's reporting line comes from people.server.ts, the person's score buckets from skill-months.server.ts.
import type { DB } from "~/db.server";

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
