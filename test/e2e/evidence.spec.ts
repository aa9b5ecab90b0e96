import type { Page } from "@playwright/test";
import { makeTeam } from "../support/factories";
import { expect, expectAccessible, reviewShot, test, USERS } from "./support";

const shot = (page: Page, name: string) => reviewShot(page, `evidence-${name}`);

test("an engineer logs a P1 incident they led, sees its skills with reasons, submits it; the manager verifies it from the queue; another team cannot open it", async ({
  page,
  db,
  login,
}) => {
  const title = `Led the P1 bridge for the checkout outage ${Date.now()}`;
  // people of the test's own: the manager's queue holds this item only, and nobody else's numbers move
  const {
    manager,
    members: [engineer],
  } = await makeTeam(db, { count: 1 });
  const {
    members: [outsider],
  } = await makeTeam(db, { count: 1 });

  await login(engineer!);
  await page.goto("/evidence");
  await expect(page.getByRole("heading", { name: "Your evidence" })).toBeVisible();
  await expectAccessible(page);
  await shot(page, "list");

  await page.getByRole("link", { name: "Log evidence" }).click();
  await expect(page.getByRole("heading", { name: "Log evidence" })).toBeVisible();
  await page.getByLabel("Kind of work").selectOption("incident");
  // with JavaScript, details that do not apply to incidents are hidden
  await expect(page.getByRole("group", { name: "Priority and impact" })).toBeVisible();
  await expect(page.getByRole("group", { name: "Change details" })).toBeHidden();
  await expectAccessible(page);
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("External reference").fill("INC0077001");
  await page.getByLabel("Started (UTC)").fill("2026-03-02T01:10");
  await page.getByLabel("Finished (UTC)").fill("2026-03-02T03:40");
  await page.getByLabel("Priority").selectOption("P1");
  await page.getByLabel("Business impact").selectOption("critical");
  await page.getByLabel("Your role").selectOption("lead");
  await page.getByLabel("Outcome").selectOption("resolved");
  await page
    .getByLabel("Notes")
    .fill("**Root cause:** connection pool exhausted after the deploy.\n\n- rolled back\n- raised the pool limit");
  await shot(page, "new");
  await page.getByRole("button", { name: "Submit for review" }).click();

  await expect(page.getByRole("heading", { name: title })).toBeVisible();
  await expect(page.getByRole("status")).toHaveText("Submitted for review.");
  const points = page.getByRole("list", { name: "Contributions" });
  await expect(points).toContainText("P1 incident: +4 Crisis and major-incident handling");
  await expect(points).toContainText("Major incident you led: +3 Leadership and ownership");
  await expect(points).toContainText("Incident resolved: +2 Debugging and root-cause analysis");
  await expect(page.locator(".markdown strong")).toHaveText("Root cause:");
  await expectAccessible(page);
  await shot(page, "item");
  const itemUrl = new URL(page.url()).pathname;

  await page.getByRole("link", { name: "Edit", exact: true }).click();
  await expect(page.getByRole("heading", { name: /Edit evidence/ })).toBeVisible();
  await expect(page.getByLabel("Title")).toHaveValue(title);
  await expectAccessible(page);
  await shot(page, "edit");

  // The manager finds it in the review queue and verifies it.
  await login(manager);
  await page.goto("/");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Review queue" }).click();
  await expect(page.getByRole("heading", { name: "Review queue" })).toBeVisible();
  await expectAccessible(page);
  await page
    .getByLabel("Person")
    .selectOption({ label: (await page.getByLabel("Person").locator("option", { hasText: engineer!.name }).textContent())! });
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(/person=\d+/);
  const verify = page.getByRole("button", { name: `Verify “${title}”` });
  await shot(page, "review");
  await verify.click();
  await expect(page.getByRole("status")).toContainText("Verified");
  await page.goto(itemUrl);
  await expect(page.locator(".page-head .badge")).toHaveText("Verified");
  await expect(page.getByRole("list", { name: "Contributions" })).toContainText("P1 incident: +4");

  // Someone from another team gets the same 404 as for an item that does not exist.
  await login(outsider!);
  const res = await page.goto(itemUrl);
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expect(page.getByText(title)).toHaveCount(0);
});

