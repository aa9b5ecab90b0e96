// SQL of the teams admins keep (issue 16, point 9). The person form's list of teams is listTeams in
// people.server.ts; this module holds the admin page's rows (with how many people each has) and the writes.
import type { DB } from "~/db.server";

export interface AdminTeam {
  id: number;
  name: string;
  retiredAt: string | null;
  version: number;
  updatedAt: string | null;
  activeMembers: number;
  /** people who have left but still name the team in their history */
  formerMembers: number;
}

/** Every team, live first then retired, by name, with its member counts. */
export async function listAdminTeams(db: DB): Promise<AdminTeam[]> {
  const [rows, counts] = await Promise.all([
    db.selectFrom("teams").selectAll().orderBy("name").execute(),
    db
      .selectFrom("people")
      .select((eb) => ["team_id", "active", eb.fn.countAll<number>().as("n")])
      .where("team_id", "is not", null)
      .groupBy(["team_id", "active"])
      .execute(),
  ]);
  const count = (id: number, active: boolean) =>
    counts.filter((c) => c.team_id === id && Boolean(c.active) === active).reduce((n, c) => n + Number(c.n), 0);
  return rows
    .map((t) => ({
      id: t.id,
      name: t.name,
      retiredAt: t.retired_at,
      version: t.version,
      updatedAt: t.updated_at,
      activeMembers: count(t.id, true),
      formerMembers: count(t.id, false),
    }))
    .sort((a, b) => Number(a.retiredAt !== null) - Number(b.retiredAt !== null));
}

export async function getAdminTeam(db: DB, id: number): Promise<AdminTeam | null> {
  return (await listAdminTeams(db)).find((t) => t.id === id) ?? null;
}

export async function teamNames(db: DB): Promise<{ id: number; name: string }[]> {
  return db.selectFrom("teams").select(["id", "name"]).execute();
}

export async function insertTeam(db: DB, name: string, now: Date): Promise<number> {
  const row = await db
    .insertInto("teams")
    .values({ name, retired_at: null, updated_at: now.toISOString() })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** One write of a team's name or state, only if nobody changed it since `expectedVersion`. */
export async function updateTeamRow(
  db: DB,
  id: number,
  fields: { name?: string; retiredAt?: string | null },
  expectedVersion: number,
  now: Date,
): Promise<boolean> {
  const res = await db
    .updateTable("teams")
    .set((eb) => ({
      ...(fields.name === undefined ? {} : { name: fields.name }),
      ...(fields.retiredAt === undefined ? {} : { retired_at: fields.retiredAt }),
      updated_at: now.toISOString(),
      version: eb("version", "+", 1),
    }))
    .where("id", "=", id)
    .where("version", "=", expectedVersion)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}
