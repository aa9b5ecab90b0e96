import type { Kysely } from "kysely";

// Frozen once shipped. Skills catalogue (issue 17, part 1, ADR 019).
// - skills: an admin now edits the catalogue from a page, so a skill gains what that page shows beyond its
//   name (a description), the `version` two admins editing it at once are checked against (ADR 017) and
//   when it last changed (for the refusal's "changed … at"). The key stays as it was: contributions,
//   buckets, requirements and ratings name a skill by key, so a rename is a change of `name` only.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("skills").addColumn("description", "text").execute();
  await db.schema
    .alterTable("skills")
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.alterTable("skills").addColumn("updated_at", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const c of ["updated_at", "version", "description"]) await db.schema.alterTable("skills").dropColumn(c).execute();
}
