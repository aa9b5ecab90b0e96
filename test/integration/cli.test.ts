import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import SQLite from "better-sqlite3";
import { type Kysely, sql } from "kysely";
import pg from "pg";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { now as clockNow, nowMs } from "../../app/clock.server";
import { type DB, isPostgresUrl, openDatabase } from "../../app/db.server";
import { verifyPassword } from "../../app/auth/password.server";
import { migrateToLatest } from "../../db/migrate";
import type { Database } from "../../db/schema";
import { ensureCatalog } from "../../seeds/catalog";
import { type CliIO, runCli } from "../../scripts/cli-commands";
import { advanceIdentitySequences, backupEngineOf } from "../../scripts/backup";
import { createEvidence } from "../../app/models/evidence.server";
import { skillBuckets } from "../../app/models/scores.server";
import { personBuckets } from "../../app/models/skill-months.server";
import { copyTemplate, emptyDatabase, testEngine, testPostgresAdminUrl } from "../support/template";

// Every table of db/schema.ts with its primary key: the round trip compares them all, in this order.
// Typed by the Database interface, so a new table there fails the type check until it is listed here.
const PRIMARY_KEYS: Record<keyof Database, string[]> = {
  teams: ["id"],
  positions: ["id"],
  position_requirements: ["position_id", "skill_key"],
  skills: ["key"],
  evidence_kinds: ["key"],
  people: ["id"],
  itsm_handles: ["id"],
  sessions: ["id"],
  login_attempts: ["id"],
  password_tokens: ["token_hash"],
  audit_log: ["id"],
  settings: ["key"],
  mapping_rules: ["id"],
  evidence: ["id"],
  contributions: ["id"],
  skill_months: ["person_id", "skill_key", "month"],
  load_months: ["person_id", "month", "kind", "priority", "after_hours", "minutes_known"],
  adjustments: ["id"],
  endorsements: ["id"],
  goals: ["id"],
  goal_evidence: ["goal_id", "evidence_id"],
  appraisal_cycles: ["id"],
  appraisals: ["id"],
  appraisal_ratings: ["appraisal_id", "skill_key"],
  import_batches: ["id"],
  import_batch_items: ["batch_id", "evidence_id"],
  api_tokens: ["id"],
  certifications: ["id"],
  certification_skills: ["certification_id", "skill_key"],
  position_certifications: ["position_id", "certification_id"],
  person_certifications: ["id"],
  // issue 17, part 3 (360 feedback)
  feedback_requests: ["id"],
  feedback_tallies: ["appraisal_id", "skill_key"],
  // issue 16, point 4 (remembered choices)
  person_preferences: ["person_id"],
  list_filters: ["person_id", "list_key"],
  // issue 14, point 2 (mail through an outbox)
  outbox: ["id"],
};

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sp-cli-"));
const handles: DB[] = [];
const locations: string[] = [];

/** A database on the engine under test, with the handle the CLI would open on it. */
interface Target {
  location: string;
  db: DB;
}

function target(location: string): Target {
  const db = openDatabase(location);
  handles.push(db);
  locations.push(location);
  return { location, db };
}

let main: Target;
let db: DB;
let out: string[] = [];
let err: string[] = [];
const ioFor = (location: string): CliIO => ({ out: (l) => out.push(l), err: (l) => err.push(l), location });
const runOn = (t: Target, ...argv: string[]) => {
  out = [];
  err = [];
  return runCli(argv, t.db, ioFor(t.location));
};
const run = (...argv: string[]) => runOn(main, ...argv);

/** The environment a real CLI process needs to find `location`. */
function processEnv(location: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  delete env.DATABASE_URL;
  delete env.DATABASE_PATH;
  if (isPostgresUrl(location)) env.DATABASE_URL = location;
  else env.DATABASE_PATH = location;
  return env;
}
const cliProcess = (env: NodeJS.ProcessEnv, ...argv: string[]) =>
  spawnSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/cli.ts", ...argv], { env, encoding: "utf8" });

