// The dashboard over HTTP: the matrix agrees with the scoring model, ?target= changes readiness,
// managers see their reports' dashboards and nobody else's.
import { beforeAll, describe, expect, it } from "vitest";
import { now as clockNow } from "../../app/clock.server";
import { LEVEL_NAMES } from "../../app/domain/defaults";
import { personMatrix } from "../../app/models/scores.server";
import { personProgress } from "../../app/services/progress.server";
import { type TestApp, startApp } from "../support/app";

let app: TestApp;
let aisha: number;
let ben: number;
let olga: number;
const cookies: Record<string, string> = {};
const positionId = async (name: string) =>
  (await app.db.selectFrom("positions").select("id").where("name", "=", name).executeTakeFirstOrThrow()).id;

beforeAll(async () => {
  app = await startApp();
  aisha = await app.personId("aisha.khan@example.com");
  ben = await app.personId("ben.carter@example.com");
  olga = await app.personId("olga.ivanova@example.com");
  for (const who of ["aisha.khan", "ben.carter", "daniel.kowalski", "sofia.marin", "margaret.okafor", "admin"]) {
    cookies[who] = await app.signIn(`${who}@example.com`);
  }
});

const decode = (s: string) =>
  s
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&#39;/g, "'");
const text = (html: string) =>
  decode(html.replace(/<!-- -->/g, "").replace(/<[^>]+>/g, ""))
    .replace(/\s+/g, " ")
    .trim();

/** The matrix row of a skill: each cell's text and its first link. */
function matrixRow(html: string, skill: string) {
  const table = html.slice(html.indexOf('data-testid="skill-matrix"'));
  const m = new RegExp(`<tr data-skill="${skill}">([\\s\\S]*?)</tr>`).exec(table);
  if (!m) throw new Error(`no matrix row for ${skill}`);
  const cell = (col: string) => {
    const c = new RegExp(`<td[^>]*data-col="${col}"[^>]*>([\\s\\S]*?)</td>`).exec(m[1]!);
    if (!c) throw new Error(`no ${col} cell for ${skill}`);
    return { text: text(c[1]!), href: decode(/href="([^"]*)"/.exec(c[1]!)?.[1] ?? "") };
  };
  return { level: cell("level"), score: cell("score"), items: cell("items"), last: cell("last"), trend: cell("trend") };
}

const trendText = (t: number) =>
  t > 0 ? `▲ up +${t.toFixed(1)}` : t < 0 ? `▼ down −${Math.abs(t).toFixed(1)}` : "– unchanged 0.0";

async function page(path: string, who: string) {
  const res = await app.get(path, cookies[who]);
  return { status: res.status, html: await res.text() };
}

