// The signed-in person sets where and when they work, or goes back to the organisation's (issue 13, point 1).
import { type Actor, refuse } from "~/auth/authorize.server";
import type { DB } from "~/db.server";
import { formatClockTime } from "~/domain/working-time";
import { setWorkingTime } from "~/models/people-writes.server";
import { hasOwnWorkingTime, workingTimeOf } from "~/models/working-time.server";
import type { WorkingTimeValues } from "~/schemas/working-time";
import { type Result, ok } from "~/utils/result";

/** The form's starting values: the person's own, else the organisation's. */
export async function workingTimeForm(db: DB, actor: Actor) {
  const [wt, own] = await Promise.all([workingTimeOf(db, actor.id), hasOwnWorkingTime(db, actor.id)]);
  return {
    own,
    values: {
      timeZone: wt.zone,
      workDays: wt.days.map(String),
      workStart: formatClockTime(wt.start),
      workEnd: formatClockTime(wt.end),
    },
  };
}

export async function chooseWorkingTime(db: DB, actor: Actor, v: WorkingTimeValues | null): Promise<Result> {
  const refusal = await refuse(db, actor, "profile:write", actor.id);
  if (refusal) return refusal;
  await setWorkingTime(
    db,
    actor.id,
    v
      ? { time_zone: v.timeZone, work_days: [...v.workDays].sort().join(""), work_start: v.workStart, work_end: v.workEnd }
      : { time_zone: null, work_days: null, work_start: null, work_end: null },
  );
  return ok();
}