test("filters live in the URL: a filtered view can be bookmarked", async ({ page, login }) => {
  await login(USERS.report);
  await page.goto("/evidence");
  await page.getByLabel("Kind").selectOption("incident");
  await page.getByLabel("Status").selectOption("verified");
  await page.getByLabel("Finished from").fill("2025-01-01");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/kind=incident/);
  await expect(page).toHaveURL(/status=verified/);
  await expect(page).toHaveURL(/from=2025-01-01/);
  const rows = page.locator("table.evidence-table tbody tr");
  await expect(rows.first()).toBeVisible();
  for (const row of await rows.all()) {
    await expect(row.locator("td").nth(2)).toHaveText("Incident");
    await expect(row.locator(".badge").last()).toHaveText("Verified");
  }
  const bookmarked = page.url();
  const summary = await page.locator(".pagination span").nth(1).textContent();

  await page.goto("/");
  await page.goto(bookmarked);
  await expect(page.getByLabel("Kind")).toHaveValue("incident");
  await expect(page.getByLabel("Status")).toHaveValue("verified");
  await expect(page.locator(".pagination span").nth(1)).toHaveText(summary!);
  await shot(page, "filtered");
});

test("the form works without JavaScript: every fieldset is shown with the kinds it applies to", async ({ browser, login }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await login(USERS.report, context);
  await page.goto("/evidence/new");
  for (const legend of [
    "Priority and impact",
    "Your role",
    "Ticket history",
    "Change details",
    "Refactoring details",
    "Time and after-hours work",
  ]) {
    await expect(page.getByRole("group", { name: legend })).toBeVisible();
  }
  await expect(page.getByRole("group", { name: "Change details" })).toContainText("For: Change request.");
  await page.getByLabel("Title").fill("Drill without JavaScript");
  await page.getByLabel("Kind of work").selectOption("dr_drill");
  await page.getByLabel("Your role").selectOption("lead");
  await page.getByRole("button", { name: "Save as draft" }).click();
  await expect(page.getByRole("heading", { name: "Drill without JavaScript" })).toBeVisible();
  await expect(page.getByRole("list", { name: "Contributions" })).toContainText("DR drill you led: +3 Leadership and ownership");
  await expect(page.locator(".page-head .badge")).toHaveText("Draft");
  await context.close();
});

test("an admin sees, adds and edits mapping rules", async ({ page, login }) => {
  await login(USERS.admin);
  await page.goto("/admin/rules");
  await expect(page.getByRole("heading", { name: "Mapping rules" })).toBeVisible();
  await expect(page.getByRole("cell", { name: "P1 incident", exact: true })).toBeVisible();
  await expectAccessible(page);
  await shot(page, "rules");

  await page.getByRole("link", { name: "Add a rule" }).click();
  await expect(page.getByRole("heading", { name: "Add a mapping rule" })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("Kind of work").selectOption("incident");
  await page.getByLabel("Skill").selectOption("communication");
  await page.getByLabel("Points").fill("12");
  await page.getByLabel("Reason people see").fill("Major incident with a customer bridge");
  await page.getByRole("group", { name: "Priority" }).getByLabel("P1").check();
  await page.getByRole("button", { name: "Add the rule" }).click();
  // the browser already refuses 12 points (the server refuses it too: see the HTTP tests)
  await expect(page).toHaveURL(/\/admin\/rules\/new$/);
  expect(await page.getByLabel("Points").evaluate((el: HTMLInputElement) => el.validity.rangeOverflow)).toBe(true);
  await page.getByLabel("Points").fill("1");
  await page.getByRole("button", { name: "Add the rule" }).click();
  await expect(page.getByRole("status")).toContainText("added");
  const row = page.getByRole("row", { name: /Major incident with a customer bridge/ });
  await expect(row).toContainText("priority P1");

  await row.getByRole("link", { name: /Edit rule/ }).click();
  await expect(page.getByRole("heading", { name: /Rule \d+: Major incident with a customer bridge/ })).toBeVisible();
  await expectAccessible(page);
  await shot(page, "rule-edit");
  // An edit shows what it changes first (issue 16); Apply saves it.
  await page.getByLabel("Points").fill("2");
  await page.getByRole("button", { name: "Preview the change" }).click();
  const preview = page.getByRole("region", { name: "Preview: what saving changes" });
  await expect(preview).toContainText(/\d+ items? of \d+ change their points|No item's points change/);
  await expectAccessible(page);
  await shot(page, "rule-preview");
  await preview.getByRole("button", { name: "Apply: save the rule" }).click();
  await expect(page.getByRole("status")).toContainText("saved");
  await row.getByRole("link", { name: /Edit rule/ }).click();
  await expect(page.getByLabel("Points")).toHaveValue("2");
  await page.getByRole("button", { name: "Deactivate the rule" }).click();
  await expect(page.getByRole("status")).toContainText("deactivated");
  await expect(page.getByRole("row", { name: /Major incident with a customer bridge/ })).toContainText("Inactive");
});
