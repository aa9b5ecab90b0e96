import type { Kysely } from "kysely";
import type { Database } from "../db/schema";
import { hashPassword } from "../app/auth/password.server";
import { ensureCatalog } from "./catalog";
import { DEMO_PASSWORD, DEMO_PEOPLE, seedPeople } from "./people";
import { seedEvidence } from "./evidence";
import { seedAppraisals } from "./appraisals";

export { DEMO_PASSWORD, DEMO_PEOPLE };

export async function isEmpty(db: Kysely<Database>): Promise<boolean> {
  return !(await db.selectFrom("people").select("id").limit(1).executeTakeFirst());
}

/** Loads the demo organisation into an empty database. Deterministic apart from dates, which end at `now`. */
export async function seedDemo(db: Kysely<Database>, now = new Date()) {
  await ensureCatalog(db);
  const hash = await hashPassword(DEMO_PASSWORD);
  const ids = await db.transaction().execute((tx) => seedPeople(tx, hash, now));
  const evidence = await seedEvidence(db, ids, now);
  await seedAppraisals(db, ids, now);
  return { people: ids.size, evidence };
}
