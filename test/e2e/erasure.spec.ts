// Erasure of a person who has left (issue 17, point 6; ADR 023), in the browser: an admin deactivates a person,
// then erases them by typing their name; the person's own session ends. Desktop and phone, with axe.
import { expect, expectAccessible, reviewShot, test, USERS } from "./support";
import { makePerson } from "../support/factories";

test("an admin deactivates and then erases a person who has left", async ({ page, login, db, browser }) => {
  const leaver = await makePerson(db, { name: `Lena Leaver ${Date.now().toString(36)}` });
  // the leaver is signed in elsewhere until the end
  const theirs = await browser.newContext();
  await login(leaver, theirs);
  const theirPage = await theirs.newPage();
  await theirPage.goto("/");
  await expect(theirPage.getByRole("button", { name: "Sign out" })).toBeVisible();

  await login(USERS.admin);
  await page.goto(`/admin/people/${leaver.id}`);
  page.once("dialog", (d) => d.accept());
  await page.getByRole("button", { name: "Deactivate" }).click();
  await expect(page.getByText("Deactivated: sign-in refused")).toBeVisible();

  await page.getByRole("link", { name: "Erase their personal data…" }).click();
  await expect(page.getByRole("heading", { name: `Erase ${leaver.name}`, level: 1 })).toBeVisible();
  await expectAccessible(page);
  await reviewShot(page, "admin-erase-person");

  const confirm = page.getByLabel("Type the person’s name to confirm");
  await confirm.fill("Somebody Else");
  await page.getByRole("button", { name: "Erase this person" }).click();
  await expect(page.getByText("Type the person's name exactly as shown to confirm.")).toBeVisible();
  await expect(confirm).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page);

  await confirm.fill(leaver.name);
  await page.getByRole("button", { name: "Erase this person" }).click();
  await expect(page.getByRole("heading", { name: /^Erased person #\d+ Erased$/, level: 1 })).toBeVisible();
  await expect(page.getByText("Erased: what identified the person is gone")).toBeVisible();
  await expect(page.getByText(leaver.name)).toHaveCount(0);
  await expectAccessible(page);
  await reviewShot(page, "admin-person-erased");

  await theirPage.reload();
  await expect(theirPage.getByRole("heading", { name: "Sign in to SupportPath" })).toBeVisible();
  await theirs.close();
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the confirm form erases a deactivated person", async ({ page, login, db }) => {
    const leaver = await makePerson(db);
    await login(USERS.admin);
    await page.goto(`/admin/people/${leaver.id}`);
    await page.getByRole("button", { name: "Deactivate" }).click();
    await page.getByRole("link", { name: "Erase their personal data…" }).click();
    await page.getByLabel("Type the person’s name to confirm").fill(leaver.name);
    await page.getByRole("button", { name: "Erase this person" }).click();
    await expect(page.getByRole("heading", { name: /^Erased person #\d+/, level: 1 })).toBeVisible();
  });
});
