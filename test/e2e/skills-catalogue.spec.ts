import { USERS, expect, expectAccessible, reviewShot, test } from "./support";

// The admin's skills catalogue path (issue 17, part 1): add a skill, rename it, retire it, each page checked
// with axe. The key is made per run so that parallel runs and phone/desktop projects do not meet.
test("an admin adds, renames and retires a skill", async ({ page, login }, info) => {
  const key = `e2e-${info.project.name.replace(/[^a-z0-9]/gi, "").toLowerCase()}-${Date.now().toString(36)}`;
  const name = `E2E skill ${key}`;
  await login(USERS.admin);
  await page.goto("/admin/skills");
  await expect(page.getByRole("heading", { level: 1, name: "Skills catalogue" })).toBeVisible();
  await expectAccessible(page);
  await reviewShot(page, "skills-catalogue");

  await page.getByLabel("Key", { exact: true }).fill(key);
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("SFIA codes").fill("usup");
  await page.getByRole("button", { name: "Add skill" }).click();
  await expect(page.getByRole("status")).toContainText(`Skill “${name}” added.`);

  await page.getByRole("link", { name, exact: true }).click();
  await expectAccessible(page);
  await page.getByLabel("Name", { exact: true }).fill(`${name} renamed`);
  await page.getByRole("button", { name: "Save skill" }).click();
  await expect(page.getByRole("status")).toContainText("Saved.");
  await expect(page.getByRole("heading", { level: 1 })).toContainText(`${name} renamed`);

  await page.getByRole("button", { name: "Retire skill" }).click();
  await expect(page.getByRole("status")).toContainText("Retired");
  await reviewShot(page, "skill-edit");
  // against the configured width: a phone's layout viewport (innerWidth) grows with content that overflows
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(page.viewportSize()!.width);
});
