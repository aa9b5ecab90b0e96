// Goals over HTTP: create, edit and delete, validated (422, nothing written), audited, scoped by goal:write.
import { beforeAll, describe, expect, it } from "vitest";
import { type TestApp, startApp } from "../support/app";

let app: TestApp;
let ben: number;
let aisha: number;
let benEvidence: number[];
let aishaEvidence: number;
let lead: number;
const cookies: Record<string, string> = {};

beforeAll(async () => {
  app = await startApp();
  ben = await app.personId("ben.carter@example.com");
  aisha = await app.personId("aisha.khan@example.com");
  benEvidence = (
    await app.db
      .selectFrom("evidence")
      .select("id")
      .where("person_id", "=", ben)
      .orderBy("resolved_at", "desc")
      .limit(3)
      .execute()
  ).map((r) => r.id);
  aishaEvidence = (
    await app.db.selectFrom("evidence").select("id").where("person_id", "=", aisha).limit(1).executeTakeFirstOrThrow()
  ).id;
  lead = (await app.db.selectFrom("positions").select("id").where("name", "=", "Support Team Lead").executeTakeFirstOrThrow()).id;
  for (const who of ["ben.carter", "aisha.khan", "daniel.kowalski", "sofia.marin", "admin"])
    cookies[who] = await app.signIn(`${who}@example.com`);
});

/** Everything a goal write could touch, to show that a refused request wrote nothing. */
async function snapshot() {
  const [goals, links, audit] = await Promise.all([
    app.db.selectFrom("goals").selectAll().orderBy("id").execute(),
    app.db.selectFrom("goal_evidence").selectAll().orderBy("goal_id").orderBy("evidence_id").execute(),
    app.db
      .selectFrom("audit_log")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow(),
  ]);
  return JSON.stringify({ goals, links, audit: Number(audit.n) });
}

const valid = () => ({
  intent: "save",
  title: "Lead the next quarterly DR drill",
  skill: "continuity",
  positionId: String(lead),
  dueDate: "2027-03-31",
  status: "open",
  evidence: benEvidence.slice(0, 2).map(String),
});

async function createAsBen(extra: Record<string, string | string[]> = {}) {
  const res = await app.post("/goals/new", { ...valid(), ...extra }, cookies["ben.carter"]);
  expect(res.status).toBe(302);
  const goal = await app.db
    .selectFrom("goals")
    .selectAll()
    .where("person_id", "=", ben)
    .orderBy("id", "desc")
    .executeTakeFirstOrThrow();
  return goal;
}

