import { sql } from "kysely";
import { type DB, isPostgres } from "~/db.server";

/** One cheap round trip, to tell a live database from a broken one. */
export async function pingDatabase(db: DB): Promise<void> {
  await db.selectFrom("skills").select("key").limit(1).execute();
}

/** PostgreSQL's text collation of this database (null on SQLite, which compares code points). */
export async function textCollation(db: DB): Promise<string | null> {
  if (!isPostgres(db)) return null;
  const r = await sql<{ c: string }>`select datcollate as c from pg_database where datname = current_database()`.execute(db);
  return r.rows[0]?.c ?? null;
}
