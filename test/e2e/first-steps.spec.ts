// Issue 16, points 3 and 4 in Chromium, on desktop and phone: a brand-new engineer is greeted with three
// ways in; after three items the matrix shows progress toward level 1; the target chosen on the dashboard
// is the portfolio's on the next visit.
// Run: npm run build && npx tsx test/support/make-template.ts && npx playwright test test/e2e/first-steps.spec.ts
import { makeEvidence, makePerson } from "../support/factories";
import { expect, expectAccessible, reviewShot, test } from "./support";

test("a brand-new engineer sees the greeting and three ways in; three items visibly move the matrix", async ({
  page,
  db,
  login,
}) => {
  const me = await makePerson(db, { position: "Support Engineer I" });
  await login(me);
  await page.goto("/");
  const greeting = page.getByTestId("first-steps");
  await expect(greeting.getByRole("heading", { name: `Welcome to SupportPath, ${me.name.split(" ")[0]}` })).toBeVisible();
  await expect(greeting.getByRole("link", { name: "Log an item" })).toHaveAttribute("href", "/evidence/new");
  await expect(greeting.getByRole("link", { name: "Import your tickets" })).toHaveAttribute("href", "/import");
  await expect(greeting.getByRole("link", { name: "Ask for an appraisal" })).toHaveAttribute("href", "/appraisals");
  await expect(greeting.getByRole("heading", { name: "How points become levels" })).toBeVisible();
  const next = page.getByTestId("skill-matrix").locator('[data-col="next"]');
  await expect(next.first()).toContainText("0% to 1 Follow");
  await expectAccessible(page);
  await reviewShot(page, "first-steps-empty");

  for (let i = 0; i < 3; i++) await makeEvidence(db, me.id);
  await page.reload();
  await expect(page.getByTestId("first-steps")).toHaveCount(0);
  const texts = await next.allInnerTexts();
  // some skill moved: part of the way to level 1, or past it and on its way to level 2
  expect(texts.some((t) => /^([1-9]\d?% to 1 Follow|\d+% to [2-7] )/.test(t.trim()))).toBe(true);
  await expectAccessible(page);
  await reviewShot(page, "first-steps-three-items");
});

test("the target chosen on the dashboard is the portfolio's, and the dashboard's on the next visit", async ({
  page,
  db,
  login,
}) => {
  const me = await makePerson(db, { position: "Support Engineer I" });
  await login(me);
  await page.goto("/");
  const select = page.getByLabel("Target position");
  const value = await select.locator("option", { hasText: /^Support Team Lead( \(|$)/ }).getAttribute("value");
  await select.selectOption(value!);
  await page.getByRole("button", { name: "Show readiness" }).click();
  await expect(page).toHaveURL(new RegExp(`\\?target=${value}`));
  await expect(page.getByTestId("target-remembered")).toContainText("Support Team Lead");

  await page.goto("/portfolio");
  await expect(page.getByLabel("Target position")).toHaveValue(value!);
  await expectAccessible(page);

  await page.goto("/");
  await expect(page.getByLabel("Target position")).toHaveValue(value!);
  await expect(page.getByTestId("target-remembered")).toBeVisible();
  await expectAccessible(page);
});
