import type { Kysely } from "kysely";

// Frozen once shipped. 360 feedback (issue 17, part 3; ADR 021). The employee or their manager asks colleagues
// for feedback on an appraisal; a colleague answers a short form per skill, or declines. Anonymity is built
// into the tables rather than promised by the pages:
// - `feedback_requests` says who was asked, by whom, in which relation, and only *whether* they answered:
//   no answer, no time of answering (a close time lined up with a change of the tallies would name them);
// - `feedback_tallies` holds no answer at all, only per appraisal and skill how many colleagues gave each
//   level (0-5) or "can't say", and the comments as one list kept in sorted order. An answer is added to the
//   counts and its comments merged into the lists; no row, id or position ever belongs to one respondent, so
//   not even someone reading the database can tell who said what.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("feedback_requests")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("appraisal_id", "integer", (c) => c.notNull().references("appraisals.id").onDelete("cascade"))
    .addColumn("respondent_id", "integer", (c) => c.notNull().references("people.id"))
    .addColumn("requested_by", "integer", (c) => c.notNull().references("people.id"))
    // peer | report | manager | other: the respondent seen from the person appraised
    .addColumn("relation", "text", (c) => c.notNull())
    // open | answered | declined | expired
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("feedback_requests_once", ["appraisal_id", "respondent_id"])
    .execute();
  await db.schema
    .createIndex("feedback_requests_respondent_idx")
    .on("feedback_requests")
    .columns(["respondent_id", "status"])
    .execute();

  await db.schema
    .createTable("feedback_tallies")
    .addColumn("appraisal_id", "integer", (c) => c.notNull().references("appraisals.id").onDelete("cascade"))
    .addColumn("skill_key", "text", (c) => c.notNull().references("skills.key"))
    .addColumn("level_0", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("level_1", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("level_2", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("level_3", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("level_4", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("level_5", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("cant_say", "integer", (c) => c.notNull().defaultTo(0))
    // a JSON array of strings, always sorted: the order says nothing about who wrote what, or when
    .addColumn("comments_json", "text", (c) => c.notNull().defaultTo("[]"))
    .addPrimaryKeyConstraint("feedback_tallies_pk", ["appraisal_id", "skill_key"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("feedback_tallies").execute();
  await db.schema.dropTable("feedback_requests").execute();
}