async function rowsOf(d: DB, table: keyof Database) {
  const any = d as unknown as Kysely<any>;
  let q = any.selectFrom(table).selectAll();
  for (const column of PRIMARY_KEYS[table]) q = q.orderBy(column);
  return q.execute();
}

const count = async (d: DB, table: "people" | "evidence") =>
  (
    await d
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow()
  ).n;

/** The seeded demo has no sessions, tokens, goals or imports: give those tables a row or two, so every table round-trips data. */
async function fillTablesTheDemoLeavesEmpty(d: DB) {
  const at = clockNow().toISOString();
  const later = new Date(nowMs() + 3600e3).toISOString();
  const first = await d.selectFrom("evidence").select("person_id").orderBy("id").executeTakeFirstOrThrow();
  const person = { id: first.person_id };
  const evidence = await d
    .selectFrom("evidence")
    .select("id")
    .where("person_id", "=", person.id)
    .orderBy("id")
    .limit(2)
    .execute();
  await d
    .insertInto("sessions")
    .values({
      id: "round-trip-session",
      person_id: person.id,
      created_at: at,
      expires_at: later,
      revoked_at: null,
      user_agent: "vitest",
    })
    .execute();
  await d
    .insertInto("login_attempts")
    .values([
      { key: "email:someone@example.com", at },
      { key: "ip:127.0.0.1", at },
    ])
    .execute();
  await d
    .insertInto("password_tokens")
    .values({ token_hash: "round-trip-token", person_id: person.id, created_at: at, expires_at: later, used_at: null })
    .execute();
  await d
    .insertInto("outbox")
    .values({
      to_email: "someone@example.com",
      subject: "Round trip",
      text_body: "Plain part",
      html_body: "<p>HTML part</p>",
      kind: "notification",
      created_at: at,
      sent_at: null,
      claimed_until: null,
      last_error: null,
    })
    .execute();
  await d
    .insertInto("api_tokens")
    .values({
      name: "Round trip",
      token_hash: "round-trip-api",
      prefix: "sp_rt",
      created_by: person.id,
      created_at: at,
      revoked_at: null,
      last_used_at: at,
    })
    .execute();
  const goal = await d
    .insertInto("goals")
    .values({
      person_id: person.id,
      title: "Lead a major incident",
      skill_key: null,
      position_id: null,
      due_date: "2027-06-30",
      status: "open",
      created_at: at,
      updated_at: at,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await d
    .insertInto("goal_evidence")
    .values(evidence.map((e) => ({ goal_id: goal.id, evidence_id: e.id })))
    .execute();
  const batch = await d
    .insertInto("import_batches")
    .values({
      created_by: person.id,
      scope: "self",
      format: "servicenow",
      filename: "export.csv",
      status: "applied",
      rows_read: 2,
      payload_json: null,
      created_at: at,
      applied_at: at,
      undone_at: null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await d
    .insertInto("import_batch_items")
    .values(evidence.map((e) => ({ batch_id: batch.id, evidence_id: e.id, action: "updated" as const, previous_json: "{}" })))
    .execute();
  // certifications (issue 17): the demo organisation holds none yet
  const cert = await d
    .insertInto("certifications")
    .values({
      key: "itil-4-foundation",
      name: "ITIL 4 Foundation",
      issuer: "PeopleCert",
      validity_months: 36,
      description: null,
      created_at: at,
      updated_at: at,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const skill = await d.selectFrom("skills").select("key").orderBy("sort_order").executeTakeFirstOrThrow();
  const position = await d.selectFrom("positions").select("id").orderBy("rank").executeTakeFirstOrThrow();
  await d.insertInto("certification_skills").values({ certification_id: cert.id, skill_key: skill.key, points: 4 }).execute();
  await d.insertInto("position_certifications").values({ position_id: position.id, certification_id: cert.id }).execute();
  await d
    .insertInto("person_certifications")
    .values({
      person_id: person.id,
      certification_id: cert.id,
      issued_on: "2026-01-15",
      expires_on: "2029-01-15",
      credential_ref: "GR671234",
      link_url: "https://example.com/badge",
      attachment_name: null,
      attachment_type: null,
      attachment_base64: null,
      status: "submitted",
      return_reason: null,
      verified_by: null,
      verified_at: null,
      created_at: at,
      updated_at: at,
    })
    .execute();
  // remembered choices (issue 16, migration 0019): a target and one list's filters
  await d
    .insertInto("person_preferences")
    .values({ person_id: person.id, target_position_id: position.id, updated_at: at })
    .execute();
  await d
    .insertInto("list_filters")
    .values({ person_id: person.id, list_key: "evidence", query: "kind=incident&status=verified", updated_at: at })
    .execute();
}

// Every test on a database of its own (migrated, with the catalog and nobody in it): no test relies on
// people an earlier one created, so they can run alone, in any order.
beforeEach(async () => {
  main = target(await emptyDatabase("cli"));
  db = main.db;
  await migrateToLatest(db);
  await ensureCatalog(db);
});

const addAda = () =>
  run("create-user", "--email", "Ada@Example.com", "--name", "Ada Lovelace", "--role", "admin", "--password", "a-long-password");
const addBob = () =>
  run(
    "create-user",
    "--email",
    "bob@example.com",
    "--name",
    "Bob",
    "--manager-email",
    "ada@example.com",
    "--handle",
    "bob1",
    "--handle",
    "Resolved by 7",
  );
afterAll(async () => {
  for (const h of handles) await h.destroy();
  const adminUrl = testPostgresAdminUrl();
  if (adminUrl) {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    for (const l of locations) await client.query(`DROP DATABASE IF EXISTS "${new URL(l).pathname.slice(1)}" WITH (FORCE)`);
    await client.end();
  } else {
    for (const l of locations) for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(l + suffix, { force: true });
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("admin CLI", () => {
  it("creates a user with a password who can then be verified", async () => {
    expect(await addAda()).toBe(0);
    const row = await db.selectFrom("people").selectAll().where("email", "=", "ada@example.com").executeTakeFirstOrThrow();
    expect(row.role).toBe("admin");
    expect(await verifyPassword(row.password_hash, "a-long-password")).toBe(true);
  });

  it("creates a user without a password and prints a one-time link", async () => {
    expect(await addAda()).toBe(0);
    expect(await addBob()).toBe(0);
    expect(out.join("\n")).toMatch(/\/set-password\/[\w-]{20,}/);
    const bob = await db.selectFrom("people").selectAll().where("email", "=", "bob@example.com").executeTakeFirstOrThrow();
    const handles = await db.selectFrom("itsm_handles").select("handle").where("person_id", "=", bob.id).execute();
    expect(handles.map((h) => h.handle).sort()).toEqual(["Resolved by 7", "bob1"]);
    expect(bob.password_hash).toBeNull();
  });

  it("refuses a duplicate email or handle with a clear error and writes nothing", async () => {
    await addAda();
    await addBob();
    const before = await db.selectFrom("people").select(db.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    expect(await run("create-user", "--email", "bob@example.com", "--name", "Bob Again")).toBe(2);
    expect(err.join("\n")).toContain("Another person already uses this email.");
    expect(await run("create-user", "--email", "carol@example.com", "--name", "Carol", "--handle", "BOB1")).toBe(2);
    expect(err.join("\n")).toContain("already belongs to Bob");
    const after = await db.selectFrom("people").select(db.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it("rejects bad arguments with a non-zero exit", async () => {
    expect(await run("create-user", "--email", "x@example.com")).toBe(2);
    expect(err[0]).toContain("needs --email and --name");
    expect(await run("frobnicate")).toBe(2);
    expect(err[0]).toContain('unknown command "frobnicate"');
    expect(await run("create-user", "--bogus", "1")).toBe(2);
    expect(await run("reset-password", "--email", "nobody@example.com")).toBe(2);
    expect(await run("reset-password", "--email", "ada@example.com", "--password", "short")).toBe(2);
    expect(await run()).toBe(2);
    expect(out.join("\n")).toContain("Usage: npm run cli");
  });

  it("resets a password and revokes sessions", async () => {
    await addAda();
    const ada = await db.selectFrom("people").selectAll().where("email", "=", "ada@example.com").executeTakeFirstOrThrow();
    await db
      .insertInto("sessions")
      .values({
        id: "s1",
        person_id: ada.id,
        created_at: clockNow().toISOString(),
        expires_at: new Date(nowMs() + 3600e3).toISOString(),
        user_agent: null,
      })
      .execute();
    expect(await run("reset-password", "--email", "ada@example.com", "--password", "another-long-password")).toBe(0);
    const row = await db.selectFrom("people").select("password_hash").where("id", "=", ada.id).executeTakeFirstOrThrow();
    expect(await verifyPassword(row.password_hash, "another-long-password")).toBe(true);
    const s = await db.selectFrom("sessions").select("revoked_at").where("id", "=", "s1").executeTakeFirstOrThrow();
    expect(s.revoked_at).not.toBeNull();
  });

  it("backs up the live database to a private file that restores with the same data", async () => {
    await addAda();
    await addBob();
    const file = path.join(dir, "backup", "copy.bak");
    expect(await run("backup", "--out", file)).toBe(0);
    expect(out[0]).toMatch(/^Backed up .* to .*copy\.bak \((SQLite|PostgreSQL), \d+ bytes\)\.$/);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(backupEngineOf(file)).toBe(testEngine());
    expect(fs.readdirSync(path.dirname(file))).toEqual(["copy.bak"]);
    const copy = target(await emptyDatabase("cli-copy"));
    expect(await runOn(copy, "restore", "--from", file)).toBe(0);
    const people = await copy.db.selectFrom("people").select("email").orderBy("email").execute();
    expect(people.map((p) => p.email)).toEqual(["ada@example.com", "bob@example.com"]);
    expect(await run("backup", "--out", file)).toBe(2);
    expect(err[0]).toContain("already exists");
    const empty = target(await emptyDatabase("cli-empty"));
    expect(await runOn(empty, "backup", "--out", path.join(dir, "empty.bak"))).toBe(1);
    expect(err[0]).toContain("has no SupportPath tables");
    expect(fs.existsSync(path.join(dir, "empty.bak"))).toBe(false);
  });

  it("rebuilds the stored skill buckets from the contributions", async () => {
    await addAda();
    const person = await db.selectFrom("people").select("id").orderBy("id").executeTakeFirstOrThrow();
    for (const [i, at] of ["2026-01-10T10:00:00.000Z", "2026-02-11T11:00:00.000Z", "2026-02-20T09:00:00.000Z"].entries()) {
      await createEvidence(
        db,
        person.id,
        {
          kind: "incident",
          title: `Incident ${i}`,
          externalRef: `INC${i}`,
          startedAt: null,
          resolvedAt: at,
          priority: "P1",
          impact: null,
          workRole: "lead",
          outcome: "resolved",
          afterHours: false,
          afterHoursMinutes: 0,
          durationMinutes: 60,
          emergency: false,
          addsFunctionality: false,
          fixesSlowness: false,
          reassignmentCount: 0,
          reopenCount: 0,
          problemRef: null,
          changeRef: null,
          resolutionCode: null,
          notes: null,
          links: [],
        },
        { status: "verified" },
      );
    }
    const expected = (await skillBuckets(db, [person.id])).get(person.id)!;
    expect(expected.length).toBeGreaterThan(1);
    // rows loaded around the app: the stored buckets are stale
    await db.deleteFrom("skill_months").execute();
    expect(await personBuckets(db, person.id)).toEqual([]);
    expect(await run("rebuild-scores")).toBe(0);
    expect(out[0]).toBe(`Rebuilt the monthly skill buckets: ${expected.length} rows.`);
    expect(await personBuckets(db, person.id)).toEqual(expected);
    expect(await run("rebuild-scores", "--everything")).toBe(2);
  });

  it("runs as a real process through npm run cli", () => {
    const r = cliProcess(processEnv(main.location), "nope");
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('unknown command "nope"');
  });
});

describe("backup and restore", () => {
  it("round-trips the seeded demo, table by table, and new rows get fresh ids", async () => {
    const demo = target(await copyTemplate("cli-demo"));
    await migrateToLatest(demo.db); // a template made before the newest migration comes up to date first
    await fillTablesTheDemoLeavesEmpty(demo.db);
    const file = path.join(dir, "demo.bak");
    expect(await runOn(demo, "backup", "--out", file)).toBe(0);
    const restored = target(await emptyDatabase("cli-restored"));
    expect(await runOn(restored, "restore", "--from", file)).toBe(0);
    expect(out.join("\n")).toMatch(/^Restored .* people, \d+ evidence items\.$/m);
    expect(out.join("\n")).not.toContain("Moved the id sequences");

    const tables = (await restored.db.introspection.getTables()).map((t) => t.name).sort();
    expect(tables).toEqual(Object.keys(PRIMARY_KEYS).sort());
    let total = 0;
    for (const table of Object.keys(PRIMARY_KEYS) as (keyof Database)[]) {
      const original = await rowsOf(demo.db, table);
      expect(await rowsOf(restored.db, table), table).toEqual(original);
      total += original.length;
    }
    for (const table of Object.keys(PRIMARY_KEYS) as (keyof Database)[]) {
      expect((await rowsOf(demo.db, table)).length, `${table} has rows to compare`).toBeGreaterThan(0);
    }
    expect(total).toBeGreaterThan(1000);
    const migrations = (d: DB) =>
      (d as unknown as Kysely<any>).selectFrom("kysely_migration").select("name").orderBy("name").execute();
    expect(await migrations(restored.db)).toEqual(await migrations(demo.db));

    // the identity sequences come back past the largest ids: new rows do not collide
    const at = clockNow().toISOString();
    const maxId = async (table: "teams" | "people" | "audit_log") =>
      (
        await demo.db
          .selectFrom(table)
          .select((eb) => eb.fn.max("id").as("m"))
          .executeTakeFirstOrThrow()
      ).m as number;
    const team = await restored.db
      .insertInto("teams")
      .values({ name: "Restored team" })
      .returning("id")
      .executeTakeFirstOrThrow();
    expect(team.id).toBeGreaterThan(await maxId("teams"));
    const person = await restored.db
      .insertInto("people")
      .values({
        email: "new@example.com",
        name: "New Person",
        password_hash: null,
        role: "engineer",
        manager_id: null,
        team_id: team.id,
        position_id: null,
        created_at: at,
        updated_at: at,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    expect(person.id).toBeGreaterThan(await maxId("people"));
    const audit = await restored.db
      .insertInto("audit_log")
      .values({
        at,
        actor_id: null,
        action: "test",
        entity: "person",
        entity_id: String(person.id),
        subject_person_id: person.id,
        before_json: null,
        after_json: null,
        reason: null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    expect(audit.id).toBeGreaterThan(await maxId("audit_log"));
  });

  it.skipIf(testEngine() !== "postgres")(
    "moves on an identity sequence that lags behind its table's largest id (PostgreSQL only: SQLite has no sequences)",
    async () => {
      const demo = target(await copyTemplate("cli-sequences"));
      await migrateToLatest(demo.db);
      expect(await advanceIdentitySequences(demo.db)).toEqual([]);
      await sql`alter table people alter column id restart with 1`.execute(demo.db);
      await sql`alter table evidence alter column id restart with 2`.execute(demo.db);
      expect(await advanceIdentitySequences(demo.db)).toEqual(["evidence", "people"]);
      const at = clockNow().toISOString();
      const { m } = await demo.db
        .selectFrom("people")
        .select((eb) => eb.fn.max("id").as("m"))
        .executeTakeFirstOrThrow();
      const person = await demo.db
        .insertInto("people")
        .values({
          email: "late@example.com",
          name: "Late",
          password_hash: null,
          role: "engineer",
          manager_id: null,
          team_id: null,
          position_id: null,
          created_at: at,
          updated_at: at,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      expect(person.id).toBe(Number(m) + 1);
    },
  );

  it("refuses to overwrite a database that has people without --yes, and replaces it with --yes", async () => {
    await addAda();
    await addBob();
    const demo = target(await copyTemplate("cli-overwrite"));
    const people = await count(demo.db, "people");
    expect(people).toBeGreaterThan(2);
    const file = path.join(dir, "small.bak");
    expect(await run("backup", "--out", file)).toBe(0);
    expect(await runOn(demo, "restore", "--from", file)).toBe(1);
    expect(err[0]).toContain(`has ${people} people; restoring ${file} replaces all of its data`);
    expect(err[1]).toContain("--yes");
    expect(await count(demo.db, "people")).toBe(people);

    expect(await runOn(demo, "restore", "--from", file, "--yes")).toBe(0);
    const emails = await demo.db.selectFrom("people").select("email").orderBy("email").execute();
    expect(emails.map((p) => p.email)).toEqual(["ada@example.com", "bob@example.com"]);
    expect(await rowsOf(demo.db, "evidence")).toEqual(await rowsOf(db, "evidence"));
  });

  it("refuses the other engine's backups and files that are not backups", async () => {
    const sqliteFile = path.join(dir, "other.db");
    const s = new SQLite(sqliteFile);
    s.exec("create table people (id integer primary key)");
    s.close();
    const pgFile = path.join(dir, "other.dump");
    fs.writeFileSync(pgFile, Buffer.concat([Buffer.from("PGDMP"), Buffer.alloc(64, 1)]));
    const junk = path.join(dir, "notes.txt");
    fs.writeFileSync(junk, "not a backup at all");
    const before = await count(db, "people");

    const [other, otherTitle, ownTitle] =
      testEngine() === "postgres" ? [sqliteFile, "SQLite", "PostgreSQL"] : [pgFile, "PostgreSQL", "SQLite"];
    expect(await run("restore", "--from", other, "--yes")).toBe(1);
    expect(err[0]).toContain(`is a ${otherTitle} backup, but the configured database is ${ownTitle}`);
    expect(await run("restore", "--from", junk, "--yes")).toBe(1);
    expect(err[0]).toContain("is not a SupportPath backup");
    expect(await run("restore", "--from", path.join(dir, "missing.bak"), "--yes")).toBe(1);
    expect(err[0]).toContain("there is no file");
    expect(await run("restore")).toBe(2);
    expect(err[0]).toContain("restore needs --from FILE");
    expect(await count(db, "people")).toBe(before);
  });

  it("says clearly when pg_dump or pg_restore is missing, and exits with 1", () => {
    const empty = fs.mkdtempSync(path.join(dir, "no-pg-"));
    // nothing listens on port 1: the CLI must stop at the missing tool, before connecting
    const env = processEnv("postgres://nobody@127.0.0.1:1/none", { PATH: empty, PG_BIN: empty });
    const file = path.join(dir, "never.bak");
    const b = cliProcess(env, "backup", "--out", file);
    expect(b.stderr).toContain(`error: pg_dump was not found in PG_BIN (${empty}). Install the PostgreSQL 15 client tools`);
    expect(b.status).toBe(1);
    expect(fs.existsSync(file)).toBe(false);
    const dump = path.join(dir, "fake.dump");
    fs.writeFileSync(dump, Buffer.concat([Buffer.from("PGDMP"), Buffer.alloc(64, 1)]));
    const r = cliProcess(env, "restore", "--from", dump, "--yes");
    expect(r.stderr).toContain(`error: pg_restore was not found in PG_BIN (${empty})`);
    expect(r.status).toBe(1);
  });

  it("backs up and restores as real processes on the configured engine", async () => {
    await addAda();
    await addBob();
    const file = path.join(dir, "process.bak");
    const b = cliProcess(processEnv(main.location), "backup", "--out", file);
    expect(b.stderr).toBe("");
    expect(b.status).toBe(0);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const into = await emptyDatabase("cli-process");
    locations.push(into);
    const r = cliProcess(processEnv(into), "restore", "--from", file);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Restored .* 2 people, \d+ evidence items\.$/m);
  });
});
