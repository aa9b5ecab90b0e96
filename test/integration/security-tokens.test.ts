// One-time set-password links, session ids at rest, backups (issue 12 part 5): a link works once however
// many requests race with it, a new link revokes the older ones, using one signs the person out everywhere,
// the token leaves the URL at once and never reaches the access log; sessions are stored hashed; backups
// are private files.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { createCookie } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isPostgresUrl, openDatabase } from "../../app/db.server";
import { createPasswordToken } from "../../app/models/password-tokens.server";
import { backupDatabase } from "../../scripts/backup";
import { type TestApp, startApp } from "../support/app";
import { makePerson } from "../support/factories";
import { type Instances, startInstances } from "../support/instances";
import { TMP_DIR, copyTemplate, testEngine } from "../support/template";

let app: TestApp;
beforeAll(async () => {
  app = await startApp();
});

const sha256 = (s: string) => crypto.createHash("sha256").update(s).digest("hex");

/** Follows a link as a browser does: GET /set-password/:token, keeping the cookie it sets. */
async function openLink(token: string): Promise<{ res: Response; cookie: string }> {
  const res = await app.get(`/set-password/${token}`);
  const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0]!;
  return { res, cookie };
}

function setPassword(cookie: string, password: string) {
  return app.post("/set-password", { password, confirm: password }, cookie);
}

async function signInCookie(email: string, password: string) {
  const res = await app.post("/login", { email, password });
  expect(res.status).toBe(302);
  return res.headers.get("set-cookie")!.split(";")[0]!;
}

describe("set-password links", () => {
  it("move the token out of the URL at once: a cookie for /set-password only, and a 303 without it", async () => {
    const p = await makePerson(app.db);
    const token = await createPasswordToken(app.db, p.id);
    const { res, cookie } = await openLink(token);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/set-password");
    const set = res.headers.get("set-cookie")!;
    expect(set).toMatch(/HttpOnly/i);
    expect(set).toMatch(/Path=\/set-password/);
    expect(set).toMatch(/Max-Age=900/);
    expect(res.headers.get("referrer-policy")).toBe("same-origin");
    const page = await app.get("/set-password", cookie);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(p.email);
    expect(html).not.toContain(token);
    // without the cookie there is nothing to set
    expect((await app.get("/set-password")).status).toBe(404);
  });

  it("three uses at once: exactly one sets the password, and the link is gone after", async () => {
    const p = await makePerson(app.db, { password: "the-first-password" });
    const token = await createPasswordToken(app.db, p.id);
    const { cookie } = await openLink(token);
    const rs = await Promise.all(["parallel-one-1", "parallel-two-2", "parallel-three-3"].map((pw) => setPassword(cookie, pw)));
    const statuses = rs.map((r) => r.status).sort();
    expect(statuses).toEqual([302, 404, 404]);
    const winner = ["parallel-one-1", "parallel-two-2", "parallel-three-3"][rs.findIndex((r) => r.status === 302)]!;
    expect(rs.find((r) => r.status === 302)!.headers.get("location")).toBe("/login?passwordSet=1");
    // the winner's password is the one that works
    await signInCookie(p.email, winner);
    const audits = await app.db
      .selectFrom("audit_log")
      .select("id")
      .where("action", "=", "password_set")
      .where("subject_person_id", "=", p.id)
      .execute();
    expect(audits).toHaveLength(1);
    expect((await openLink(token)).res.status).toBe(404);
    expect((await setPassword(cookie, "a-fourth-password")).status).toBe(404);
  });

  it("a new link revokes the older ones", async () => {
    const p = await makePerson(app.db);
    const older = await createPasswordToken(app.db, p.id);
    const old = await openLink(older); // opened before the new link was made: its cookie dies too
    const newer = await createPasswordToken(app.db, p.id);
    expect((await openLink(older)).res.status).toBe(404);
    expect((await setPassword(old.cookie, "from-the-old-link")).status).toBe(404);
    const { res, cookie } = await openLink(newer);
    expect(res.status).toBe(303);
    expect((await setPassword(cookie, "from-the-new-link")).status).toBe(302);
  });

  it("an admin's new link revokes the older ones too", async () => {
    const p = await makePerson(app.db);
    const older = await createPasswordToken(app.db, p.id);
    const admin = await signInCookie("admin@example.com", "supportpath-demo");
    const res = await app.post(`/admin/people/${p.id}`, { intent: "password-link" }, admin);
    expect(res.status).toBe(302);
    expect((await openLink(older)).res.status).toBe(404);
    const rows = await app.db.selectFrom("password_tokens").select("token_hash").where("person_id", "=", p.id).execute();
    expect(rows).toHaveLength(1);
    // the admin's page shows the new link once, carried by a cookie for that page, not in its URL
    expect(res.headers.get("location")).toBe(`/admin/people/${p.id}`);
    const carried = res.headers.get("set-cookie")!;
    expect(carried).toMatch(/^sp_issued_link=/);
    expect(carried).toMatch(/Path=\/admin\/people/);
    expect(carried).toMatch(/HttpOnly/i);
    const shown = await app.get(`/admin/people/${p.id}`, `${admin}; ${carried.split(";")[0]}`);
    const token = /\/set-password\/([\w-]{20,})/.exec((await shown.text()).replaceAll("<!-- -->", ""))?.[1];
    expect(
      token &&
        (await app.db
          .selectFrom("password_tokens")
          .select("token_hash")
          .where("token_hash", "=", sha256(token))
          .executeTakeFirst()),
    ).toBeTruthy();
    expect(shown.headers.get("set-cookie")).toMatch(/^sp_issued_link=;.*Max-Age=0/);
    expect(await (await app.get(`/admin/people/${p.id}`, admin)).text()).not.toContain(token);
  });

  it("using a link signs the person out of every session from before", async () => {
    const p = await makePerson(app.db, { password: "before-the-reset" });
    const [a, b] = [await signInCookie(p.email, "before-the-reset"), await signInCookie(p.email, "before-the-reset")];
    expect((await app.get("/profile", a)).status).toBe(200);
    const { cookie } = await openLink(await createPasswordToken(app.db, p.id));
    expect((await setPassword(cookie, "after-the-reset-1")).status).toBe(302);
    for (const old of [a, b]) {
      const res = await app.get("/profile", old);
      expect(res.status).toBe(302);
      expect(res.headers.get("location")).toMatch(/^\/login/);
    }
    const live = await app.db
      .selectFrom("sessions")
      .select("id")
      .where("person_id", "=", p.id)
      .where("revoked_at", "is", null)
      .execute();
    expect(live).toHaveLength(0);
  });
});

