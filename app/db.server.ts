import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import type { Database } from "../db/schema";

export type DB = Kysely<Database>;

export function databasePath(): string {
  return path.resolve(process.env.DATABASE_PATH ?? "data/supportpath.db");
}

/** Opens SQLite with the settings every connection needs (WAL, foreign keys, busy timeout). */
export function openSqlite(file: string = databasePath()): SQLite.Database {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("synchronous = NORMAL");
  return sqlite;
}

export function kyselyOver(sqlite: SQLite.Database): DB {
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
}

export function openDatabase(file: string = databasePath()): DB {
  return kyselyOver(openSqlite(file));
}

// One connection per process (not per request); kept on globalThis so a dev rebuild reuses it.
const g = globalThis as unknown as { __supportpathDb?: DB };

export function getDb(): DB {
  if (!g.__supportpathDb) g.__supportpathDb = openDatabase();
  return g.__supportpathDb;
}

/** Runs `fn` in a transaction, joining the caller's when there already is one. */
export function inTransaction<T>(db: DB, fn: (tx: DB) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db) : db.transaction().execute(fn);
}
