// SQL of the team view's load figures. Who is in the team comes from people.server.ts (teamPeople), their
// skill totals from skill-months.server.ts, the load groups from the stored table load_months
// (load-months.server.ts). One query for the whole team, whatever its size.
import type { DB } from "~/db.server";
import { storedLoadGroups } from "./load-months.server";

/**
 * The evidence behind on-call load, already grouped: per person and month, counted (submitted or verified)
 * items resolved in [from, to) that are P1, on-call shifts or after hours, in groups that share what the load
 * rules look at (on-call or not, P1 or not, the after-hours flag, whether after-hours minutes are known),
 * with their minutes summed and counted. Read from load_months (migration 0009): a few rows per person and
 * month, one index range per person, instead of every such item of the window. `from` and `to` are first
 * days of months (YYYY-MM-01), as the window is whole months.
 */
export async function loadGroups(db: DB, personIds: number[], from: string, to: string) {
  if (personIds.length === 0) return [];
  if (!/^\d{4}-\d{2}-01$/.test(from) || !/^\d{4}-\d{2}-01$/.test(to))
    throw new Error(`loadGroups reads whole months: ${from} – ${to} are not first days of months`);
  // priority is 'P1' or '' (stored so, to be part of the key); the caller reads it as P1 or not.
  return storedLoadGroups(db, personIds, from.slice(0, 7), to.slice(0, 7), { before: true });
}
