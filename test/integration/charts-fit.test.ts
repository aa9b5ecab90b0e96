// Issue 16, point 7 over HTTP: the charts take their card's width (a viewBox and width 100%, so the cached
// markup needs no measuring), the running month is labelled "so far", and a chart with nothing to draw is
// a sentence and an action. Fresh people per test; the demo engineer for the charts with data.
import { beforeAll, describe, expect, it } from "vitest";
import { now as clockNow } from "../../app/clock.server";
import { monthLabel } from "../../app/components/trend-chart";
import { monthOf } from "../../app/domain/scoring";
import { type TestApp, startApp } from "../support/app";
import { makeEvidence, makePerson } from "../support/factories";

let app: TestApp;
const PASSWORD = "correct horse battery staple 16";

beforeAll(async () => {
  app = await startApp();
});

const html = async (path: string, cookie: string) => {
  const res = await app.get(path, cookie);
  expect(res.status).toBe(200);
  return res.text();
};

/** The root SVG of a chart by its id. */
const svgOf = (page: string, id: string) => new RegExp(`<svg[^>]*id="${id}"[^>]*>`).exec(page)?.[0] ?? "";
/** The element with an id and what follows it, short: a failing match prints this, not the whole page. */
const around = (page: string, id: string) => {
  const at = page.indexOf(`id="${id}"`);
  return at < 0 ? `(no ${id})` : page.slice(Math.max(0, at - 40), at + 400);
};

describe("charts that fit their card", () => {
  it("draws the dashboard's radar and trend at the card's width, their drawing kept as a viewBox", async () => {
    const page = await html("/", await app.signIn("aisha.khan@example.com"));
    for (const id of ["dashboard-radar", "dashboard-trend"]) {
      const svg = svgOf(page, id);
      expect(svg).toMatch(/width="100%"/);
      expect(svg).toMatch(/viewBox="0 0 \d+ \d+"/);
      expect(svg).not.toMatch(/\sheight="/);
    }
    // the radar is drawn larger than before (520 × 376)
    const [, w, h] = /viewBox="0 0 (\d+) (\d+)"/.exec(svgOf(page, "dashboard-radar"))!;
    expect(Number(w)).toBeGreaterThanOrEqual(600);
    expect(Number(h)).toBeGreaterThan(376);
    expect(page).not.toMatch(/class="recharts-wrapper" style="[^"]*width:\d+px/);
  });

  it("labels the running month of the trend chart 'so far', on the axis and in the table", async () => {
    const page = await html("/", await app.signIn("aisha.khan@example.com"));
    const running = `${monthLabel(monthOf(clockNow()))} so far`;
    expect(page).toContain(`<th scope="row">${running}</th>`);
    const trend = page.slice(page.indexOf('id="dashboard-trend"'), page.indexOf("</svg>", page.indexOf('id="dashboard-trend"')));
    expect(trend).toContain(running);
    // only the running month is partial
    expect(page.match(/ so far<\/th>/g)?.length).toBe(1);
  });

  it("draws the team's load chart at the card's width, its running month labelled 'so far'", async () => {
    const page = await html("/team", await app.signIn("daniel.kowalski@example.com"));
    const svg = svgOf(page, "team-load-chart");
    expect(svg).toMatch(/width="100%"/);
    expect(svg).toMatch(/viewBox="0 0 \d+ \d+"/);
    expect(page).toContain(`<th scope="row">${monthOf(clockNow())} so far</th>`);
  });
});

describe("an empty chart is a sentence and an action", () => {
  it("shows a newcomer a sentence and a link to log an item instead of an empty radar and trend", async () => {
    const p = await makePerson(app.db, { position: "Support Engineer I", password: PASSWORD });
    const page = await html("/", await app.signIn(p.email, PASSWORD));
    expect(page).not.toContain('id="dashboard-radar"');
    expect(page).not.toContain('id="dashboard-trend"');
    expect(around(page, "dashboard-radar-empty")).toMatch(
      /id="dashboard-radar-empty"[^>]*>No levels yet: each skill&#x27;s level shows here once you log evidence for it\./,
    );
    expect(around(page, "dashboard-trend-empty")).toMatch(
      /id="dashboard-trend-empty"[^>]*>No scores yet:[^<]*(?:<!-- -->)? <a [^>]*href="\/evidence\/new"[^>]*>Log your first item<\/a>/,
    );
  });

  it("draws the charts again once the newcomer has logged an item", async () => {
    const p = await makePerson(app.db, { position: "Support Engineer I", password: PASSWORD });
    await makeEvidence(app.db, p.id);
    const page = await html("/", await app.signIn(p.email, PASSWORD));
    expect(page).toContain('id="dashboard-trend"');
    expect(page).not.toContain('id="dashboard-trend-empty"');
  });

  it("offers a manager a goal for a report with nothing logged, named by name", async () => {
    const lead = await makePerson(app.db, { role: "manager", position: "Support Team Lead", password: PASSWORD });
    const report = await makePerson(app.db, { managerId: lead.id, position: "Support Engineer I" });
    const page = await html(`/people/${report.id}`, await app.signIn(lead.email, PASSWORD));
    expect(around(page, "dashboard-trend-empty")).toContain(`once ${report.name} logs evidence`);
    expect(around(page, "dashboard-trend-empty")).toMatch(
      /id="dashboard-trend-empty"[^>]*>[^<]*(?:<!-- -->)? <a [^>]*href="\/goals\/new\?person=\d+"/,
    );
  });

  it("shows a team with no load a sentence instead of an empty load chart", async () => {
    const lead = await makePerson(app.db, { role: "manager", position: "Support Team Lead", password: PASSWORD });
    await makePerson(app.db, { managerId: lead.id, position: "Support Engineer I" });
    const page = await html("/team", await app.signIn(lead.email, PASSWORD));
    expect(page).not.toContain('id="team-load-chart"');
    expect(around(page, "team-load-chart-empty")).toMatch(/id="team-load-chart-empty"[^>]*>No load in the last \d+ months/);
  });
});
