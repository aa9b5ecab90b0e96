// Drafts are private to their owner everywhere (issue 12, part 8; README "Evidence"): Ben's draft, with a
// title no other row has, linked by Ben to his own goal, appears on none of the pages of the access
// matrix's GET list that his manager, the head manager above them or an admin can open, nor on the pages
// that list or search his evidence; linking it to a goal as any of them is refused and changes nothing;
// a manager saving the goal keeps Ben's link; Ben still sees the draft everywhere and links it.
import { beforeAll, describe, expect, it } from "vitest";
import { now as clockNow } from "../../app/clock.server";
import { type TestApp, startApp } from "../support/app";
import { evidenceInput, uid } from "../support/factories";
import { createEvidence } from "../../app/models/evidence.server";
import { AREAS } from "./access/index";
import type { Ctx } from "./access/types";

let app: TestApp;
const ctx: Ctx = {};
const TITLE = `Private draft ${uid()} about the payroll outage`;
let draft = 0;
let goal = 0;
let ben = 0;
const cookie: Record<string, string> = {};

const LOOKERS = {
  manager: "daniel.kowalski@example.com",
  headManager: "margaret.okafor@example.com",
  admin: "admin@example.com",
} as const;

beforeAll(async () => {
  app = await startApp();
  for (const area of AREAS) Object.assign(ctx, (await area.prepare?.(app, ctx)) ?? {});
  ben = await app.personId("ben.carter@example.com");
  draft = await createEvidence(app.db, ben, evidenceInput({ title: TITLE, externalRef: "INC-DRAFT-1" }), { status: "draft" });
  cookie.ben = await app.signIn("ben.carter@example.com");
  for (const [who, email] of Object.entries(LOOKERS)) cookie[who] = await app.signIn(email);
  const ts = clockNow().toISOString();
  goal = (
    await app.db
      .insertInto("goals")
      .values({
        person_id: ben,
        title: "Drafts test goal",
        skill_key: "crisis",
        position_id: null,
        due_date: "2030-01-31",
        status: "open",
        created_at: ts,
        updated_at: ts,
      })
      .returning("id")
      .executeTakeFirstOrThrow()
  ).id;
  // Linked as the owner's save links it (the first test does it through the form), so each test stands alone.
  await app.db.insertInto("goal_evidence").values({ goal_id: goal, evidence_id: draft }).execute();
});

const linked = async () =>
  (await app.db.selectFrom("goal_evidence").select("evidence_id").where("goal_id", "=", goal).execute()).map(
    (r) => r.evidence_id,
  );

const goalForm = (evidence: number[]) => ({
  intent: "save",
  title: "Drafts test goal",
  skill: "crisis",
  dueDate: "2030-01-31",
  status: "open",
  evidence: evidence.map(String),
});

/** Pages beyond the matrix's GET list that list, search or link a person's evidence. */
const extraPages = () => [
  `/goals/${goal}`,
  `/people/${ben}`,
  `/evidence?person=${ben}`,
  `/evidence?person=${ben}&status=draft`,
  `/evidence?person=${ben}&q=${encodeURIComponent("payroll outage")}`,
  `/evidence?person=${ben}&q=NC-DRAFT`,
  `/goals/new?person=${ben}`,
  `/portfolio/json?person=${ben}`,
  `/portfolio/md?person=${ben}`,
  `/portfolio/print?person=${ben}`,
  `/team`,
  `/review`,
  `/appraisals/history/${ben}`,
  `/evidence/${draft}`,
];

describe("drafts are private to their owner", () => {
  it("the owner links the draft to their goal and sees it on the goal and in their list", async () => {
    const res = await app.post(`/goals/${goal}`, goalForm([draft]), cookie.ben);
    expect(res.status).toBe(302);
    expect(await linked()).toEqual([draft]);
    for (const path of [`/goals/${goal}`, "/", "/evidence", `/evidence/${draft}`]) {
      const page = await app.get(path, cookie.ben);
      expect(page.status, path).toBe(200);
      expect(await page.text(), path).toContain(TITLE);
    }
  });

  for (const who of Object.keys(LOOKERS) as (keyof typeof LOOKERS)[]) {
    it(`${who}: the title appears on no page of the matrix's GET list they can open`, async () => {
      const paths = [
        ...AREAS.flatMap((a) => a.rows)
          .filter((r) => r.method === "GET")
          .map((r) => r.path(ctx)),
        ...extraPages(),
      ];
      let opened = 0;
      // The organisation export is the admin's complete, audited copy for a restore (ADR 018): like a backup
      // it carries everyone's drafts, or a restored organisation would lose them. It is no page that shows them.
      for (const path of [...new Set(paths)].filter((p) => p !== "/admin/export/download")) {
        const res = await app.get(path, cookie[who]);
        const type = res.headers.get("content-type") ?? "";
        const body = type.includes("pdf") ? "" : await res.text();
        if (res.status === 200 && !type.includes("pdf")) opened++;
        expect(body, `${who} ${path}`).not.toContain(TITLE);
        expect(body, `${who} ${path}`).not.toContain("INC-DRAFT-1");
      }
      expect(opened).toBeGreaterThan(10);
    });
  }

  it("managers cannot link a report's draft to a goal: refused, nothing changes", async () => {
    await app.post(`/goals/${goal}`, goalForm([draft]), cookie.ben);
    for (const who of ["manager", "headManager"] as const) {
      const before = await app.db.selectFrom("goals").selectAll().where("id", "=", goal).executeTakeFirstOrThrow();
      await app.db.deleteFrom("goal_evidence").where("goal_id", "=", goal).execute();
      const res = await app.post(`/goals/${goal}`, goalForm([draft]), cookie[who]);
      expect(res.status, who).toBe(422);
      expect(await res.text()).not.toContain(TITLE);
      expect(await linked()).toEqual([]);
      expect(await app.db.selectFrom("goals").selectAll().where("id", "=", goal).executeTakeFirstOrThrow()).toEqual(before);
      await app.db.insertInto("goal_evidence").values({ goal_id: goal, evidence_id: draft }).execute();
    }
    // A new goal for the report with the draft: refused as well.
    const created = await app.post(`/goals/new?person=${ben}`, { ...goalForm([draft]), title: `New ${uid()}` }, cookie.manager);
    expect(created.status).toBe(422);
  });

  it("a manager saving the goal keeps the owner's link to the draft they cannot see", async () => {
    await app.post(`/goals/${goal}`, goalForm([draft]), cookie.ben);
    const res = await app.post(`/goals/${goal}`, { ...goalForm([]), status: "in_progress" }, cookie.manager);
    expect(res.status).toBe(302);
    expect(await linked()).toEqual([draft]);
    const stored = await app.db.selectFrom("goals").select("status").where("id", "=", goal).executeTakeFirstOrThrow();
    expect(stored.status).toBe("in_progress");
  });

  it("once submitted, the item is the manager's to see again", async () => {
    const { id: other } = {
      id: await createEvidence(app.db, ben, evidenceInput({ title: `Shared ${uid()}` }), { status: "draft" }),
    };
    const title = (await app.db.selectFrom("evidence").select("title").where("id", "=", other).executeTakeFirstOrThrow()).title;
    expect(await (await app.get(`/evidence?person=${ben}`, cookie.manager)).text()).not.toContain(title);
    expect((await app.post(`/evidence/${other}`, { intent: "submit" }, cookie.ben)).status).toBe(302);
    expect(await (await app.get(`/evidence?person=${ben}`, cookie.manager)).text()).toContain(title);
  });
});
