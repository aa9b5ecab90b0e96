import { expect, expectAccessible, reviewShot, test, USERS } from "./support";

test("a manager's team view: heatmap with numbers, bus factor, succession, load chart with its table", async ({
  page,
  login,
}) => {
  await login(USERS.manager);
  await page.goto("/");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Team", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Team: your reporting line" })).toBeVisible();
  const heatmap = page.getByRole("table", { name: "Skill levels of 6 people" });
  await expect(heatmap).toBeVisible();
  await expect(heatmap.getByRole("row")).toHaveCount(1 + 6 + 1);
  // every cell carries the level as a number, not only a colour
  const ben = heatmap.getByRole("row", { name: /Ben Carter/ });
  const cells = ben.getByRole("cell");
  await expect(cells).toHaveCount(8);
  for (const text of await cells.allInnerTexts()) expect(text.trim()).toMatch(/^[0-7]/);
  await expect(page.getByRole("heading", { name: "Bus factor" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Nearest people per management position" })).toBeVisible();
  // the chart is server-rendered SVG, with its numbers as a table
  await expect(
    page.locator("#team-load-chart svg, svg#team-load-chart, .recharts-wrapper#team-load-chart svg").first(),
  ).toBeVisible();
  await expect(page.getByRole("table", { name: /Team load per month \(6 people\) \(table\)/ }).getByRole("row")).toHaveCount(7);
  await expect(page.getByRole("table", { name: /Load per person and month/ }).getByRole("row")).toHaveCount(7);
  await expectAccessible(page);
  await reviewShot(page, "team-manager");
});

test("an admin sees the whole organisation and can narrow to one manager", async ({ page, login }) => {
  await login(USERS.admin);
  await page.goto("/team");
  await expect(page.getByRole("heading", { level: 1, name: "Team: whole organisation" })).toBeVisible();
  await expect(page.getByRole("table", { name: /Skill levels of \d+ people/ })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("Show the reporting line of").selectOption({ label: "Sofia Marín" });
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(/\/team\?manager=\d+/);
  await expect(page.getByRole("heading", { level: 1, name: "Team: reporting line of Sofia Marín" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Skill levels of 6 people" })).toBeVisible();
  await expect(page.getByRole("row", { name: /Ben Carter/ })).toHaveCount(0);
  await expectAccessible(page);
});

test("engineers have no team view", async ({ page, login }) => {
  await login(USERS.engineer);
  const res = await page.goto("/team");
  expect(res?.status()).toBe(403);
});
