import { type Kysely, type Migration, type MigrationResultSet, Migrator } from "kysely";
import { migrations } from "./migrations/index";

/**
 * On PostgreSQL kysely's Migrator runs each migration inside a transaction of its own (DDL is
 * transactional there); on SQLite it does not, so a migration that needs to be atomic on SQLite opens
 * one itself (0006). Inside the Migrator's transaction that nested `transaction()` is refused, so a
 * migration sees a handle whose `transaction()` joins the one already open: the same frozen file is
 * atomic on both engines.
 */
function joiningTransactions(db: Kysely<any>): Kysely<any> {
  if (!db.isTransaction) return db;
  return new Proxy(db, {
    get(target, prop) {
      if (prop === "transaction") return () => ({ execute: <T>(fn: (tx: Kysely<any>) => Promise<T>) => fn(target) });
      const value = Reflect.get(target, prop, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

const portable: Record<string, Migration> = Object.fromEntries(
  Object.entries(migrations).map(([name, m]) => [
    name,
    {
      up: (db: Kysely<any>) => m.up(joiningTransactions(db)),
      down: m.down && ((db: Kysely<any>) => m.down!(joiningTransactions(db))),
    },
  ]),
);

/**
 * Brings the schema up to date. Safe to run from several instances at once: kysely's Migrator holds a
 * lock while it works (an advisory lock on PostgreSQL), so each migration runs exactly once.
 */
export function createMigrator(db: Kysely<any>): Migrator {
  return new Migrator({ db, provider: { getMigrations: async () => portable } });
}

export async function migrateToLatest(db: Kysely<any>): Promise<MigrationResultSet> {
  const result = await createMigrator(db).migrateToLatest();
  if (result.error) throw result.error;
  return result;
}
