// A migrated, seeded database that test suites copy, so the demo is built once per run. On SQLite it
// is a file copied per test file; with TEST_DATABASE_URL (an admin URL of a PostgreSQL server) it is a
// template database that each test file clones with CREATE DATABASE … TEMPLATE.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { sql } from "kysely";
import type pg from "pg";
import { openDatabase } from "../../app/db.server";
import { migrateToLatest } from "../../db/migrate";
import { seedDemo } from "../../seeds/index";
import { CREATE_DATABASE_OPTIONS, databaseUrl, withAdminClient } from "../../scripts/pg-admin";

export const TMP_DIR = path.resolve("test/.tmp");

/** The PostgreSQL server the tests run on, or null for SQLite. */
export function testPostgresAdminUrl(): string | null {
  return process.env.TEST_DATABASE_URL?.trim() || null;
}

export function testEngine(): "sqlite" | "postgres" {
  return testPostgresAdminUrl() ? "postgres" : "sqlite";
}

// A frozen clock seeds a different demo (dates end at the clock's instant), and a variant run under
// another zone must not reuse a template another run is reading: one template per clock and zone.
const clockAndZone = [process.env.SUPPORTPATH_CLOCK ?? "", process.env.TZ ?? ""].join("|");
const variant = clockAndZone !== "|" ? `-${crypto.createHash("sha1").update(clockAndZone).digest("hex").slice(0, 8)}` : "";
export const TEMPLATE_DB = path.join(TMP_DIR, `template${variant}.db`);
const PG_TEMPLATE = `sp_template${variant.replace("-", "_")}`;
const PG_PREFIX = "sp_test_";

const admin = <T>(fn: (client: pg.Client) => Promise<T>) => withAdminClient(testPostgresAdminUrl()!, fn);

async function createDatabase(client: pg.Client, name: string, template: string) {
  // Two files cloning the same template at the same instant may briefly see each other's connection.
  for (let attempt = 1; ; attempt++) {
    try {
      await client.query(
        `CREATE DATABASE "${name}" TEMPLATE "${template}" ${template === "template0" ? CREATE_DATABASE_OPTIONS : ""}`,
      );
      return;
    } catch (e) {
      if (attempt >= 20 || !/being accessed by other users/.test((e as Error).message)) throw e;
      await new Promise((r) => setTimeout(r, 100 * attempt));
    }
  }
}

export async function templateExists(): Promise<boolean> {
  if (testEngine() === "sqlite") return fs.existsSync(TEMPLATE_DB);
  return admin(async (c) => (await c.query("SELECT 1 FROM pg_database WHERE datname = $1", [PG_TEMPLATE])).rowCount === 1);
}

export async function makeTemplate(): Promise<void> {
  fs.mkdirSync(TMP_DIR, { recursive: true });
  if (testEngine() === "postgres") {
    await admin(async (c) => {
      // Databases of earlier runs go first: those whose process (named in the database name) has ended.
      const old = await c.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE $1 OR datname = $2", [
        `${PG_PREFIX}%`,
        PG_TEMPLATE,
      ]);
      for (const { datname } of old.rows) {
        if (datname !== PG_TEMPLATE && processAlive(Number(/_(\d+)_[0-9a-f]{6}$/.exec(datname)?.[1]))) continue;
        await c.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
      }
      await createDatabase(c, PG_TEMPLATE, "template0");
    });
    const db = openDatabase(databaseUrl(testPostgresAdminUrl()!, PG_TEMPLATE));
    await migrateToLatest(db);
    await seedDemo(db);
    await sql`ANALYZE`.execute(db);
    await db.destroy();
    return;
  }
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(TEMPLATE_DB + suffix, { force: true });
  const db = openDatabase(TEMPLATE_DB);
  await migrateToLatest(db);
  await seedDemo(db);
  await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(db);
  await db.destroy();
}

function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function uniqueName(name: string): string {
  const clean = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .slice(0, 30);
  return `${clean}_${process.pid}_${crypto.randomBytes(3).toString("hex")}`;
}

/** A private copy of the template for one test file or server: a file path or a database URL. */
export async function copyTemplate(name: string): Promise<string> {
  const admin_ = testPostgresAdminUrl();
  if (admin_) {
    const db = `${PG_PREFIX}${uniqueName(name)}`;
    await admin((c) => createDatabase(c, db, PG_TEMPLATE));
    return databaseUrl(admin_, db);
  }
  const target = path.join(TMP_DIR, `${uniqueName(name)}.db`);
  fs.copyFileSync(TEMPLATE_DB, target);
  return target;
}

/** An empty database (no tables) on the engine under test, for tests that migrate and load their own data. */
export async function emptyDatabase(name: string): Promise<string> {
  const admin_ = testPostgresAdminUrl();
  if (admin_) {
    const db = `${PG_PREFIX}${uniqueName(name)}`;
    await admin((c) => createDatabase(c, db, "template0"));
    return databaseUrl(admin_, db);
  }
  return path.join(TMP_DIR, `${uniqueName(name)}.db`);
}
