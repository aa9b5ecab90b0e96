// Certifications over HTTP (issue 17, part 2): the admins' catalogue (422 at the field, nothing written),
// a person's record (http/https links only), verification by the person's manager only, the attachment
// served as a download of a safe type, and points counted as evidence only while the record is valid.
import { beforeAll, describe, expect, it } from "vitest";
import { now as clockNow } from "../../app/clock.server";
import { addDays, dayOf } from "../../app/domain/certifications";
import { personMatrix } from "../../app/models/scores.server";
import { personProgress } from "../../app/services/progress.server";
import { type TestApp, startApp } from "../support/app";
import { makePerson, uid } from "../support/factories";

const PASSWORD = "certifications-test-password";
let app: TestApp;
let admin: string;

beforeAll(async () => {
  app = await startApp();
  admin = await app.signIn("admin@example.com");
});

const today = () => dayOf(clockNow(), "UTC");

async function auditCount() {
  const r = await app.db
    .selectFrom("audit_log")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** A catalogue entry made through the admin page; returns its id. */
async function createEntry(points: Record<string, number>, validityMonths: number | null = 36) {
  const key = `test-${uid()}`;
  const form: Record<string, string> = { intent: "create", name: `Test certification ${key}`, key, issuer: "Test Institute" };
  if (validityMonths !== null) form.validityMonths = String(validityMonths);
  for (const [k, p] of Object.entries(points)) form[`points.${k}`] = String(p);
  const res = await app.post("/admin/certifications", form, admin);
  expect(res.status).toBe(302);
  const row = await app.db.selectFrom("certifications").select("id").where("key", "=", key).executeTakeFirstOrThrow();
  return row.id;
}

/** An engineer and their manager, both able to sign in. */
async function pair() {
  const manager = await makePerson(app.db, { role: "manager", password: PASSWORD });
  const engineer = await makePerson(app.db, { managerId: manager.id, password: PASSWORD });
  return {
    manager,
    engineer,
    managerCookie: await app.signIn(manager.email, PASSWORD),
    engineerCookie: await app.signIn(engineer.email, PASSWORD),
  };
}

async function record(cookie: string, fields: Record<string, string>) {
  return app.post("/certifications/new", { intent: "save", ...fields }, cookie);
}

async function heldOf(personId: number) {
  return app.db.selectFrom("person_certifications").selectAll().where("person_id", "=", personId).orderBy("id").execute();
}

describe("certification catalogue (admins)", () => {
  it("adds an entry, audited, and lists it", async () => {
    const before = await auditCount();
    const id = await createEntry({ itil: 4 });
    expect(await auditCount()).toBeGreaterThan(before);
    const skills = await app.db.selectFrom("certification_skills").selectAll().where("certification_id", "=", id).execute();
    expect(skills.map((s) => [s.skill_key, s.points])).toEqual([["itil", 4]]);
    const page = await (await app.get("/admin/certifications", admin)).text();
    expect(page).toContain(`href="/admin/certifications/${id}"`);
    expect((await app.get(`/admin/certifications/${id}`, admin)).status).toBe(200);
  });

  it("refuses bad input with 422 and the message at the field, writing nothing", async () => {
    const count = async () => (await app.db.selectFrom("certifications").select("id").execute()).length;
    const [n, audits] = [await count(), await auditCount()];
    const res = await app.post(
      "/admin/certifications",
      { intent: "create", name: "", key: "Bad Key!", issuer: "X", validityMonths: "0", "points.itil": "99" },
      admin,
    );
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain("Enter a name");
    expect(html).toContain("Use 2 to 40 lower-case letters");
    expect(html).toContain("Enter a whole number of months from 1 to 240");
    expect(html).toContain("Enter whole points from 0 to 20.");
    expect(await count()).toBe(n);
    expect(await auditCount()).toBe(audits);
  });

  it("refuses a key already taken with the message at the key", async () => {
    const id = await createEntry({});
    const entry = await app.db.selectFrom("certifications").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    const res = await app.post(
      "/admin/certifications",
      { intent: "create", name: `Other ${uid()}`, key: entry.key, issuer: "X" },
      admin,
    );
    expect(res.status).toBe(422);
    expect(await res.text()).toContain("is already used by another certification");
  });

  it("is for admins only", async () => {
    const { managerCookie, engineerCookie } = await pair();
    expect((await app.get("/admin/certifications", managerCookie)).status).toBe(403);
    expect((await app.get("/admin/certifications", engineerCookie)).status).toBe(403);
  });
});

describe("a person's certification", () => {
  it("refuses a link that is not http(s) and an expiry before the issue, writing nothing", async () => {
    const id = await createEntry({ itil: 3 });
    const { engineer, engineerCookie } = await pair();
    const res = await record(engineerCookie, {
      certificationId: String(id),
      issuedOn: today(),
      expiresOn: addDays(today(), -1),
      linkUrl: "javascript:alert(1)",
    });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain("Enter a link starting with https:// or http://.");
    expect(html).toContain("The expiry must be after the day it was issued.");
    expect(await heldOf(engineer.id)).toEqual([]);
  });

  it("defaults the expiry to issued + validity, and only the person's manager verifies it", async () => {
    const id = await createEntry({ itil: 3 }, 12);
    const { engineer, engineerCookie, managerCookie } = await pair();
    const issued = addDays(today(), -10);
    const res = await record(engineerCookie, {
      certificationId: String(id),
      issuedOn: issued,
      linkUrl: "https://example.com/c/1",
    });
    expect(res.status).toBe(302);
    const [held] = await heldOf(engineer.id);
    expect(held!.status).toBe("submitted");
    expect(held!.expires_on).not.toBeNull();
    expect(held!.expires_on! > addDays(issued, 360)).toBe(true);

    // Another manager (not in the reporting line) neither sees nor verifies it.
    const other = await makePerson(app.db, { role: "manager", password: PASSWORD });
    const otherCookie = await app.signIn(other.email, PASSWORD);
    expect((await app.get(`/certifications/${held!.id}`, otherCookie)).status).toBe(404);
    const refused = await app.post(`/certifications/${held!.id}`, { intent: "verify" }, otherCookie);
    expect([403, 404]).toContain(refused.status);
    // The owner cannot verify their own.
    const own = await app.post(`/certifications/${held!.id}`, { intent: "verify" }, engineerCookie);
    expect([403, 404]).toContain(own.status);
    expect((await heldOf(engineer.id))[0]!.status).toBe("submitted");

    // Returning needs a reason (422 at the field).
    const noReason = await app.post(`/certifications/${held!.id}`, { intent: "return", reason: "" }, managerCookie);
    expect(noReason.status).toBe(422);
    expect(await noReason.text()).toContain("Say why the certification is returned.");

    const ok = await app.post(`/certifications/${held!.id}`, { intent: "verify" }, managerCookie);
    expect(ok.status).toBe(302);
    expect((await heldOf(engineer.id))[0]!.status).toBe("verified");
  });

  it("counts its points only while verified and valid", async () => {
    const id = await createEntry({ performance: 8 });
    const { engineer, engineerCookie, managerCookie } = await pair();
    const score = async () =>
      (await personMatrix(app.db, engineer.id, clockNow())).scores.find((s) => s.skill === "performance")?.score ?? 0;
    expect(await score()).toBe(0);

    await record(engineerCookie, { certificationId: String(id), issuedOn: addDays(today(), -5) });
    const [held] = await heldOf(engineer.id);
    expect(await score()).toBe(0); // submitted, not yet verified
    expect((await app.post(`/certifications/${held!.id}`, { intent: "verify" }, managerCookie)).status).toBe(302);
    expect(await score()).toBeGreaterThan(0);

    // Expired yesterday: no longer counts.
    await app.db.updateTable("person_certifications").set({ expires_on: today() }).where("id", "=", held!.id).execute();
    expect(await score()).toBe(0);
  });

  it("serves an attachment as a download of its checked type, to the owner and the manager only", async () => {
    const id = await createEntry({});
    const { engineer, engineerCookie, managerCookie } = await pair();
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]);
    const fd = new FormData();
    fd.append("intent", "save");
    fd.append("certificationId", String(id));
    fd.append("issuedOn", addDays(today(), -1));
    fd.append("attachment", new File([png], "proof<script>.png", { type: "text/html" }));
    const res = await app.fetch("/certifications/new", { method: "POST", body: fd, cookie: engineerCookie });
    expect(res.status).toBe(302);
    const [held] = await heldOf(engineer.id);
    for (const cookie of [engineerCookie, managerCookie]) {
      const got = await app.get(`/certifications/${held!.id}/attachment`, cookie);
      expect(got.status).toBe(200);
      expect(got.headers.get("content-type")).toBe("image/png");
      expect(got.headers.get("content-disposition")).toMatch(/^attachment;/);
      expect(got.headers.get("x-content-type-options")).toBe("nosniff");
      expect(new Uint8Array(await got.arrayBuffer())).toEqual(png);
    }
    const stranger = await makePerson(app.db, { password: PASSWORD });
    expect((await app.get(`/certifications/${held!.id}/attachment`, await app.signIn(stranger.email, PASSWORD))).status).toBe(
      404,
    );

    // A file that is none of PDF/PNG/JPEG is refused at the field.
    const bad = new FormData();
    bad.append("intent", "save");
    bad.append("certificationId", String(id));
    bad.append("issuedOn", today());
    bad.append("attachment", new File(["<html></html>"], "x.pdf", { type: "application/pdf" }));
    const refused = await app.fetch("/certifications/new", { method: "POST", body: bad, cookie: engineerCookie });
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain("Attach a PDF, PNG or JPEG file");
    expect(await heldOf(engineer.id)).toHaveLength(1);
  });

  it("shows a required certification as a readiness gap, unmet until verified", async () => {
    const { engineer, engineerCookie, managerCookie } = await pair();
    const lead = await app.db.selectFrom("positions").select(["id", "name"]).where("key", "=", "lead").executeTakeFirstOrThrow();
    const key = `req-${uid()}`;
    const name = `Required certification ${key}`;
    const created = await app.post(
      "/admin/certifications",
      { intent: "create", name, key, issuer: "Test Institute", validityMonths: "24", positions: String(lead.id) },
      admin,
    );
    expect(created.status).toBe(302);
    const cert = await app.db.selectFrom("certifications").select("id").where("key", "=", key).executeTakeFirstOrThrow();
    const gaps = async () => {
      const p = await personProgress(app.db, engineer.id, clockNow(), { targetPositionId: lead.id });
      return p!.targetReadiness!.certificationGaps.filter((g) => g.certificationId === cert.id).map((g) => g.reason);
    };
    expect(await gaps()).toEqual(["missing"]);
    const page = await (await app.get(`/?target=${lead.id}`, engineerCookie)).text();
    expect(page).toContain('data-testid="certification-gaps"');
    expect(page).toContain(name);

    await record(engineerCookie, { certificationId: String(cert.id), issuedOn: addDays(today(), -3) });
    expect(await gaps()).toEqual(["not_verified"]);
    const [held] = await heldOf(engineer.id);
    expect((await app.post(`/certifications/${held!.id}`, { intent: "verify" }, managerCookie)).status).toBe(302);
    expect(await gaps()).toEqual([]);
    // Clean up the requirement so other tests' readiness is not affected.
    await app.db.deleteFrom("position_certifications").where("certification_id", "=", cert.id).execute();
  });

  it("shows expiry on the person's dashboard 60 days ahead, and flags an expired one", async () => {
    const id = await createEntry({ itil: 2 });
    const { engineer, engineerCookie, managerCookie } = await pair();
    await record(engineerCookie, {
      certificationId: String(id),
      issuedOn: addDays(today(), -300),
      expiresOn: addDays(today(), 30),
    });
    const [held] = await heldOf(engineer.id);
    expect((await app.post(`/certifications/${held!.id}`, { intent: "verify" }, managerCookie)).status).toBe(302);
    const notice = async () => {
      const html = await (await app.get("/", engineerCookie)).text();
      return html.match(/data-testid="certification-expiry"[\s\S]*?<\/section>/)?.[0] ?? "";
    };
    expect(await notice()).toContain('data-state="expiring"');
    expect(await notice()).toContain(`in 30 days`);
    const team = await (await app.get("/team", managerCookie)).text();
    expect(team).toContain('data-testid="certification-expiry"');
    expect(team).toContain(`${engineer.name}: `);
    await app.db
      .updateTable("person_certifications")
      .set({ expires_on: addDays(today(), -2) })
      .where("id", "=", held!.id)
      .execute();
    expect(await notice()).toContain('data-state="expired"');
    await app.db
      .updateTable("person_certifications")
      .set({ expires_on: addDays(today(), 90) })
      .where("id", "=", held!.id)
      .execute();
    expect(await notice()).toBe("");
  });
});
