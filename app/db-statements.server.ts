// Statements prepared once per connection and reused, rather than parsed and planned again on every
// query (a CPU profile under load: 8 % of a dashboard request was better-sqlite3's prepare; ADR 010).
import crypto from "node:crypto";
import type SQLite from "better-sqlite3";
import { CompiledQuery, type DatabaseConnection, SqliteDialect, SqliteDriver, type SqliteDatabase } from "kysely";
import type pg from "pg";

/** Distinct SQL texts kept per connection; queries with IN-lists of many lengths are the ones that vary. */
const MAX_STATEMENTS = 500;

/** A better-sqlite3 handle whose prepare() returns the statement it prepared before for the same SQL. */
export function reusingStatements(sqlite: SQLite.Database, max = MAX_STATEMENTS): SqliteDatabase {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      let stmt = statements.get(sql);
      if (stmt) {
        // Map keeps insertion order: a reused statement moves to the end, the first one is the oldest.
        statements.delete(sql);
      } else {
        stmt = sqlite.prepare(sql);
        if (statements.size >= max) statements.delete(statements.keys().next().value!);
      }
      statements.set(sql, stmt);
      return stmt;
    },
  };
}

class ImmediateSqliteDriver extends SqliteDriver {
  // Several processes share one SQLite file (one per core, ADR 010). A deferred transaction that reads
  // and then writes fails at once with SQLITE_BUSY when another process wrote in between; taking the
  // write lock at BEGIN makes it wait for its turn instead (busy_timeout).
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("begin immediate"));
  }
}

/** kysely's SQLite dialect, with write transactions that queue across processes. */
export class ImmediateSqliteDialect extends SqliteDialect {
  constructor(private readonly database: SqliteDatabase) {
    super({ database });
  }
  override createDriver() {
    return new ImmediateSqliteDriver({ database: this.database });
  }
}

const PREPARABLE = /^\s*(select|insert|update|delete|with)\b/i;
const named = Symbol("supportpath.namedStatements");

/**
 * Makes a pg client send parameterised statements as named prepared statements, which PostgreSQL parses
 * and plans once per connection (pg remembers which names a connection has prepared).
 */
export function nameStatements(client: pg.PoolClient, max = MAX_STATEMENTS): void {
  const c = client as pg.PoolClient & { [named]?: Set<string> };
  if (c[named]) return;
  const names = new Set<string>();
  c[named] = names;
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as { query: unknown }).query = (text: unknown, values?: unknown, ...rest: unknown[]) => {
    if (typeof text !== "string" || !Array.isArray(values) || values.length === 0 || !PREPARABLE.test(text))
      return query(text, values, ...rest);
    const name = "sp_" + crypto.createHash("sha1").update(text).digest("base64url").slice(0, 22);
    if (!names.has(name)) {
      if (names.size >= max) return query(text, values, ...rest);
      names.add(name);
    }
    return query({ name, text, values }, ...rest);
  };
}
