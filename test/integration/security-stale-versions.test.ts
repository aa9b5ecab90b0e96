// Lost updates (issue 12, part 7; ADR 017): an evidence item, an appraisal review and a goal saved from a
// page loaded before someone else's save are refused with 409, the message names what changed and shows
// the stored value, nothing is overwritten, and a page loaded afresh saves. Each test makes its own people
// and rows, opens the page in two sessions (two people, or one person in two tabs) and reads the hidden
// version from the page's HTML, as a browser would send it.
import { beforeAll, describe, expect, it } from "vitest";
import { now as clockNow, nowMs } from "../../app/clock.server";
import { createCycle } from "../../app/services/appraisals/cycles.server";
import { startAppraisal } from "../../app/services/appraisals/start.server";
import { type TestApp, startApp } from "../support/app";
import { type MadePerson, makeEvidence, makePerson, uid } from "../support/factories";

let app: TestApp;
const PASSWORD = "stale-versions-password-1";

beforeAll(async () => {
  app = await startApp();
});

async function team() {
  const manager = await makePerson(app.db, { role: "manager", password: PASSWORD });
  const engineer = await makePerson(app.db, { managerId: manager.id, password: PASSWORD });
  return { manager, engineer };
}

const session = (p: MadePerson) => app.signIn(p.email, PASSWORD);

/** The page's HTML and the hidden version fields of its form(s). */
async function open(path: string, cookie: string) {
  const res = await app.get(path, cookie);
  expect(res.status, path).toBe(200);
  const html = await res.text();
  const version = /name="version" value="(\d+)"/.exec(html)?.[1];
  const base = /name="base" value="([^"]*)"/.exec(html)?.[1];
  expect(version, `${path} carries a version`).toBeDefined();
  return { version: version!, base: base ?? "" };
}

/** The text of an HTML page with entities decoded enough to read the message. */
const textOf = (html: string) =>
  html
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&amp;/g, "&");

describe("evidence: an item saved from a stale page", () => {
  async function editForm(id: number, title: string, notes: string, page: { version: string; base: string }) {
    const row = await app.db.selectFrom("evidence").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    return {
      intent: "save",
      title,
      kind: row.kind,
      resolvedAt: row.resolved_at.slice(0, 16),
      startedAt: row.started_at?.slice(0, 16) ?? "",
      priority: row.priority ?? "",
      impact: row.impact ?? "",
      workRole: row.work_role ?? "",
      outcome: row.outcome ?? "",
      durationMinutes: String(row.duration_minutes),
      notes,
      ...page,
    };
  }

  it("two tabs of the owner: the second save is refused (409) naming the changed field, the first's values stay", async () => {
    const { engineer } = await team();
    const item = await makeEvidence(app.db, engineer.id, { notes: "First notes" });
    const [tabA, tabB] = [await session(engineer), await session(engineer)];
    const pageA = await open(`/evidence/${item.id}/edit`, tabA);
    const pageB = await open(`/evidence/${item.id}/edit`, tabB);
    const newTitle = `Title from tab A ${uid()}`;

    const first = await app.post(`/evidence/${item.id}/edit`, await editForm(item.id, newTitle, "First notes", pageA), tabA);
    expect(first.status).toBe(302);

    const second = await app.post(
      `/evidence/${item.id}/edit`,
      await editForm(item.id, item.title, "Notes from tab B", pageB),
      tabB,
    );
    expect(second.status).toBe(409);
    const message = textOf(await second.text());
    expect(message).toContain("Not saved: this item was changed by you, in another tab or window, on");
    expect(message).toContain(`Title (now “${newTitle}”)`);
    expect(message).not.toContain("Notes (now");

    const stored = await app.db.selectFrom("evidence").selectAll().where("id", "=", item.id).executeTakeFirstOrThrow();
    expect(stored.title).toBe(newTitle);
    expect(stored.notes).toBe("First notes");

    // Tab B reloads: the fresh page saves.
    const fresh = await open(`/evidence/${item.id}/edit`, tabB);
    const third = await app.post(`/evidence/${item.id}/edit`, await editForm(item.id, newTitle, "Notes from tab B", fresh), tabB);
    expect(third.status).toBe(302);
    const after = await app.db.selectFrom("evidence").selectAll().where("id", "=", item.id).executeTakeFirstOrThrow();
    expect(after.notes).toBe("Notes from tab B");
    expect(after.title).toBe(newTitle);
  });

  it("a manager's return makes the owner's open edit page stale: refused, naming the status", async () => {
    const { manager, engineer } = await team();
    const item = await makeEvidence(app.db, engineer.id);
    const [owner, boss] = [await session(engineer), await session(manager)];
    const page = await open(`/evidence/${item.id}/edit`, owner);
    const returned = await app.post(`/evidence/${item.id}`, { intent: "return", reason: "Add the ticket link" }, boss);
    expect(returned.status).toBe(302);
    const res = await app.post(`/evidence/${item.id}/edit`, await editForm(item.id, item.title, "mine", page), owner);
    expect(res.status).toBe(409);
    const message = textOf(await res.text());
    expect(message).toContain(manager.name);
    expect(message).toContain("Status (now “Returned”)");
    const stored = await app.db.selectFrom("evidence").selectAll().where("id", "=", item.id).executeTakeFirstOrThrow();
    expect(stored.status).toBe("returned");
    expect(stored.notes).toBeNull();
  });

  it("the adjustment form on the item page is refused from a stale page too", async () => {
    const { engineer } = await team();
    const item = await makeEvidence(app.db, engineer.id);
    const [tabA, tabB] = [await session(engineer), await session(engineer)];
    const pageA = await open(`/evidence/${item.id}`, tabA);
    const pageB = await open(`/evidence/${item.id}`, tabB);
    const newTitle = `Retitled ${uid()}`;
    const edit = await open(`/evidence/${item.id}/edit`, tabA);
    expect(edit.version).toBe(pageA.version);
    expect((await app.post(`/evidence/${item.id}/edit`, await editForm(item.id, newTitle, "", edit), tabA)).status).toBe(302);
    const res = await app.post(
      `/evidence/${item.id}`,
      { intent: "adjust", "adj.crisis": "1", "reason.crisis": "Ran the bridge", ...pageB },
      tabB,
    );
    expect(res.status).toBe(409);
    expect(textOf(await res.text())).toContain(`Title (now “${newTitle}”)`);
    const adjustments = await app.db.selectFrom("adjustments").selectAll().where("evidence_id", "=", item.id).execute();
    expect(adjustments).toEqual([]);
  });
});