describe("dashboard: the skills matrix", () => {
  it("shows for the demo engineer the numbers personMatrix computes, each linking to its evidence", async () => {
    const { status, html } = await page("/", "aisha.khan");
    expect(status).toBe(200);
    const m = await personMatrix(app.db, aisha, clockNow(), false);
    expect(m.scores.length).toBe(8);
    expect(m.scores.some((s) => s.items > 0)).toBe(true);
    for (const s of m.scores) {
      const row = matrixRow(html, s.skill);
      expect(row.level.text).toBe(`${s.level} ${LEVEL_NAMES[s.level]}`);
      expect(row.score.text).toBe(s.score.toFixed(1));
      expect(row.items.text.startsWith(String(s.items))).toBe(true);
      expect(row.last.text).toBe(s.lastEvidenceAt ? s.lastEvidenceAt.slice(0, 10) : "none yet");
      expect(row.trend.text).toBe(trendText(s.trend));
      // one's own evidence needs no person parameter
      expect(row.score.href).toBe(`/evidence?skill=${s.skill}`);
      expect(row.items.href).toBe(`/evidence?skill=${s.skill}`);
      expect(row.trend.href).toMatch(new RegExp(`^/evidence\\?skill=${s.skill}&from=\\d{4}-\\d{2}-\\d{2}$`));
      if (s.lastEvidenceAt) expect(row.last.href).toBe(`/evidence?skill=${s.skill}&from=${s.lastEvidenceAt.slice(0, 10)}`);
    }
  });

  it("renders both charts in the server HTML with ids, sizes and text alternatives", async () => {
    const { html } = await page("/", "aisha.khan");
    expect(html).toMatch(/<svg[^>]*id="dashboard-radar"[^>]*class="recharts-surface"[^>]*width="100%"[^>]*viewBox="0 0 \d+ \d+"/);
    expect(html).toMatch(/<svg[^>]*id="dashboard-trend"[^>]*class="recharts-surface"/);
    // the radar draws polygons, the trend chart one line per skill
    expect((html.match(/class="recharts-polygon"/g) ?? []).length).toBeGreaterThanOrEqual(2);
    expect((html.match(/class="recharts-curve recharts-line-curve"/g) ?? []).length).toBe(8);
    expect(html).toContain('role="img" aria-label="Radar chart of current skill levels against the levels');
    expect(html).toContain("<summary>Radar data as a table</summary>");
    expect(html).toContain("<summary>Scores per month as a table</summary>");
    // history table: 24 months, each score linked to the evidence up to the end of that month
    const history = html.slice(html.indexOf("Scores per month as a table"));
    expect((history.match(/<tr><th scope="row">/g) ?? []).length).toBe(24);
    expect(history).toMatch(/href="\/evidence\?skill=debugging&amp;to=\d{4}-\d{2}-\d{2}"/);
  });

  it("shows readiness for the next position, gaps largest first and next steps from the rule table", async () => {
    const { html } = await page("/", "aisha.khan");
    const p = (await personProgress(app.db, aisha, clockNow()))!;
    expect(p.next).not.toBeNull();
    const next = text(/data-testid="next-readiness"[^>]*>([\s\S]*?)<\/progress>/.exec(html)![1]!);
    expect(next).toContain(`${p.nextReadiness!.percent}%`);
    expect(next).toContain(p.next!.name);
    const gaps = html.slice(html.indexOf('data-testid="gaps"'), html.indexOf("</table>", html.indexOf('data-testid="gaps"')));
    const order = [...gaps.matchAll(/<tr data-skill="([a-z]+)">/g)].map((x) => x[1]);
    expect(order).toEqual(p.targetReadiness!.gaps.map((g) => g.skill));
    const sizes = p.targetReadiness!.gaps.map((g) => g.gap);
    expect([...sizes].sort((a, b) => b - a)).toEqual(sizes);
    const steps = text(
      html.slice(html.indexOf('data-testid="next-steps"'), html.indexOf("</ul></div>", html.indexOf('data-testid="next-steps"'))),
    );
    expect(p.nextSteps.length).toBeGreaterThan(0);
    for (const s of p.nextSteps) for (const step of s.steps) expect(steps).toContain(step.label);
    expect(html).toContain(`href="/portfolio?target=${p.target!.id}"`);
  });
});

