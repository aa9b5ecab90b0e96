import type { DB } from "~/db.server";

/** One cheap round trip, to tell a live database from a broken one. */
export async function pingDatabase(db: DB): Promise<void> {
  await db.selectFrom("skills").select("key").limit(1).execute();
}
