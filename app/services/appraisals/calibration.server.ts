// Calibration of a cycle: the arithmetic is pure (app/domain/calibration.ts); this loads the ratings and
// decides which managers' rows the actor sees.
import { type Actor, refuseCapability } from "~/auth/authorize.server";
import { reachesEveryone } from "~/auth/permissions";
import type { DB } from "~/db.server";
import { calibrate, ratingsPerAppraisal } from "~/domain/calibration";
import { getCycle, managerRatingsOfCycle } from "~/models/appraisals.server";
import { subtreeIds } from "~/models/people.server";
import { notFound, ok } from "~/utils/result";

/**
 * One rating per appraisal (the mean of its manager's skill ratings), grouped by the manager who rated. The
 * organisation's figures use every rating of the cycle; a manager sees the rows of the managers who rated
 * people in their subtree, an actor reaching everyone sees all.
 */
export async function cycleCalibration(db: DB, actor: Actor, cycleId: number) {
  const refused = refuseCapability(actor, "team:read");
  if (refused) return refused;
  const cycle = await getCycle(db, cycleId);
  if (!cycle) return notFound("No such cycle.");
  const ratings = ratingsPerAppraisal(await managerRatingsOfCycle(db, cycleId));
  const result = calibrate(ratings);
  const seesEveryManager = reachesEveryone(actor.role, "appraisal:read");
  const scope = seesEveryManager ? null : new Set(await subtreeIds(db, actor.id));
  const visible = new Set(
    scope
      ? ratings.filter((r) => scope.has(Number(r.personId))).map((r) => String(r.managerId))
      : result.managers.map((m) => String(m.managerId)),
  );
  return ok({
    cycle,
    org: result.org,
    managers: result.managers.filter((m) => visible.has(String(m.managerId))),
    appraisals: ratings.length,
    seesEveryManager,
  });
}
