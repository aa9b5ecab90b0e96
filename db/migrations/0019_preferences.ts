import type { Kysely } from "kysely";

// Frozen once shipped. Remembered choices (issue 16, point 4). The target position lived only in the URL
// (`?target=5`) and was lost on the next visit; list filters likewise. Both are a person's own settings,
// kept in tables of their own rather than columns on `people`, so a preference never travels with the
// person record (admin edits, exports of the organisation) and erasing a person takes them along (cascade).
// - `person_preferences`: one row per person who chose something; a retired position simply forgets the
//   target (set null), which then falls back to the next rung as before.
// - `list_filters`: per person and list (`evidence`, ...) the query string last submitted by its filter form,
//   normalised by the list's own parser before it is stored, so nothing unparsed is ever replayed.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("person_preferences")
    .addColumn("person_id", "integer", (c) => c.primaryKey().references("people.id").onDelete("cascade"))
    .addColumn("target_position_id", "integer", (c) => c.references("positions.id").onDelete("set null"))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("list_filters")
    .addColumn("person_id", "integer", (c) => c.notNull().references("people.id").onDelete("cascade"))
    .addColumn("list_key", "text", (c) => c.notNull())
    .addColumn("query", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("list_filters_pk", ["person_id", "list_key"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("list_filters").execute();
  await db.schema.dropTable("person_preferences").execute();
}
