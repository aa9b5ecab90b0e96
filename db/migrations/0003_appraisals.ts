import type { Kysely } from "kysely";

// Frozen: never edit after it has shipped; add a new migration instead.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("appraisal_cycles")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("name", "text", (c) => c.notNull().unique())
    .addColumn("period_start", "text", (c) => c.notNull())
    .addColumn("period_end", "text", (c) => c.notNull())
    .addColumn("self_due", "text", (c) => c.notNull())
    .addColumn("review_due", "text", (c) => c.notNull())
    .addColumn("created_by", "integer", (c) => c.references("people.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("appraisals")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("cycle_id", "integer", (c) => c.notNull().references("appraisal_cycles.id"))
    .addColumn("person_id", "integer", (c) => c.notNull().references("people.id"))
    .addColumn("manager_id", "integer", (c) => c.references("people.id"))
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("self_summary", "text")
    .addColumn("manager_comment", "text")
    .addColumn("outcome", "text")
    .addColumn("promo_position_id", "integer", (c) => c.references("positions.id"))
    .addColumn("promo_readiness", "text")
    .addColumn("snapshot_json", "text")
    .addColumn("signed_off_at", "text")
    .addColumn("acknowledged_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("appraisals_once_per_cycle", ["cycle_id", "person_id"])
    .execute();
  await db.schema.createIndex("appraisals_person_idx").on("appraisals").column("person_id").execute();

  await db.schema
    .createTable("appraisal_ratings")
    .addColumn("appraisal_id", "integer", (c) => c.notNull().references("appraisals.id").onDelete("cascade"))
    .addColumn("skill_key", "text", (c) => c.notNull())
    .addColumn("self_level", "integer")
    .addColumn("self_comment", "text")
    .addColumn("manager_level", "integer")
    .addColumn("manager_comment", "text")
    .addPrimaryKeyConstraint("appraisal_ratings_pk", ["appraisal_id", "skill_key"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ["appraisal_ratings", "appraisals", "appraisal_cycles"]) await db.schema.dropTable(t).execute();
}
