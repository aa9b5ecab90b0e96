import type { Kysely } from "kysely";

// Frozen: never edit after it has shipped; add a new migration instead.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("import_batches")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("created_by", "integer", (c) => c.notNull().references("people.id"))
    .addColumn("scope", "text", (c) => c.notNull())
    .addColumn("format", "text", (c) => c.notNull())
    .addColumn("filename", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("rows_read", "integer", (c) => c.notNull())
    .addColumn("items_created", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("items_updated", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("items_unchanged", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("payload_json", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("applied_at", "text")
    .addColumn("undone_at", "text")
    .execute();

  await db.schema
    .createTable("import_batch_items")
    .addColumn("batch_id", "integer", (c) => c.notNull().references("import_batches.id").onDelete("cascade"))
    .addColumn("evidence_id", "integer", (c) => c.notNull())
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("previous_json", "text")
    .addPrimaryKeyConstraint("import_batch_items_pk", ["batch_id", "evidence_id"])
    .execute();

  await db.schema
    .createTable("api_tokens")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("prefix", "text", (c) => c.notNull())
    .addColumn("created_by", "integer", (c) => c.notNull().references("people.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("revoked_at", "text")
    .addColumn("last_used_at", "text")
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ["api_tokens", "import_batch_items", "import_batches"]) await db.schema.dropTable(t).execute();
}
