// 360 feedback's SQL (issue 17, part 3; ADR 021). Requests say who was asked and whether they answered;
// tallies hold the answers added up per appraisal and skill, with no respondent. Every query that reads a
// request is scoped: by its respondent (the person answering) or by the appraisal (counts only).
import { sql } from "kysely";
import { type DB, isPostgres } from "~/db.server";
import {
  CLOSED_APPRAISAL_STATES,
  FEEDBACK_LEVELS,
  type Relation,
  type RequestStatus,
  type SkillAnswer,
  type Tally,
  addToTally,
  effectiveThreshold,
  emptyTally,
} from "~/domain/feedback";
import { putSetting } from "./catalog.server";

const SETTING = "feedback";
// pg_advisory_xact_lock(int, int) kind for one appraisal's tallies (app/models/locks.server.ts uses 1-3)
const TALLY_LOCK = 17;

/** The organisation's anonymity threshold (admin settings), never below the allowed minimum. */
export async function feedbackThreshold(db: DB): Promise<number> {
  const row = await db.selectFrom("settings").select("value_json").where("key", "=", SETTING).executeTakeFirst();
  try {
    return effectiveThreshold(row ? (JSON.parse(row.value_json) as { threshold?: unknown }).threshold : undefined);
  } catch {
    return effectiveThreshold(undefined);
  }
}

export const putFeedbackThreshold = (db: DB, threshold: number) => putSetting(db, SETTING, { threshold });

/** Everyone who could be asked about `subjectId`'s appraisal, with what the relation rule needs. */
export async function feedbackCandidates(db: DB, subjectId: number) {
  const [people, subject] = await Promise.all([
    db
      .selectFrom("people")
      .leftJoin("teams", "teams.id", "people.team_id")
      .select(["people.id", "people.name", "people.active", "people.team_id", "people.manager_id", "teams.name as team_name"])
      .orderBy("people.name")
      .orderBy("people.id")
      .execute(),
    db.selectFrom("people").select(["id", "team_id", "manager_id"]).where("id", "=", subjectId).executeTakeFirst(),
  ]);
  return { people, subject };
}

/** Ids of everyone asked about this appraisal (any status): nobody is asked twice. */
export async function askedIds(db: DB, appraisalId: number): Promise<Set<number>> {
  const rows = await db.selectFrom("feedback_requests").select("respondent_id").where("appraisal_id", "=", appraisalId).execute();
  return new Set(rows.map((r) => r.respondent_id));
}

/** How many were asked and how many answered: all the appraisal's readers learn of its requests. */
export async function requestCounts(db: DB, appraisalId: number): Promise<{ asked: number; answered: number }> {
  const row = await db
    .selectFrom("feedback_requests")
    .select((eb) => [
      eb.fn.countAll<number>().as("asked"),
      eb.fn.sum<number>(eb.case().when("status", "=", "answered").then(1).else(0).end()).as("answered"),
    ])
    .where("appraisal_id", "=", appraisalId)
    .executeTakeFirst();
  return { asked: Number(row?.asked ?? 0), answered: Number(row?.answered ?? 0) };
}

export interface NewRequest {
  respondentId: number;
  relation: Relation;
}

export async function insertRequests(db: DB, appraisalId: number, requestedBy: number, rows: NewRequest[], now: Date) {
  if (!rows.length) return [];
  return db
    .insertInto("feedback_requests")
    .values(
      rows.map((r) => ({
        appraisal_id: appraisalId,
        respondent_id: r.respondentId,
        requested_by: requestedBy,
        relation: r.relation,
        status: "open" as const,
        created_at: now.toISOString(),
      })),
    )
    .returning(["id", "respondent_id"])
    .execute();
}

function respondentRequests(db: DB, respondentId: number) {
  return db
    .selectFrom("feedback_requests as r")
    .innerJoin("appraisals as a", "a.id", "r.appraisal_id")
    .innerJoin("appraisal_cycles as c", "c.id", "a.cycle_id")
    .innerJoin("people as p", "p.id", "a.person_id")
    .select([
      "r.id",
      "r.appraisal_id",
      "r.relation",
      "r.status",
      "r.created_at",
      "a.state",
      "a.person_id",
      "c.name as cycle_name",
      "c.review_due",
      "p.name as person_name",
    ])
    .where("r.respondent_id", "=", respondentId);
}

