import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, PostgresAdapter, PostgresDialect } from "kysely";
import { createRequire } from "node:module";
import type pgTypes from "pg";
import type { Database } from "../db/schema";
import { PortableSchemaPlugin } from "../db/portable-schema";
import { databaseLocation, isPostgresUrl } from "./db-location.server";
import { ImmediateSqliteDialect, reusingStatements } from "./db-statements.server";

export { databaseLocation, describeLocation, isPostgresUrl } from "./db-location.server";

export type DB = Kysely<Database>;

/** True when `db` talks to PostgreSQL (the few places where the engines differ ask this, and nothing else). */
export function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

// ---------------------------------------------------------------------------------------------
// SQLite

/** Opens SQLite with the settings every connection needs (WAL, foreign keys, busy timeout). */
export function openSqlite(file: string): SQLite.Database {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("synchronous = NORMAL");
  // SQLite's own lower() folds ASCII only ("Ольга" stays as it is); searches compare lower() on both
  // engines, so give SQLite the Unicode one PostgreSQL has.
  sqlite.function("lower", { deterministic: true }, (s: unknown) => (s == null ? null : String(s).toLowerCase()));
  return sqlite;
}

export function kyselyOver(sqlite: SQLite.Database): DB {
  return new Kysely<Database>({ dialect: new ImmediateSqliteDialect(reusingStatements(sqlite)) });
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL

// count(*), sum() and bigint columns come back from pg as strings (they can exceed 2^53); every such
// value here is a count, an id, a sum of points or a millisecond instant, all far below that.
const INT8 = 20;
const NUMERIC = 1700;
// pg loads only when a PostgreSQL URL is opened: a SQLite server never pays its start-up.
const require = createRequire(import.meta.url);
const loadPg = () => require("pg") as typeof pgTypes;

const pgTypeParsers = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === INT8 || oid === NUMERIC) return (v: string) => (v === null ? null : Number(v));
    return (loadPg().types.getTypeParser as (o: number, f?: string) => unknown)(oid, format);
  },
};

export function poolSize(): number {
  const n = Number(process.env.DATABASE_POOL_SIZE ?? 10);
  return Number.isInteger(n) && n > 0 ? n : 10;
}

export function openPostgres(url: string, opts: { max?: number } = {}): DB {
  const pg = loadPg();
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.max ?? poolSize(),
    types: pgTypeParsers as pgTypes.CustomTypesConfig,
  });
  // An idle client that loses its connection emits on the pool; without a listener that kills the process.
  pool.on("error", (e) => console.error("PostgreSQL pool:", e.message));
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins: [new PortableSchemaPlugin()] });
}

// ---------------------------------------------------------------------------------------------

/** Opens the database at `location`: a `postgres://` URL or a SQLite file (":memory:" too). */
export function openDatabase(location: string = databaseLocation()): DB {
  return isPostgresUrl(location) ? openPostgres(location) : kyselyOver(openSqlite(location));
}

// One handle per process (a connection for SQLite, a pool for PostgreSQL), not per request; kept on
// globalThis so a dev rebuild reuses it.
const g = globalThis as unknown as { __supportpathDb?: DB };

export function getDb(): DB {
  if (!g.__supportpathDb) g.__supportpathDb = openDatabase();
  return g.__supportpathDb;
}

// PostgreSQL reports a deadlock (40P01) or a serialization failure (40001) when two transactions cross;
// the whole transaction is safe to run again, SQLite never reports either (one connection).
const RETRYABLE = new Set(["40P01", "40001"]);
const MAX_ATTEMPTS = 5;

/**
 * Runs `fn` in a transaction, joining the caller's when there already is one. The outermost one is
 * retried when PostgreSQL aborts it as a deadlock victim, so crossing writers both succeed.
 */
export async function inTransaction<T>(db: DB, fn: (tx: DB) => Promise<T>): Promise<T> {
  if (db.isTransaction) return fn(db);
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction().execute(fn);
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (!code || !RETRYABLE.has(code) || attempt >= MAX_ATTEMPTS) throw e;
      await new Promise((r) => setTimeout(r, 5 * attempt + Math.random() * 20));
    }
  }
}
