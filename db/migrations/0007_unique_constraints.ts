import { type Kysely, sql } from "kysely";

// Frozen once shipped. What the services check before writing is also a constraint of the database,
// so two app instances writing at the same instant cannot both pass the check (ADR 006):
// - cycle names are unique whatever their case (lower() is Unicode-aware on both engines: the app
//   gives SQLite the same lower() PostgreSQL has, app/db.server.ts);
// - the rule table's order is unique (a new rule goes after the last one).
// Position keys, emails and handle keys were unique from the start (0001).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex("appraisal_cycles_name_ci").on("appraisal_cycles").unique().expression(sql`lower(name)`).execute();
  await db.schema.createIndex("mapping_rules_order_uq").on("mapping_rules").unique().column("sort_order").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("mapping_rules_order_uq").execute();
  await db.schema.dropIndex("appraisal_cycles_name_ci").execute();
}
