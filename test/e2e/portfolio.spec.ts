import fs from "node:fs";
import type { Download, Page } from "@playwright/test";
import { nowMs } from "../../app/clock.server";
import { expect, expectAccessible, reviewShot, test, USERS } from "./support";

async function download(page: Page, name: string): Promise<{ file: string; body: Buffer; download: Download }> {
  const [dl] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name }).click()]);
  const path = await dl.path();
  return { file: dl.suggestedFilename(), body: fs.readFileSync(path), download: dl };
}

test("an engineer downloads every format from the options page", async ({ page, login }) => {
  await login(USERS.engineer);
  await page.goto("/");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Portfolio", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Portfolio export", level: 1 })).toBeVisible();
  await expect(page.getByLabel("Target position")).toBeVisible();
  await expect(page.getByLabel("Whose portfolio")).toHaveCount(0);
  await reviewShot(page, "portfolio-options");
  await expectAccessible(page);

  const pdf = await download(page, "Download PDF");
  expect(pdf.file).toMatch(/^portfolio-aisha-khan-[a-z0-9-]+-\d{4}-\d{2}-\d{2}\.pdf$/);
  expect(pdf.body.subarray(0, 5).toString()).toBe("%PDF-");
  expect(pdf.body.length).toBeGreaterThan(10_000);

  const md = await download(page, "Download Markdown");
  expect(md.file).toMatch(/^portfolio-aisha-khan-.*\.md$/);
  expect(md.body.toString("utf8")).toMatch(/^# Promotion portfolio: Aisha Khan\n/);
  expect(md.body.toString("utf8")).toContain("## Evidence by skill");

  const json = await download(page, "Download JSON Resume");
  expect(json.file).toMatch(/^portfolio-aisha-khan-.*\.json$/);
  const resume = JSON.parse(json.body.toString("utf8"));
  expect(resume.basics.name).toBe("Aisha Khan");
  expect(resume.meta.supportpath.readiness.percent).toEqual(expect.any(Number));
});

test("an engineer opens the print view: chrome-light on screen, no chrome in print", async ({ page, login }) => {
  await login(USERS.engineer);
  // the last six months: a shorter page keeps the axe scan quick
  const from = new Date(nowMs() - 183 * 86_400_000).toISOString().slice(0, 10);
  await page.goto(`/portfolio?from=${from}`);
  await page.getByRole("link", { name: "Open the print view" }).click();
  await expect(page).toHaveURL(new RegExp(`/portfolio/print\\?.*from=${from}`));
  await expect(page.getByRole("heading", { name: "Aisha Khan", level: 1 })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Evidence by skill" })).toBeVisible();
  await expect(page.getByRole("img", { name: /Radar chart/ })).toBeVisible();
  // chrome-light on screen: no main navigation; none of the app chrome when printed
  await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();
  await reviewShot(page, "portfolio-print");
  await expectAccessible(page);
  await page.emulateMedia({ media: "print" });
  await expect(page.locator("header.topbar")).toBeHidden();
  await expect(page.getByRole("link", { name: /Back to the portfolio options/ })).toBeHidden();
  await expect(page.getByRole("heading", { name: "Aisha Khan", level: 1 })).toBeVisible();
  await reviewShot(page, "portfolio-print-media", false);
  await page.emulateMedia({ media: "screen" });
  await page.getByRole("link", { name: /Back to the portfolio options/ }).click();
  await expect(page.getByRole("heading", { name: "Portfolio export", level: 1 })).toBeVisible();
});

test("a manager exports a report's portfolio for a chosen target and period", async ({ page, login }) => {
  await login(USERS.manager);
  await page.goto("/portfolio");
  await page.getByLabel("Whose portfolio").selectOption({ label: "Ben Carter" });
  await page.getByLabel("Target position").selectOption({ label: "Support Team Lead" });
  await page.getByLabel("From", { exact: true }).fill("2025-01-01");
  await page.getByRole("button", { name: "Update" }).click();
  await expect(page.getByRole("heading", { name: "Export Ben Carter's portfolio" })).toBeVisible();
  await expect(page.locator("dl.facts")).toContainText("Support Team Lead");
  await expectAccessible(page);

  const pdf = await download(page, "Download PDF");
  expect(pdf.file).toMatch(/^portfolio-ben-carter-support-team-lead-\d{4}-\d{2}-\d{2}\.pdf$/);
  expect(pdf.body.subarray(0, 5).toString()).toBe("%PDF-");

  const json = await download(page, "Download JSON Resume");
  const resume = JSON.parse(json.body.toString("utf8"));
  expect(resume.basics.name).toBe("Ben Carter");
  expect(resume.meta.supportpath.targetPosition.name).toBe("Support Team Lead");
  expect(resume.meta.supportpath.period.from).toBe("2025-01-01");

  await page.getByRole("link", { name: "Open the print view" }).click();
  await expect(page.getByRole("heading", { name: "Ben Carter", level: 1 })).toBeVisible();
  await expect(page.getByText("→ Support Team Lead").first()).toBeVisible();
});

test("a bad period is explained next to the field; another manager's report is not found", async ({ page, login }) => {
  await login(USERS.otherManager);
  await page.goto("/portfolio");
  await page.getByLabel("From", { exact: true }).fill("2025-06-01");
  await page.getByLabel("To", { exact: true }).fill("2025-01-01");
  await page.getByRole("button", { name: "Update" }).click();
  await expect(page.getByText("The end date must be on or after the start date.")).toBeVisible();
  await expect(page.getByLabel("To", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByRole("link", { name: "Download PDF" })).toHaveCount(0);
  await expectAccessible(page);

  const res = await page.request.get("/portfolio/pdf?person=1");
  expect(res.status()).toBe(404);
});
