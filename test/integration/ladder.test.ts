// Ladder administration over HTTP: validated (422 at the field, nothing written), audited, admins only,
// and the dashboard's readiness follows the edited requirements.
import { beforeAll, describe, expect, it } from "vitest";
import { now as clockNow } from "../../app/clock.server";
import { DEFAULT_POSITIONS } from "../../app/domain/defaults";
import { personProgress } from "../../app/services/progress.server";
import { type TestApp, startApp } from "../support/app";

let app: TestApp;
let admin: string;
const SKILLS = ["debugging", "crisis", "continuity", "itil", "design", "performance", "communication", "leadership"];

beforeAll(async () => {
  app = await startApp();
  admin = await app.signIn("admin@example.com");
});

async function snapshot() {
  const [positions, reqs, audit] = await Promise.all([
    app.db.selectFrom("positions").selectAll().orderBy("id").execute(),
    app.db.selectFrom("position_requirements").selectAll().orderBy("position_id").orderBy("skill_key").execute(),
    app.db
      .selectFrom("audit_log")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow(),
  ]);
  return JSON.stringify({ positions, reqs, audit: Number(audit.n) });
}

async function position(name: string) {
  const p = await app.db.selectFrom("positions").selectAll().where("name", "=", name).executeTakeFirstOrThrow();
  const reqs = await app.db.selectFrom("position_requirements").selectAll().where("position_id", "=", p.id).execute();
  return { ...p, requirements: Object.fromEntries(reqs.map((r) => [r.skill_key, r.level])) };
}

/** The edit form of a position as it stands, to change one thing at a time. */
async function formOf(name: string): Promise<Record<string, string>> {
  const p = await position(name);
  const form: Record<string, string> = { intent: "save", name: p.name, rank: String(p.rank) };
  if (p.is_management) form.isManagement = "on";
  if (p.retired) form.retired = "on";
  for (const s of SKILLS) form[`req.${s}`] = String(p.requirements[s] ?? 0);
  return form;
}

describe("ladder admin: the seeded ladder", () => {
  it("lists the default positions by rank with their required levels", async () => {
    const res = await app.get("/admin/ladder", admin);
    expect(res.status).toBe(200);
    const html = await res.text();
    let last = Infinity;
    for (const d of DEFAULT_POSITIONS) {
      const p = await position(d.name);
      expect(p.requirements).toEqual(d.requirements);
      expect(html).toContain(`href="/admin/ladder/${p.id}"`);
    }
    // most senior first
    const order = [...html.matchAll(/<tr data-position="(\d+)">/g)].map((m) => Number(m[1]));
    const ranks = await app.db.selectFrom("positions").select(["id", "rank"]).execute();
    for (const id of order) {
      const r = ranks.find((x) => x.id === id)!.rank;
      expect(r).toBeLessThan(last);
      last = r;
    }
  });
});

describe("ladder admin: validation", () => {
  it("refuses an invalid level, a duplicate name or rank with 422 at the field, writing nothing", async () => {
    const base = await formOf("Support Team Lead");
    const id = (await position("Support Team Lead")).id;
    const cases: [Record<string, string>, string][] = [
      [{ "req.leadership": "8" }, "req-leadership"],
      [{ "req.crisis": "-1" }, "req-crisis"],
      [{ "req.design": "three" }, "req-design"],
      [{ "req.itil": "2.5" }, "req-itil"],
      [{ "req.debugging": "" }, "req-debugging"],
      [{ name: "" }, "name"],
      [{ name: "x".repeat(81) }, "name"],
      [{ name: "  support manager " }, "name"],
      [{ rank: "5" }, "rank"],
      [{ rank: "0" }, "rank"],
      [{ rank: "first" }, "rank"],
      [{ retired: "on" }, "retired"],
    ];
    for (const [change, field] of cases) {
      const before = await snapshot();
      const res = await app.post(`/admin/ladder/${id}`, { ...base, ...change }, admin);
      expect(res.status, JSON.stringify(change)).toBe(422);
      expect(await res.text(), JSON.stringify(change)).toContain(`id="f-${field}-error"`);
      expect(await snapshot(), JSON.stringify(change)).toBe(before);
    }
  });

  it("refuses the same on a new position", async () => {
    const fresh: Record<string, string> = { intent: "create", name: "Principal Support Engineer", rank: "99" };
    for (const s of SKILLS) fresh[`req.${s}`] = "4";
    for (const [change, field] of [
      [{ "req.crisis": "9" }, "req-crisis"],
      [{ name: "SUPPORT TEAM LEAD" }, "name"],
      [{ rank: "1" }, "rank"],
    ] as [Record<string, string>, string][]) {
      const before = await snapshot();
      const res = await app.post("/admin/ladder", { ...fresh, ...change }, admin);
      expect(res.status).toBe(422);
      expect(await res.text()).toContain(`id="f-${field}-error"`);
      expect(await snapshot()).toBe(before);
    }
  });

  it("is for admins only (catalog:manage)", async () => {
    const id = (await position("Support Team Lead")).id;
    const signedIn = [await app.signIn("daniel.kowalski@example.com"), await app.signIn("aisha.khan@example.com")];
    const before = await snapshot();
    for (const c of signedIn) {
      expect((await app.get("/admin/ladder", c)).status).toBe(403);
      expect((await app.get(`/admin/ladder/${id}`, c)).status).toBe(403);
      expect((await app.post(`/admin/ladder/${id}`, await formOf("Support Team Lead"), c)).status).toBe(403);
      expect((await app.post("/admin/ladder", { intent: "move", id: String(id), direction: "up" }, c)).status).toBe(403);
    }
    expect((await app.get("/admin/ladder/987654", admin)).status).toBe(404);
    expect(await snapshot()).toBe(before);
  });
});

