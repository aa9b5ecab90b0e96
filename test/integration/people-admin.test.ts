import { beforeAll, describe, expect, it } from "vitest";
import { type TestApp, startApp } from "../support/app";

let app: TestApp;
let admin: string;
const count = async (table: "people" | "itsm_handles" | "audit_log") =>
  Number((await app.db.selectFrom(table).select(app.db.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);

beforeAll(async () => {
  app = await startApp();
  admin = await app.signIn("admin@example.com");
});

const base = { intent: "save", role: "engineer", managerId: "", teamId: "", positionId: "", handles: "" };

describe("people administration", () => {
  it("searches by name, email, team or handle", async () => {
    const byHandle = await (await app.get("/admin/people?q=resolved+by+208", admin)).text();
    expect(byHandle).toContain("Aisha Khan");
    expect(byHandle).not.toContain("Ben Carter");
    const byTeam = await (await app.get("/admin/people?q=service+desk", admin)).text();
    for (const n of ["Grace Liu", "Noah Brown", "Emma Wilson", "Jonas Berg"]) expect(byTeam).toContain(n);
  });

  it("refuses a reporting-line loop at the field and writes nothing", async () => {
    const margaret = await app.personId("margaret.okafor@example.com");
    const ben = await app.personId("ben.carter@example.com");
    const auditBefore = await count("audit_log");
    // Margaret → Daniel → Ben: making Ben Margaret's manager would loop.
    const res = await app.post(
      `/admin/people/${margaret}`,
      { ...base, role: "manager", name: "Margaret Okafor", email: "margaret.okafor@example.com", managerId: String(ben) },
      admin,
    );
    expect(res.status).toBe(422);
    expect(await res.text()).toContain("the reporting line would loop");
    const row = await app.db.selectFrom("people").select("manager_id").where("id", "=", margaret).executeTakeFirstOrThrow();
    expect(row.manager_id).toBeNull();
    expect(await count("audit_log")).toBe(auditBefore);
  });

  it("refuses a duplicate email or handle at the field and writes nothing", async () => {
    const [people, handles] = [await count("people"), await count("itsm_handles")];
    const dupEmail = await app.post("/admin/people/new", { ...base, name: "X", email: "ben.carter@example.com" }, admin);
    expect(dupEmail.status).toBe(422);
    expect(await dupEmail.text()).toContain("Another person already uses this email.");
    const dupHandle = await app.post(
      "/admin/people/new",
      { ...base, name: "Y", email: "y@example.com", handles: "newhandle\nRESOLVED BY 208" },
      admin,
    );
    expect(dupHandle.status).toBe(422);
    expect(await dupHandle.text()).toContain("already belongs to Aisha Khan");
    const badEmail = await app.post("/admin/people/new", { ...base, name: "Z", email: "not-an-email" }, admin);
    expect(badEmail.status).toBe(422);
    expect(await badEmail.text()).toContain("Enter a valid email address.");
    expect([await count("people"), await count("itsm_handles")]).toEqual([people, handles]);
  });

  it("edits a person's handles and position, with an audit entry", async () => {
    const zoe = await app.personId("zoe.adams@example.com");
    const daniel = await app.personId("daniel.kowalski@example.com");
    const res = await app.post(
      `/admin/people/${zoe}`,
      { ...base, name: "Zoë Adams", email: "zoe.adams@example.com", managerId: String(daniel), handles: "zadams\nzoe.a" },
      admin,
    );
    expect(res.status).toBe(302);
    const handles = await app.db
      .selectFrom("itsm_handles")
      .select("handle")
      .where("person_id", "=", zoe)
      .orderBy("handle")
      .execute();
    expect(handles.map((h) => h.handle)).toEqual(["zadams", "zoe.a"]);
    const audit = await app.db
      .selectFrom("audit_log")
      .selectAll()
      .where("entity", "=", "person")
      .where("entity_id", "=", String(zoe))
      .where("action", "=", "person_update")
      .execute();
    expect(audit.length).toBe(1);
    expect(JSON.parse(audit[0]!.before_json!).handles).toContain("Resolved by 53");
  });

  it("deactivation refuses sign-in and revokes sessions, keeping history", async () => {
    const cookie = await app.signIn("noah.brown@example.com");
    const noah = await app.personId("noah.brown@example.com");
    const evidenceBefore = await app.db
      .selectFrom("evidence")
      .select(app.db.fn.countAll<number>().as("n"))
      .where("person_id", "=", noah)
      .executeTakeFirstOrThrow();
    expect((await app.post(`/admin/people/${noah}`, { intent: "deactivate" }, admin)).status).toBe(302);
    expect((await app.get("/", cookie)).status).toBe(302);
    const again = await app.post("/login", { email: "noah.brown@example.com", password: "supportpath-demo" });
    expect(again.status).toBe(401);
    const evidenceAfter = await app.db
      .selectFrom("evidence")
      .select(app.db.fn.countAll<number>().as("n"))
      .where("person_id", "=", noah)
      .executeTakeFirstOrThrow();
    expect(evidenceAfter.n).toBe(evidenceBefore.n);
    expect((await app.post(`/admin/people/${noah}`, { intent: "reactivate" }, admin)).status).toBe(302);
    expect((await app.post("/login", { email: "noah.brown@example.com", password: "supportpath-demo" })).status).toBe(302);
  });

  it("an admin cannot deactivate themself", async () => {
    const me = await app.personId("admin@example.com");
    const res = await app.post(`/admin/people/${me}`, { intent: "deactivate" }, admin);
    expect(res.status).toBe(409);
    expect(await res.text()).toContain("You cannot deactivate your own account.");
    const row = await app.db.selectFrom("people").select("active").where("id", "=", me).executeTakeFirstOrThrow();
    expect(row.active).toBe(1);
  });
});
