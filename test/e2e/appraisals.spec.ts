import type { Page } from "@playwright/test";
import { now as clockNow, nowMs } from "../../app/clock.server";
import { DEFAULT_SKILLS } from "../../app/domain/defaults";
import { makeEvidence, makeTeam } from "../support/factories";
import { expect, expectAccessible, reviewShot, test, USERS } from "./support";

const DAY = 86_400_000;
// Dates and the demo cycle names from the clock the server runs on (a frozen clock in a variant run).
const day = (offset: number) => new Date(nowMs() + offset * DAY).toISOString().slice(0, 10);

async function shot(page: Page, name: string) {
  await reviewShot(page, `appraisals-${name}`);
}

/** From /appraisals: the employee finds it under their own appraisals, the manager under the reports' appraisals. */
async function openAppraisal(page: Page, cycle: string, name: string, asManager: boolean) {
  await page.goto("/appraisals");
  await page.getByRole("link", { name: asManager ? new RegExp(`^${cycle}\\s*: ${name}$`) : cycle, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: new RegExp(`${name}: ${cycle}`) })).toBeVisible();
}

/** The cycle form at /admin/cycles, filled in. */
async function fillCycle(page: Page, cycle: string, end: string) {
  await page.getByLabel("Name").fill(cycle);
  await page.getByLabel("Period start").fill(day(-300));
  await page.getByLabel("Period end").fill(end);
  await page.getByLabel("Self-assessment due").fill(day(10));
  await page.getByLabel("Manager review due").fill(day(20));
  await page.getByRole("button", { name: "Create cycle" }).click();
}

test("an admin creates a cycle: a period that ends before it starts is refused next to the field", async ({ page, login }) => {
  const cycle = `E2E cycle ${Date.now()}`;
  await login(USERS.admin);
  await page.goto("/admin/cycles");
  await fillCycle(page, cycle, day(-400));
  await expect(page.getByText("The period must end after it starts.")).toBeVisible();
  await expect(page.getByLabel("Period end")).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page);
  await page.getByLabel("Period end").fill(day(-1));
  await page.getByRole("button", { name: "Create cycle" }).click();
  await expect(page.getByRole("status")).toContainText("Cycle created");
  await expect(page.getByRole("link", { name: cycle })).toBeVisible();
  await expectAccessible(page);
});

