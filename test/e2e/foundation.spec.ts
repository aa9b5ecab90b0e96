// The sign-in form is tested here through the UI (`signIn`); every other test signs in with the fixture.
import { makePerson } from "../support/factories";
import { USERS, expect, mainNav, signIn, signOut, test } from "./support";

test.describe("each demo role signs in and sees its navigation", () => {
  const cases = [
    {
      who: "engineer",
      email: USERS.engineer,
      sees: ["Dashboard", "Evidence", "Appraisals", "Portfolio", "Import"],
      not: ["Team", "Review queue", "Admin"],
    },
    {
      who: "manager",
      email: USERS.manager,
      sees: ["Dashboard", "Evidence", "Review queue", "Team", "Appraisals"],
      not: ["Admin"],
    },
    { who: "admin", email: USERS.admin, sees: ["Dashboard", "Evidence", "Team", "Admin"], not: ["Review queue"] },
  ];
  for (const c of cases) {
    test(c.who, async ({ page }) => {
      await signIn(page, c.email);
      const nav = mainNav(page);
      for (const label of c.sees) await expect(nav.getByRole("link", { name: label, exact: true })).toBeVisible();
      for (const label of c.not) await expect(nav.getByRole("link", { name: label, exact: true })).toHaveCount(0);
    });
  }
});

test("an engineer cannot open the admin pages", async ({ page, login }) => {
  await login(USERS.engineer);
  const res = await page.goto("/admin/people");
  expect(res?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "Not allowed" })).toBeVisible();
});

test("an unknown page shows a friendly 404", async ({ page, login }) => {
  await login(USERS.engineer);
  const res = await page.goto("/no-such-page");
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
});

test("a wrong password gets a clear message", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill(USERS.report);
  await page.getByLabel("Password").fill("definitely-wrong");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toHaveText("Email or password is incorrect.");
});

test("an admin creates a person who then signs in; sign-out ends the session", async ({ page, login }) => {
  const email = `new.hire.${Date.now()}@example.com`;
  await login(USERS.admin);
  await page.goto("/admin/people");
  await page.getByRole("link", { name: "New person" }).click();
  await page.getByLabel("Name").fill("Nadia New");
  await page.getByLabel("Email (sign-in)").fill(email);
  await page.getByLabel("Role").selectOption("engineer");
  await page.getByLabel("Manager").selectOption({ label: "Margaret Okafor" });
  await page.getByLabel("Team").selectOption({ label: "Service Desk" });
  await page.getByLabel("Position").selectOption({ label: "Support Engineer I" });
  await page.getByLabel("ITSM handles").fill(`nnew${Date.now()}`);
  await page.getByLabel("Initial password (optional)").fill("welcome-to-supportpath");
  await page.getByRole("button", { name: "Create person" }).click();
  await expect(page.getByRole("status")).toContainText("Person created");
  await expect(page.getByRole("heading", { name: "Nadia New" })).toBeVisible();
  await signOut(page);

  await signIn(page, email, "welcome-to-supportpath");
  await expect(page.getByRole("link", { name: "Nadia New" })).toBeVisible();
  await signOut(page);
  const res = await page.goto("/profile");
  expect(page.url()).toContain("/login?redirectTo=%2Fprofile");
  expect(res?.status()).toBe(200);
});

test("a person created without a password sets one through the one-time link", async ({ page, login }) => {
  const email = `link.hire.${Date.now()}@example.com`;
  await login(USERS.admin);
  await page.goto("/admin/people/new");
  await page.getByLabel("Name").fill("Lina Link");
  await page.getByLabel("Email (sign-in)").fill(email);
  await page.getByRole("button", { name: "Create person" }).click();
  const link = (await page.getByTestId("set-password-link").textContent())!.trim();
  await signOut(page);
  await page.goto(link);
  await page.getByLabel("New password", { exact: true }).fill("my-own-password-1");
  await page.getByLabel("Repeat the password").fill("my-own-password-1");
  await page.getByRole("button", { name: "Set password" }).click();
  // the password is set once the app has sent the person on to the sign-in page
  await expect(page).toHaveURL(/\/login\?passwordSet=1$/);
  await signIn(page, email, "my-own-password-1");
  // the link works once only
  const again = await page.goto(link);
  expect(again?.status()).toBe(404);
});

test("a duplicate email is refused next to the field and nothing is created", async ({ page, login }) => {
  await login(USERS.admin);
  await page.goto("/admin/people/new");
  await page.getByLabel("Name").fill("Copy Cat");
  await page.getByLabel("Email (sign-in)").fill(USERS.engineer);
  await page.getByRole("button", { name: "Create person" }).click();
  await expect(page.getByText("Another person already uses this email.")).toBeVisible();
  await page.goto("/admin/people?q=Copy+Cat");
  await expect(page.getByText("Nobody matches")).toBeVisible();
});

test("a person changes their password on the profile page, then signs in with the new one", async ({ page, db, login }) => {
  // a person of this test's own: the demo people keep their passwords for the other tests
  const me = await makePerson(db, { password: "an-old-password-1" });
  await login(me);
  await page.goto("/profile");
  await page.getByLabel("Current password").fill("an-old-password-1");
  await page.getByLabel("New password", { exact: true }).fill("a-brand-new-password");
  await page.getByLabel("Repeat the new password").fill("a-brand-new-password");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByRole("status")).toContainText("Password changed");
  await signOut(page);
  await page.goto("/login");
  await page.getByLabel("Email").fill(me.email);
  await page.getByLabel("Password").fill("an-old-password-1");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toHaveText("Email or password is incorrect.");
  await signIn(page, me.email, "a-brand-new-password");
});
