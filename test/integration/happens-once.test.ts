// State changes that must happen once, raced by parallel requests (on PostgreSQL each request of a
// Promise.all runs on its own pooled connection, as on two instances): exactly one wins, the others
// get a 409 (or the link's 404) and nothing is applied twice (ADR 006).
import { beforeAll, describe, expect, it } from "vitest";
import { nowMs } from "../../app/clock.server";
import { createPasswordToken } from "../../app/models/password-tokens.server";
import { type TestApp, startApp } from "../support/app";
import { confirm, count, snCsv, uploadOk } from "./import-helpers";

let app: TestApp;
const c: Record<string, string> = {};
const id: Record<string, number> = {};
const DAY = 86_400_000;
const day = (offsetDays: number) => new Date(nowMs() + offsetDays * DAY).toISOString().slice(0, 10);

beforeAll(async () => {
  app = await startApp();
  for (const [k, email] of Object.entries({
    admin: "admin@example.com",
    ben: "ben.carter@example.com",
    daniel: "daniel.kowalski@example.com",
    aisha: "aisha.khan@example.com",
  })) {
    c[k] = await app.signIn(email);
    id[k] = await app.personId(email);
  }
});

const statuses = (rs: Response[]) => rs.map((r) => r.status).sort();

describe("happens once", () => {
  it("one import batch confirmed three times at once is written once", async () => {
    const rows = Array.from({ length: 30 }, (_, i) => ({
      number: `INC77${String(i).padStart(5, "0")}`,
      state: "Resolved",
      by: "Resolved by 166",
    }));
    const batch = await uploadOk(app, snCsv(rows), c.ben);
    const before = await count(app, "evidence");
    const rs = await Promise.all([confirm(app, batch, c.ben), confirm(app, batch, c.ben), confirm(app, batch, c.ben)]);
    expect(statuses(rs)).toEqual([302, 409, 409]);
    expect(await count(app, "evidence")).toBe(before + 30);
    const items = await app.db.selectFrom("import_batch_items").select("evidence_id").where("batch_id", "=", batch).execute();
    expect(items).toHaveLength(30);
    // and undone three times at once: undone once
    const undo = await Promise.all([1, 2, 3].map(() => app.post(`/import/${batch}`, { intent: "undo" }, c.ben)));
    expect(statuses(undo)).toEqual([302, 409, 409]);
    expect(await count(app, "evidence")).toBe(before);
  });

  it("two uploads of the same tickets confirmed at once create each ticket once", async () => {
    const rows = Array.from({ length: 20 }, (_, i) => ({
      number: `INC78${String(i).padStart(5, "0")}`,
      state: "Resolved",
      by: "Resolved by 208",
    }));
    const [a, b] = [await uploadOk(app, snCsv(rows), c.admin), await uploadOk(app, snCsv(rows), c.admin)];
    const rs = await Promise.all([confirm(app, a, c.admin), confirm(app, b, c.admin)]);
    expect(statuses(rs)).toEqual([302, 302]); // the later one finds them stored and unchanged
    const keys = await app.db
      .selectFrom("evidence")
      .select("import_key")
      .where("import_key", "like", "servicenow:INC78%")
      .execute();
    expect(keys).toHaveLength(20);
  });

  it("a set-password link used three times at once sets the password once", async () => {
    const token = await createPasswordToken(app.db, id.aisha!);
    const before = await app.db
      .selectFrom("people")
      .select("password_hash")
      .where("id", "=", id.aisha!)
      .executeTakeFirstOrThrow();
    // the link puts its token in a cookie and sends the browser on to /set-password (issue 12)
    const cookie = (await app.get(`/set-password/${token}`)).headers.get("set-cookie")!.split(";")[0]!;
    const rs = await Promise.all(
      ["first-password-1", "second-password-2", "third-password-3"].map((p) =>
        app.post("/set-password", { password: p, confirm: p }, cookie),
      ),
    );
    expect(statuses(rs)).toEqual([302, 404, 404]);
    const after = await app.db.selectFrom("people").select("password_hash").where("id", "=", id.aisha!).executeTakeFirstOrThrow();
    expect(after.password_hash).not.toBe(before.password_hash);
    const audits = await app.db
      .selectFrom("audit_log")
      .select("id")
      .where("action", "=", "password_set")
      .where("subject_person_id", "=", id.aisha!)
      .execute();
    expect(audits).toHaveLength(1);
  });

  it("two cycles whose names differ only in case, created at once: one is created, the other told why", async () => {
    const period = { periodStart: day(-100), periodEnd: day(-1), selfDue: day(10), reviewDue: day(20) };
    const rs = await Promise.all([
      app.post("/admin/cycles", { name: "Race review", ...period }, c.admin),
      app.post("/admin/cycles", { name: "RACE REVIEW", ...period }, c.admin),
    ]);
    const [ok, refused] = rs[0]!.status === 302 ? [rs[0]!, rs[1]!] : [rs[1]!, rs[0]!];
    expect(ok.status).toBe(302);
    expect([409, 422]).toContain(refused.status);
    expect(await refused.text()).toContain("A cycle with this name already exists.");
    const rows = await app.db
      .selectFrom("appraisal_cycles")
      .select("name")
      .where((eb) => eb(eb.fn("lower", ["name"]), "=", "race review"))
      .execute();
    expect(rows).toHaveLength(1);
  });

  it("one appraisal started and submitted by racing requests moves once", async () => {
    const period = { periodStart: day(-200), periodEnd: day(-2), selfDue: day(10), reviewDue: day(20) };
    expect((await app.post("/admin/cycles", { name: "Once-only cycle", ...period }, c.admin)).status).toBe(302);
    const cycle = await app.db
      .selectFrom("appraisal_cycles")
      .select("id")
      .where("name", "=", "Once-only cycle")
      .executeTakeFirstOrThrow();
    const starts = await Promise.all(
      [1, 2, 3].map(() => app.post(`/appraisals/cycles/${cycle.id}`, { intent: "start", personId: String(id.ben) }, c.daniel)),
    );
    expect(statuses(starts)).toEqual([302, 409, 409]);
    const appraisal = await app.db
      .selectFrom("appraisals")
      .select(["id", "state"])
      .where("cycle_id", "=", cycle.id)
      .where("person_id", "=", id.ben!)
      .execute();
    expect(appraisal).toHaveLength(1);
    const skills = (await app.db.selectFrom("skills").select("key").where("retired", "=", 0).execute()).map((s) => s.key);
    const form: Record<string, string> = { intent: "submit_self", summary: "My period." };
    for (const s of skills) {
      form[`ratings.${s}.level`] = "3";
      form[`ratings.${s}.comment`] = "";
    }
    const submits = await Promise.all([1, 2].map(() => app.post(`/appraisals/${appraisal[0]!.id}`, form, c.ben)));
    expect(statuses(submits)[0]).toBe(302);
    expect(statuses(submits)[1]).toBe(409);
    const audit = await app.db
      .selectFrom("audit_log")
      .select("action")
      .where("entity", "=", "appraisal")
      .where("entity_id", "=", String(appraisal[0]!.id))
      .execute();
    expect(audit.filter((a) => a.action === "submit_self")).toHaveLength(1);
  });
});
