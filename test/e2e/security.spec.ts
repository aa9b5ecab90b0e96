// Issue 12, part 1 (ADR 013): forms carry the session's anti-CSRF token without JavaScript, and a post
// forged on another site's page is refused with a 403 page.
import { makePerson } from "../support/factories";
import { expect, reviewShot, test } from "./support";

test("without JavaScript: sign in and save a form (the token travels as a hidden field)", async ({ browser, baseURL, db }) => {
  const person = await makePerson(db, { password: "no-js-password-1" });
  const context = await browser.newContext({ javaScriptEnabled: false, baseURL });
  const page = await context.newPage();
  try {
    await page.goto("/login");
    await page.getByLabel("Email").fill(person.email);
    await page.getByLabel("Password").fill("no-js-password-1");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();

    await page.goto("/goals/new");
    await expect(page.locator('main form[method="post"] input[type="hidden"][name="_csrf"]')).toHaveCount(1);
    const title = `No-JS goal ${person.id}`;
    await page.getByLabel("Goal").fill(title);
    await page.getByLabel("Skill it develops").selectOption({ index: 1 });
    await page.getByLabel("Due date").fill(new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10));
    await page.getByRole("button", { name: "Create goal" }).click();
    await expect(page.getByText(title).first()).toBeVisible();
    const goal = await db.selectFrom("goals").select("title").where("person_id", "=", person.id).executeTakeFirst();
    expect(goal?.title).toBe(title);

    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page.getByRole("heading", { name: "Sign in to SupportPath" })).toBeVisible();
  } finally {
    await context.close();
  }
});

test("a form on another site that posts to SupportPath gets the 403 page, and nothing is saved", async ({
  page,
  baseURL,
  login,
  db,
}) => {
  const person = await makePerson(db, { password: "forged-post-password-1" });
  await login(person);
  const title = `Forged goal ${person.id}`;
  // the attacker's page, served as http://evil.example
  await page.route("http://evil.example/**", (route) =>
    route.fulfill({
      contentType: "text/html",
      body: `<!doctype html><html lang="en"><title>Win a prize</title><body>
        <form method="post" action="${baseURL}/goals/new">
          <input type="hidden" name="intent" value="save"><input type="hidden" name="title" value="${title}">
          <input type="hidden" name="status" value="open"><button>Claim</button>
        </form></body></html>`,
    }),
  );
  await page.goto("http://evil.example/prize");
  await page.getByRole("button", { name: "Claim" }).click();
  await expect(page.getByRole("heading", { name: "Not allowed" })).toBeVisible();
  await expect(page.getByText("This request came from another site")).toBeVisible();
  await reviewShot(page, "forged-post-refused");
  const goals = await db.selectFrom("goals").select("id").where("person_id", "=", person.id).execute();
  expect(goals).toEqual([]);

  // and the sign-in form cannot be posted from there either (login CSRF)
  await page.route("http://evil.example/login-as-me", (route) =>
    route.fulfill({
      contentType: "text/html",
      body: `<!doctype html><html lang="en"><title>x</title><body><form method="post" action="${baseURL}/login">
        <input type="hidden" name="email" value="${person.email}"><input type="hidden" name="password" value="forged-post-password-1">
        <button>Go</button></form></body></html>`,
    }),
  );
  await page.goto("http://evil.example/login-as-me");
  await page.getByRole("button", { name: "Go" }).click();
  await expect(page.getByRole("heading", { name: "Not allowed" })).toBeVisible();
});
