// SQL of the skills catalogue (issue 17, part 1): the admin page's rows and its writes. The lists the rest of
// the app reads (live skills, names with labels) are in catalog.server.ts. Nothing here is cached in the
// process: every page reads the catalogue from the database, so a rename shows on every instance at once.
import type { DB } from "~/db.server";

export interface CatalogueSkill {
  key: string;
  name: string;
  description: string | null;
  sfiaCodes: string;
  sortOrder: number;
  retired: boolean;
  version: number;
  updatedAt: string | null;
  /** items that earned points for it (their history stays whatever happens to the skill) */
  items: number;
  /** live positions that require a level of it */
  positions: number;
}

/** Every skill, live and retired, in the catalogue's order, with how much names it. */
export async function listCatalogue(db: DB): Promise<CatalogueSkill[]> {
  const [rows, items, positions] = await Promise.all([
    db.selectFrom("skills").selectAll().orderBy("sort_order").orderBy("key").execute(),
    db
      .selectFrom("contributions")
      .select((eb) => ["skill_key", eb.fn.count<number>("evidence_id").distinct().as("n")])
      .groupBy("skill_key")
      .execute(),
    db
      .selectFrom("position_requirements")
      .innerJoin("positions", "positions.id", "position_requirements.position_id")
      .select((eb) => ["position_requirements.skill_key", eb.fn.countAll<number>().as("n")])
      .where("positions.retired", "=", 0)
      .where("position_requirements.level", ">", 0)
      .groupBy("position_requirements.skill_key")
      .execute(),
  ]);
  const itemsOf = new Map(items.map((r) => [r.skill_key, Number(r.n)]));
  const positionsOf = new Map(positions.map((r) => [r.skill_key, Number(r.n)]));
  return rows.map((r) => ({
    key: r.key,
    name: r.name,
    description: r.description,
    sfiaCodes: r.sfia_codes,
    sortOrder: r.sort_order,
    retired: !!r.retired,
    version: r.version,
    updatedAt: r.updated_at,
    items: itemsOf.get(r.key) ?? 0,
    positions: positionsOf.get(r.key) ?? 0,
  }));
}

export async function getCatalogueSkill(db: DB, key: string): Promise<CatalogueSkill | null> {
  return (await listCatalogue(db)).find((s) => s.key === key) ?? null;
}

export async function skillKeyExists(db: DB, key: string): Promise<boolean> {
  return !!(await db.selectFrom("skills").select("key").where("key", "=", key).executeTakeFirst());
}

/** Every skill's name (live and retired), to check a new name against (compared in the domain). */
export async function skillNames(db: DB): Promise<{ key: string; name: string }[]> {
  return db.selectFrom("skills").select(["key", "name"]).execute();
}

export async function insertSkill(
  db: DB,
  s: { key: string; name: string; description: string | null; sfiaCodes: string },
  now: Date,
): Promise<void> {
  const last = await db
    .selectFrom("skills")
    .select((eb) => eb.fn.max<number>("sort_order").as("m"))
    .executeTakeFirst();
  await db
    .insertInto("skills")
    .values({
      key: s.key,
      name: s.name,
      description: s.description,
      sfia_codes: s.sfiaCodes,
      sort_order: Number(last?.m ?? 0) + 1,
      updated_at: now.toISOString(),
    })
    .execute();
}

/**
 * Writes a skill's fields and raises its version, only if it is still at `expectedVersion` (ADR 017);
 * returns whether it was written.
 */
export async function updateSkillRow(
  db: DB,
  key: string,
  fields: { name?: string; description?: string | null; sfiaCodes?: string; retired?: boolean },
  expectedVersion: number,
  now: Date,
): Promise<boolean> {
  const res = await db
    .updateTable("skills")
    .set((eb) => ({
      ...(fields.name === undefined ? {} : { name: fields.name }),
      ...(fields.description === undefined ? {} : { description: fields.description }),
      ...(fields.sfiaCodes === undefined ? {} : { sfia_codes: fields.sfiaCodes }),
      ...(fields.retired === undefined ? {} : { retired: fields.retired ? 1 : 0 }),
      updated_at: now.toISOString(),
      version: eb("version", "+", 1),
    }))
    .where("key", "=", key)
    .where("version", "=", expectedVersion)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** The catalogue's order: `keys` first to last get 1, 2, 3 … */
export async function setSkillOrder(db: DB, keys: readonly string[]): Promise<void> {
  for (const [i, key] of keys.entries())
    await db
      .updateTable("skills")
      .set({ sort_order: i + 1 })
      .where("key", "=", key)
      .execute();
}
