// Issue 16, point 7 in Chromium, at 1280 and at 390 px (the desktop and phone projects): each chart is as
// wide as its card, the radar takes its card's width, the running month is labelled, and a newcomer sees a
// sentence and an action instead of empty charts.
// Run: npm run build && E2E_PORT=3216 E2E_SCREENSHOTS=/tmp/shots npx playwright test test/e2e/charts.spec.ts
import type { Locator, Page } from "@playwright/test";
import { makeEvidence, makePerson, makeTeam } from "../support/factories";
import { USERS, expect, reviewShot, test } from "./support";

/** The chart's SVG and the content box of the card it sits in, in CSS pixels. */
async function widths(chart: Locator) {
  return chart.evaluate((svg) => {
    const card = svg.closest(".panel, section, main")!;
    const style = getComputedStyle(card);
    const inner = card.getBoundingClientRect().width - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    return { chart: svg.getBoundingClientRect().width, card: inner };
  });
}

async function expectFits(page: Page, id: string) {
  const chart = page.locator(`svg#${id}`);
  await expect(chart).toBeVisible();
  const w = await widths(chart);
  // as wide as the card, to a pixel or two of rounding
  expect(Math.abs(w.chart - w.card)).toBeLessThanOrEqual(2);
  const box = (await chart.boundingBox())!;
  // the drawing keeps its aspect ratio: its height follows its width
  const [, vw, vh] = /0 0 (\d+) (\d+)/.exec((await chart.getAttribute("viewBox"))!)!.map(Number);
  expect(Math.abs(box.height - (box.width * vh!) / vw!)).toBeLessThanOrEqual(2);
  // and the page does not scroll sideways
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(page.viewportSize()!.width);
  return box;
}

test("the dashboard's radar and trend chart take their card's width", async ({ page, db, login }) => {
  const { members } = await makeTeam(db, { count: 1 });
  const me = members[0]!;
  await makeEvidence(db, me.id, { kind: "incident", priority: "P2", impact: "high", workRole: "lead" }, { status: "verified" });
  await login(me);
  await page.goto("/");
  const radar = await expectFits(page, "dashboard-radar");
  await expectFits(page, "dashboard-trend");
  // the radar is larger than its former fixed 520 px wherever the card allows it
  const viewport = page.viewportSize()!.width;
  if (viewport >= 1000) expect(radar.width).toBeGreaterThan(520);
  await expect(page.locator("svg#dashboard-trend")).toContainText("so far");
  await page.locator("svg#dashboard-radar").scrollIntoViewIfNeeded();
  await reviewShot(page, "charts-radar", false);
  await page.locator("svg#dashboard-trend").scrollIntoViewIfNeeded();
  await reviewShot(page, "charts-trend", false);
});

test("the team's load chart takes its card's width, the running month labelled", async ({ page, login }) => {
  await login(USERS.manager);
  await page.goto("/team");
  await expectFits(page, "team-load-chart");
  await expect(page.locator("svg#team-load-chart")).toContainText("so far");
  await page.locator("svg#team-load-chart").scrollIntoViewIfNeeded();
  await reviewShot(page, "charts-load", false);
});

test("a newcomer sees a sentence and an action instead of empty charts", async ({ page, db, login }) => {
  const me = await makePerson(db, { position: "Support Engineer I" });
  await login(me);
  await page.goto("/");
  await expect(page.locator("svg#dashboard-radar")).toHaveCount(0);
  const empty = page.locator("#dashboard-trend-empty");
  await expect(empty).toContainText("No scores yet");
  await empty.scrollIntoViewIfNeeded();
  await reviewShot(page, "charts-empty", false);
  await empty.getByRole("link", { name: "Log your first item" }).click();
  await expect(page).toHaveURL(/\/evidence\/new$/);
});
