// Server-level PostgreSQL chores shared by the tests and the benchmarks: a client on an admin URL for
// CREATE/DROP DATABASE, and the options every SupportPath database is created with.
import pg from "pg";

/** Code-point text order as SQLite's BINARY (names, ISO dates); the C.UTF-8 ctype keeps lower() Unicode-aware. */
export const CREATE_DATABASE_OPTIONS = `ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C.UTF-8'`;

/** The URL of database `name` on the server of `adminUrl`. */
export function databaseUrl(adminUrl: string, name: string): string {
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Runs `fn` with a client connected to `adminUrl`, closed afterwards. */
export async function withAdminClient<T>(adminUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
