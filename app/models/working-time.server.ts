// Reads where and when people work (issue 13): stored per person (migration 0023), falling back to the
// organisation's zone (setting `organisation`.timeZone) and business hours (setting `business_hours`).
import type { DB } from "~/db.server";
import { type WorkingTime, organisationWorkingTime, personWorkingTime } from "~/domain/working-time";
import { businessHours, putSetting } from "./catalog.server";

export async function organisationTimeZone(db: DB): Promise<string> {
  const row = await db.selectFrom("settings").select("value_json").where("key", "=", "organisation").executeTakeFirst();
  const zone = row ? (JSON.parse(row.value_json) as { timeZone?: string }).timeZone : undefined;
  return organisationWorkingTime(zone, { startHour: 0, endHour: 24, weekdaysOnly: false }).zone;
}

/** Stores the organisation's zone (validate with isTimeZone first); other keys of the setting are kept. */
export async function putOrganisationTimeZone(db: DB, zone: string) {
  const row = await db.selectFrom("settings").select("value_json").where("key", "=", "organisation").executeTakeFirst();
  const before = row ? (JSON.parse(row.value_json) as Record<string, unknown>) : {};
  await putSetting(db, "organisation", { ...before, timeZone: zone });
}

export async function organisationWorkingTimeOf(db: DB): Promise<WorkingTime> {
  const [zone, hours] = await Promise.all([organisationTimeZone(db), businessHours(db)]);
  return organisationWorkingTime(zone, hours);
}

/** Each listed person's working time (people not found are absent from the map). */
export async function workingTimesOf(db: DB, personIds: readonly number[]): Promise<Map<number, WorkingTime>> {
  const out = new Map<number, WorkingTime>();
  if (personIds.length === 0) return out;
  const [org, rows] = await Promise.all([
    organisationWorkingTimeOf(db),
    db
      .selectFrom("people")
      .select(["id", "time_zone", "work_days", "work_start", "work_end"])
      .where("id", "in", [...new Set(personIds)])
      .execute(),
  ]);
  for (const r of rows) out.set(r.id, personWorkingTime(r, org));
  return out;
}

export async function workingTimeOf(db: DB, personId: number): Promise<WorkingTime> {
  return (await workingTimesOf(db, [personId])).get(personId) ?? (await organisationWorkingTimeOf(db));
}

/** Whether the person has set their own working time (else the organisation's applies). */
export async function hasOwnWorkingTime(db: DB, id: number): Promise<boolean> {
  const row = await db
    .selectFrom("people")
    .select(["time_zone", "work_days", "work_start", "work_end"])
    .where("id", "=", id)
    .executeTakeFirst();
  return !!row && [row.time_zone, row.work_days, row.work_start, row.work_end].some((v) => v !== null);
}
