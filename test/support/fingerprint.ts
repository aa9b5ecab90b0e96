// A digest of everything a request could change, to show that a refused one changed nothing: every table's
// rows, in a stable order, but for the ones that sign-ins themselves write (sessions, their throttle, events).
import { type Kysely, sql } from "kysely";
import type { Database } from "../../db/schema";

export async function fingerprint(db: Kysely<Database>): Promise<string> {
  const tables = (await db.introspection.getTables())
    .map((t) => t.name)
    .filter((n) => !/^(kysely_|sessions$|login_attempts$)|throttle|event/.test(n))
    .sort();
  const parts: string[] = [];
  for (const t of tables) {
    const rows = await sql<Record<string, unknown>>`select * from ${sql.id(t)}`.execute(db);
    parts.push(t, JSON.stringify(rows.rows.map((r) => JSON.stringify(r)).sort()));
  }
  return parts.join("\n");
}
