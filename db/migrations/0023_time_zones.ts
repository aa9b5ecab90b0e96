import type { Kysely } from "kysely";

// Frozen once shipped. Time zones and working hours (issue 13, point 1). Each person may have an IANA zone
// and their own working days and hours; null means "the organisation's" (the `organisation` setting's
// timeZone, then the `business_hours` setting), so nobody needs a value for the figures to be right.
// - time_zone: an IANA name such as "Europe/London", validated by the app before it is stored
// - work_days: ISO weekdays as digits, "12345" = Monday to Friday (1 = Monday … 7 = Sunday)
// - work_start / work_end: local "HH:MM", start < end (a working day does not cross midnight)
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("people")
    .addColumn("time_zone", "text")
    .execute();
  await db.schema.alterTable("people").addColumn("work_days", "text").execute();
  await db.schema.alterTable("people").addColumn("work_start", "text").execute();
  await db.schema.alterTable("people").addColumn("work_end", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const c of ["work_end", "work_start", "work_days", "time_zone"])
    await db.schema.alterTable("people").dropColumn(c).execute();
}
