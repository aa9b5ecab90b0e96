import { RULES_BELOW_SERIOUS, USERS, expect, expectAccessible, test } from "./support";

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

test("the check itself: it fails on serious and critical violations, and skips only rules that cannot report one", async ({
  page,
}) => {
  // the rules it leaves out are the moderate and minor ones; contrast, names and labels all run
  expect(RULES_BELOW_SERIOUS).toEqual(expect.arrayContaining(["region", "landmark-one-main", "heading-order"]));
  for (const kept of ["color-contrast", "label", "button-name", "link-name", "image-alt", "aria-required-attr"])
    expect(RULES_BELOW_SERIOUS).not.toContain(kept);
  // a page with an unlabelled field (critical), a nameless button (critical) and grey on white (serious)
  await page.setContent(
    `<!doctype html><html lang="en"><head><title>t</title></head><body><main><h1>t</h1>
     <input type="text"><button></button><p style="color:#bbb;background:#fff">faint</p></main></body></html>`,
  );
  const failure = await expectAccessible(page).then(
    () => null,
    (e: Error) => e.message,
  );
  expect(failure).toContain("label:");
  expect(failure).toContain("button-name:");
  expect(failure).toContain("color-contrast:");
});
