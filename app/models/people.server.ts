// Queries about people: who someone is, the lists the app picks people from, and the reporting line
// (subtree) that scopes what a manager sees. Writes are in people-writes.server.ts.
import { sql } from "kysely";
import { containsText } from "./search.server";
import type { DB } from "~/db.server";
import { normaliseHandle } from "~/domain/org-tree";
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

/** The earliest-created active person holding one of `roles` (the admin CLI acts as them when told no one). */
export async function firstActiveWithRole(db: DB, roles: Role[]) {
  if (roles.length === 0) return undefined;
  return db
    .selectFrom("people")
    .selectAll()
    .where("active", "=", 1)
    .where("role", "in", roles)
    .orderBy("id")
    .limit(1)
    .executeTakeFirst();
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
      "people.erased_at",
      "people.team_id",
      "people.manager_id",
      "people.position_id",
      "teams.name as team_name",
      "positions.name as position_name",
      "positions.rank as position_rank",
      "mgr.name as manager_name",
    ]);
}

/** The one fact the permission check needs about a subject: their team (undefined when nobody has this id). */
export async function personTeam(db: DB, id: number) {
  return db.selectFrom("people").select(["id", "team_id"]).where("id", "=", id).executeTakeFirst();
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

/** Active people (optionally only these ids) with their position's rank, ordered by name. Admins are left out. */
export async function teamPeople(db: DB, ids?: number[]) {
  if (ids && ids.length === 0) return [];
  return db
    .selectFrom("people")
    .leftJoin("positions", "positions.id", "people.position_id")
    .leftJoin("teams", "teams.id", "people.team_id")
    .select([
      "people.id",
      "people.name",
      "people.manager_id",
      "people.position_id",
      "positions.name as position_name",
      "positions.rank as position_rank",
      "teams.name as team_name",
    ])
    .where("people.active", "=", 1)
    .where("people.role", "!=", "admin")
    .$if(!!ids, (q) => q.where("people.id", "in", ids!))
    .orderBy("people.name")
    .orderBy("people.id")
    .execute();
}

/** Managers that an admin can filter the org view by: people who have someone reporting to them. */
export async function managersWithReports(db: DB) {
  return db
    .selectFrom("people")
    .select(["people.id", "people.name"])
    .where("people.active", "=", 1)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom("people as r")
          .select(sql<number>`1`.as("one"))
          .whereRef("r.manager_id", "=", "people.id"),
      ),
    )
    .orderBy("people.name")
    .execute();
}

/** Everyone active in a manager's reporting line, direct reports first, then by name. */
export async function reportingLine(db: DB, managerId: number) {
  const rows = await db
    .selectFrom("people")
    .leftJoin("positions", "positions.id", "people.position_id")
    .leftJoin("teams", "teams.id", "people.team_id")
    .leftJoin("people as mgr", "mgr.id", "people.manager_id")
    .select([
      "people.id",
      "people.name",
      "people.manager_id",
      "positions.name as position_name",
      "teams.name as team_name",
      "mgr.name as manager_name",
    ])
    .where("people.id", "in", subtreeIdsQuery(db, managerId))
    .where("people.active", "=", 1)
    .orderBy("people.name")
    .execute();
  return rows.map((r) => ({ ...r, direct: r.manager_id === managerId })).sort((a, b) => Number(b.direct) - Number(a.direct));
}

/** How many active people hold each position (positions nobody holds are absent). */
export async function holdersByPosition(db: DB): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom("people")
    .select(["position_id", (eb) => eb.fn.countAll<number>().as("n")])
    .where("active", "=", 1)
    .where("position_id", "is not", null)
    .groupBy("position_id")
    .execute();
  return new Map(rows.map((r) => [r.position_id!, Number(r.n)]));
}

export async function activeHolders(db: DB, positionId: number): Promise<number> {
  const row = await db
    .selectFrom("people")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("position_id", "=", positionId)
    .where("active", "=", 1)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
