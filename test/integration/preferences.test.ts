// Issue 16, points 3 and 4 over HTTP: an empty dashboard greets a newcomer, the matrix shows progress
// toward the next level, the target position is remembered across pages, list filters are remembered,
// a bad target is refused with 422, and nobody else's preferences change. Fresh people per test.
import { beforeAll, describe, expect, it } from "vitest";
import { type TestApp, startApp } from "../support/app";
import { makeEvidence, makePerson, positionId } from "../support/factories";

let app: TestApp;
const PASSWORD = "correct horse battery staple 16";

beforeAll(async () => {
  app = await startApp();
});

async function newcomer(managerId: number | null = null) {
  const p = await makePerson(app.db, { position: "Support Engineer I", password: PASSWORD, managerId });
  return { ...p, cookie: await app.signIn(p.email, PASSWORD) };
}

const html = async (path: string, cookie: string) => {
  const res = await app.get(path, cookie);
  return { status: res.status, body: await res.text() };
};
const stored = async (personId: number) =>
  (
    await app.db
      .selectFrom("person_preferences")
      .select("target_position_id")
      .where("person_id", "=", personId)
      .executeTakeFirst()
  )?.target_position_id ?? null;
const selected = (body: string, id: number) => new RegExp(`<option value="${id}" selected`).test(body);

describe("first steps", () => {
  it("a brand-new engineer is greeted with three ways in and how levels work", async () => {
    const me = await newcomer();
    const { status, body } = await html("/", me.cookie);
    expect(status).toBe(200);
    expect(body).toContain('data-testid="first-steps"');
    expect(body).toContain(`Welcome to SupportPath, ${me.name.split(" ")[0]}`);
    for (const href of ["/evidence/new", "/import", "/appraisals"]) expect(body).toContain(`href="${href}"`);
    expect(body).toMatch(/How points become levels/);
    expect(body).toMatch(/1 Follow asks for a score of \d+(\.\d+)? from at least \d+ item/);
  });

  it("after three items the greeting gives way and the matrix shows progress toward the next level", async () => {
    const me = await newcomer();
    const before = await html("/", me.cookie);
    // every skill's "toward next level" percentage, from the matrix
    const bars = (body: string) => [...body.matchAll(/data-col="next">[\s\S]*?(\d+)(?:<!-- -->)?% to/g)].map((m) => Number(m[1]));
    expect(bars(before.body).length).toBeGreaterThan(0);
    expect(bars(before.body).every((p) => p === 0)).toBe(true);
    for (let i = 0; i < 3; i++) await makeEvidence(app.db, me.id);
    const after = await html("/", me.cookie);
    expect(after.body).not.toContain('data-testid="first-steps"');
    expect(bars(after.body).some((p) => p > 0)).toBe(true);
    expect(after.body).toMatch(/% to (?:<!-- -->)?1 Follow/);
  });
});

describe("remembered target", () => {
  it("a target chosen on the dashboard is the portfolio's, the goal form's and the next visit's", async () => {
    const me = await newcomer();
    const lead = await positionId(app.db, "Support Team Lead");
    const chosen = await html(`/?target=${lead}`, me.cookie);
    expect(chosen.status).toBe(200);
    expect(await stored(me.id)).toBe(lead);

    const again = await html("/", me.cookie);
    expect(again.body).toContain('data-testid="target-remembered"');
    expect(selected(again.body, lead)).toBe(true);
    expect(again.body).toContain(`href="/portfolio?target=${lead}"`);

    const portfolio = await html("/portfolio", me.cookie);
    expect(portfolio.status).toBe(200);
    expect(selected(portfolio.body, lead)).toBe(true);

    const goal = await html("/goals/new", me.cookie);
    expect(selected(goal.body, lead)).toBe(true);
  });

  it("a target chosen on the portfolio is the dashboard's; an empty choice forgets it", async () => {
    const me = await newcomer();
    const se2 = await positionId(app.db, "Support Engineer II");
    const lead = await positionId(app.db, "Support Team Lead");
    await html(`/portfolio?target=${lead}`, me.cookie);
    expect(await stored(me.id)).toBe(lead);
    expect(selected((await html("/", me.cookie)).body, lead)).toBe(true);
    await html(`/?target=${se2}`, me.cookie);
    expect(await stored(me.id)).toBe(se2);
    await html("/?target=", me.cookie);
    expect(await stored(me.id)).toBeNull();
  });

  it("a bad target id is 422 with the message beside the picker, and the stored one stays", async () => {
    const me = await newcomer();
    const lead = await positionId(app.db, "Support Team Lead");
    await html(`/?target=${lead}`, me.cookie);
    for (const bad of ["999999999", "abc", "-1"]) {
      const res = await html(`/?target=${encodeURIComponent(bad)}`, me.cookie);
      expect(res.status, bad).toBe(422);
      expect(res.body).toContain('id="target-error"');
      expect(res.body).toContain("Choose a position from the list.");
    }
    expect(await stored(me.id)).toBe(lead);
    expect((await html("/portfolio?target=999999999", me.cookie)).status).toBe(422);
    expect(await stored(me.id)).toBe(lead);
  });

  it("a manager looking at a report with ?target sees it but does not change the report's choice", async () => {
    const manager = await makePerson(app.db, { role: "manager", position: "Support Team Lead", password: PASSWORD });
    const managerCookie = await app.signIn(manager.email, PASSWORD);
    const report = await newcomer(manager.id);
    const se2 = await positionId(app.db, "Support Engineer II");
    const lead = await positionId(app.db, "Support Team Lead");
    await html(`/?target=${se2}`, report.cookie);
    const seen = await html(`/people/${report.id}`, managerCookie);
    expect(seen.status).toBe(200);
    expect(selected(seen.body, se2)).toBe(true);
    await html(`/people/${report.id}?target=${lead}`, managerCookie);
    expect(await stored(report.id)).toBe(se2);
    expect(await stored(manager.id)).toBeNull();
  });
});

