import type { Kysely } from "kysely";

// Frozen once shipped. Erasure of a person who has left (issue 17, point 6; ADR 023). An erased person's row
// stays, because the team's history (evidence, contributions, monthly skill and load buckets) points at it and
// must keep adding up; what made it theirs (name, email, handles, credentials, free text) is removed or
// replaced by app/services/erasure.server.ts. `erased_at` says the row is now an anonymous placeholder, so that
// no form edits or reactivates it and the erasure cannot run twice. Nullable text: portable, and every
// existing person starts as not erased.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("people").addColumn("erased_at", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("people").dropColumn("erased_at").execute();
}
