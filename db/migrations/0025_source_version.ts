import type { Kysely } from "kysely";

// Frozen once shipped. Issue 13, point 5: an export older than what is stored must never overwrite it. An
// imported item remembers the version of the ticket it was last written from:
// - source_mod_count: the source's modification count (ServiceNow's sys_mod_count), when the export has one
// - source_updated_at: the source's last update time (sys_updated_at / Jira's Updated), a UTC ISO instant
// Both null for items written before this migration, by the form or by the API: nothing to compare with.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("evidence").addColumn("source_mod_count", "integer").execute();
  await db.schema.alterTable("evidence").addColumn("source_updated_at", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("evidence").dropColumn("source_updated_at").execute();
  await db.schema.alterTable("evidence").dropColumn("source_mod_count").execute();
}
