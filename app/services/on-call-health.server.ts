// On-call health pages (issue 13 point 4): a person's own last twelve months, and a manager's team, each
// person read in their own zone and hours. A fixed number of queries whatever the team's size.
import type { DB } from "~/db.server";
import { type HealthThresholds, localMonthsBack, personHealth, teamHealth } from "~/domain/on-call-health";
import { loadThresholds } from "~/models/catalog.server";
import { subtreeIds, teamPeople } from "~/models/people.server";
import { workItemsOf } from "~/models/work-items.server";
import { workingTimeOf, workingTimesOf, organisationWorkingTimeOf } from "~/models/working-time.server";
import type { TeamScope } from "./team.server";

export const HEALTH_MONTHS = 12;

/** The instants bounding local months in any zone: a day of slack either side of the UTC months. */
function bounds(months: readonly string[]) {
  const [y, m] = months[months.length - 1]!.split("-").map(Number) as [number, number];
  const from = new Date(`${months[0]}-01T00:00:00Z`);
  from.setUTCDate(from.getUTCDate() - 1);
  return { from: from.toISOString(), to: new Date(Date.UTC(y, m, 2)).toISOString() };
}

export async function healthThresholds(db: DB): Promise<HealthThresholds> {
  return loadThresholds(db);
}

export async function ownHealth(db: DB, personId: number, now: Date) {
  const [wt, thresholds] = await Promise.all([workingTimeOf(db, personId), healthThresholds(db)]);
  const months = localMonthsBack(now, wt.zone, HEALTH_MONTHS);
  const { from, to } = bounds(months);
  const items = (await workItemsOf(db, [personId], from, to)).get(personId) ?? [];
  return { health: personHealth(items, wt, months, thresholds), workingTime: wt, thresholds };
}

export async function teamHealthView(db: DB, scope: TeamScope, viewerId: number, now: Date) {
  const ids = scope.managerId === null ? undefined : await subtreeIds(db, scope.managerId);
  const people = await teamPeople(db, ids);
  const personIds = people.map((p) => p.id);
  const [times, thresholds, viewer, org] = await Promise.all([
    workingTimesOf(db, personIds),
    healthThresholds(db),
    workingTimeOf(db, viewerId),
    organisationWorkingTimeOf(db),
  ]);
  // the months are the viewer's; each person's items fall in their own local month
  const months = localMonthsBack(now, viewer.zone, HEALTH_MONTHS);
  const { from, to } = bounds(months);
  const items = await workItemsOf(db, personIds, from, to);
  const team = teamHealth(
    people.map((p) => ({ personId: p.id, name: p.name, workingTime: times.get(p.id) ?? org, items: items.get(p.id) ?? [] })),
    months,
    thresholds,
  );
  return { team, months, thresholds, viewerZone: viewer.zone };
}
