// Writes about people (admin and CLI): create and edit a person with their ITSM handles, deactivate,
// set a password hash; and the checks that need the database before such a write.
import { now as clockNow } from "~/clock.server";
import { type DB, inTransaction } from "~/db.server";
import { normaliseHandle, wouldCreateCycle } from "~/domain/org-tree";
import { TEAM_MESSAGES } from "~/domain/teams";
import type { Role } from "~/domain/types";
import type { FieldErrors } from "~/utils/result";
import { findPersonByEmail } from "./people.server";

export interface PersonInput {
  name: string;
  email: string;
  role: Role;
  managerId: number | null;
  teamId: number | null;
  positionId: number | null;
  handles: string[];
  passwordHash?: string | null;
}

/** Checks that need the database: unique email and handles, no loop in the reporting line. */
export async function checkPersonConflicts(db: DB, input: PersonInput, personId: number | null): Promise<FieldErrors> {
  const errors: FieldErrors = {};
  const byEmail = await findPersonByEmail(db, input.email);
  if (byEmail && byEmail.id !== personId) errors.email = "Another person already uses this email.";

  const keys = input.handles.map(normaliseHandle);
  const dup = keys.find((k, i) => keys.indexOf(k) !== i);
  if (dup) errors.handles = `The handle "${dup}" is listed twice.`;
  else if (keys.length) {
    const taken = await db
      .selectFrom("itsm_handles")
      .innerJoin("people", "people.id", "itsm_handles.person_id")
      .select(["itsm_handles.handle", "people.name"])
      .where("itsm_handles.handle_key", "in", keys)
      .$if(personId !== null, (q) => q.where("itsm_handles.person_id", "!=", personId!))
      .executeTakeFirst();
    if (taken) errors.handles = `The handle "${taken.handle}" already belongs to ${taken.name}.`;
  }

  // A team or position that does not exist (a forged or stale form) is a field error, not a foreign-key 500.
  if (input.teamId !== null) {
    const team = await db
      .selectFrom("teams")
      .select(["id", "name", "retired_at"])
      .where("id", "=", input.teamId)
      .executeTakeFirst();
    if (!team) errors.teamId = "Choose a team from the list.";
    else if (team.retired_at) {
      // A retired team takes no new members (issue 16, point 9); someone already in it may stay while edited.
      const current =
        personId === null ? null : await db.selectFrom("people").select("team_id").where("id", "=", personId).executeTakeFirst();
      if (current?.team_id !== team.id) errors.teamId = TEAM_MESSAGES.retiredTeam(team.name);
    }
  }
  if (
    input.positionId !== null &&
    !(await db.selectFrom("positions").select("id").where("id", "=", input.positionId).executeTakeFirst())
  )
    errors.positionId = "Choose a position from the list.";
  if (input.managerId !== null) {
    const rows = await db.selectFrom("people").select(["id", "manager_id", "active"]).execute();
    const manager = rows.find((r) => r.id === input.managerId);
    if (!manager) errors.managerId = "Choose an existing manager.";
    else if (
      personId !== null &&
      (input.managerId === personId ||
        wouldCreateCycle(personId, input.managerId, new Map(rows.map((r) => [r.id, r.manager_id]))))
    ) {
      errors.managerId = "This manager reports to this person: the reporting line would loop.";
    }
  }
  return errors;
}

export async function createPerson(db: DB, input: PersonInput, now = clockNow()): Promise<number> {
  return inTransaction(db, async (tx) => {
    const { id } = await tx
      .insertInto("people")
      .values({
        name: input.name,
        email: input.email.toLowerCase(),
        role: input.role,
        manager_id: input.managerId,
        team_id: input.teamId,
        position_id: input.positionId,
        password_hash: input.passwordHash ?? null,
        created_at: now.toISOString(),
        updated_at: now.toISOString(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await replaceHandles(tx, id, input.handles);
    return id;
  });
}

export async function updatePerson(db: DB, id: number, input: PersonInput, now = clockNow()) {
  await inTransaction(db, async (tx) => {
    await tx
      .updateTable("people")
      .set({
        name: input.name,
        email: input.email.toLowerCase(),
        role: input.role,
        manager_id: input.managerId,
        team_id: input.teamId,
        position_id: input.positionId,
        updated_at: now.toISOString(),
      })
      .where("id", "=", id)
      .execute();
    await replaceHandles(tx, id, input.handles);
  });
}

async function replaceHandles(db: DB, personId: number, handles: string[]) {
  await db.deleteFrom("itsm_handles").where("person_id", "=", personId).execute();
  if (handles.length) {
    await db
      .insertInto("itsm_handles")
      .values(handles.map((h) => ({ person_id: personId, handle: h.trim(), handle_key: normaliseHandle(h) })))
      .execute();
  }
}

export async function addHandle(db: DB, personId: number, handle: string) {
  await db
    .insertInto("itsm_handles")
    .values({ person_id: personId, handle: handle.trim(), handle_key: normaliseHandle(handle) })
    .execute();
}

export async function setActive(db: DB, id: number, active: boolean, now = clockNow()) {
  await inTransaction(db, async (tx) => {
    await tx
      .updateTable("people")
      .set({ active: active ? 1 : 0, updated_at: now.toISOString() })
      .where("id", "=", id)
      .execute();
    if (!active) {
      await tx
        .updateTable("sessions")
        .set({ revoked_at: now.toISOString() })
        .where("person_id", "=", id)
        .where("revoked_at", "is", null)
        .execute();
    }
  });
}

export async function setPasswordHash(db: DB, id: number, passwordHash: string, now = clockNow()) {
  await db
    .updateTable("people")
    .set({ password_hash: passwordHash, updated_at: now.toISOString() })
    .where("id", "=", id)
    .execute();
}

/** The stored password hash (null for none yet), to check a password against before changing it. */
export async function passwordHashOf(db: DB, id: number): Promise<string | null> {
  const row = await db.selectFrom("people").select("password_hash").where("id", "=", id).executeTakeFirst();
  return row?.password_hash ?? null;
}

/**
 * A person's colour scheme (null follows the browser). A preference, not a change to the person: updated_at
 * records changes to who the person is (name, role, team), and this is none.
 */
export async function setTheme(db: DB, id: number, theme: "light" | "dark" | null) {
  await db.updateTable("people").set({ theme }).where("id", "=", id).execute();
}

/** A person's own zone, working days and hours (migration 0023); all null: the organisation's. */
export async function setWorkingTime(
  db: DB,
  id: number,
  v: { time_zone: string | null; work_days: string | null; work_start: string | null; work_end: string | null },
) {
  await db.updateTable("people").set(v).where("id", "=", id).execute();
}