describe("session ids at rest", () => {
  it("the table holds the SHA-256 of the cookie's id, never the id", async () => {
    const p = await makePerson(app.db, { password: "hash-me-please" });
    const cookie = await signInCookie(p.email, "hash-me-please");
    const id = (await createCookie("sp_session", { secrets: [process.env.SESSION_SECRET!] }).parse(cookie)) as string;
    expect(id).toMatch(/^[\w-]{43}$/);
    const rows = await app.db.selectFrom("sessions").select("id").where("person_id", "=", p.id).execute();
    expect(rows.map((r) => r.id)).toEqual([sha256(id)]);
    expect(await app.db.selectFrom("sessions").select("id").where("id", "=", id).executeTakeFirst()).toBeUndefined();
    // and the hashed row is what signs the cookie in; sign-out revokes it
    expect((await app.get("/profile", cookie)).status).toBe(200);
    await app.post("/logout", {}, cookie);
    const row = await app.db.selectFrom("sessions").select("revoked_at").where("id", "=", sha256(id)).executeTakeFirstOrThrow();
    expect(row.revoked_at).not.toBeNull();
  });

  it("a stored hash used as a cookie signs nobody in", async () => {
    const p = await makePerson(app.db, { password: "hash-me-please" });
    await signInCookie(p.email, "hash-me-please");
    const row = await app.db.selectFrom("sessions").select("id").where("person_id", "=", p.id).executeTakeFirstOrThrow();
    const forged = await createCookie("sp_session", { secrets: [process.env.SESSION_SECRET!] }).serialize(row.id);
    expect((await app.get("/profile", forged.split(";")[0]!)).status).toBe(302);
  });
});

describe("backups", () => {
  it("are written with mode 0600 whatever the umask", async () => {
    const location =
      process.env.DATABASE_URL && isPostgresUrl(process.env.DATABASE_URL) ? process.env.DATABASE_URL : process.env.DATABASE_PATH!;
    const dir = fs.mkdtempSync(path.join(TMP_DIR, "backup-mode-"));
    const file = path.join(dir, "nested", `copy.${testEngine()}.bak`);
    const umask = process.umask(0);
    try {
      await backupDatabase(location, file);
    } finally {
      process.umask(umask);
    }
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.dirname(file)).mode & 0o077).toBe(0);
    expect(fs.readdirSync(path.dirname(file))).toEqual([path.basename(file)]);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe("the access log of the real server", () => {
  let server: Instances | null = null;
  afterAll(async () => {
    await server?.stop();
  });

  it("never prints a set-password token", async () => {
    const location = await copyTemplate("security-tokens-server");
    server = await startInstances({ location, count: 1, env: { ACCESS_LOG: "1" } });
    const p = await makePerson(app.db);
    // the server has a database of its own: make the link there
    const db = openDatabase(location);
    const token = await createPasswordToken(
      db,
      (await db.selectFrom("people").select("id").orderBy("id").executeTakeFirstOrThrow()).id,
    );
    await db.destroy();
    const res = await fetch(`${server.url}/set-password/${token}`, { redirect: "manual" });
    expect(res.status).toBe(303);
    const bad = await fetch(`${server.url}/set-password/not-a-real-token-${p.id}`, { redirect: "manual" });
    expect(bad.status).toBe(404);
    // the log is written when the response finishes
    await expect.poll(() => server!.output().join("")).toMatch(/GET \/set-password\/\[token\] 404/);
    const log = server.output().join("");
    expect(log).toMatch(/GET \/set-password\/\[token\] 303/);
    expect(log).not.toContain(token);
    expect(log).not.toContain("not-a-real-token");
  });
});
