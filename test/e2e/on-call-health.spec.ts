// On-call health (issue 13 point 4) in a browser: an engineer in New York reads their own night, flagged with
// its reason; their manager, in Auckland, finds them on the team's page and opens their months.
import { makeEvidence, makePerson } from "../support/factories";
import { now as clockNow } from "../../app/clock.server";
import { expect, expectAccessible, mainNav, reviewShot, test } from "./support";

/** A Wednesday in the middle of last month (UTC), as YYYY-MM-DD: the test holds on any day. */
function lastMonthsWednesday(now: Date): string {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 8));
  while (d.getUTCDay() !== 3) d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

test("an engineer reads their interrupted night; their manager in another zone finds it on the team's page", async ({
  page,
  db,
  login,
}) => {
  const manager = await makePerson(db, { role: "manager" });
  const engineer = await makePerson(db, { managerId: manager.id });
  for (const [id, zone] of [
    [manager.id, "Pacific/Auckland"],
    [engineer.id, "America/New_York"],
  ] as const)
    await db
      .updateTable("people")
      .set({ time_zone: zone, work_days: "12345", work_start: "09:00", work_end: "17:00" })
      .where("id", "=", id)
      .execute();
  const wed = lastMonthsWednesday(clockNow());
  // three nights running, 03:30–04:30 UTC: late evening in New York whatever its offset; a rest under 11 h
  for (const day of [0, 1, 2]) {
    const d = new Date(`${wed}T03:30:00.000Z`);
    d.setUTCDate(d.getUTCDate() + day);
    await makeEvidence(db, engineer.id, {
      startedAt: d.toISOString(),
      resolvedAt: new Date(d.getTime() + 3_600_000).toISOString(),
      durationMinutes: 60,
    });
  }

  await login(engineer);
  await page.goto("/");
  // on a phone the links fold into the menu
  const menu = page.locator("nav.main-nav summary");
  if (await menu.isVisible()) await menu.click();
  await mainNav(page).getByRole("link", { name: "On-call health", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Your on-call health" })).toBeVisible();
  await expect(page.getByText("Read in America/New_York, working Monday–Friday 09:00–17:00.")).toBeVisible();
  const flags = page.locator("section", { has: page.getByRole("heading", { name: "What is flagged and why" }) });
  await expect(flags.getByText(wed.slice(0, 7))).toBeVisible();
  await expect(flags).toContainText("3 nights in a row interrupted, more than 2.");
  await expect(page.getByRole("table", { name: /per month, last 12 months \(table\)/ })).toBeVisible();
  await expectAccessible(page);
  await reviewShot(page, "health-own");

  await login(manager);
  await page.goto("/team");
  await page.getByRole("link", { name: /On-call health: interruptions, rest and toil/ }).click();
  await expect(page.getByText("months are Pacific/Auckland months")).toBeVisible();
  await expect(page.getByText(`Concentration: ${engineer.name} carries 100 %`)).toBeVisible();
  const row = page.getByTestId("health-person").filter({ hasText: engineer.name });
  await expect(row).toContainText("America/New_York");
  await expectAccessible(page);
  await reviewShot(page, "health-team");
  await row.getByRole("link", { name: engineer.name }).click();
  await expect(page.getByRole("heading", { name: `On-call health: ${engineer.name}` })).toBeVisible();
  await expect(page.getByText("3 nights in a row interrupted, more than 2.").first()).toBeVisible();
});
