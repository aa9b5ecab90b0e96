import type { Kysely } from "kysely";

// Frozen once shipped. Teams are kept by admins (issue 16, point 9): renamed and retired rather than deleted,
// because people, appraisals and exports name them. `retired_at` (null = live) stops new members joining;
// `version` / `updated_at` give the admin forms the optimistic check every other catalogue form has (ADR 017).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("teams").addColumn("retired_at", "text").execute();
  await db.schema
    .alterTable("teams")
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.alterTable("teams").addColumn("updated_at", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const column of ["updated_at", "version", "retired_at"])
    await db.schema.alterTable("teams").dropColumn(column).execute();
}