describe("goals: a goal saved from a stale page", () => {
  it("the owner and the manager: the second save is refused naming the fields, the first's values stay", async () => {
    const { manager, engineer } = await team();
    const ts = clockNow().toISOString();
    const { id: goal } = await app.db
      .insertInto("goals")
      .values({
        person_id: engineer.id,
        title: "Lead a DR drill",
        skill_key: "continuity",
        position_id: null,
        due_date: "2030-06-30",
        status: "open",
        created_at: ts,
        updated_at: ts,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const [owner, boss] = [await session(engineer), await session(manager)];
    const ownerPage = await open(`/goals/${goal}`, owner);
    const bossPage = await open(`/goals/${goal}`, boss);
    const form = (title: string, dueDate: string, page: { version: string; base: string }) => ({
      intent: "save",
      title,
      skill: "continuity",
      dueDate,
      status: "in_progress",
      ...page,
    });
    expect((await app.post(`/goals/${goal}`, form("Lead two DR drills", "2030-06-30", bossPage), boss)).status).toBe(302);

    const res = await app.post(`/goals/${goal}`, form("Lead a DR drill", "2030-09-30", ownerPage), owner);
    expect(res.status).toBe(409);
    const message = textOf(await res.text());
    expect(message).toContain(`this goal was changed by ${manager.name}`);
    expect(message).toContain("Title (now “Lead two DR drills”)");
    expect(message).toContain("Status (now “In progress”)");
    expect(message).not.toContain("Due date (now");
    const stored = await app.db.selectFrom("goals").selectAll().where("id", "=", goal).executeTakeFirstOrThrow();
    expect(stored.title).toBe("Lead two DR drills");
    expect(stored.due_date).toBe("2030-06-30");

    const fresh = await open(`/goals/${goal}`, owner);
    expect((await app.post(`/goals/${goal}`, form("Lead two DR drills", "2030-09-30", fresh), owner)).status).toBe(302);
    const after = await app.db.selectFrom("goals").selectAll().where("id", "=", goal).executeTakeFirstOrThrow();
    expect(after.due_date).toBe("2030-09-30");
  });
});

describe("appraisals: a review saved from a stale page", () => {
  const DAY = 86_400_000;
  const day = (offset: number) => new Date(nowMs() + offset * DAY).toISOString().slice(0, 10);
  let skills: { key: string; name: string }[] = [];

  async function appraisalOf(manager: MadePerson, engineer: MadePerson) {
    const admin = await app.db
      .selectFrom("people")
      .select(["id", "role", "team_id"])
      .where("role", "=", "admin")
      .executeTakeFirstOrThrow();
    skills = await app.db.selectFrom("skills").select(["key", "name"]).where("retired", "=", 0).orderBy("sort_order").execute();
    const cycle = await createCycle(
      app.db,
      admin,
      { name: `Stale cycle ${uid()}`, periodStart: day(-300), periodEnd: day(-1), selfDue: day(20), reviewDue: day(40) },
      clockNow(),
    );
    if (cycle.kind !== "ok") throw new Error(JSON.stringify(cycle));
    const started = await startAppraisal(
      app.db,
      { id: manager.id, role: "manager", team_id: null },
      { cycleId: cycle.value.id, personId: engineer.id },
      clockNow(),
    );
    if (started.kind !== "ok") throw new Error(JSON.stringify(started));
    return started.value.id;
  }

  const ratings = (level: number, comment: string) =>
    Object.fromEntries(
      skills.flatMap((s) => [
        [`ratings.${s.key}.level`, String(level)],
        [`ratings.${s.key}.comment`, comment],
      ]),
    );

  it("the self-assessment in two tabs: the second save is refused naming the summary, the first's stays", async () => {
    const { manager, engineer } = await team();
    const appraisal = await appraisalOf(manager, engineer);
    const [tabA, tabB] = [await session(engineer), await session(engineer)];
    const pageA = await open(`/appraisals/${appraisal}`, tabA);
    const pageB = await open(`/appraisals/${appraisal}`, tabB);
    const first = await app.post(
      `/appraisals/${appraisal}`,
      { intent: "save_self", summary: "Summary from tab A", ...ratings(3, ""), ...pageA },
      tabA,
    );
    expect(first.status).toBe(302);
    const second = await app.post(
      `/appraisals/${appraisal}`,
      { intent: "save_self", summary: "Summary from tab B", ...ratings(1, ""), ...pageB },
      tabB,
    );
    expect(second.status).toBe(409);
    const message = textOf(await second.text());
    expect(message).toContain("this appraisal was changed by you, in another tab or window, on");
    expect(message).toContain("Employee's summary (now “Summary from tab A”)");
    expect(message).toContain(`Self rating of ${skills[0]!.name} (now “level 3”)`);
    const row = await app.db.selectFrom("appraisals").selectAll().where("id", "=", appraisal).executeTakeFirstOrThrow();
    expect(row.self_summary).toBe("Summary from tab A");
    const levels = await app.db
      .selectFrom("appraisal_ratings")
      .select("self_level")
      .where("appraisal_id", "=", appraisal)
      .execute();
    expect(levels.every((r) => r.self_level === 3)).toBe(true);

    const fresh = await open(`/appraisals/${appraisal}`, tabB);
    const third = await app.post(
      `/appraisals/${appraisal}`,
      { intent: "save_self", summary: "Summary from tab B", ...ratings(3, ""), ...fresh },
      tabB,
    );
    expect(third.status).toBe(302);
  });

  it("the manager review in two tabs: the second save is refused naming the comment and outcome", async () => {
    const { manager, engineer } = await team();
    const appraisal = await appraisalOf(manager, engineer);
    const me = await session(engineer);
    const self = await open(`/appraisals/${appraisal}`, me);
    const submitted = await app.post(
      `/appraisals/${appraisal}`,
      { intent: "submit_self", summary: "My period", ...ratings(3, ""), ...self },
      me,
    );
    expect(submitted.status).toBe(302);
    const [tabA, tabB] = [await session(manager), await session(manager)];
    const pageA = await open(`/appraisals/${appraisal}`, tabA);
    const pageB = await open(`/appraisals/${appraisal}`, tabB);
    const first = await app.post(
      `/appraisals/${appraisal}`,
      { intent: "save_review", comment: "Comment from tab A", outcome: "exceeds", ...ratings(4, ""), ...pageA },
      tabA,
    );
    expect(first.status).toBe(302);
    const second = await app.post(
      `/appraisals/${appraisal}`,
      { intent: "save_review", comment: "Comment from tab B", ...ratings(2, ""), ...pageB },
      tabB,
    );
    expect(second.status).toBe(409);
    const message = textOf(await second.text());
    expect(message).toContain("Manager's overall comment (now “Comment from tab A”)");
    expect(message).toContain("Overall outcome (now");
    expect(message).not.toContain("Employee's summary (now");
    const row = await app.db.selectFrom("appraisals").selectAll().where("id", "=", appraisal).executeTakeFirstOrThrow();
    expect(row.manager_comment).toBe("Comment from tab A");
    expect(row.outcome).toBe("exceeds");

    const fresh = await open(`/appraisals/${appraisal}`, tabB);
    const third = await app.post(
      `/appraisals/${appraisal}`,
      { intent: "save_review", comment: "Comment from tab B", outcome: "exceeds", ...ratings(2, ""), ...fresh },
      tabB,
    );
    expect(third.status).toBe(302);
  });
});
