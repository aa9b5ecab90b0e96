import type { Kysely } from "kysely";

// Frozen: never edit after it has shipped; add a new migration instead.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("teams")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("name", "text", (c) => c.notNull().unique())
    .execute();

  await db.schema
    .createTable("skills")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("sfia_codes", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("sort_order", "integer", (c) => c.notNull())
    .addColumn("retired", "integer", (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable("evidence_kinds")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("sort_order", "integer", (c) => c.notNull())
    .addColumn("retired", "integer", (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable("positions")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("key", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("rank", "integer", (c) => c.notNull())
    .addColumn("is_management", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("retired", "integer", (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable("position_requirements")
    .addColumn("position_id", "integer", (c) => c.notNull().references("positions.id").onDelete("cascade"))
    .addColumn("skill_key", "text", (c) => c.notNull().references("skills.key"))
    .addColumn("level", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("position_requirements_pk", ["position_id", "skill_key"])
    .execute();

  await db.schema
    .createTable("people")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("email", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("password_hash", "text")
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("manager_id", "integer", (c) => c.references("people.id"))
    .addColumn("team_id", "integer", (c) => c.references("teams.id"))
    .addColumn("position_id", "integer", (c) => c.references("positions.id"))
    .addColumn("active", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("people_manager_idx").on("people").column("manager_id").execute();

  await db.schema
    .createTable("itsm_handles")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("person_id", "integer", (c) => c.notNull().references("people.id").onDelete("cascade"))
    .addColumn("handle", "text", (c) => c.notNull())
    .addColumn("handle_key", "text", (c) => c.notNull().unique())
    .execute();
  await db.schema.createIndex("itsm_handles_person_idx").on("itsm_handles").column("person_id").execute();

  await db.schema
    .createTable("sessions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("person_id", "integer", (c) => c.notNull().references("people.id").onDelete("cascade"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("revoked_at", "text")
    .addColumn("user_agent", "text")
    .execute();
  await db.schema.createIndex("sessions_person_idx").on("sessions").column("person_id").execute();

  await db.schema
    .createTable("login_attempts")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("login_attempts_key_idx").on("login_attempts").columns(["key", "at"]).execute();

  await db.schema
    .createTable("password_tokens")
    .addColumn("token_hash", "text", (c) => c.primaryKey())
    .addColumn("person_id", "integer", (c) => c.notNull().references("people.id").onDelete("cascade"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("used_at", "text")
    .execute();

  await db.schema
    .createTable("audit_log")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("actor_id", "integer", (c) => c.references("people.id"))
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("entity", "text", (c) => c.notNull())
    .addColumn("entity_id", "text")
    .addColumn("subject_person_id", "integer", (c) => c.references("people.id"))
    .addColumn("before_json", "text")
    .addColumn("after_json", "text")
    .addColumn("reason", "text")
    .execute();
  await db.schema.createIndex("audit_entity_idx").on("audit_log").columns(["entity", "entity_id"]).execute();

  await db.schema
    .createTable("settings")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("value_json", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ["settings", "audit_log", "password_tokens", "login_attempts", "sessions", "itsm_handles", "people",
    "position_requirements", "positions", "evidence_kinds", "skills", "teams"]) {
    await db.schema.dropTable(t).execute();
  }
}
