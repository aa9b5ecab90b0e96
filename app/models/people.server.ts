import { sql } from "kysely";
import { containsText } from "./search.server";
import { now as clockNow } from "~/clock.server";
import { type DB, inTransaction } from "~/db.server";
import { normaliseHandle, wouldCreateCycle } from "~/domain/org-tree";
import type { Role } from "~/domain/types";

/** Ids of everyone reporting to `managerId`, directly or indirectly (recursive CTE, portable to PostgreSQL). */
export function subtreeIdsQuery(db: DB, managerId: number) {
  return db
    .withRecursive("sub(id)", (qb) =>
      qb
        .selectFrom("people")
        .select("id")
        .where("manager_id", "=", managerId)
        .unionAll((q) => q.selectFrom("people").innerJoin("sub", "sub.id", "people.manager_id").select("people.id")),
    )
    .selectFrom("sub")
    .select("id");
}

export async function subtreeIds(db: DB, managerId: number): Promise<number[]> {
  const rows = await subtreeIdsQuery(db, managerId).execute();
  return rows.map((r) => r.id);
}

export async function isInSubtree(db: DB, managerId: number, personId: number): Promise<boolean> {
  const row = await subtreeIdsQuery(db, managerId).where("id", "=", personId).executeTakeFirst();
  return !!row;
}

export async function findPersonByEmail(db: DB, email: string) {
  return db.selectFrom("people").selectAll().where("email", "=", email.trim().toLowerCase()).executeTakeFirst();
}

/** People with their team, position and manager names. */
function peopleWithNames(db: DB) {
  return db
    .selectFrom("people")
    .leftJoin("teams", "teams.id", "people.team_id")
    .leftJoin("positions", "positions.id", "people.position_id")
    .leftJoin("people as mgr", "mgr.id", "people.manager_id")
    .select([
      "people.id",
      "people.name",
      "people.email",
      "people.role",
      "people.active",
      "people.team_id",
      "people.manager_id",
      "people.position_id",
      "teams.name as team_name",
      "positions.name as position_name",
      "positions.rank as position_rank",
      "mgr.name as manager_name",
    ]);
}

export async function getPerson(db: DB, id: number) {
  return peopleWithNames(db).where("people.id", "=", id).executeTakeFirst();
}

export async function handlesOf(db: DB, personId: number): Promise<string[]> {
  const rows = await db.selectFrom("itsm_handles").select("handle").where("person_id", "=", personId).orderBy("id").execute();
  return rows.map((r) => r.handle);
}

export interface PeopleFilter {
  q?: string;
  /** restrict to these ids (a manager's subtree) */
  ids?: number[];
  includeInactive?: boolean;
}

export async function listPeople(db: DB, f: PeopleFilter = {}) {
  let q = peopleWithNames(db).orderBy("people.name");
  if (f.ids) q = f.ids.length ? q.where("people.id", "in", f.ids) : q.where(sql<boolean>`1 = 0`);
  if (!f.includeInactive) q = q.where("people.active", "=", 1);
  if (f.q?.trim()) {
    const text = f.q;
    q = q.where((eb) =>
      eb.or([
        containsText(eb.ref("people.name"), text),
        containsText(eb.ref("people.email"), text),
        containsText(eb.ref("teams.name"), text),
        eb.exists(
          eb
            .selectFrom("itsm_handles")
            .select("itsm_handles.id")
            .whereRef("itsm_handles.person_id", "=", "people.id")
            .where(containsText(sql.ref("itsm_handles.handle_key"), text)),
        ),
      ]),
    );
  }
  return q.execute();
}

export async function listTeams(db: DB) {
  return db.selectFrom("teams").selectAll().orderBy("name").execute();
}

export async function listPositions(db: DB) {
  return db.selectFrom("positions").selectAll().where("retired", "=", 0).orderBy("rank").execute();
}

export async function listManagers(db: DB) {
  return db
    .selectFrom("people")
    .select(["id", "name", "role"])
    .where("active", "=", 1)
    .where("role", "in", ["manager", "admin"])
    .orderBy("name")
    .execute();
}

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

export type FieldErrors = Partial<Record<string, string>>;

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

  if (input.managerId !== null) {
    const rows = await db.selectFrom("people").select(["id", "manager_id", "active"]).execute();
    const manager = rows.find((r) => r.id === input.managerId);
    if (!manager) errors.managerId = "Choose an existing manager.";
    else if (personId !== null && (input.managerId === personId ||
      wouldCreateCycle(personId, input.managerId, new Map(rows.map((r) => [r.id, r.manager_id]))))) {
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
    await tx.updateTable("people").set({ active: active ? 1 : 0, updated_at: now.toISOString() }).where("id", "=", id).execute();
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
  await db.updateTable("people").set({ password_hash: passwordHash, updated_at: now.toISOString() }).where("id", "=", id).execute();
}

/** Person ids by normalised handle, for attributing imported tickets. */
export async function peopleByHandles(db: DB, handles: string[]): Promise<Map<string, { id: number; name: string }>> {
  const keys = [...new Set(handles.map(normaliseHandle))];
  const out = new Map<string, { id: number; name: string }>();
  for (let i = 0; i < keys.length; i += 500) {
    const rows = await db
      .selectFrom("itsm_handles")
      .innerJoin("people", "people.id", "itsm_handles.person_id")
      .select(["itsm_handles.handle_key", "people.id", "people.name"])
      .where("itsm_handles.handle_key", "in", keys.slice(i, i + 500))
      .where("people.active", "=", 1)
      .execute();
    for (const r of rows) out.set(r.handle_key, { id: r.id, name: r.name });
  }
  return out;
}
