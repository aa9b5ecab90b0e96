// All SQL of appraisal cycles, appraisals and their ratings.
import { type DB, inTransaction } from "~/db.server";
import type { AppraisalState, Ratings } from "~/domain/appraisal-workflow";
import type { AppraisalTable } from "../../db/schema";

// ---------------------------------------------------------------------------------------------
// Cycles

export interface NewCycle {
  name: string;
  periodStart: string;
  periodEnd: string;
  selfDue: string;
  reviewDue: string;
}

export async function listCycles(db: DB) {
  return db.selectFrom("appraisal_cycles").selectAll().orderBy("period_start", "desc").orderBy("id", "desc").execute();
}

export async function getCycle(db: DB, id: number) {
  return db.selectFrom("appraisal_cycles").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function cycleNameTaken(db: DB, name: string): Promise<boolean> {
  const row = await db
    .selectFrom("appraisal_cycles")
    .select("id")
    .where((eb) => eb(eb.fn("lower", ["name"]), "=", name.trim().toLowerCase()))
    .executeTakeFirst();
  return !!row;
}

export async function insertCycle(db: DB, c: NewCycle, actorId: number | null, now: Date): Promise<number> {
  const { id } = await db
    .insertInto("appraisal_cycles")
    .values({
      name: c.name,
      period_start: c.periodStart,
      period_end: c.periodEnd,
      self_due: c.selfDue,
      review_due: c.reviewDue,
      created_by: actorId,
      created_at: now.toISOString(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return id;
}

/** Appraisal counts per state for every cycle: one GROUP BY. Optionally only for these people. */
export async function cycleStateCounts(db: DB, personIds?: number[]) {
  if (personIds && personIds.length === 0) return [];
  return db
    .selectFrom("appraisals")
    .select(["cycle_id", "state", (eb) => eb.fn.countAll<number>().as("n")])
    .$if(!!personIds, (q) => q.where("person_id", "in", personIds!))
    .groupBy(["cycle_id", "state"])
    .execute();
}

// ---------------------------------------------------------------------------------------------
// Appraisals

const appraisalColumns = [
  "appraisals.id",
  "appraisals.cycle_id",
  "appraisals.person_id",
  "appraisals.manager_id",
  "appraisals.state",
  "appraisals.self_summary",
  "appraisals.manager_comment",
  "appraisals.outcome",
  "appraisals.promo_position_id",
  "appraisals.promo_readiness",
  "appraisals.snapshot_json",
  "appraisals.signed_off_at",
  "appraisals.acknowledged_at",
  "appraisals.acknowledgement_comment",
  "appraisals.acknowledgement_disagrees",
  "appraisals.created_at",
  "appraisals.updated_at",
  "appraisals.version",
] as const;

export async function getAppraisal(db: DB, id: number) {
  return db
    .selectFrom("appraisals")
    .innerJoin("appraisal_cycles as c", "c.id", "appraisals.cycle_id")
    .innerJoin("people as p", "p.id", "appraisals.person_id")
    .leftJoin("people as m", "m.id", "appraisals.manager_id")
    .leftJoin("positions as pos", "pos.id", "p.position_id")
    .leftJoin("positions as promo", "promo.id", "appraisals.promo_position_id")
    .select([
      ...appraisalColumns,
      "c.name as cycle_name",
      "c.period_start",
      "c.period_end",
      "c.self_due",
      "c.review_due",
      "p.name as person_name",
      "p.manager_id as person_manager_id",
      "p.position_id as person_position_id",
      "pos.name as person_position_name",
      "m.name as manager_name",
      "promo.name as promo_position_name",
    ])
    .where("appraisals.id", "=", id)
    .executeTakeFirst();
}

export type AppraisalDetail = NonNullable<Awaited<ReturnType<typeof getAppraisal>>>;

export async function findAppraisal(db: DB, cycleId: number, personId: number) {
  return db
    .selectFrom("appraisals")
    .select(["id", "state"])
    .where("cycle_id", "=", cycleId)
    .where("person_id", "=", personId)
    .executeTakeFirst();
}

export interface AppraisalListFilter {
  /** only these people (a manager's subtree); undefined = everyone */
  personIds?: number[];
  cycleId?: number;
}

/** Appraisals with person, manager and cycle names, newest cycle first. */
export async function listAppraisals(db: DB, f: AppraisalListFilter) {
  if (f.personIds && f.personIds.length === 0) return [];
  return db
    .selectFrom("appraisals")
    .innerJoin("appraisal_cycles as c", "c.id", "appraisals.cycle_id")
    .innerJoin("people as p", "p.id", "appraisals.person_id")
    .leftJoin("people as m", "m.id", "appraisals.manager_id")
    .select([
      "appraisals.id",
      "appraisals.cycle_id",
      "appraisals.person_id",
      "appraisals.manager_id",
      "appraisals.state",
      "appraisals.outcome",
      "appraisals.signed_off_at",
      "appraisals.acknowledged_at",
      "appraisals.acknowledgement_comment",
      "appraisals.acknowledgement_disagrees",
      "appraisals.updated_at",
      "c.name as cycle_name",
      "c.period_start",
      "c.period_end",
      "c.self_due",
      "c.review_due",
      "p.name as person_name",
      "m.name as manager_name",
    ])
    .$if(!!f.personIds, (q) => q.where("appraisals.person_id", "in", f.personIds!))
    .$if(f.cycleId !== undefined, (q) => q.where("appraisals.cycle_id", "=", f.cycleId!))
    .orderBy("c.period_start", "desc")
    .orderBy("c.id", "desc")
    .orderBy("p.name")
    .execute();
}

export async function insertAppraisal(
  db: DB,
  a: { cycleId: number; personId: number; managerId: number | null; state: AppraisalState },
  now: Date,
): Promise<number> {
  const ts = now.toISOString();
  const { id } = await db
    .insertInto("appraisals")
    .values({
      cycle_id: a.cycleId,
      person_id: a.personId,
      manager_id: a.managerId,
      state: a.state,
      created_at: ts,
      updated_at: ts,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return id;
}

export type AppraisalPatch = Partial<
  Pick<
    AppraisalTable,
    | "state"
    | "manager_id"
    | "self_summary"
    | "manager_comment"
    | "outcome"
    | "promo_position_id"
    | "promo_readiness"
    | "snapshot_json"
    | "signed_off_at"
    | "acknowledged_at"
    | "acknowledgement_comment"
  >
> & { acknowledgement_disagrees?: number };

/**
 * Updates an appraisal that is still in `expectedState` (and, when given, at `expectedVersion`) and raises
 * its version (ADR 017); returns false (nothing written) when it is not.
 */
export async function updateAppraisal(
  db: DB,
  id: number,
  patch: AppraisalPatch,
  now: Date,
  expectedState: AppraisalState,
  expectedVersion?: number,
): Promise<boolean> {
  const res = await db
    .updateTable("appraisals")
    .set((eb) => ({ ...patch, updated_at: now.toISOString(), version: eb("version", "+", 1) }))
    .where("id", "=", id)
    .where("state", "=", expectedState)
    .$if(expectedVersion !== undefined, (q) => q.where("version", "=", expectedVersion!))
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

// ---------------------------------------------------------------------------------------------
// Ratings

export async function getRatings(db: DB, appraisalId: number): Promise<{ self: Ratings; manager: Ratings }> {
  const rows = await db.selectFrom("appraisal_ratings").selectAll().where("appraisal_id", "=", appraisalId).execute();
  const self: Ratings = {};
  const manager: Ratings = {};
  for (const r of rows) {
    self[r.skill_key] = { level: r.self_level, comment: r.self_comment ?? "" };
    manager[r.skill_key] = { level: r.manager_level, comment: r.manager_comment ?? "" };
  }
  return { self, manager };
}

/** Writes one side (self or manager) of the ratings; the other side of each row is kept. */
export async function saveRatings(db: DB, appraisalId: number, side: "self" | "manager", ratings: Ratings) {
  await inTransaction(db, async (tx) => {
    for (const [skill, r] of Object.entries(ratings)) {
      const values =
        side === "self"
          ? { self_level: r.level, self_comment: r.comment || null }
          : { manager_level: r.level, manager_comment: r.comment || null };
      await tx
        .insertInto("appraisal_ratings")
        .values({ appraisal_id: appraisalId, skill_key: skill, ...values })
        .onConflict((oc) => oc.columns(["appraisal_id", "skill_key"]).doUpdateSet(values))
        .execute();
    }
  });
}

/** Manager levels of every appraisal in a cycle (for calibration): one row per rated skill. */
export async function managerRatingsOfCycle(db: DB, cycleId: number) {
  return db
    .selectFrom("appraisal_ratings as r")
    .innerJoin("appraisals as a", "a.id", "r.appraisal_id")
    .innerJoin("people as p", "p.id", "a.person_id")
    .leftJoin("people as m", "m.id", "a.manager_id")
    .select([
      "a.id as appraisal_id",
      "a.person_id",
      "a.manager_id",
      "a.state",
      "p.name as person_name",
      "m.name as manager_name",
      "r.skill_key",
      "r.manager_level",
    ])
    .where("a.cycle_id", "=", cycleId)
    .where("r.manager_level", "is not", null)
    .execute();
}

// ---------------------------------------------------------------------------------------------
// Evidence of the period

/** Counted (submitted or verified) items of a person resolved in [from, toExclusive). */
export async function periodEvidence(db: DB, personId: number, from: string, toExclusive: string) {
  return db
    .selectFrom("evidence")
    .leftJoin("evidence_kinds as k", "k.key", "evidence.kind")
    .select([
      "evidence.id",
      "evidence.title",
      "evidence.kind",
      "k.name as kind_name",
      "evidence.resolved_at",
      "evidence.status",
      "evidence.priority",
      "evidence.external_ref",
    ])
    .where("evidence.person_id", "=", personId)
    .where("evidence.status", "in", ["submitted", "verified"])
    .where("evidence.resolved_at", ">=", from)
    .where("evidence.resolved_at", "<", toExclusive)
    .orderBy("evidence.resolved_at", "desc")
    .orderBy("evidence.id", "desc")
    .execute();
}

/** Which counted items of the period raised which skill (net points per item and skill > 0). */
export async function periodSkillItems(db: DB, personId: number, from: string, toExclusive: string) {
  const rows = await db
    .selectFrom("contributions")
    .select(["evidence_id", "skill_key", (eb) => eb.fn.sum<number>("points").as("pts")])
    .where("person_id", "=", personId)
    .where("counted", "=", 1)
    .where("resolved_at", ">=", from)
    .where("resolved_at", "<", toExclusive)
    .groupBy(["evidence_id", "skill_key"])
    .having((eb) => eb.fn.sum("points"), ">", 0)
    .execute();
  return rows.map((r) => ({ evidenceId: r.evidence_id, skill: r.skill_key, points: Number(r.pts) }));
}
