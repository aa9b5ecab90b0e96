import { now as clockNow } from "~/clock.server";
import type { DB } from "~/db.server";
import { skillLabel } from "~/domain/skill-catalogue";
import { visibleTo } from "./evidence-visibility.server";

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

/** The items linked to a goal; with `viewerId`, only those the viewer may see (not another's drafts). */
export async function goalEvidenceIds(db: DB, goalId: number, viewerId?: number): Promise<number[]> {
  const rows = await db
    .selectFrom("goal_evidence")
    .innerJoin("evidence", "evidence.id", "goal_evidence.evidence_id")
    .select("goal_evidence.evidence_id")
    .where("goal_evidence.goal_id", "=", goalId)
    .$if(viewerId !== undefined, (q) => q.where(visibleTo(viewerId!)))
    .orderBy("goal_evidence.evidence_id")
    .execute();
  return rows.map((r) => r.evidence_id);
}

/** Titles of the items linked to a goal that the viewer may see, by id (what the goal's page shows). */
export async function goalEvidenceTitles(db: DB, goalId: number, viewerId: number): Promise<string[]> {
  const rows = await db
    .selectFrom("goal_evidence")
    .innerJoin("evidence", "evidence.id", "goal_evidence.evidence_id")
    .select("evidence.title")
    .where("goal_evidence.goal_id", "=", goalId)
    .where(visibleTo(viewerId))
    .orderBy("evidence.id")
    .execute();
  return rows.map((r) => r.title);
}

/** The names a goal's page shows for its skill and position. */
export async function goalNames(db: DB, g: { skill_key: string | null; position_id: number | null }) {
  const [skill, position] = await Promise.all([
    g.skill_key ? db.selectFrom("skills").select("name").where("key", "=", g.skill_key).executeTakeFirst() : undefined,
    g.position_id !== null
      ? db.selectFrom("positions").select("name").where("id", "=", g.position_id).executeTakeFirst()
      : undefined,
  ]);
  return { skillName: skill?.name ?? g.skill_key, positionName: position?.name ?? null };
}

/**
 * A person's goals, open ones first (by due date), each with its skill, position and the linked evidence
 * the viewer may see (another person's drafts are left out).
 */
export async function listGoals(db: DB, personId: number, viewerId: number) {
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
      "skills.retired as skill_retired",
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
        .where(visibleTo(viewerId))
        .orderBy("evidence.resolved_at", "desc")
        .execute()
    : [];
  const active = (s: string) => (s === "open" || s === "in_progress" ? 0 : 1);
  return goals
    .map(({ skill_retired, ...g }) => ({
      ...g,
      // a goal on a skill retired since says so (issue 17, part 1)
      skill_name: g.skill_name === null ? null : skillLabel({ name: g.skill_name, retired: !!skill_retired }),
      evidence: links.filter((l) => l.goal_id === g.id).map(({ goal_id: _, ...e }) => e),
    }))
    .sort(
      (a, b) => active(a.status) - active(b.status) || (a.due_date ?? "9999").localeCompare(b.due_date ?? "9999") || a.id - b.id,
    );
}

/**
 * The person's latest items the viewer may link to a goal, plus any already linked (which may be older);
 * another person's drafts are never offered.
 */
export async function linkableEvidence(db: DB, personId: number, viewerId: number, alsoIds: number[] = [], limit = 40) {
  const recent = await db
    .selectFrom("evidence")
    .select(["id", "title", "kind", "resolved_at", "status"])
    .where("person_id", "=", personId)
    .where(visibleTo(viewerId))
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
        .where(visibleTo(viewerId))
        .where("id", "in", missing)
        .execute()
    : [];
  return [...recent, ...linked].sort((a, b) => b.resolved_at.localeCompare(a.resolved_at) || b.id - a.id);
}

/** Of `ids`, those that are evidence items of `personId` the viewer may link (not another person's drafts). */
export async function evidenceOwnedBy(db: DB, personId: number, ids: number[], viewerId: number): Promise<Set<number>> {
  if (!ids.length) return new Set();
  const rows = await db
    .selectFrom("evidence")
    .select("id")
    .where("person_id", "=", personId)
    .where("id", "in", ids)
    .where(visibleTo(viewerId))
    .execute();
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

/**
 * Saves a goal and raises its version (ADR 017). With `expectedVersion`, nothing is written unless the
 * goal is still at that version; returns whether it was written. `keepEvidence`: linked items the editor
 * could not see (the owner's drafts, for a manager), kept linked whatever the form sent.
 */
export async function updateGoal(
  db: DB,
  id: number,
  g: GoalInput,
  now = clockNow(),
  opts: { expectedVersion?: number; keepEvidence?: number[] } = {},
): Promise<boolean> {
  const res = await db
    .updateTable("goals")
    .set((eb) => ({
      title: g.title,
      skill_key: g.skill,
      position_id: g.positionId,
      due_date: g.dueDate,
      status: g.status,
      updated_at: now.toISOString(),
      version: eb("version", "+", 1),
    }))
    .where("id", "=", id)
    .$if(opts.expectedVersion !== undefined, (q) => q.where("version", "=", opts.expectedVersion!))
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) return false;
  await replaceGoalEvidence(db, id, [...new Set([...g.evidence, ...(opts.keepEvidence ?? [])])]);
  return true;
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