describe("dashboard: ?target", () => {
  it("changes the readiness shown; an invalid one is 422 and the remembered target stays (issue 16)", async () => {
    const lead = await positionId("Support Team Lead");
    const head = await positionId("Head of IT Operations");
    const percent = (html: string) => Number(/data-testid="target-percent">(\d+)%/.exec(html)![1]);
    const a = await page(`/?target=${lead}`, "aisha.khan");
    const b = await page(`/?target=${head}`, "aisha.khan");
    const expectLead = (await personProgress(app.db, aisha, clockNow(), { targetPositionId: lead }))!.targetReadiness!.percent;
    const expectHead = (await personProgress(app.db, aisha, clockNow(), { targetPositionId: head }))!.targetReadiness!.percent;
    expect(expectLead).not.toBe(expectHead);
    expect(percent(a.html)).toBe(expectLead);
    expect(percent(b.html)).toBe(expectHead);
    expect(text(b.html)).toContain("Gaps for Head of IT Operations");
    expect(b.html).toContain(`href="/portfolio?target=${head}"`);
    // the target picker is a GET form on the page itself, the chosen target selected
    expect(b.html).toMatch(/<form method="get" action="\/"[^>]*>/);
    expect(b.html).toMatch(new RegExp(`<option value="${head}" selected="">`));

    for (const bad of ["abc", "0", "-3", "999999"]) {
      const r = await page(`/?target=${bad}`, "aisha.khan");
      expect(r.status).toBe(422);
      expect(text(r.html)).toContain("Choose a position from the list.");
      // the last valid choice (Head of IT Operations) is remembered and still shown
      expect(percent(r.html)).toBe(expectHead);
      expect(text(r.html)).toContain("Gaps for Head of IT Operations");
    }
    // an empty choice goes back to the next position and forgets the remembered one
    const next = (await personProgress(app.db, aisha, clockNow()))!;
    const reset = await page("/?target=", "aisha.khan");
    expect(reset.status).toBe(200);
    expect(text((await page("/", "aisha.khan")).html)).toContain(`Gaps for ${next.target!.name}`);
  });
});

describe("dashboard: managers and their reports", () => {
  it("a manager sees a report's dashboard with the report's numbers and evidence links", async () => {
    const { status, html } = await page(`/people/${ben}`, "daniel.kowalski");
    expect(status).toBe(200);
    expect(html).toContain("<h1>Ben Carter</h1>");
    const m = await personMatrix(app.db, ben, clockNow(), false);
    for (const s of m.scores) {
      const row = matrixRow(html, s.skill);
      expect(row.score.text).toBe(s.score.toFixed(1));
      expect(row.items.text.startsWith(String(s.items))).toBe(true);
      expect(row.score.href).toBe(`/evidence?person=${ben}&skill=${s.skill}`);
    }
    expect(html).toMatch(new RegExp(`href="/portfolio\\?person=${ben}&amp;target=\\d+"`));
    expect(html).toMatch(/<form method="get" action="\/people\/\d+"/);
  });

  it("an indirect manager sees the report too; ?target works there", async () => {
    const lead = await positionId("Support Team Lead");
    const { status, html } = await page(`/people/${ben}?target=${lead}`, "margaret.okafor");
    expect(status).toBe(200);
    const expected = (await personProgress(app.db, ben, clockNow(), { targetPositionId: lead }))!.targetReadiness!.percent;
    expect(html).toContain(`data-testid="target-percent">${expected}%`);
  });

  it("another manager, a colleague and anyone guessing an id get 404", async () => {
    expect((await page(`/people/${ben}`, "sofia.marin")).status).toBe(404);
    expect((await page(`/people/${ben}`, "aisha.khan")).status).toBe(404);
    expect((await page(`/people/${olga}`, "daniel.kowalski")).status).toBe(404);
    expect((await page("/people/987654", "daniel.kowalski")).status).toBe(404);
    expect((await page("/people/abc", "daniel.kowalski")).status).toBe(404);
    expect((await page(`/people/${ben}`, "admin")).status).toBe(200);
  });

  it("lists the manager's direct and indirect reports on their own dashboard, linking to /people/:id", async () => {
    const daniel = await page("/", "daniel.kowalski");
    const list = daniel.html.slice(daniel.html.indexOf('data-testid="reports"'));
    expect(list).toContain(`href="/people/${ben}"`);
    expect(list).toContain(`href="/people/${aisha}"`);
    expect(list).not.toContain(`href="/people/${olga}"`);
    const margaret = await page("/", "margaret.okafor");
    const all = margaret.html.slice(margaret.html.indexOf('data-testid="reports"'));
    // indirect reports (Daniel's and Sofia's people) as well as direct ones
    expect(all).toContain(`href="/people/${ben}"`);
    expect(all).toContain(`href="/people/${olga}"`);
    expect(text(all)).toContain("via Daniel Kowalski");
    // engineers have no such list
    expect((await page("/", "ben.carter")).html).not.toContain('data-testid="reports"');
  });
});
