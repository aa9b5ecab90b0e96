import type { Kysely } from "kysely";

// Frozen once shipped. Ladder tracks (issue 17, part 4; ADR 022): a position belongs to a track — the shared
// early rungs everybody climbs, then an individual-contributor track and a management track that fork from
// them — so a ladder can offer Staff / Principal Support Engineer beside Support Team Lead at the same rank.
// Rank stays the seniority rung; it is unique within a track (and a shared rung's rank on the whole ladder),
// which app/domain/ladder-tracks.ts checks. Existing positions keep their place: the management ones
// become the management track, the others the shared rungs below the fork, which is how the single default
// ladder reads. A description travels with ladder templates and is shown to people choosing a target.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("positions")
    .addColumn("track", "text", (c) => c.notNull().defaultTo("shared"))
    .execute();
  await db.schema.alterTable("positions").addColumn("description", "text").execute();
  await db.updateTable("positions").set({ track: "management" }).where("is_management", "=", 1).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("positions").dropColumn("description").execute();
  await db.schema.alterTable("positions").dropColumn("track").execute();
}
