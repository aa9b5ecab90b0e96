// Development goals: validate → check against the database → write in one transaction → audit.
import { now as clockNow } from "~/clock.server";
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
  updateGoal,
} from "~/models/goals.server";
import { type FieldErrors, validate } from "~/validation/form.server";
import { goalSchema } from "~/validation/goals.server";

export type GoalForm = Record<string, string> & { evidence?: string[] };
type Result = { ok: true; id: number } | { ok: false; errors: FieldErrors };

/** The form's fields plus every checked evidence box (formObject keeps only the first value of a name). */
export function goalFormFrom(data: FormData, fields: Record<string, string>): GoalForm {
  return { ...fields, evidence: data.getAll("evidence").filter((v): v is string => typeof v === "string") } as GoalForm;
}

async function check(db: DB, personId: number, input: GoalInput, existing?: { skill_key: string | null; position_id: number | null }) {
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

export async function createGoalFromForm(db: DB, actorId: number, personId: number, form: GoalForm, now = clockNow()): Promise<Result> {
  const parsed = validate(goalSchema, form);
  if (!parsed.ok) return parsed;
  const input: GoalInput = parsed.value;
  const errors = await check(db, personId, input);
  if (Object.keys(errors).length) return { ok: false, errors };
  const id = await inTransaction(db, async (tx) => {
    const id = await insertGoal(tx, personId, input, now);
    await recordAudit(tx, { actorId, action: "goal_create", entity: "goal", entityId: id, subjectPersonId: personId, after: input }, now);
    return id;
  });
  return { ok: true, id };
}

export async function updateGoalFromForm(db: DB, actorId: number, id: number, form: GoalForm, now = clockNow()): Promise<Result> {
  const goal = await getGoal(db, id);
  if (!goal) return { ok: false, errors: { form: "This goal no longer exists." } };
  const parsed = validate(goalSchema, form);
  if (!parsed.ok) return parsed;
  const input: GoalInput = parsed.value;
  const errors = await check(db, goal.person_id, input, goal);
  if (Object.keys(errors).length) return { ok: false, errors };
  const beforeEvidence = await goalEvidenceIds(db, id);
  await inTransaction(db, async (tx) => {
    await updateGoal(tx, id, input, now);
    await recordAudit(
      tx,
      {
        actorId,
        action: "goal_update",
        entity: "goal",
        entityId: id,
        subjectPersonId: goal.person_id,
        before: { title: goal.title, skill: goal.skill_key, positionId: goal.position_id, dueDate: goal.due_date, status: goal.status, evidence: beforeEvidence },
        after: input,
      },
      now,
    );
  });
  return { ok: true, id };
}

export async function deleteGoal(db: DB, actorId: number, id: number, now = clockNow()): Promise<boolean> {
  const goal = await getGoal(db, id);
  if (!goal) return false;
  const evidence = await goalEvidenceIds(db, id);
  await inTransaction(db, async (tx) => {
    await deleteGoalRow(tx, id);
    await recordAudit(
      tx,
      {
        actorId,
        action: "goal_delete",
        entity: "goal",
        entityId: id,
        subjectPersonId: goal.person_id,
        before: { title: goal.title, skill: goal.skill_key, positionId: goal.position_id, dueDate: goal.due_date, status: goal.status, evidence },
      },
      now,
    );
  });
  return true;
}
