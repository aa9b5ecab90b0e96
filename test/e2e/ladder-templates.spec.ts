// Ladder templates and tracks in Chromium (issue 17, parts 4 and 5): an admin exports the ladder as JSON,
// imports seeds/ladders/support-dual-track.json through its preview, and an engineer at the fork then
// targets a rung of the individual-contributor track on the dashboard and the portfolio.
//
// The ladder is one per organisation, and the desktop and phone projects run this file at the same time
// on one database: whichever applies the template first sees its changes; the other then finds "No
// changes" for the IC rungs (or, when the first applied between its preview and its confirmation, the
// fresh preview of a 409). Both end with the template's rungs on the ladder, which the engineer's half needs. The
// template only adds the IC rungs and certifications to the default ladder's positions, so the other
// specs' positions (Support Engineer II, Support Team Lead) keep their names.
import fs from "node:fs";
import type { Page } from "@playwright/test";
import { makeTeam } from "../support/factories";
import { USERS, expect, expectAccessible, reviewShot, test } from "./support";

const TEMPLATE = "seeds/ladders/support-dual-track.json";

async function expectFits(page: Page) {
  // against the configured width: a phone's layout viewport (innerWidth) grows with content that overflows
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(page.viewportSize()!.width);
}

/** Chooses a target position by name (its option may carry "(next)" or "(current)"). */
async function pickTarget(page: Page, name: string) {
  const select = page.getByLabel("Target position", { exact: true });
  const value = await select.locator("option", { hasText: new RegExp(`^${name}( \\(|$)`) }).getAttribute("value");
  await select.selectOption(value!);
}

test.describe.configure({ mode: "serial" });

test("an admin exports the ladder as JSON and imports the dual-track template after its preview", async ({ page, login }) => {
  await login(USERS.admin);
  await page.goto("/admin/ladder");
  await expect(page.getByRole("heading", { level: 1, name: "Career ladder" })).toBeVisible();

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export the ladder (JSON)" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^supportpath-ladder-\d{4}-\d{2}-\d{2}\.json$/);
  const exported = JSON.parse(fs.readFileSync((await file.path())!, "utf8"));
  expect(exported.format).toBe("supportpath-ladder");
  expect(exported.positions.map((p: { name: string }) => p.name)).toContain("Support Team Lead");

  await page.getByRole("link", { name: "Import a ladder template" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Import a ladder template" })).toBeVisible();
  await expectAccessible(page);

  // a file that is not a template: refused next to the field, nothing previewed
  await page.getByLabel("Ladder template (.json)").setInputFiles({
    name: "not-a-ladder.json",
    mimeType: "application/json",
    buffer: Buffer.from('{"format": "something-else"}'),
  });
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByTestId("ladder-preview")).toHaveCount(0);
  await expect(page.getByRole("alert").or(page.getByTestId("ladder-problems")).first()).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel("Ladder template (.json)").setInputFiles(TEMPLATE);
  await page.getByRole("button", { name: "Preview" }).click();
  const preview = page.getByTestId("ladder-preview");
  await expect(preview.getByRole("heading", { name: "Preview: Support ladder, dual track" })).toBeVisible();
  await expectAccessible(page);
  await reviewShot(page, "ladder-import-preview");
  await expectFits(page);

  // Applied only while the template's IC rungs are still missing (another spec's change to one position
  // alone is not this test's to overwrite). Up to three rounds: a 409 (the ladder changed between the
  // preview and the confirmation) shows the fresh preview, to be confirmed again.
  const changes = preview.getByTestId("ladder-changes");
  const icRung = (name: string) => changes.getByRole("rowheader", { name, exact: true });
  for (let round = 0; round < 3; round++) {
    if ((await icRung("Principal Support Engineer").count()) === 0) break;
    await expect(icRung("Staff Support Engineer")).toBeVisible();
    await expect(changes.locator('tr[data-position="principal"]')).toContainText("added");
    await expect(preview.getByTestId("new-certifications").or(changes).first()).toBeVisible();
    await preview.getByRole("button", { name: "Import these changes" }).click();
    const applied = page.getByTestId("ladder-applied");
    await expect(applied.or(preview.getByRole("alert")).first()).toBeVisible();
    if ((await applied.count()) > 0) {
      await expect(applied).toContainText(/The template was imported: \d+ positions? changed\./);
      await reviewShot(page, "ladder-import-applied");
      break;
    }
  }

  // the ladder now has the template's IC rungs: a second preview no longer adds them
  await page.getByLabel("Ladder template (.json)").setInputFiles(TEMPLATE);
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(preview.getByRole("heading", { name: "Preview: Support ladder, dual track" })).toBeVisible();
  await expect(icRung("Principal Support Engineer")).toHaveCount(0);
  await expect(icRung("Staff Support Engineer")).toHaveCount(0);
  await expectAccessible(page);
  await page.goto("/admin/ladder");
  const ladder = page.getByTestId("ladder");
  await expect(ladder.getByRole("link", { name: "Principal Support Engineer" })).toBeVisible();
  await expect(ladder.getByRole("link", { name: "Staff Support Engineer" })).toBeVisible();
  await expectAccessible(page);
  await reviewShot(page, "ladder-after-import");
  await expectFits(page);
});

test("an engineer at the fork targets a rung of the individual-contributor track", async ({ page, db, login }) => {
  const {
    members: [engineer],
  } = await makeTeam(db, { count: 1, position: "Senior Support Engineer" });
  await login(engineer!);
  await page.goto("/");
  // at the fork: the next rung of the other track beside the next position
  await expect(page.getByTestId("other-next")).toBeVisible();
  const select = page.getByLabel("Target position", { exact: true });
  await expect(select.locator('optgroup[label="Individual contributor track"]')).toContainText("Principal Support Engineer");
  await pickTarget(page, "Principal Support Engineer");
  await page.getByRole("button", { name: "Show readiness" }).click();
  await expect(page).toHaveURL(/\?target=\d+/);
  await expect(page.getByTestId("target-readiness")).toContainText("Principal Support Engineer");
  await expect(page.getByRole("heading", { name: /Gaps for Principal Support Engineer/ })).toBeVisible();
  await expectAccessible(page);
  await reviewShot(page, "ladder-dashboard-target");
  await expectFits(page);

  // the portfolio export carries the chosen target
  await page.getByRole("link", { name: "Export portfolio" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Portfolio export" })).toBeVisible();
  await expect(page.getByLabel("Target position", { exact: true })).toHaveValue(/\d+/);
  await expect(page.locator("dl.facts")).toContainText("Principal Support Engineer");
  await expectAccessible(page);
  await reviewShot(page, "ladder-portfolio-target");
  await expectFits(page);
});
