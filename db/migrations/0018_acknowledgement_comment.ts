import type { Kysely } from "kysely";

// Frozen once shipped. Acknowledging a signed-off appraisal (issue 16, point 5) may carry the employee's
// comment, and say that they disagree with it: acknowledging means "I have read it", not "I agree". Both are
// kept on the appraisal beside acknowledged_at (and copied into the snapshot and the audit entry, which
// outlive a reopen); 0/1 rather than a boolean column so that SQLite and PostgreSQL read the same values.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("appraisals").addColumn("acknowledgement_comment", "text").execute();
  await db.schema
    .alterTable("appraisals")
    .addColumn("acknowledgement_disagrees", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("appraisals").dropColumn("acknowledgement_disagrees").execute();
  await db.schema.alterTable("appraisals").dropColumn("acknowledgement_comment").execute();
}
