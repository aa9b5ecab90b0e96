// The engineer's dashboard, goals, a manager's view of a report and the ladder admin, in Chromium.
// Run: npm run build && E2E_PORT=3204 npx playwright test test/e2e/dashboard.spec.ts
import type { Locator, Page } from "@playwright/test";
import { nowMs } from "../../app/clock.server";
import { type MadePerson, makeEvidence, makeTeam } from "../support/factories";
import { type DB } from "../../app/db.server";
import { USERS, expect, expectAccessible, test } from "./support";

const SHOTS = process.env.DASHBOARD_SHOTS; // a directory: save screenshots for review

async function shot(page: Page, name: string) {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/dashboard-${name}.png`, fullPage: true });
}

function matrixRow(page: Page, skill: string): Locator {
  return page.getByTestId("skill-matrix").locator(`tr[data-skill="${skill}"]`);
}

async function num(cell: Locator): Promise<number> {
  return Number.parseFloat((await cell.innerText()).replace(/[^\d.-]/g, ""));
}

/** Chooses a target position by name (its option may carry "(next)" or "(current)"). */
async function pickTarget(page: Page, name: string) {
  const select = page.getByLabel("Target position");
  const value = await select.locator("option", { hasText: new RegExp(`^${name}( \\(|$)`) }).getAttribute("value");
  await select.selectOption(value!);
}

/** The signed 90-day trend of a matrix row ("▲ up +1.4" → 1.4, "▼ down −1.0" → -1). */
async function trend(row: Locator): Promise<number> {
  const t = await row.locator('[data-col="trend"]').innerText();
  const n = Number.parseFloat(t.replace(/[^\d.]/g, ""));
  return t.includes("▼") ? -n : n;
}

/**
 * An engineer of the test's own, with a manager and a little history: tests that change an engineer's
 * numbers use one, so that no other test (running at the same time) sees them move.
 */
async function engineerWithHistory(db: DB): Promise<MadePerson> {
  const { members } = await makeTeam(db, { count: 1, position: "Support Engineer II" });
  const me = members[0]!;
  const day = 86_400_000;
  await makeEvidence(db, me.id, { kind: "incident", priority: "P2", impact: "high", workRole: "lead" }, { status: "verified" });
  await makeEvidence(db, me.id, {
    kind: "change",
    priority: null,
    impact: null,
    workRole: "contributor",
    outcome: null,
    resolvedAt: new Date(nowMs() - 40 * day).toISOString(),
  });
  await makeEvidence(db, me.id, {
    kind: "knowledge",
    priority: null,
    impact: null,
    workRole: null,
    outcome: null,
    resolvedAt: new Date(nowMs() - 200 * day).toISOString(),
  });
  return me;
}

test("an engineer sees radar and readiness, logs a DR drill they led, and sees continuity and readiness move", async ({
  page,
  db,
  login,
}) => {
  await login(await engineerWithHistory(db));
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Your dashboard" })).toBeVisible();

  // radar and trend: server-rendered SVG, with text alternatives
  await expect(page.locator("svg#dashboard-radar")).toBeVisible();
  await expect(page.locator("svg#dashboard-trend")).toBeVisible();
  await expect(page.getByRole("img", { name: /Radar chart of current skill levels/ })).toBeVisible();
  await page.getByText("Radar data as a table").click();
  await expect(page.getByRole("table", { name: "Current and required level per skill" })).toBeVisible();

  const next = page.getByTestId("next-readiness");
  await expect(next).toContainText(/\d+%/);
  await expect(next).toContainText("ready for");
  await expect(page.getByTestId("skill-matrix")).toBeVisible();
  await expectAccessible(page);
  await shot(page, "engineer");

  // where continuity stands now
  const continuity = matrixRow(page, "continuity");
  const leadership = matrixRow(page, "leadership");
  const scoreBefore = await num(continuity.locator('[data-col="score"] a'));
  const itemsBefore = await num(continuity.locator('[data-col="items"] a'));
  const leadershipBefore = await num(leadership.locator('[data-col="score"] a'));
  const gap = page.getByTestId("gaps").locator('tr[data-skill="continuity"] [data-col="need"]');
  await expect(gap, "continuity is a gap for the next position").toBeVisible();
  const needBefore = await gap.innerText();
  const percentBefore = await page.getByTestId("target-percent").innerText();
  const trendBefore = await trend(continuity);
  const finished = new Date(nowMs() - 2 * 3600_000);

  // log the drill through the evidence form
  await page.getByRole("link", { name: "Log evidence" }).click();
  await expect(page).toHaveURL(/\/evidence\/new$/);
  await page.getByLabel("Title").fill("Led the quarterly DR drill: payments database failover");
  await page.getByLabel("Kind of work").selectOption({ label: "DR / continuity drill" });
  await page.getByLabel("Finished (UTC)").fill(finished.toISOString().slice(0, 16));
  await page.getByRole("combobox", { name: "Your role" }).selectOption({ label: "Lead" });
  await page.getByRole("button", { name: "Submit for review" }).click();
  await expect(page).toHaveURL(/\/evidence\/\d+/);

  // back on the dashboard: more continuity and leadership, one more item, the gap closer
  await page.goto("/");
  expect(await num(continuity.locator('[data-col="score"] a'))).toBeGreaterThan(scoreBefore);
  expect(await num(continuity.locator('[data-col="items"] a'))).toBe(itemsBefore + 1);
  expect(await num(leadership.locator('[data-col="score"] a'))).toBeGreaterThan(leadershipBefore);
  await expect(continuity.locator('[data-col="last"]')).toHaveText(finished.toISOString().slice(0, 10));
  expect(await trend(continuity)).toBeGreaterThan(trendBefore);
  // readiness: what continuity still needs for the next level shrank, or (if the level was reached) the percentage moved
  const gapAfter = page.getByTestId("gaps").locator('tr[data-skill="continuity"]');
  if (await gapAfter.count()) expect(await gapAfter.locator('[data-col="need"]').innerText()).not.toBe(needBefore);
  else expect(await page.getByTestId("target-percent").innerText()).not.toBe(percentBefore);

  // a chosen target: Support Team Lead, through the GET form
  await pickTarget(page, "Support Team Lead");
  await page.getByRole("button", { name: "Show readiness" }).click();
  await expect(page).toHaveURL(/\?target=\d+/);
  await expect(page.getByRole("heading", { name: /Gaps for Support Team Lead: \d+% ready/ })).toBeVisible();
  const gaps = page.getByTestId("gaps").locator("tbody tr");
  expect(await gaps.count()).toBeGreaterThan(0);
  // largest gap first
  const sizes = await gaps.locator("td.num").allInnerTexts();
  expect([...sizes].map(Number).sort((a, b) => b - a)).toEqual(sizes.map(Number));
  const steps = page.getByTestId("next-steps");
  await expect(steps).toBeVisible();
  await expect(steps.getByText(/^Lead a DR \/ continuity drill: \+4 Disaster recovery/).first()).toBeVisible();
  await expect(page.getByRole("link", { name: "Export portfolio" })).toHaveAttribute("href", /^\/portfolio\?target=\d+$/);
  await expectAccessible(page);
  await shot(page, "target");
});

test("an engineer sets a development goal from a gap, links evidence, edits and deletes it", async ({ page, db, login }) => {
  const me = await engineerWithHistory(db);
  await makeEvidence(db, me.id, {
    kind: "dr_drill",
    title: "Led the quarterly DR drill: payments database failover",
    workRole: "lead",
    priority: null,
    impact: null,
    outcome: null,
  });
  await login(me);
  await page.goto("/");
  // the "Set a goal" column is not clipped by the gaps table's scrolling box (issue 16, point 9)
  const setGoal = page.getByRole("link", { name: "Set a goal for Disaster recovery and business continuity" });
  const linkBox = (await setGoal.boundingBox())!;
  const scrollBox = (await page.getByTestId("gaps").locator("xpath=..").boundingBox())!;
  expect(linkBox.x + linkBox.width).toBeLessThanOrEqual(scrollBox.x + scrollBox.width + 1);
  await shot(page, "gaps");
  await setGoal.click();
  await expect(page.getByRole("heading", { name: "New development goal" })).toBeVisible();
  await expect(page.getByLabel("Skill it develops")).toHaveValue("continuity");
  await expectAccessible(page);
  await page.getByLabel("Goal", { exact: true }).fill("Run two more DR drills this year");
  await page.getByLabel("Due date").fill("2027-06-30");
  await page.getByLabel(/Led the quarterly DR drill/).check();
  await page.getByRole("button", { name: "Create goal" }).click();
  await expect(page).toHaveURL(/\/\?goal=\d+&goalDone=created#goals$/);
  await expect(page.getByTestId("goal-done")).toHaveText("Goal “Run two more DR drills this year” created.");
  const goals = page.getByTestId("goals");
  const row = goals.locator("tr", { hasText: "Run two more DR drills this year" });
  await expect(row).toContainText("Disaster recovery and business continuity");
  await expect(row).toContainText("2027-06-30");
  await expect(row).toContainText("Open");
  await expect(row.getByRole("link", { name: /Led the quarterly DR drill/ })).toBeVisible();

  await row.getByRole("link", { name: "Run two more DR drills this year" }).click();
  await expect(page.getByRole("heading", { name: "Edit goal" })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("Status").selectOption({ label: "In progress" });
  await page.getByRole("button", { name: "Save goal" }).click();
  await expect(page.getByTestId("goal-done")).toHaveText("Goal “Run two more DR drills this year” saved.");
  await expect(page.getByTestId("goals").locator("tr", { hasText: "Run two more DR drills this year" })).toContainText(
    "In progress",
  );
  await shot(page, "goals");

  await page.getByTestId("goals").getByRole("link", { name: "Run two more DR drills this year" }).click();
  await page.getByRole("link", { name: "Delete this goal…" }).click();
  await expect(page.getByRole("heading", { name: /Delete “Run two more DR drills this year”\?/ })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Delete goal" }).click();
  await expect(page).toHaveURL(/\/#goals$/);
  await expect(page.getByText("Run two more DR drills this year")).toHaveCount(0);
});

test("a manager opens a report's dashboard from their list of people", async ({ page, login }) => {
  await login(USERS.manager);
  await page.goto("/");
  const people = page.getByTestId("reports");
  await expect(people.getByRole("link", { name: "Ben Carter" })).toBeVisible();
  await expect(people.getByRole("link", { name: "Aisha Khan" })).toBeVisible();
  await people.getByRole("link", { name: "Ben Carter" }).click();
  await expect(page).toHaveURL(/\/people\/\d+$/);
  await expect(page.getByRole("heading", { name: "Ben Carter", level: 1 })).toBeVisible();
  await expect(page.locator("svg#dashboard-radar")).toBeVisible();
  await expect(page.getByTestId("next-readiness")).toContainText(/\d+%/);
  const benId = page.url().match(/\/people\/(\d+)/)![1];
  await expect(matrixRow(page, "debugging").locator('[data-col="score"] a')).toHaveAttribute(
    "href",
    `/evidence?person=${benId}&skill=debugging`,
  );
  await expectAccessible(page);
  await shot(page, "report");

  // the target form stays on the report's page
  await pickTarget(page, "Support Team Lead");
  await page.getByRole("button", { name: "Show readiness" }).click();
  await expect(page).toHaveURL(new RegExp(`/people/${benId}\\?target=\\d+$`));
  await expect(page.getByRole("heading", { name: /Gaps for Support Team Lead/ })).toBeVisible();

  // a goal for the report, set by the manager
  await page.getByRole("link", { name: "New goal" }).click();
  await expect(page.getByRole("heading", { name: "New goal for Ben Carter" })).toBeVisible();
  await expectAccessible(page);

  // another manager cannot open Ben's page
  await login(USERS.otherManager);
  const res = await page.goto(`/people/${benId}`);
  expect(res?.status()).toBe(404);
});

test("an admin edits the ladder; bad levels are refused at the field", async ({ page, login }) => {
  await login(USERS.admin);
  await page.goto("/admin/ladder");
  await expect(page.getByRole("heading", { name: "Career ladder" })).toBeVisible();
  const ladder = page.getByTestId("ladder");
  await expect(ladder.getByRole("link", { name: "Head of IT Operations" })).toBeVisible();
  await expectAccessible(page);
  await shot(page, "ladder");

  await ladder.getByRole("link", { name: "Support Team Lead" }).click();
  await expect(page.getByRole("heading", { name: "Support Team Lead", level: 1 })).toBeVisible();
  await expectAccessible(page);
  // past the browser's own min/max check, the server refuses too, next to the field
  const leadership = page.getByLabel("Leadership and ownership");
  await leadership.fill("9");
  await page.locator("form.ladder-form").evaluate((f) => ((f as HTMLFormElement).noValidate = true));
  await page.getByRole("button", { name: "Save position" }).click();
  await expect(page.locator("#f-req-leadership-error")).toHaveText("Enter a level from 0 to 7.");
  await expect(leadership).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page);

  await leadership.fill("5");
  await page.getByRole("button", { name: "Save position" }).click();
  await expect(page.getByRole("status")).toHaveText("Saved.");
  await expect(page.getByLabel("Leadership and ownership")).toHaveValue("5");
  await expect(page.getByRole("heading", { name: "Changes" })).toBeVisible();
  await expect(page.getByText(/Edited by Priya Raman/)).toBeVisible();
});
