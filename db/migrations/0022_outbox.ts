import type { Kysely } from "kysely";

// Frozen once shipped. Mail (issue 14, point 2). Every message the app sends is first a row here, written
// in the same transaction as what caused it, so a message is never lost when SMTP is down and never sent for
// a change that rolled back. A deliverer (any instance) claims unsent rows and sends them over SMTP; with no
// SMTP configured rows stay unsent and admins read them at /admin/outbox, so the demo still works.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("outbox")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("to_email", "text", (c) => c.notNull())
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("text_body", "text", (c) => c.notNull())
    .addColumn("html_body", "text", (c) => c.notNull())
    /** what kind of message: "invitation", "password-reset", "notification", "digest" */
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    /** set once the SMTP server accepted it */
    .addColumn("sent_at", "text")
    /** a deliverer's claim on the row until then (several instances) */
    .addColumn("claimed_until", "text")
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("last_error", "text")
    .execute();
  await db.schema.createIndex("outbox_unsent").on("outbox").columns(["sent_at", "id"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("outbox").execute();
}
