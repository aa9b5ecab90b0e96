import { type DB, inTransaction } from "~/db.server";
import { hashPassword } from "~/auth/password.server";
import { recordAudit } from "~/models/audit.server";
import { uniqueOr } from "~/models/constraint-errors.server";
import { createPasswordToken } from "~/models/password-tokens.server";
import {
  type PersonInput,
  checkPersonConflicts,
  createPerson,
  getPerson,
  handlesOf,
  setActive,
  updatePerson,
} from "~/models/people.server";
import { type FieldErrors, validate } from "~/validation/form.server";
import { personSchema } from "~/validation/people.server";

type Result = { ok: true; id: number; setPasswordToken?: string } | { ok: false; errors: FieldErrors; status?: number };

// The checks before a write answer the usual case; these constraints answer a write made meanwhile elsewhere.
const PERSON_CONFLICTS = [
  { names: ["people_email_key", "people.email"], field: "email", message: "Someone already has this email address." },
  { names: ["itsm_handles_handle_key_key", "itsm_handles.handle_key"], field: "handles", message: "One of these handles already belongs to someone." },
];


export async function createPersonFromForm(db: DB, actorId: number | null, form: Record<string, string>): Promise<Result> {
  const parsed = validate(personSchema, form);
  if (!parsed.ok) return parsed;
  const input: PersonInput = parsed.value;
  const password = form.password ?? "";
  if (password && password.length < 10) return { ok: false, errors: { password: "Use at least 10 characters, or leave empty to send a set-password link." } };
  const errors = await checkPersonConflicts(db, input, null);
  if (Object.keys(errors).length) return { ok: false, errors };
  const passwordHash = password ? await hashPassword(password) : null;
  const written = await uniqueOr(
    () =>
      inTransaction(db, async (tx) => {
        const id = await createPerson(tx, { ...input, passwordHash });
        const token = password ? undefined : await createPasswordToken(tx, id);
        await recordAudit(tx, { actorId, action: "person_create", entity: "person", entityId: id, subjectPersonId: id, after: input });
        return { id, setPasswordToken: token };
      }),
    PERSON_CONFLICTS,
  );
  return written.ok ? { ok: true, ...written.value } : written;
}

export async function updatePersonFromForm(db: DB, actorId: number | null, id: number, form: Record<string, string>): Promise<Result> {
  const parsed = validate(personSchema, form);
  if (!parsed.ok) return parsed;
  const input: PersonInput = parsed.value;
  const errors = await checkPersonConflicts(db, input, id);
  if (Object.keys(errors).length) return { ok: false, errors };
  const before = await getPerson(db, id);
  const beforeHandles = await handlesOf(db, id);
  const written = await uniqueOr(() => inTransaction(db, async (tx) => {
    await updatePerson(tx, id, input);
    await recordAudit(tx, {
      actorId,
      action: "person_update",
      entity: "person",
      entityId: id,
      subjectPersonId: id,
      before: before && { ...before, handles: beforeHandles },
      after: input,
    });
  }), PERSON_CONFLICTS);
  return written.ok ? { ok: true, id } : written;
}

export async function setPersonActive(db: DB, actorId: number | null, id: number, active: boolean) {
  await inTransaction(db, async (tx) => {
    await setActive(tx, id, active);
    await recordAudit(tx, { actorId, action: active ? "person_reactivate" : "person_deactivate", entity: "person", entityId: id, subjectPersonId: id });
  });
}

export async function issueSetPasswordLink(db: DB, actorId: number | null, id: number): Promise<string> {
  const token = await createPasswordToken(db, id);
  await recordAudit(db, { actorId, action: "password_link", entity: "person", entityId: id, subjectPersonId: id });
  return token;
}
