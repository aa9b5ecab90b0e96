// The data-ownership downloads over HTTP (ADR 018): an admin's organisation export and a person's own data.
import { beforeAll, describe, expect, it } from "vitest";
import { parseOrgExport } from "../../app/domain/org-export-format";
import { type TestApp, startApp } from "../support/app";

let app: TestApp;
let admin: string;
let ben: string;
let benId: number;

beforeAll(async () => {
  app = await startApp();
  admin = await app.signIn("admin@example.com");
  ben = await app.signIn("ben.carter@example.com");
  benId = await app.personId("ben.carter@example.com");
});

describe("the organisation export download", () => {
  it("is the export-org file, as an attachment, and the download is audited", async () => {
    const res = await app.get("/admin/export/download", admin);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="supportpath-org-\d{4}-\d{2}-\d{2}\.json"/);
    expect(res.headers.get("cache-control")).toMatch(/no-store/);
    const text = await res.text();
    const parsed = parseOrgExport(text);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const people = parsed.value.tables.find((t) => t.name === "people")!;
    const emails = people.rows.map((r) => r[people.columns.indexOf("email")]);
    expect(emails).toContain("ben.carter@example.com");
    expect(people.columns).not.toContain("password_hash");
    expect(text).not.toMatch(/\$argon2/);
    const audit = await app.db
      .selectFrom("audit_log")
      .select(["action", "actor_id"])
      .where("action", "=", "org_export")
      .execute();
    expect(audit).toEqual([{ action: "org_export", actor_id: await app.personId("admin@example.com") }]);
  });

  it("is refused to anyone but an admin", async () => {
    expect((await app.get("/admin/export/download", ben)).status).toBe(403);
    expect((await app.get("/admin/export", ben)).status).toBe(403);
  });

  it("has a page that says what the file leaves out and links the download", async () => {
    const res = await app.get("/admin/export", admin);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('href="/admin/export/download"');
    expect(html).toContain("people.password_hash");
    expect(html).toContain("sessions");
  });
});

describe("a person's own data", () => {
  it("holds their person row without the hash, all their evidence with drafts, goals, appraisals and audit", async () => {
    // a draft of Ben's own and one of a colleague's that Ben must not see
    const now = new Date().toISOString();
    const draft = (person_id: number, title: string) =>
      app.db
        .insertInto("evidence")
        .values({
          person_id,
          kind: "incident",
          title,
          source: "manual",
          resolved_at: now,
          status: "draft",
          created_at: now,
          updated_at: now,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
    await draft(benId, "Ben's private draft");
    await draft(await app.personId("aisha.khan@example.com"), "Aisha's private draft");

    const res = await app.get("/profile/data", ben);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toMatch(
      /^attachment; filename="supportpath-data-ben-carter-\d{4}-\d{2}-\d{2}\.json"/,
    );
    const text = await res.text();
    const data = JSON.parse(text);
    expect(data.format).toBe("supportpath-personal-data");
    expect(data.person).toMatchObject({ id: benId, email: "ben.carter@example.com", name: "Ben Carter" });
    expect(data.person).not.toHaveProperty("password_hash");
    expect(text).not.toMatch(/hash/);
    const titles = data.evidence.map((e: { title: string }) => e.title);
    expect(titles).toContain("Ben's private draft");
    expect(text).not.toContain("Aisha's private draft");
    const ownCount = await app.db.selectFrom("evidence").select("id").where("person_id", "=", benId).execute();
    expect(data.evidence).toHaveLength(ownCount.length);
    for (const e of data.evidence) expect(e.person_id).toBe(benId);
    expect(data.evidence.some((e: { contributions: unknown[] }) => e.contributions.length > 0)).toBe(true);
    for (const a of data.appraisals) expect(a.person_id).toBe(benId);
    for (const g of data.goals) expect(g.person_id).toBe(benId);
    for (const a of data.auditAboutYou) expect(a.subject_person_id).toBe(benId);
    expect(data.sessions.length).toBeGreaterThan(0);
    for (const s of data.sessions) expect(s).not.toHaveProperty("id");
    for (const key of ["endorsementsGiven", "apiTokens", "itsmHandles", "importBatches"])
      expect(Array.isArray(data[key])).toBe(true);
  });

  it("holds the certifications they recorded, named, without the attachment's bytes", async () => {
    const at = new Date().toISOString();
    const { id: certId } = await app.db
      .insertInto("certifications")
      .values({ key: "export-test-cert", name: "Export Test Cert", issuer: "Test", created_at: at, updated_at: at })
      .returning("id")
      .executeTakeFirstOrThrow();
    const aishaId = await app.personId("aisha.khan@example.com");
    const held = (person_id: number, credential_ref: string) => ({
      person_id,
      certification_id: certId,
      issued_on: "2025-01-01",
      credential_ref,
      attachment_name: "proof.pdf",
      attachment_type: "application/pdf",
      attachment_base64: "JVBERi0xLjQKYmVuLWF0dGFjaG1lbnQ=",
      status: "submitted" as const,
      created_at: at,
      updated_at: at,
    });
    await app.db
      .insertInto("person_certifications")
      .values([held(benId, "BEN-CRED-1"), held(aishaId, "AISHA-CRED-1")])
      .execute();
    const text = await (await app.get("/profile/data", ben)).text();
    const mine = JSON.parse(text).certifications.filter((c: { certification_id: number }) => c.certification_id === certId);
    expect(mine).toEqual([
      expect.objectContaining({ person_id: benId, credential_ref: "BEN-CRED-1", certification_name: "Export Test Cert" }),
    ]);
    expect(mine[0]).not.toHaveProperty("attachment_base64");
    expect(mine[0].attachment_name).toBe("proof.pdf");
    expect(text).not.toContain("AISHA-CRED-1");
    expect(text).not.toContain("JVBERi0xLjQKYmVuLWF0dGFjaG1lbnQ=");
  });

  it("is always the signed-in person's own: a person query changes nothing", async () => {
    const aishaId = await app.personId("aisha.khan@example.com");
    const res = await app.get(`/profile/data?person=${aishaId}`, ben);
    expect(JSON.parse(await res.text()).person.id).toBe(benId);
  });
});
