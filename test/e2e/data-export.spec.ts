import fs from "node:fs";
import type { Page } from "@playwright/test";
import { expect, expectAccessible, reviewShot, test, USERS } from "./support";

async function download(page: Page, name: string) {
  const [dl] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name }).click()]);
  return { file: dl.suggestedFilename(), data: JSON.parse(fs.readFileSync(await dl.path(), "utf8")) };
}

test("an admin downloads the organisation export from the admin pages", async ({ page, login }) => {
  await login(USERS.admin);
  await page.goto("/admin");
  await page.getByRole("link", { name: "Export", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Export the organisation", level: 1 })).toBeVisible();
  await expect(page.getByText("people.password_hash")).toBeVisible();
  await reviewShot(page, "admin-export");
  await expectAccessible(page);

  const { file, data } = await download(page, "Download the organisation export");
  expect(file).toMatch(/^supportpath-org-\d{4}-\d{2}-\d{2}\.json$/);
  expect(data.format).toBe("supportpath-org-export");
  const people = data.tables.find((t: { name: string }) => t.name === "people");
  expect(people.columns).not.toContain("password_hash");
  const emails = people.rows.map((r: unknown[]) => r[people.columns.indexOf("email")]);
  expect(emails).toEqual(expect.arrayContaining([USERS.admin, USERS.engineer, USERS.report]));
});

test("an engineer downloads all of their own data from the profile page", async ({ page, login }) => {
  await login(USERS.engineer);
  await page.goto("/profile");
  await expect(page.getByRole("heading", { name: "Your data" })).toBeVisible();
  await expectAccessible(page);
  await reviewShot(page, "profile-your-data");

  const { file, data } = await download(page, "Download my data");
  expect(file).toMatch(/^supportpath-data-aisha-khan-\d{4}-\d{2}-\d{2}\.json$/);
  expect(data.format).toBe("supportpath-personal-data");
  expect(data.person.email).toBe(USERS.engineer);
  expect(data.person).not.toHaveProperty("password_hash");
  expect(data.evidence.length).toBeGreaterThan(0);
  for (const e of data.evidence) expect(e.person_id).toBe(data.person.id);
});
