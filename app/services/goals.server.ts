// Development-goal commands: (db, actor, input, now) → Result. Authorise through the permission module,
// check against the database, write in one transaction, audit.
import { type Actor, refuse } from "~/auth/authorize.server";
import { type DB, inTransaction } from "~/db.server";
import { recordAudit } from "~/models/audit.server";
import {
  type GoalInput,
  deleteGoalRow,
  evidenceOwnedBy,
  getGoal,
  goalEvidenceIds,
  insertGoal,
  positionIsLive,
  skillIsLive,
  goalEvidenceTitles,
  goalNames,
  updateGoal as updateGoalRow,
} from "~/models/goals.server";
import { GOAL_LABELS, goalSnapshot } from "~/domain/versioned-forms";
import type { Goal } from "../../db/schema";
import type { PageVersion } from "~/schemas/version";
import { type FieldErrors, type Failure, type Result, conflict, failIfAny, notFound, ok } from "~/utils/result";
import { pageVersion, staleFailure } from "./stale.server";

async function check(
  db: DB,
  actor: Actor,
  personId: number,
  input: GoalInput,
  existing?: { skill_key: string | null; position_id: number | null },
) {
  const errors: FieldErrors = {};
  // A goal may keep a skill or position that has since been retired; a new choice must be live.
  if (input.skill !== null && input.skill !== existing?.skill_key && !(await skillIsLive(db, input.skill))) {
    errors.skill = "Choose a skill from the list.";
  }
  if (input.positionId !== null && input.positionId !== existing?.position_id && !(await positionIsLive(db, input.positionId))) {
    errors.positionId = "Choose a position from the list.";
  }
  // Another person's drafts are private (seesDraftOf): a manager cannot link them, as if they did not exist.
  const owned = await evidenceOwnedBy(db, personId, input.evidence, actor.id);
  if (input.evidence.some((id) => !owned.has(id))) errors.evidence = "Pick items from this person's own evidence.";
  return errors;
}

/** A goal as its page shows it to the viewer, for the page's version and a stale save's message (ADR 017). */
async function snapshotOf(db: DB, goal: Goal, viewerId: number) {
  const [names, evidenceTitles] = await Promise.all([goalNames(db, goal), goalEvidenceTitles(db, goal.id, viewerId)]);
  return goalSnapshot({ ...names, title: goal.title, dueDate: goal.due_date, status: goal.status, evidenceTitles });
}

/** The version the goal's form carries. */
export async function goalPageVersion(db: DB, goal: Goal, viewerId: number): Promise<PageVersion> {
  return pageVersion(goal.version, await snapshotOf(db, goal, viewerId));
}

async function staleGoal(db: DB, id: number, viewerId: number, page: PageVersion): Promise<Failure> {
  const goal = await getGoal(db, id);
  if (!goal) return notFound("This goal no longer exists.");
  return staleFailure(db, {
    entity: "goal",
    entityId: id,
    noun: "this goal",
    page,
    current: await snapshotOf(db, goal, viewerId),
    labels: GOAL_LABELS,
    updatedAt: goal.updated_at,
    viewerId,
  });
}

export async function createGoal(
  db: DB,
  actor: Actor,
  personId: number,
  input: GoalInput,
  now: Date,
): Promise<Result<{ id: number }>> {
  const refused = await refuse(db, actor, "goal:write", personId);
  if (refused) return refused;
  const failed = failIfAny(await check(db, actor, personId, input));
  if (failed) return failed;
  const id = await inTransaction(db, async (tx) => {
    const id = await insertGoal(tx, personId, input, now);
    await recordAudit(
      tx,
      { actorId: actor.id, action: "goal_create", entity: "goal", entityId: id, subjectPersonId: personId, after: input },
      now,
    );
    return id;
  });
  return ok({ id });
}

export async function updateGoal(
  db: DB,
  actor: Actor,
  id: number,
  input: GoalInput,
  now: Date,
  page: PageVersion | null = null,
): Promise<Result<{ id: number; personId: number }>> {
  const goal = await getGoal(db, id);
  if (!goal) return notFound("This goal no longer exists.");
  const refused = await refuse(db, actor, "goal:write", goal.person_id);
  if (refused) return refused;
  if (page && page.version !== goal.version) return staleGoal(db, id, actor.id, page);
  const failed = failIfAny(await check(db, actor, goal.person_id, input, goal));
  if (failed) return failed;
  const beforeEvidence = await goalEvidenceIds(db, id);
  // Links the editor cannot see (the owner's drafts) stay: the form could not show them to be unticked.
  const visible = new Set(await goalEvidenceIds(db, id, actor.id));
  const keepEvidence = beforeEvidence.filter((e) => !visible.has(e));
  const written = await inTransaction(db, async (tx) => {
    if (!(await updateGoalRow(tx, id, input, now, { expectedVersion: page?.version ?? goal.version, keepEvidence })))
      return false;
    await recordAudit(
      tx,
      {
        actorId: actor.id,
        action: "goal_update",
        entity: "goal",
        entityId: id,
        subjectPersonId: goal.person_id,
        before: {
          title: goal.title,
          skill: goal.skill_key,
          positionId: goal.position_id,
          dueDate: goal.due_date,
          status: goal.status,
          evidence: beforeEvidence,
        },
        after: { ...input, evidence: [...new Set([...input.evidence, ...keepEvidence])] },
      },
      now,
    );
    return true;
  });
  if (!written)
    return page ? staleGoal(db, id, actor.id, page) : conflict("This goal was changed meanwhile: reload the page and try again.");
  return ok({ id, personId: goal.person_id });
}

export async function deleteGoal(db: DB, actor: Actor, id: number, now: Date): Promise<Result<{ personId: number }>> {
  const goal = await getGoal(db, id);
  if (!goal) return notFound("This goal no longer exists.");
  const refused = await refuse(db, actor, "goal:write", goal.person_id);
  if (refused) return refused;
  const evidence = await goalEvidenceIds(db, id);
  await inTransaction(db, async (tx) => {
    await deleteGoalRow(tx, id);
    await recordAudit(
      tx,
      {
        actorId: actor.id,
        action: "goal_delete",
        entity: "goal",
        entityId: id,
        subjectPersonId: goal.person_id,
        before: {
          title: goal.title,
          skill: goal.skill_key,
          positionId: goal.position_id,
          dueDate: goal.due_date,
          status: goal.status,
          evidence,
        },
      },
      now,
    );
  });
  return ok({ personId: goal.person_id });
}