test("a full appraisal: admin creates the cycle, manager starts it, employee self-assesses, manager signs off, employee acknowledges", async ({
  page,
  db,
  login,
}) => {
  const cycle = `E2E review ${Date.now()}`;
  // a manager and a report of the test's own, with an item in the period: the demo's cycles stay as seeded
  const {
    manager,
    members: [report],
  } = await makeTeam(db, { count: 1, position: "Support Engineer II" });
  const name = report!.name;
  await makeEvidence(db, report!.id, { resolvedAt: new Date(nowMs() - 10 * DAY).toISOString() }, { status: "verified" });

  await login(USERS.admin);
  await page.goto("/admin/cycles");
  await fillCycle(page, cycle, day(-1));
  await expect(page.getByRole("status")).toContainText("Cycle created");

  // Manager: start the report's appraisal from the cycle's roster.
  // (axe scans the list of cycles, a roster, an acknowledged appraisal and a history in the tests below:
  // here only the forms that need this journey's states)
  await login(manager);
  await page.goto("/appraisals");
  await page.getByRole("link", { name: cycle, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: cycle })).toBeVisible();
  await expect(page.getByRole("button", { name: /Start for all my reports \(1\)/ })).toBeVisible();
  await page.getByRole("button", { name: `Start the appraisal of ${name}` }).click();
  await expect(page.getByRole("status")).toContainText("Appraisal started");
  await expect(page.getByText("Self-assessment", { exact: true }).first()).toBeVisible();

  // Employee: a refused submission, then the full self-assessment.
  await login(report!);
  await openAppraisal(page, cycle, name, false);
  await page.getByRole("button", { name: "Submit to manager" }).click();
  await expect(page.getByText("Write a short summary of your period")).toBeVisible();
  await expect(page.getByText("Choose your level for this skill").first()).toBeVisible();
  await expectAccessible(page);
  for (const [i, s] of DEFAULT_SKILLS.entries()) {
    await page.getByLabel(`Your level — ${s.name}`).selectOption(String((i % 4) + 1));
  }
  await page.getByLabel(`Comment on ${DEFAULT_SKILLS[1]!.name}`).fill("Led the payments outage bridge");
  await page.getByLabel("Summary of your period").fill("A year of P1s, a DR drill and two knowledge articles.");
  await page.getByRole("button", { name: "Submit to manager" }).click();
  await expect(page.getByRole("status")).toContainText("Self-assessment submitted");
  await expect(page.getByText("Manager review", { exact: true }).first()).toBeVisible();
  await expect(page.getByRole("button", { name: "Submit to manager" })).toHaveCount(0);
  await shot(page, "submitted");

  // Manager: review and sign off.
  await login(manager);
  await openAppraisal(page, cycle, name, true);
  await expect(page.getByRole("cell", { name: /Led the payments outage bridge/ })).toBeVisible();
  for (const [i, s] of DEFAULT_SKILLS.entries()) {
    await page.getByLabel(`Your rating — ${s.name}`).selectOption(String((i % 3) + 2));
  }
  await page.getByLabel("Overall comment").fill("A strong year on call.");
  await page.getByLabel("Overall outcome").selectOption({ label: "Exceeds expectations" });
  await page.getByLabel("Promotion recommendation: target position").selectOption({ label: "Senior Support Engineer" });
  await page.getByLabel("Ready for the target position").selectOption({ label: "Ready in 6–12 months" });
  await expectAccessible(page);
  await page.getByRole("button", { name: "Sign off" }).click();
  await page.getByRole("dialog", { name: "Sign off this appraisal?" }).getByRole("button", { name: "Yes, sign off" }).click();
  await expect(page.getByRole("status")).toContainText("Signed off");
  await expect(page.getByText("snapshot taken at sign-off")).toBeVisible();
  await expect(page.getByRole("button", { name: "Sign off" })).toHaveCount(0);
  await expect(page.getByText("Senior Support Engineer — Ready in 6–12 months")).toBeVisible();
  await shot(page, "signed-off");

  // Employee: acknowledge; the audit log shows the whole story.
  await login(report!);
  await openAppraisal(page, cycle, name, false);
  await page.getByRole("button", { name: "Acknowledge" }).click();
  await expect(page.getByRole("status")).toContainText("Acknowledged");
  await expect(page.locator("h1 .badge")).toHaveText("Acknowledged");
  const audit = page.locator("section", { has: page.getByRole("heading", { name: "Audit log" }) });
  for (const step of ["Start appraisal", "Submit self-assessment", "Sign off", "Acknowledge"]) {
    await expect(audit.getByText(step, { exact: true }).first()).toBeVisible();
  }
  await expect(audit.getByText("State: Signed off → Acknowledged")).toBeVisible();
  // the evidence of the period is one click away
  const evidenceLink = page.getByRole("link", { name: /^\d+ items?$/ });
  await expect(evidenceLink).toHaveAttribute("href", new RegExp(`^/evidence\\?person=\\d+&from=${day(-300)}&to=${day(-1)}$`));
  await shot(page, "acknowledged");
  await page.getByRole("link", { name: `All cycles of ${name}` }).click();
  await expect(page.getByRole("heading", { name: `Appraisal history: ${name}` })).toBeVisible();
  await expect(page.getByRole("link", { name: cycle })).toBeVisible();
});

test("axe: calibration, a seeded signed-off appraisal and the admin pages", async ({ page, login }) => {
  await login(USERS.admin);
  await page.goto("/appraisals");
  await expectAccessible(page);
  const past = `${clockNow().getUTCFullYear() - 1} annual review`;
  await page.getByRole("link", { name: `Calibration of ${past}` }).click();
  await expect(page.getByRole("heading", { name: `Calibration: ${past}` })).toBeVisible();
  await expect(page.getByText(/Lenient: Rates higher/)).toBeVisible();
  await expectAccessible(page);
  await shot(page, "calibration");
  await page.goto("/admin/settings");
  await expectAccessible(page);
  await page.getByLabel("Half-life of evidence (months)").fill("0");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("Enter the half-life in months between 1 and 240.")).toBeVisible();
  await expectAccessible(page);

  await login(USERS.engineer);
  await page.goto("/appraisals");
  await page.getByRole("link", { name: past }).click();
  await expect(page.getByText("snapshot taken at sign-off")).toBeVisible();
  await expectAccessible(page);
});

test("axe: a cycle's roster before anything started, and an appraisal history", async ({ page, login }) => {
  // the demo's current cycle: Daniel has not started his reports' appraisals yet
  await login(USERS.manager);
  await page.goto("/appraisals");
  const current = `${clockNow().getUTCFullYear()} annual review`;
  // the cycle's own page (Daniel's own appraisal in it has the same name)
  await page.locator('a[href^="/appraisals/cycles/"]', { hasText: new RegExp(`^${current}$`) }).click();
  await expect(page.getByRole("heading", { level: 1, name: current })).toBeVisible();
  await expect(page.getByRole("button", { name: /Start for all my reports \(6\)/ })).toBeVisible();
  await expectAccessible(page);

  await login(USERS.engineer);
  await page.goto("/appraisals");
  await page.getByRole("link", { name: `${clockNow().getUTCFullYear() - 1} annual review` }).click();
  await page.getByRole("link", { name: "All cycles of Aisha Khan" }).click();
  await expect(page.getByRole("heading", { name: "Appraisal history: Aisha Khan" })).toBeVisible();
  await expectAccessible(page);
});
