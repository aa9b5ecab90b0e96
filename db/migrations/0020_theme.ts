import type { Kysely } from "kysely";

// Frozen once shipped. Dark mode (issue 16, point 2): each person may pin the colour scheme to "light" or
// "dark"; null (every existing row) follows the browser's prefers-color-scheme. The server renders the choice
// as <html data-theme> on every page, so the chosen theme is painted first, with no flash of the other one.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("people").addColumn("theme", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("people").dropColumn("theme").execute();
}
