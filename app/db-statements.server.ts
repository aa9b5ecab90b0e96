// SQLite statements prepared once per connection and reused, rather than parsed and planned again on
// every query (a CPU profile under load: 8 % of a dashboard request was better-sqlite3's prepare; ADR
// 010). PostgreSQL keeps pg's unnamed statements: named ones per connection were tried and left out.
import type SQLite from "better-sqlite3";
import { CompiledQuery, type DatabaseConnection, SqliteDialect, SqliteDriver, type SqliteDatabase } from "kysely";

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
