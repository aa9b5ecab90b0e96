import { now as clockNow } from "~/clock.server";
import type { DB } from "~/db.server";

export type GoalStatus = "open" | "in_progress" | "done" | "dropped";

export interface GoalInput {
  title: string;
  skill: string | null;
  positionId: number | null;
  dueDate: string;
  status: GoalStatus;
  evidence: number[];
}

export async function getGoal(db: DB, id: number) {
  return db.selectFrom("goals").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function goalEvidenceIds(db: DB, goalId: number): Promise<number[]> {
  const rows = await db
    .selectFrom("goal_evidence")
    .select("evidence_id")
    .where("goal_id", "=", goalId)
    .orderBy("evidence_id")
    .execute();
  return rows.map((r) => r.evidence_id);
}

/** A person's goals, open ones first (by due date), each with its skill, position and linked evidence. */
export async function listGoals(db: DB, personId: number) {
  const goals = await db
    .selectFrom("goals")
    .leftJoin("skills", "skills.key", "goals.skill_key")
    .leftJoin("positions", "positions.id", "goals.position_id")
    .select([
      "goals.id",
      "goals.person_id",
      "goals.title",
      "goals.skill_key",
      "skills.name as skill_name",
      "goals.position_id",
      "positions.name as position_name",
      "goals.due_date",
      "goals.status",
      "goals.updated_at",
    ])
    .where("goals.person_id", "=", personId)
    .execute();
  const ids = goals.map((g) => g.id);
  const links = ids.length
    ? await db
        .selectFrom("goal_evidence")
        .innerJoin("evidence", "evidence.id", "goal_evidence.evidence_id")
        .select(["goal_evidence.goal_id", "evidence.id", "evidence.title", "evidence.resolved_at", "evidence.status"])
        .where("goal_evidence.goal_id", "in", ids)
        .orderBy("evidence.resolved_at", "desc")
        .execute()
    : [];
  const active = (s: string) => (s === "open" || s === "in_progress" ? 0 : 1);
  return goals
    .map((g) => ({ ...g, evidence: links.filter((l) => l.goal_id === g.id).map(({ goal_id: _, ...e }) => e) }))
    .sort(
      (a, b) => active(a.status) - active(b.status) || (a.due_date ?? "9999").localeCompare(b.due_date ?? "9999") || a.id - b.id,
    );
}

/** The person's latest items to link to a goal, plus any already linked (which may be older). */
export async function linkableEvidence(db: DB, personId: number, alsoIds: number[] = [], limit = 40) {
  const recent = await db
    .selectFrom("evidence")
    .select(["id", "title", "kind", "resolved_at", "status"])
    .where("person_id", "=", personId)
    .orderBy("resolved_at", "desc")
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
  const missing = alsoIds.filter((id) => !recent.some((r) => r.id === id));
  const linked = missing.length
    ? await db
        .selectFrom("evidence")
        .select(["id", "title", "kind", "resolved_at", "status"])
        .where("person_id", "=", personId)
        .where("id", "in", missing)
        .execute()
    : [];
  return [...recent, ...linked].sort((a, b) => b.resolved_at.localeCompare(a.resolved_at) || b.id - a.id);
}

/** Of `ids`, those that are evidence items of `personId`. */
export async function evidenceOwnedBy(db: DB, personId: number, ids: number[]): Promise<Set<number>> {
  if (!ids.length) return new Set();
  const rows = await db.selectFrom("evidence").select("id").where("person_id", "=", personId).where("id", "in", ids).execute();
  return new Set(rows.map((r) => r.id));
}

export async function skillIsLive(db: DB, key: string): Promise<boolean> {
  return !!(await db.selectFrom("skills").select("key").where("key", "=", key).where("retired", "=", 0).executeTakeFirst());
}

export async function positionIsLive(db: DB, id: number): Promise<boolean> {
  return !!(await db.selectFrom("positions").select("id").where("id", "=", id).where("retired", "=", 0).executeTakeFirst());
}

export async function insertGoal(db: DB, personId: number, g: GoalInput, now = clockNow()): Promise<number> {
  const ts = now.toISOString();
  const { id } = await db
    .insertInto("goals")
    .values({
      person_id: personId,
      title: g.title,
      skill_key: g.skill,
      position_id: g.positionId,
      due_date: g.dueDate,
      status: g.status,
      created_at: ts,
      updated_at: ts,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await replaceGoalEvidence(db, id, g.evidence);
  return id;
}

export async function updateGoal(db: DB, id: number, g: GoalInput, now = clockNow()) {
  await db
    .updateTable("goals")
    .set({
      title: g.title,
      skill_key: g.skill,
      position_id: g.positionId,
      due_date: g.dueDate,
      status: g.status,
      updated_at: now.toISOString(),
    })
    .where("id", "=", id)
    .execute();
  await replaceGoalEvidence(db, id, g.evidence);
}

async function replaceGoalEvidence(db: DB, goalId: number, evidenceIds: number[]) {
  await db.deleteFrom("goal_evidence").where("goal_id", "=", goalId).execute();
  if (evidenceIds.length) {
    await db
      .insertInto("goal_evidence")
      .values(evidenceIds.map((evidence_id) => ({ goal_id: goalId, evidence_id })))
      .execute();
  }
}

export async function deleteGoalRow(db: DB, id: number) {
  await db.deleteFrom("goal_evidence").where("goal_id", "=", id).execute();
  await db.deleteFrom("goals").where("id", "=", id).execute();
}
