import type { Kysely } from "kysely";
import type { Database } from "../db/schema";
import { inTransaction } from "../app/db.server";
import { textCollation } from "../app/models/health.server";
import { lockSetup } from "../app/models/locks.server";
import { migrateToLatest } from "../db/migrate";
import { hashPassword } from "../app/auth/password.server";
import { now as clockNow } from "../app/clock.server";
import { ensureCatalog } from "./catalog";
import { DEMO_PASSWORD, DEMO_PEOPLE, seedPeople } from "./people";
import { seedEvidence } from "./evidence";
import { seedAppraisals } from "./appraisals";
// issue 17, part 3 (360 feedback)
import { seedFeedback } from "./feedback";
import { seedCertifications } from "./certifications";

export { DEMO_PASSWORD, DEMO_PEOPLE };

export async function isEmpty(db: Kysely<Database>): Promise<boolean> {
  return !(await db.selectFrom("people").select("id").limit(1).executeTakeFirst());
}

/** Loads the demo organisation into an empty database. Deterministic apart from dates, which end at `now`. */
export async function seedDemo(db: Kysely<Database>, now = clockNow()) {
  await ensureCatalog(db);
  const hash = await hashPassword(DEMO_PASSWORD);
  const ids = await inTransaction(db, (tx) => seedPeople(tx, hash, now));
  const evidence = await seedEvidence(db, ids, now);
  await seedAppraisals(db, ids, now);
  await seedFeedback(db, ids, now);
  await seedCertifications(db, ids, now);
  return { people: ids.size, evidence };
}

/** The catalog, in one transaction that one instance at a time runs (several may start at once). */
export async function ensureCatalogOnce(db: Kysely<Database>): Promise<void> {
  await inTransaction(db, async (tx) => {
    await lockSetup(tx);
    await ensureCatalog(tx);
  });
}

/**
 * The demo organisation, loaded exactly once even when several instances start together on an empty
 * database: one transaction, under the setup lock, that checks for people first. Null when not empty.
 */
export async function seedDemoOnce(db: Kysely<Database>, now = clockNow()) {
  return inTransaction(db, async (tx) => {
    await lockSetup(tx);
    if (!(await isEmpty(tx))) return null;
    return seedDemo(tx, now);
  });
}

/**
 * What an instance does to its database when it starts: migrate, load the catalog, and the demo
 * organisation into an empty database unless told not to. Several instances may run it at once.
 */
export async function prepareDatabase(db: Kysely<Database>, opts: { demo: boolean }, now = clockNow()) {
  const collation = await textCollation(db);
  if (collation && !/^(C|POSIX|C\.UTF-?8)$/i.test(collation)) {
    console.warn(
      `The database sorts text by "${collation}": names and dates will not sort as on SQLite. Create it with LC_COLLATE 'C' (README, "Scaling out").`,
    );
  }
  await migrateToLatest(db);
  await ensureCatalogOnce(db);
  return opts.demo ? seedDemoOnce(db, now) : null;
}