describe("goals: create", () => {
  it("creates a goal with its linked evidence, audited, and shows it on the dashboard", async () => {
    const res = await app.post("/goals/new", valid(), cookies["ben.carter"]);
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toMatch(/^\/\?goal=\d+&goalDone=created#goals$/);
    const goal = await app.db
      .selectFrom("goals")
      .selectAll()
      .where("person_id", "=", ben)
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    expect(goal).toMatchObject({
      title: "Lead the next quarterly DR drill",
      skill_key: "continuity",
      position_id: lead,
      due_date: "2027-03-31",
      status: "open",
    });
    const links = await app.db
      .selectFrom("goal_evidence")
      .select("evidence_id")
      .where("goal_id", "=", goal.id)
      .orderBy("evidence_id")
      .execute();
    expect(links.map((l) => l.evidence_id)).toEqual([...benEvidence.slice(0, 2)].sort((a, b) => a - b));
    const audit = await app.db
      .selectFrom("audit_log")
      .selectAll()
      .where("entity", "=", "goal")
      .where("entity_id", "=", String(goal.id))
      .execute();
    expect(audit.map((a) => a.action)).toEqual(["goal_create"]);
    expect(audit[0]).toMatchObject({ actor_id: ben, subject_person_id: ben });

    const html = await (await app.get("/", cookies["ben.carter"])).text();
    const section = html.slice(html.indexOf('data-testid="goals"'));
    expect(section).toContain(`href="/goals/${goal.id}"`);
    expect(section).toContain("Lead the next quarterly DR drill");
    for (const id of benEvidence.slice(0, 2)) expect(section).toContain(`href="/evidence/${id}"`);
  });

  it("refuses invalid input with 422, a message at the field, and writes nothing", async () => {
    const cases: [Record<string, string | string[]>, string][] = [
      [{ title: "" }, "title"],
      [{ title: "x".repeat(201) }, "title"],
      [{ dueDate: "" }, "dueDate"],
      [{ dueDate: "2027-02-30" }, "dueDate"],
      [{ dueDate: "31/03/2027" }, "dueDate"],
      [{ status: "finished" }, "status"],
      [{ skill: "cooking" }, "skill"],
      [{ positionId: "987654" }, "positionId"],
      [{ positionId: "abc" }, "positionId"],
      [{ skill: "", positionId: "" }, "skill"],
      [{ evidence: [String(aishaEvidence)] }, "evidence"],
      [{ evidence: ["not-an-id"] }, "evidence"],
    ];
    for (const [change, field] of cases) {
      const before = await snapshot();
      const res = await app.post("/goals/new", { ...valid(), ...change }, cookies["ben.carter"]);
      expect(res.status, JSON.stringify(change)).toBe(422);
      const body = await res.text();
      expect(body, JSON.stringify(change)).toContain(`id="f-${field}-error"`);
      expect(await snapshot()).toBe(before);
    }
  });

  it("lets a manager set a goal for a report, and nobody else", async () => {
    const before = await snapshot();
    for (const who of ["sofia.marin", "aisha.khan", "admin"]) {
      expect((await app.get(`/goals/new?person=${ben}`, cookies[who])).status).toBe(404);
      expect((await app.post(`/goals/new?person=${ben}`, valid(), cookies[who])).status).toBe(404);
    }
    expect((await app.get("/goals/new?person=abc", cookies["daniel.kowalski"])).status).toBe(404);
    expect(await snapshot()).toBe(before);

    expect((await app.get(`/goals/new?person=${ben}`, cookies["daniel.kowalski"])).status).toBe(200);
    const res = await app.post(
      `/goals/new?person=${ben}`,
      { ...valid(), title: "Own one P1 bridge" },
      cookies["daniel.kowalski"],
    );
    expect(res.status).toBe(302);
    const goal = await app.db.selectFrom("goals").selectAll().where("title", "=", "Own one P1 bridge").executeTakeFirstOrThrow();
    expect(res.headers.get("location")).toBe(`/people/${ben}?goal=${goal.id}&goalDone=created#goals`);
    expect(goal.person_id).toBe(ben);
    const audit = await app.db
      .selectFrom("audit_log")
      .selectAll()
      .where("entity", "=", "goal")
      .where("entity_id", "=", String(goal.id))
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({
      action: "goal_create",
      actor_id: await app.personId("daniel.kowalski@example.com"),
      subject_person_id: ben,
    });
  });

  it("prefills skill and position from the query (links from the gaps table)", async () => {
    const html = await (await app.get(`/goals/new?skill=leadership&position=${lead}`, cookies["ben.carter"])).text();
    expect(html).toMatch(/<option value="leadership" selected="">/);
    expect(html).toMatch(new RegExp(`<option value="${lead}" selected="">`));
  });
});

describe("goals: edit and delete", () => {
  it("saves valid edits (audited with before and after) and refuses invalid ones without writing", async () => {
    const goal = await createAsBen({ title: "Write three KB articles" });
    const page = await app.get(`/goals/${goal.id}`, cookies["ben.carter"]);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('value="Write three KB articles"');

    for (const [change, field] of [
      [{ title: " " }, "title"],
      [{ dueDate: "2027-13-01" }, "dueDate"],
      [{ skill: "nope" }, "skill"],
      [{ evidence: [String(aishaEvidence)] }, "evidence"],
    ] as [Record<string, string | string[]>, string][]) {
      const before = await snapshot();
      const res = await app.post(`/goals/${goal.id}`, { ...valid(), ...change }, cookies["ben.carter"]);
      expect(res.status).toBe(422);
      expect(await res.text()).toContain(`id="f-${field}-error"`);
      expect(await snapshot()).toBe(before);
    }

    const res = await app.post(
      `/goals/${goal.id}`,
      {
        ...valid(),
        title: "Write four KB articles",
        status: "in_progress",
        skill: "communication",
        positionId: "",
        evidence: [String(benEvidence[2])],
      },
      cookies["ben.carter"],
    );
    expect(res.status).toBe(302);
    const after = await app.db.selectFrom("goals").selectAll().where("id", "=", goal.id).executeTakeFirstOrThrow();
    expect(after).toMatchObject({
      title: "Write four KB articles",
      status: "in_progress",
      skill_key: "communication",
      position_id: null,
    });
    const links = await app.db.selectFrom("goal_evidence").select("evidence_id").where("goal_id", "=", goal.id).execute();
    expect(links.map((l) => l.evidence_id)).toEqual([benEvidence[2]]);
    const audit = await app.db
      .selectFrom("audit_log")
      .selectAll()
      .where("entity", "=", "goal")
      .where("entity_id", "=", String(goal.id))
      .where("action", "=", "goal_update")
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.before_json!)).toMatchObject({ title: "Write three KB articles", status: "open" });
    expect(JSON.parse(audit.after_json!)).toMatchObject({ title: "Write four KB articles", status: "in_progress" });
  });

  it("is reachable by the owner and their managers only", async () => {
    const goal = await createAsBen({ title: "Shadow a major incident manager" });
    expect((await app.get(`/goals/${goal.id}`, cookies["daniel.kowalski"])).status).toBe(200);
    const before = await snapshot();
    for (const who of ["aisha.khan", "sofia.marin", "admin"]) {
      expect((await app.get(`/goals/${goal.id}`, cookies[who])).status).toBe(404);
      expect((await app.post(`/goals/${goal.id}`, { ...valid(), title: "hijacked" }, cookies[who])).status).toBe(404);
      expect((await app.post(`/goals/${goal.id}`, { intent: "delete", confirm: "yes" }, cookies[who])).status).toBe(404);
    }
    expect((await app.get("/goals/987654", cookies["ben.carter"])).status).toBe(404);
    expect((await app.get("/goals/abc", cookies["ben.carter"])).status).toBe(404);
    expect(await snapshot()).toBe(before);
    const res = await app.post(
      `/goals/${goal.id}`,
      { ...valid(), title: "Shadow two major incident managers" },
      cookies["daniel.kowalski"],
    );
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`/people/${ben}?goal=${goal.id}&goalDone=saved#goals`);
  });

  it("deletes only after confirmation, and audits it", async () => {
    const goal = await createAsBen({ title: "Goal to delete" });
    const before = await snapshot();
    expect((await app.post(`/goals/${goal.id}`, { intent: "delete" }, cookies["ben.carter"])).status).toBe(422);
    expect((await app.post(`/goals/${goal.id}`, { intent: "unknown" }, cookies["ben.carter"])).status).toBe(400);
    expect(await snapshot()).toBe(before);
    const confirmPage = await (await app.get(`/goals/${goal.id}?delete=1`, cookies["ben.carter"])).text();
    expect(confirmPage).toContain('name="confirm" value="yes"');
    const res = await app.post(`/goals/${goal.id}`, { intent: "delete", confirm: "yes" }, cookies["ben.carter"]);
    expect(res.status).toBe(302);
    expect(await app.db.selectFrom("goals").select("id").where("id", "=", goal.id).executeTakeFirst()).toBeUndefined();
    expect(
      await app.db.selectFrom("goal_evidence").select("goal_id").where("goal_id", "=", goal.id).executeTakeFirst(),
    ).toBeUndefined();
    const audit = await app.db
      .selectFrom("audit_log")
      .selectAll()
      .where("entity", "=", "goal")
      .where("entity_id", "=", String(goal.id))
      .where("action", "=", "goal_delete")
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.before_json!)).toMatchObject({ title: "Goal to delete" });
    // the evidence itself stays
    expect(await app.db.selectFrom("evidence").select("id").where("id", "=", benEvidence[0]!).executeTakeFirst()).toBeDefined();
  });

  it("keeps a position retired since the goal was set, but offers no other retired one", async () => {
    const head = (await app.db.selectFrom("positions").select("id").where("key", "=", "head").executeTakeFirstOrThrow()).id;
    const sdm = (await app.db.selectFrom("positions").select("id").where("key", "=", "sdm").executeTakeFirstOrThrow()).id;
    const goal = await createAsBen({ title: "Aim for the top", positionId: String(head) });
    await app.db.updateTable("positions").set({ retired: 1 }).where("id", "in", [head, sdm]).execute();
    try {
      const html = await (await app.get(`/goals/${goal.id}`, cookies["ben.carter"])).text();
      expect(html).toMatch(new RegExp(`<option value="${head}" selected="">Head of IT Operations \\(retired\\)</option>`));
      expect(html).not.toContain(`<option value="${sdm}"`);
      const res = await app.post(
        `/goals/${goal.id}`,
        { ...valid(), title: "Aim for the top", positionId: String(head) },
        cookies["ben.carter"],
      );
      expect(res.status).toBe(302);
      expect(
        (await app.db.selectFrom("goals").select("position_id").where("id", "=", goal.id).executeTakeFirstOrThrow()).position_id,
      ).toBe(head);
      const before = await snapshot();
      const other = await app.post(`/goals/${goal.id}`, { ...valid(), positionId: String(sdm) }, cookies["ben.carter"]);
      expect(other.status).toBe(422);
      expect(await snapshot()).toBe(before);
    } finally {
      await app.db.updateTable("positions").set({ retired: 0 }).where("id", "in", [head, sdm]).execute();
    }
  });
});
