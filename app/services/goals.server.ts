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
  updateGoal as updateGoalRow,
} from "~/models/goals.server";
import { type FieldErrors, type Result, failIfAny, notFound, ok } from "~/utils/result";

async function check(
  db: DB,
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
  const owned = await evidenceOwnedBy(db, personId, input.evidence);
  if (input.evidence.some((id) => !owned.has(id))) errors.evidence = "Pick items from this person's own evidence.";
  return errors;
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
  const failed = failIfAny(await check(db, personId, input));
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
): Promise<Result<{ id: number; personId: number }>> {
  const goal = await getGoal(db, id);
  if (!goal) return notFound("This goal no longer exists.");
  const refused = await refuse(db, actor, "goal:write", goal.person_id);
  if (refused) return refused;
  const failed = failIfAny(await check(db, goal.person_id, input, goal));
  if (failed) return failed;
  const beforeEvidence = await goalEvidenceIds(db, id);
  await inTransaction(db, async (tx) => {
    await updateGoalRow(tx, id, input, now);
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
        after: input,
      },
      now,
    );
  });
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
