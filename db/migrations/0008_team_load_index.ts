import { type Kysely, sql } from "kysely";

// Frozen once shipped. The team view's load query (loadGroups in app/models/team.server.ts) lost its
// covering index for large teams: with 2,000 people in its IN list SQLite's planner chose
// evidence_person_resolved_idx (person_id, resolved_at), a prefix of evidence_load_idx that has to visit
// every evidence row (2,000 people, 1M items: 690 ms against 55 ms per 500 people covered; bench/RESULTS.md).
// - evidence_person_resolved_idx goes: evidence_load_idx starts with the same two columns and serves every
//   query it served, so the planner has no narrower index to be misled by, and each evidence write maintains
//   one index fewer.
// - evidence_load_hot_idx holds only the rows the load figures read (counted, and P1, on call or after
//   hours: about 40 % of the items), with every column the query needs, so the query reads a third of the
//   entries it read and never the table. Its WHERE is written in literals, as the query's must be for either
//   engine to match it (a bound parameter cannot prove the index's condition).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("evidence_person_resolved_idx").execute();
  await db.schema
    .createIndex("evidence_load_hot_idx")
    .on("evidence")
    .columns(["person_id", "resolved_at", "status", "kind", "priority", "after_hours", "after_hours_minutes", "duration_minutes"])
    .where(sql.raw<boolean>("status in ('submitted', 'verified') and (after_hours = 1 or priority = 'P1' or kind = 'on_call')"))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("evidence_load_hot_idx").execute();
  await db.schema.createIndex("evidence_person_resolved_idx").on("evidence").columns(["person_id", "resolved_at"]).execute();
}
