import type { Kysely } from "kysely";

// Frozen once shipped. Edits carry a version (issue 12, ADR 017): two people saving one evidence item, one
// appraisal or one goal from pages loaded earlier silently reverted each other's changes. Each row now has
// a version that every write of what its forms show raises by one; a save names the version its page was
// loaded with and is refused (409, nothing written) when the row has moved on. Existing rows start at 1,
// as new ones do: no page loaded before this migration carries a version, so none is judged stale by it.
export async function up(db: Kysely<any>): Promise<void> {
  for (const table of ["evidence", "appraisals", "goals"]) {
    await db.schema
      .alterTable(table)
      .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
      .execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["evidence", "appraisals", "goals"]) await db.schema.alterTable(table).dropColumn("version").execute();
}
