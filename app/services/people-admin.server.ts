// People administration commands: (db, actor, input, now) → Result. Authorise through the permission
// module, check what needs the database, write in one transaction, audit.
import { type Actor, auditActorId, refuse, refuseCapability } from "~/auth/authorize.server";
import { hashPassword } from "~/auth/password.server";
import { type DB, inTransaction } from "~/db.server";
import { recordAudit } from "~/models/audit.server";
import { uniqueOr } from "~/models/constraint-errors.server";
import { createPasswordToken } from "~/models/password-tokens.server";
import { getPerson, handlesOf } from "~/models/people.server";
import {
  type PersonInput,
  checkPersonConflicts,
  createPerson as insertPerson,
  setActive,
  updatePerson as updatePersonRow,
} from "~/models/people-writes.server";
import type { NewPersonValues, PersonValues } from "~/schemas/person";
import { type Failure, type Result, conflict, failIfAny, ok } from "~/utils/result";

// The checks before a write answer the usual case; these constraints answer a write made meanwhile elsewhere.
const PERSON_CONFLICTS = [
  { names: ["people_email_key", "people.email"], field: "email", message: "Someone already has this email address." },
  {
    names: ["itsm_handles_handle_key_key", "itsm_handles.handle_key"],
    field: "handles",
    message: "One of these handles already belongs to someone.",
  },
];

/** A unique violation from a concurrent write, as a conflict naming what was taken. */
async function written<T>(write: () => Promise<T>): Promise<Result<T>> {
  const r = await uniqueOr(write, PERSON_CONFLICTS);
  return r.ok ? ok(r.value) : conflict(Object.values(r.errors)[0] ?? "Someone changed this meanwhile: reload and try again.");
}

/** An erased person's row is an anonymous placeholder (ADR 023): nothing edits, reactivates or invites it. */
async function refuseErased(db: DB, id: number): Promise<Failure | null> {
  const person = await getPerson(db, id);
  return person?.erased_at ? conflict("This person has been erased: their record can no longer be changed.") : null;
}

/** Creates a person; without a first password the result carries a one-time set-password link's token. */
export async function createPerson(
  db: DB,
  actor: Actor,
  input: NewPersonValues,
  now: Date,
): Promise<Result<{ id: number; setPasswordToken?: string }>> {
  const refused = refuseCapability(actor, "people:manage");
  if (refused) return refused;
  const { password, ...person } = input;
  const failed = failIfAny(await checkPersonConflicts(db, person, null));
  if (failed) return failed;
  const passwordHash = password ? await hashPassword(password) : null;
  return written(() =>
    inTransaction(db, async (tx) => {
      const id = await insertPerson(tx, { ...person, passwordHash } satisfies PersonInput, now);
      const token = password ? undefined : await createPasswordToken(tx, id, now);
      await recordAudit(
        tx,
        {
          actorId: auditActorId(actor),
          action: "person_create",
          entity: "person",
          entityId: id,
          subjectPersonId: id,
          after: person,
        },
        now,
      );
      return { id, setPasswordToken: token };
    }),
  );
}

export async function updatePerson(
  db: DB,
  actor: Actor,
  id: number,
  input: PersonValues,
  now: Date,
): Promise<Result<{ id: number }>> {
  const refused = await refuse(db, actor, "people:manage", id);
  if (refused) return refused;
  const erased = await refuseErased(db, id);
  if (erased) return erased;
  const failed = failIfAny(await checkPersonConflicts(db, input, id));
  if (failed) return failed;
  const before = await getPerson(db, id);
  const beforeHandles = await handlesOf(db, id);
  return written(() =>
    inTransaction(db, async (tx) => {
      await updatePersonRow(tx, id, input, now);
      await recordAudit(
        tx,
        {
          actorId: auditActorId(actor),
          action: "person_update",
          entity: "person",
          entityId: id,
          subjectPersonId: id,
          before: before && { ...before, handles: beforeHandles },
          after: input,
        },
        now,
      );
      return { id };
    }),
  );
}

/** Deactivating refuses sign-in and revokes the person's sessions; their history is kept. */
export async function setPersonActive(db: DB, actor: Actor, id: number, active: boolean, now: Date): Promise<Result> {
  const refused = await refuse(db, actor, "people:manage", id);
  if (refused) return refused;
  const erased = await refuseErased(db, id);
  if (erased) return erased;
  if (!active && id === actor.id) return conflict("You cannot deactivate your own account.");
  await inTransaction(db, async (tx) => {
    await setActive(tx, id, active, now);
    await recordAudit(
      tx,
      {
        actorId: auditActorId(actor),
        action: active ? "person_reactivate" : "person_deactivate",
        entity: "person",
        entityId: id,
        subjectPersonId: id,
      },
      now,
    );
  });
  return ok();
}

/** A one-time set-password link (invitation or reset) for the admin to send; the result is its token. */
export async function issueSetPasswordLink(db: DB, actor: Actor, id: number, now: Date): Promise<Result<{ token: string }>> {
  const refused = await refuse(db, actor, "people:manage", id);
  if (refused) return refused;
  const erased = await refuseErased(db, id);
  if (erased) return erased;
  const token = await inTransaction(db, async (tx) => {
    const token = await createPasswordToken(tx, id, now);
    await recordAudit(
      tx,
      { actorId: auditActorId(actor), action: "password_link", entity: "person", entityId: id, subjectPersonId: id },
      now,
    );
    return token;
  });
  return ok({ token });
}
