import type { Kysely } from "kysely";

// Frozen once shipped. A covering index for the team view's on-call load figures: one range per person
// over (person_id, resolved_at) that never has to visit the (wide) evidence rows themselves.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex("evidence_load_idx")
    .on("evidence")
    .columns(["person_id", "resolved_at", "status", "kind", "priority", "after_hours", "after_hours_minutes", "duration_minutes"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("evidence_load_idx").execute();
}