describe("ladder admin: changes", () => {
  it("edits requirements (audited), and the dashboard's readiness follows", async () => {
    const aisha = await app.personId("aisha.khan@example.com");
    const cookie = await app.signIn("aisha.khan@example.com");
    const lead = await position("Support Team Lead");
    const before = (await personProgress(app.db, aisha, clockNow(), { targetPositionId: lead.id }))!;
    expect(before.targetReadiness!.gaps.length).toBeGreaterThan(0);
    // lower every requirement to what Aisha already has: she becomes 100% ready
    const form = await formOf("Support Team Lead");
    for (const s of SKILLS) form[`req.${s}`] = String(Math.min(lead.requirements[s] ?? 0, before.levels[s] ?? 0));
    const res = await app.post(`/admin/ladder/${lead.id}`, form, admin);
    expect(res.status).toBe(302);
    const after = await position("Support Team Lead");
    for (const s of SKILLS) expect(after.requirements[s]).toBe(Number(form[`req.${s}`]));
    const audit = await app.db
      .selectFrom("audit_log")
      .selectAll()
      .where("entity", "=", "position")
      .where("entity_id", "=", String(lead.id))
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    expect(audit.action).toBe("position_update");
    expect(JSON.parse(audit.before_json!).requirements).toEqual(lead.requirements);
    expect(JSON.parse(audit.after_json!).requirements).toEqual(after.requirements);

    const html = await (await app.get(`/?target=${lead.id}`, cookie)).text();
    expect(html).toContain('data-testid="target-percent">100%');
    expect(html).toContain("Every level Support Team Lead requires is met.");
    expect((await app.get(`/admin/ladder/${lead.id}`, admin)).status).toBe(200);
  });

  it("adds a position (audited) and it joins the ladder", async () => {
    const form: Record<string, string> = { intent: "create", name: "Principal Support Engineer", rank: "8", isManagement: "" };
    for (const s of SKILLS) form[`req.${s}`] = "5";
    const res = await app.post("/admin/ladder", form, admin);
    expect(res.status).toBe(302);
    const p = await position("Principal Support Engineer");
    expect(p).toMatchObject({ rank: 8, is_management: 0, retired: 0, key: "principal-support-engineer" });
    expect(Object.values(p.requirements)).toEqual(SKILLS.map(() => 5));
    const audit = await app.db
      .selectFrom("audit_log")
      .selectAll()
      .where("entity", "=", "position")
      .where("entity_id", "=", String(p.id))
      .executeTakeFirstOrThrow();
    expect(audit.action).toBe("position_create");
    // the dashboard offers it as a target
    const html = await (await app.get("/", await app.signIn("aisha.khan@example.com"))).text();
    expect(html).toContain(`<option value="${p.id}">Principal Support Engineer</option>`);
  });

  it("moves a position one rung up or down by swapping ranks, audited", async () => {
    const se1 = await position("Support Engineer I");
    const se2 = await position("Support Engineer II");
    const res = await app.post("/admin/ladder", { intent: "move", id: String(se1.id), direction: "up" }, admin);
    expect(res.status).toBe(302);
    expect((await position("Support Engineer I")).rank).toBe(se2.rank);
    expect((await position("Support Engineer II")).rank).toBe(se1.rank);
    const audit = await app.db
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "position_move")
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    expect(audit.entity_id).toBe(String(se1.id));
    // and back
    expect((await app.post("/admin/ladder", { intent: "move", id: String(se1.id), direction: "down" }, admin)).status).toBe(302);
    expect((await position("Support Engineer I")).rank).toBe(se1.rank);
    // the bottom rung cannot go lower (409, said on the page); a malformed move is 422; nothing written
    const before = await snapshot();
    const bottom = await app.post("/admin/ladder", { intent: "move", id: String(se1.id), direction: "down" }, admin);
    expect(bottom.status).toBe(409);
    expect(await bottom.text()).toContain("already at the bottom of the ladder");
    expect((await app.post("/admin/ladder", { intent: "move", id: "abc", direction: "up" }, admin)).status).toBe(422);
    expect((await app.post("/admin/ladder", { intent: "sideways" }, admin)).status).toBe(400);
    expect(await snapshot()).toBe(before);
  });

  it("retires a position nobody holds; it leaves the dashboard's targets", async () => {
    const head = await position("Head of IT Operations");
    const holders = await app.db.selectFrom("people").select("id").where("position_id", "=", head.id).execute();
    expect(holders).toEqual([]);
    const form = { ...(await formOf("Head of IT Operations")), retired: "on" };
    expect((await app.post(`/admin/ladder/${head.id}`, form, admin)).status).toBe(302);
    expect((await position("Head of IT Operations")).retired).toBe(1);
    const audit = await app.db
      .selectFrom("audit_log")
      .selectAll()
      .where("entity", "=", "position")
      .where("entity_id", "=", String(head.id))
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    expect(audit.action).toBe("position_retire");
    const html = await (await app.get("/", await app.signIn("aisha.khan@example.com"))).text();
    expect(html).not.toContain(`<option value="${head.id}"`);
    const list = await (await app.get("/admin/ladder", admin)).text();
    expect(list).toContain("Retired positions");
  });
});
