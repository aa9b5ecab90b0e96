import type { Kysely } from "kysely";

// Frozen once shipped. Session ids are stored as their SHA-256 from now on (issue 12,
// app/models/sessions.server.ts), as API tokens and set-password tokens already were: a copy of the
// database or a backup no longer holds cookies someone could sign in with. The ids stored until now are raw
// and cannot be told from hashes, so they are dropped: everyone signs in once more. Set-password links are
// looked up by person when a new one revokes the older ones; that lookup gets an index.
export async function up(db: Kysely<any>): Promise<void> {
  await db.deleteFrom("sessions").execute();
  await db.schema.createIndex("password_tokens_person_idx").on("password_tokens").column("person_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("password_tokens_person_idx").execute();
}
