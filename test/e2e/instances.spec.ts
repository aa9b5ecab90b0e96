import { USERS, expect, signIn, test } from "./support";

// Run with E2E_INSTANCES=2 (npm test does, on PostgreSQL): two app instances behind a round-robin proxy.
const twoInstances = Number(process.env.E2E_INSTANCES ?? 1) >= 2;

test.describe("two app instances on one PostgreSQL", () => {
  test.skip(!twoInstances, "needs E2E_INSTANCES=2: a single instance has nobody to hand requests to");

  test("a session, a form post and its redirect cross instances and the person notices nothing", async ({ page }) => {
    const served: string[] = [];
    page.on("response", (r) => {
      const by = r.headers()["x-upstream"];
      if (by) served.push(by);
    });
    // through the sign-in form, not the fixture: the session is made by one instance and read by the other
    await signIn(page, USERS.report);
    const title = `Restarted the stuck batch scheduler ${Date.now()}`;
    await page.goto("/evidence/new");
    await page.getByLabel("Kind of work").selectOption("incident");
    await page.getByLabel("Title").fill(title);
    await page.getByLabel("Finished (UTC)").fill("2026-03-02T09:40");
    await page.getByLabel("Priority").selectOption("P3");
    await page.getByLabel("Outcome").selectOption("resolved");
    await page.getByRole("button", { name: "Submit for review" }).click();
    await expect(page.getByRole("heading", { name: title })).toBeVisible();
    await expect(page.getByRole("status")).toHaveText("Submitted for review.");
    // a full reload lands on whichever instance is next and still knows the session and the item
    await page.reload();
    await expect(page.getByRole("heading", { name: title })).toBeVisible();
    await page.goto(`/evidence?q=${encodeURIComponent(title)}`);
    await expect(page.getByRole("link", { name: title })).toBeVisible();
    expect(new Set(served).size).toBe(2);
  });
});
