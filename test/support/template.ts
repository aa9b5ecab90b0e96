// A migrated, seeded database file that test suites copy, so the demo is built once per run.
import fs from "node:fs";
import path from "node:path";
import { sql } from "kysely";
import { openDatabase } from "../../app/db.server";
import { migrateToLatest } from "../../db/migrate";
import { seedDemo } from "../../seeds/index";

export const TMP_DIR = path.resolve("test/.tmp");
export const TEMPLATE_DB = path.join(TMP_DIR, "template.db");

export async function makeTemplate(): Promise<void> {
  fs.mkdirSync(TMP_DIR, { recursive: true });
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(TEMPLATE_DB + suffix, { force: true });
  const db = openDatabase(TEMPLATE_DB);
  await migrateToLatest(db);
  await seedDemo(db);
  await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(db);
  await db.destroy();
}

/** A private copy of the template for one test file or server. */
export function copyTemplate(name: string): string {
  const target = path.join(TMP_DIR, `${name}-${process.pid}-${Date.now()}.db`);
  fs.copyFileSync(TEMPLATE_DB, target);
  return target;
}
