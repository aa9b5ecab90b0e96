import { sql } from "kysely";
import type { DB } from "~/db.server";
import { type Track, trackOf } from "~/domain/ladder-tracks";
import { holdersByPosition } from "./people.server";

export interface PositionRecord {
  id: number;
  key: string;
  name: string;
  rank: number;
  isManagement: boolean;
  retired: boolean;
  track: Track;
  description: string | null;
  requirements: Record<string, number>;
  holders: number;
}

/** Every position, retired ones too, by rank, with requirements and how many active people hold it. */
export async function listLadder(db: DB): Promise<PositionRecord[]> {
  const [positions, reqs, holders] = await Promise.all([
    db.selectFrom("positions").selectAll().orderBy("retired").orderBy("rank").orderBy("id").execute(),
    db.selectFrom("position_requirements").selectAll().execute(),
    holdersByPosition(db),
  ]);
  return positions.map((p) => ({
    id: p.id,
    key: p.key,
    name: p.name,
    rank: p.rank,
    isManagement: !!p.is_management,
    retired: !!p.retired,
    track: trackOf(p),
    description: p.description,
    requirements: Object.fromEntries(reqs.filter((r) => r.position_id === p.id).map((r) => [r.skill_key, r.level])),
    holders: holders.get(p.id) ?? 0,
  }));
}

export async function getLadderPosition(db: DB, id: number): Promise<PositionRecord | null> {
  return (await listLadder(db)).find((p) => p.id === id) ?? null;
}

/** Another position with this name (compared without case or surrounding spaces)? */
export async function positionNameTaken(db: DB, name: string, exceptId: number | null): Promise<boolean> {
  const row = await db
    .selectFrom("positions")
    .select("id")
    .where(sql<string>`lower(name)`, "=", name.trim().toLowerCase())
    .$if(exceptId !== null, (q) => q.where("id", "!=", exceptId!))
    .executeTakeFirst();
  return !!row;
}

/** The live positions, for the rank rule of app/domain/ladder-tracks.ts (one position per rung and track). */
export async function livePositionRungs(db: DB) {
  return db.selectFrom("positions").select(["id", "name", "rank", "track"]).where("retired", "=", 0).execute();
}

/** A stable key from the name, made unique ("support-engineer-iii", "support-engineer-iii-2"). */
export async function uniquePositionKey(db: DB, name: string): Promise<string> {
  const base =
    name
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 40) || "position";
  const taken = new Set((await db.selectFrom("positions").select("key").execute()).map((r) => r.key));
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
}

export interface PositionWrite {
  name: string;
  rank: number;
  isManagement: boolean;
  retired: boolean;
  track: Track;
  description: string | null;
}

const positionColumns = (p: PositionWrite) => ({
  name: p.name,
  rank: p.rank,
  is_management: p.isManagement ? 1 : 0,
  retired: p.retired ? 1 : 0,
  track: p.track,
  description: p.description,
});

export async function insertPosition(db: DB, key: string, p: PositionWrite): Promise<number> {
  const { id } = await db
    .insertInto("positions")
    .values({ key, ...positionColumns(p) })
    .returning("id")
    .executeTakeFirstOrThrow();
  return id;
}

export async function updatePositionRow(db: DB, id: number, p: PositionWrite) {
  await db.updateTable("positions").set(positionColumns(p)).where("id", "=", id).execute();
}

export async function setRank(db: DB, id: number, rank: number) {
  await db.updateTable("positions").set({ rank }).where("id", "=", id).execute();
}

/** Sets the required level of the given skills; requirements on other (retired) skills are kept. */
export async function setRequirements(db: DB, positionId: number, requirements: Record<string, number>) {
  const skills = Object.keys(requirements);
  if (!skills.length) return;
  // An upsert, not delete-then-insert: two saves of one position at once (two instances) must not
  // both insert the same (position, skill) row.
  await db
    .insertInto("position_requirements")
    .values(skills.map((skill_key) => ({ position_id: positionId, skill_key, level: requirements[skill_key]! })))
    .onConflict((oc) => oc.columns(["position_id", "skill_key"]).doUpdateSet((eb) => ({ level: eb.ref("excluded.level") })))
    .execute();
}
