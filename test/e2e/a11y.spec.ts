import { USERS, expectAccessible, test } from "./support";

// Every page, as the role that can see it. Later areas add their pages here.
const PAGES: { as: keyof typeof USERS | null; path: string }[] = [
  { as: null, path: "/login" },
  { as: "engineer", path: "/" },
  { as: "engineer", path: "/profile" },
  { as: "engineer", path: "/no-such-page" },
  { as: "admin", path: "/admin" },
  { as: "admin", path: "/admin/people" },
  { as: "admin", path: "/admin/people/new" },
];

for (const p of PAGES) {
  test(`axe: ${p.path} as ${p.as ?? "anonymous"}`, async ({ page, login }) => {
    if (p.as) await login(USERS[p.as]);
    await page.goto(p.path);
    await expectAccessible(page);
  });
}

test("axe: a person's admin page", async ({ page, login }) => {
  await login(USERS.admin);
  await page.goto("/admin/people");
  await page.getByRole("link", { name: "Ben Carter" }).click();
  await expectAccessible(page);
});
