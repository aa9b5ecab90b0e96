import type { Kysely } from "kysely";

// Frozen: never edit after it has shipped; add a new migration instead.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("mapping_rules")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("when_json", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("skill_key", "text", (c) => c.notNull().references("skills.key"))
    .addColumn("points", "integer", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("active", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("sort_order", "integer", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("evidence")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("person_id", "integer", (c) => c.notNull().references("people.id"))
    .addColumn("kind", "text", (c) => c.notNull().references("evidence_kinds.key"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("external_ref", "text")
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("import_key", "text", (c) => c.unique())
    .addColumn("import_batch_id", "integer")
    .addColumn("started_at", "text")
    .addColumn("resolved_at", "text", (c) => c.notNull())
    .addColumn("priority", "text")
    .addColumn("impact", "text")
    .addColumn("work_role", "text")
    .addColumn("outcome", "text")
    .addColumn("after_hours", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("after_hours_minutes", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("duration_minutes", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("emergency", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("adds_functionality", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("fixes_slowness", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("reassignment_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("reopen_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("problem_ref", "text")
    .addColumn("change_ref", "text")
    .addColumn("resolution_code", "text")
    .addColumn("notes", "text")
    .addColumn("links_json", "text")
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("return_reason", "text")
    .addColumn("verified_by", "integer", (c) => c.references("people.id"))
    .addColumn("verified_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("edited_at", "text")
    .execute();
  await db.schema.createIndex("evidence_person_resolved_idx").on("evidence").columns(["person_id", "resolved_at"]).execute();
  await db.schema.createIndex("evidence_status_idx").on("evidence").columns(["status", "person_id"]).execute();
  await db.schema.createIndex("evidence_batch_idx").on("evidence").column("import_batch_id").execute();

  await db.schema
    .createTable("contributions")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("evidence_id", "integer", (c) => c.notNull().references("evidence.id").onDelete("cascade"))
    .addColumn("person_id", "integer", (c) => c.notNull())
    .addColumn("resolved_at", "text", (c) => c.notNull())
    .addColumn("counted", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("verified", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("skill_key", "text", (c) => c.notNull())
    .addColumn("points", "integer", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("rule_id", "integer")
    .addColumn("adjusted", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("original_points", "integer")
    .execute();
  await db.schema.createIndex("contributions_evidence_idx").on("contributions").column("evidence_id").execute();
  // Covering index for the per-person score aggregate (GROUP BY skill, month).
  await db.schema
    .createIndex("contributions_person_idx")
    .on("contributions")
    .columns(["person_id", "counted", "skill_key", "resolved_at", "verified", "points", "evidence_id"])
    .execute();

  await db.schema
    .createTable("adjustments")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("evidence_id", "integer", (c) => c.notNull().references("evidence.id").onDelete("cascade"))
    .addColumn("skill_key", "text", (c) => c.notNull())
    .addColumn("points", "integer", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("created_by", "integer", (c) => c.notNull().references("people.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("adjustments_evidence_idx").on("adjustments").column("evidence_id").execute();

  await db.schema
    .createTable("endorsements")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("evidence_id", "integer", (c) => c.notNull().references("evidence.id").onDelete("cascade"))
    .addColumn("person_id", "integer", (c) => c.notNull().references("people.id"))
    .addColumn("comment", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("endorsements_once", ["evidence_id", "person_id"])
    .execute();

  await db.schema
    .createTable("goals")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("person_id", "integer", (c) => c.notNull().references("people.id"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("skill_key", "text", (c) => c.references("skills.key"))
    .addColumn("position_id", "integer", (c) => c.references("positions.id"))
    .addColumn("due_date", "text")
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("goals_person_idx").on("goals").column("person_id").execute();

  await db.schema
    .createTable("goal_evidence")
    .addColumn("goal_id", "integer", (c) => c.notNull().references("goals.id").onDelete("cascade"))
    .addColumn("evidence_id", "integer", (c) => c.notNull().references("evidence.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("goal_evidence_pk", ["goal_id", "evidence_id"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ["goal_evidence", "goals", "endorsements", "adjustments", "contributions", "evidence", "mapping_rules"]) {
    await db.schema.dropTable(t).execute();
  }
}
