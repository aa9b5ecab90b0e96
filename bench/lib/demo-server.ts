// What the HTTP benchmarks share: a migrated demo database, the command that serves the production build,
// and signing in as a demo person. SERVER is the one place that says how the app is served (`npm start`'s
// server), so every benchmark measures what production runs.
import fs from "node:fs";
import path from "node:path";
import { sql } from "kysely";
import { openDatabase } from "../../app/db.server";
import { migrateToLatest } from "../../db/migrate";
import { seedDemoOnce } from "../../seeds/index";
import { DEMO_PASSWORD } from "../../seeds/people";

export const BUILD = path.resolve("build/index.js");
/** `npm start`'s server, built by `npm run build` (scripts/server/) */
export const SERVER_MAIN = path.resolve("build/server/main.js");
/**
 * node arguments that serve build/ as production does, without the preparation step (the benchmark has
 * prepared the database): PORT, HOST, DATABASE_*, SESSION_SECRET and WEB_CONCURRENCY from the environment.
 */
export const SERVER_ARGS = [SERVER_MAIN, "--no-prepare"];

/** A fresh SQLite file with the demo organisation, checkpointed so the server starts on a clean WAL. */
export async function prepareDemoSqlite(file: string): Promise<string> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  for (const s of ["", "-wal", "-shm"]) fs.rmSync(file + s, { force: true });
  const db = openDatabase(file);
  await migrateToLatest(db);
  await seedDemoOnce(db);
  await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(db);
  await db.destroy();
  return file;
}

/** Signs a demo person in; returns the `sp_session=…` cookie pair. */
export async function signIn(base: string, email: string): Promise<string> {
  const r = await fetch(`${base}/login`, {
    method: "POST",
    body: new URLSearchParams({ email, password: DEMO_PASSWORD, redirectTo: "/" }),
    headers: { Origin: new URL(base).origin }, // sign-in requires the browser's origin (ADR 013)
    redirect: "manual",
  });
  const cookie = r.headers.getSetCookie().find((c) => c.startsWith("sp_session="));
  if (r.status !== 302 || !cookie)
    throw new Error(`sign-in of ${email} at ${base}: ${r.status} ${(await r.text()).slice(0, 200)}`);
  return cookie.split(";")[0]!;
}
