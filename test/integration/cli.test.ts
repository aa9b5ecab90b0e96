import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { kyselyOver, openSqlite } from "../../app/db.server";
import { verifyPassword } from "../../app/auth/password.server";
import { migrateToLatest } from "../../db/migrate";
import { ensureCatalog } from "../../seeds/catalog";
import { runCli } from "../../scripts/cli-commands";
import { createEvidence } from "../../app/models/evidence.server";
import { skillBuckets } from "../../app/models/scores.server";
import { personBuckets } from "../../app/models/skill-months.server";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sp-cli-"));
const file = path.join(dir, "cli.db");
const sqlite = openSqlite(file);
const db = kyselyOver(sqlite);
let out: string[] = [];
let err: string[] = [];
const io = { out: (l: string) => out.push(l), err: (l: string) => err.push(l), backup: async (f: string) => void (await sqlite.backup(f)) };
const run = (...argv: string[]) => {
  out = [];
  err = [];
  return runCli(argv, db, io);
};

beforeAll(async () => {
  await migrateToLatest(db);
  await ensureCatalog(db);
});
afterAll(async () => {
  await db.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("admin CLI", () => {
  it("creates a user with a password who can then be verified", async () => {
    expect(await run("create-user", "--email", "Ada@Example.com", "--name", "Ada Lovelace", "--role", "admin", "--password", "a-long-password")).toBe(0);
    const row = await db.selectFrom("people").selectAll().where("email", "=", "ada@example.com").executeTakeFirstOrThrow();
    expect(row.role).toBe("admin");
    expect(await verifyPassword(row.password_hash, "a-long-password")).toBe(true);
  });

  it("creates a user without a password and prints a one-time link", async () => {
    expect(await run("create-user", "--email", "bob@example.com", "--name", "Bob", "--manager-email", "ada@example.com", "--handle", "bob1", "--handle", "Resolved by 7")).toBe(0);
    expect(out.join("\n")).toMatch(/\/set-password\/[\w-]{20,}/);
    const bob = await db.selectFrom("people").selectAll().where("email", "=", "bob@example.com").executeTakeFirstOrThrow();
    const handles = await db.selectFrom("itsm_handles").select("handle").where("person_id", "=", bob.id).execute();
    expect(handles.map((h) => h.handle).sort()).toEqual(["Resolved by 7", "bob1"]);
    expect(bob.password_hash).toBeNull();
  });

  it("refuses a duplicate email or handle with a clear error and writes nothing", async () => {
    const before = await db.selectFrom("people").select(db.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    expect(await run("create-user", "--email", "bob@example.com", "--name", "Bob Again")).toBe(2);
    expect(err.join("\n")).toContain("Another person already uses this email.");
    expect(await run("create-user", "--email", "carol@example.com", "--name", "Carol", "--handle", "BOB1")).toBe(2);
    expect(err.join("\n")).toContain('already belongs to Bob');
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
    const ada = await db.selectFrom("people").selectAll().where("email", "=", "ada@example.com").executeTakeFirstOrThrow();
    await db.insertInto("sessions").values({ id: "s1", person_id: ada.id, created_at: new Date().toISOString(), expires_at: new Date(Date.now() + 3600e3).toISOString(), user_agent: null }).execute();
    expect(await run("reset-password", "--email", "ada@example.com", "--password", "another-long-password")).toBe(0);
    const row = await db.selectFrom("people").select("password_hash").where("id", "=", ada.id).executeTakeFirstOrThrow();
    expect(await verifyPassword(row.password_hash, "another-long-password")).toBe(true);
    const s = await db.selectFrom("sessions").select("revoked_at").where("id", "=", "s1").executeTakeFirstOrThrow();
    expect(s.revoked_at).not.toBeNull();
  });

  it("backs up the live database to a file that opens with the same data", async () => {
    const target = path.join(dir, "backup", "copy.db");
    expect(await run("backup", "--out", target)).toBe(0);
    const copy = kyselyOver(openSqlite(target));
    const people = await copy.selectFrom("people").select("email").orderBy("email").execute();
    expect(people.map((p) => p.email)).toEqual(["ada@example.com", "bob@example.com"]);
    await copy.destroy();
    expect(await run("backup", "--out", target)).toBe(2);
    expect(err[0]).toContain("already exists");
  });

  it("rebuilds the stored skill buckets from the contributions", async () => {
    const person = await db.selectFrom("people").select("id").orderBy("id").executeTakeFirstOrThrow();
    for (const [i, at] of ["2026-01-10T10:00:00.000Z", "2026-02-11T11:00:00.000Z", "2026-02-20T09:00:00.000Z"].entries()) {
      await createEvidence(db, person.id, {
        kind: "incident", title: `Incident ${i}`, externalRef: `INC${i}`, startedAt: null, resolvedAt: at, priority: "P1",
        impact: null, workRole: "lead", outcome: "resolved", afterHours: false, afterHoursMinutes: 0, durationMinutes: 60,
        emergency: false, addsFunctionality: false, fixesSlowness: false, reassignmentCount: 0, reopenCount: 0,
        problemRef: null, changeRef: null, resolutionCode: null, notes: null, links: [],
      }, { status: "verified" });
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
    const r = spawnSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/cli.ts", "nope"], {
      env: { ...process.env, DATABASE_PATH: path.join(dir, "proc.db") },
      encoding: "utf8",
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('unknown command "nope"');
  });
});