/** The respondent's requests still open as of `now` (signed-off appraisals and past cycles left out). */
export async function openRequestsFor(db: DB, respondentId: number, now: Date) {
  return respondentRequests(db, respondentId)
    .where("r.status", "=", "open")
    .where("a.state", "not in", CLOSED_APPRAISAL_STATES)
    .where("c.review_due", ">=", now.toISOString().slice(0, 10))
    .orderBy("c.review_due")
    .orderBy("p.name")
    .orderBy("r.id")
    .execute();
}

/** One request, only when `respondentId` is the person asked (anyone else: undefined, the same as none). */
export async function requestForRespondent(db: DB, requestId: number, respondentId: number) {
  return respondentRequests(db, respondentId).where("r.id", "=", requestId).executeTakeFirst();
}

/** Every request the person was asked, for their own data download: whether they answered, never what. */
export async function requestsAskedOf(db: DB, respondentId: number) {
  return respondentRequests(db, respondentId).orderBy("r.id").execute();
}

/** Closes an open request; false when it was no longer open (answered in another tab, another instance). */
export async function closeRequest(db: DB, requestId: number, status: Exclude<RequestStatus, "open">): Promise<boolean> {
  const res = await db
    .updateTable("feedback_requests")
    .set({ status })
    .where("id", "=", requestId)
    .where("status", "=", "open")
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** At sign-off: what is still open expires with the appraisal, for good (a reopen does not revive it). */
export async function expireOpenRequests(db: DB, appraisalId: number): Promise<void> {
  await db
    .updateTable("feedback_requests")
    .set({ status: "expired" })
    .where("appraisal_id", "=", appraisalId)
    .where("status", "=", "open")
    .execute();
}

type TallyRow = {
  skill_key: string;
  level_0: number;
  level_1: number;
  level_2: number;
  level_3: number;
  level_4: number;
  level_5: number;
  cant_say: number;
  comments_json: string;
};

const LEVEL_COLUMNS = ["level_0", "level_1", "level_2", "level_3", "level_4", "level_5"] as const;

function tallyOf(r: TallyRow): Tally {
  let comments: string[] = [];
  try {
    const parsed: unknown = JSON.parse(r.comments_json);
    if (Array.isArray(parsed)) comments = parsed.filter((c): c is string => typeof c === "string");
  } catch {
    comments = [];
  }
  return { levels: LEVEL_COLUMNS.map((c) => Number(r[c])), cantSay: Number(r.cant_say), comments };
}

export async function talliesOf(db: DB, appraisalId: number): Promise<Map<string, Tally>> {
  const rows = await db
    .selectFrom("feedback_tallies")
    .select(["skill_key", ...LEVEL_COLUMNS, "cant_say", "comments_json"])
    .where("appraisal_id", "=", appraisalId)
    .execute();
  return new Map(rows.map((r) => [r.skill_key, tallyOf(r)]));
}

/**
 * Adds one answer to the appraisal's tallies, inside the caller's transaction. The tallies are read and
 * rewritten (the comment lists are merged in sorted order), so concurrent answers to one appraisal take
 * turns: an advisory lock on PostgreSQL; SQLite serialises every write transaction anyway.
 */
export async function addAnswer(db: DB, appraisalId: number, answers: Record<string, SkillAnswer>): Promise<void> {
  if (isPostgres(db)) await sql`select pg_advisory_xact_lock(${TALLY_LOCK}, ${appraisalId}::int)`.execute(db);
  const current = await talliesOf(db, appraisalId);
  for (const [skill, answer] of Object.entries(answers)) {
    const t = addToTally(current.get(skill) ?? emptyTally(), answer);
    const row = {
      ...Object.fromEntries(FEEDBACK_LEVELS.map((l) => [LEVEL_COLUMNS[l], t.levels[l] ?? 0])),
      cant_say: t.cantSay,
      comments_json: JSON.stringify(t.comments),
    };
    await db
      .insertInto("feedback_tallies")
      .values({ appraisal_id: appraisalId, skill_key: skill, ...row })
      .onConflict((oc) => oc.columns(["appraisal_id", "skill_key"]).doUpdateSet(row))
      .execute();
  }
}