describe("remembered filters", () => {
  it("a submitted filter is applied on the next bare visit, with a clear link that forgets it", async () => {
    const me = await newcomer();
    const other = await newcomer();
    const drill = await makeEvidence(app.db, me.id, { kind: "dr_drill" });
    const incident = await makeEvidence(app.db, me.id, { kind: "incident" });

    await html("/evidence?remember=1&kind=dr_drill&skill=&status=&from=&to=&q=", me.cookie);
    const bare = await html("/evidence", me.cookie);
    expect(bare.body).toContain('data-testid="filters-remembered"');
    expect(bare.body).toContain('href="/evidence?clear=filters"');
    expect(bare.body).toContain(drill.title);
    expect(bare.body).not.toContain(incident.title);

    // another person's list is untouched
    expect((await html("/evidence", other.cookie)).body).not.toContain('data-testid="filters-remembered"');

    const cleared = await html("/evidence?clear=filters", me.cookie);
    expect(cleared.body).toContain(incident.title);
    const after = await html("/evidence", me.cookie);
    expect(after.body).not.toContain('data-testid="filters-remembered"');
    expect(after.body).toContain(incident.title);
  });

  it("a link that filters (the dashboard's evidence for a skill) is not remembered", async () => {
    const me = await newcomer();
    await html("/evidence?skill=crisis", me.cookie);
    expect((await html("/evidence", me.cookie)).body).not.toContain('data-testid="filters-remembered"');
    const rows = await app.db.selectFrom("list_filters").selectAll().where("person_id", "=", me.id).execute();
    expect(rows).toEqual([]);
  });

  it("only parsed values are stored; an empty submission forgets", async () => {
    const me = await newcomer();
    await html("/evidence?remember=1&kind=nonsense&status=verified&from=2020-13-45", me.cookie);
    const row = await app.db
      .selectFrom("list_filters")
      .select("query")
      .where("person_id", "=", me.id)
      .where("list_key", "=", "evidence")
      .executeTakeFirst();
    expect(row?.query).toBe("status=verified");
    await html("/evidence?remember=1&kind=&status=", me.cookie);
    const gone = await app.db.selectFrom("list_filters").selectAll().where("person_id", "=", me.id).execute();
    expect(gone).toEqual([]);
  });

  it("the review queue remembers a reviewer's person filter, and nobody else's", async () => {
    const manager = await makePerson(app.db, { role: "manager", position: "Support Team Lead", password: PASSWORD });
    const cookie = await app.signIn(manager.email, PASSWORD);
    const other = await makePerson(app.db, { role: "manager", position: "Support Team Lead", password: PASSWORD });
    const otherCookie = await app.signIn(other.email, PASSWORD);
    const a = await newcomer(manager.id);
    const b = await newcomer(manager.id);
    const itemA = await makeEvidence(app.db, a.id);
    const itemB = await makeEvidence(app.db, b.id);
    await html(`/review?remember=1&person=${a.id}`, cookie);
    const bare = await html("/review", cookie);
    expect(bare.body).toContain('data-testid="filters-remembered"');
    expect(bare.body).toContain(itemA.title);
    expect(bare.body).not.toContain(itemB.title);
    expect((await html("/review", otherCookie)).body).not.toContain('data-testid="filters-remembered"');
    // someone outside the reviewer's subtree is not a filter to remember
    await html(`/review?remember=1&person=${other.id}`, cookie);
    const rows = await app.db.selectFrom("list_filters").selectAll().where("person_id", "=", manager.id).execute();
    expect(rows).toEqual([]);
  });
});
