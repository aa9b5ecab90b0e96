// Advisory locks that keep concurrent writers from several app instances in step on PostgreSQL
// (ADR 006). SQLite needs none: one connection per process serialises every transaction, and a second
// process waits on the database lock (busy_timeout). All locks are transaction-scoped: they are released
// at commit or rollback, never left behind by a crashed instance.
import { sql } from "kysely";
import { type DB, isPostgres } from "~/db.server";

// pg_advisory_xact_lock(int, int): the first number names the kind of lock, the second the subject.
const SCORES = 1; // (SCORES, 0): the whole skill_months table; (SCORES, person id): one person's items
const SETUP = 2; // (SETUP, 0): catalog and demo data loaded into an empty database
const IMPORTS = 3; // (IMPORTS, 0): applying or undoing an import batch

/**
 * Serialises writes to these people's evidence, contributions and monthly buckets: two transactions
 * that refresh the same person's buckets would otherwise both delete and both insert the same rows.
 * Taken in id order so two writers never wait on each other crosswise; shared with a whole-table rebuild.
 */
export async function lockPeople(db: DB, personIds: Iterable<number>): Promise<void> {
  if (!isPostgres(db)) return;
  const ids = [...new Set(personIds)].sort((a, b) => a - b);
  if (!ids.length) return;
  await sql`select pg_advisory_xact_lock_shared(${SCORES}, 0)`.execute(db);
  for (const id of ids) await sql`select pg_advisory_xact_lock(${SCORES}, ${id}::int)`.execute(db);
}

/** Excludes every per-person writer while the whole table of buckets is rebuilt (a rule change). */
export async function lockAllScores(db: DB): Promise<void> {
  if (isPostgres(db)) await sql`select pg_advisory_xact_lock(${SCORES}, 0)`.execute(db);
}

/** One instance at a time loads the catalog and demo data into an empty database. */
export async function lockSetup(db: DB): Promise<void> {
  if (isPostgres(db)) await sql`select pg_advisory_xact_lock(${SETUP}, 0)`.execute(db);
}

/**
 * One import is applied or undone at a time: two batches of the same file (two admins, two instances)
 * would otherwise both plan to create the same tickets. Imports are rare and each is one transaction.
 */
export async function lockImports(db: DB): Promise<void> {
  if (isPostgres(db)) await sql`select pg_advisory_xact_lock(${IMPORTS}, 0)`.execute(db);
}

// issue 17, part 4: (LADDER, 0) — one ladder template import at a time
const LADDER = 17;

/** One ladder import is written at a time: two would both plan against the ladder as it was and both add a position. */
export async function lockLadder(db: DB): Promise<void> {
  if (isPostgres(db)) await sql`select pg_advisory_xact_lock(${LADDER}, 0)`.execute(db);
}
