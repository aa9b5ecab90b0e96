import { USERS, expect, expectAccessible, test } from "./support";

// The admin's teams path (issue 16, point 9): add a team, rename it, be refused retiring a team with members,
// retire the empty one; each page checked with axe, on desktop and at 390 px. Names are made per run so that
// parallel runs and the phone/desktop projects do not meet.
test("an admin adds, renames and retires a team", async ({ page, login }, info) => {
  const tag = `${info.project.name.replace(/[^a-z0-9]/gi, "").toLowerCase()}-${Date.now().toString(36)}`;
  const name = `E2E team ${tag}`;
  await login(USERS.admin);
  await page.goto("/admin");
  await page.getByRole("link", { name: "Teams", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Teams" })).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel("Team name").fill(name);
  await page.getByRole("button", { name: "Add team" }).click();
  await expect(page.getByTestId("team-done")).toHaveText(`Team “${name}” added.`);

  // a duplicate, in another case, is refused next to the field
  await page.getByLabel("Team name").fill(name.toUpperCase());
  await page.getByRole("button", { name: "Add team" }).click();
  await expect(page.locator("#f-name-error")).toContainText(`A team is already called “${name}”`);
  await expectAccessible(page);

  await page.getByRole("link", { name, exact: true }).click();
  await expectAccessible(page);
  await page.getByLabel("Team name").fill(`${name} renamed`);
  await page.getByRole("button", { name: "Save name" }).click();
  await expect(page.getByTestId("team-done")).toHaveText(`Renamed: the team is now “${name} renamed” everywhere.`);

  await page.getByRole("button", { name: "Retire team" }).click();
  await expect(page.getByTestId("team-done")).toContainText(`“${name} renamed” retired`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Retired");
  await expectAccessible(page);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(page.viewportSize()!.width);

  await page.goto("/admin/teams");
  await expect(page.getByTestId("teams").locator("tr", { hasText: `${name} renamed` })).toContainText("retired");
});

test("retiring a team with active members is refused with a message naming it", async ({ page, login }) => {
  await login(USERS.admin);
  await page.goto("/admin/teams");
  await page.getByRole("link", { name: "Platform Support", exact: true }).click();
  await page.getByRole("button", { name: "Retire team" }).click();
  await expect(page.getByText(/“Platform Support” still has \d+ active members?/)).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).not.toContainText("Retired");
});
