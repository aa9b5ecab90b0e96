// A person's remembered choices (migration 0019): the target position and the filters of lists.
// Plain reads and upserts; who may write them is decided in app/services/preferences.server.ts.
import type { DB } from "~/db.server";

export async function storedTarget(db: DB, personId: number): Promise<number | null> {
  const row = await db
    .selectFrom("person_preferences")
    .select("target_position_id")
    .where("person_id", "=", personId)
    .executeTakeFirst();
  return row?.target_position_id ?? null;
}

export async function storeTarget(db: DB, personId: number, positionId: number | null, now: Date): Promise<void> {
  const values = { target_position_id: positionId, updated_at: now.toISOString() };
  await db
    .insertInto("person_preferences")
    .values({ person_id: personId, ...values })
    .onConflict((oc) => oc.column("person_id").doUpdateSet(values))
    .execute();
}

export async function storedFilter(db: DB, personId: number, listKey: string): Promise<string | null> {
  const row = await db
    .selectFrom("list_filters")
    .select("query")
    .where("person_id", "=", personId)
    .where("list_key", "=", listKey)
    .executeTakeFirst();
  return row?.query ?? null;
}

export async function storeFilter(db: DB, personId: number, listKey: string, query: string, now: Date): Promise<void> {
  const values = { query, updated_at: now.toISOString() };
  await db
    .insertInto("list_filters")
    .values({ person_id: personId, list_key: listKey, ...values })
    .onConflict((oc) => oc.columns(["person_id", "list_key"]).doUpdateSet(values))
    .execute();
}

export async function forgetFilter(db: DB, personId: number, listKey: string): Promise<void> {
  await db.deleteFrom("list_filters").where("person_id", "=", personId).where("list_key", "=", listKey).execute();
}
