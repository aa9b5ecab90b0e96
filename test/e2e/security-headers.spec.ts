// The Content-Security-Policy in a real browser (issue 12, ADR 014): the main pages of every role load,
// hydrate and navigate with no CSP violation — charts, the import page and its upload, the portfolio print
// page — and the set-password link leaves no token in the address bar.
import type { Page } from "@playwright/test";
import { createPasswordToken } from "../../app/models/password-tokens.server";
import { makePerson } from "../support/factories";
import { expect, expectAccessible, test, USERS } from "./support";

/** Collects CSP violations as the page reports them (the event, and Chromium's console message). */
async function watchCsp(page: Page): Promise<string[]> {
  const violations: string[] = [];
  await page.exposeFunction("__cspViolation", (v: string) => violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      (window as unknown as { __cspViolation: (v: string) => void }).__cspViolation(
        `${e.violatedDirective} blocked ${e.blockedURI || "inline"} at ${e.sourceFile}:${e.lineNumber}`,
      );
    });
  });
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  return violations;
}

async function visit(page: Page, path: string) {
  const res = await page.goto(path);
  expect(res?.status(), path).toBeLessThan(400);
  expect(res?.headers()["content-security-policy"], path).toMatch(/script-src 'self' 'nonce-/);
  // hydrated: React ran, so the scripts were allowed (app/root.tsx sets __hydrated)
  await page.waitForFunction(() => (window as Window & { __hydrated?: number }).__hydrated !== undefined, null, {
    timeout: 10_000,
  });
}

const PAGES: Record<string, { who: string; paths: string[] }> = {
  engineer: {
    who: USERS.engineer,
    paths: [
      "/",
      "/evidence",
      "/evidence/new",
      "/goals/new",
      "/portfolio",
      "/portfolio/print",
      "/import",
      "/appraisals",
      "/profile",
    ],
  },
  manager: { who: USERS.manager, paths: ["/", "/team", "/review", "/appraisals", "/evidence"] },
  admin: {
    who: USERS.admin,
    paths: ["/admin", "/admin/people", "/admin/rules", "/admin/ladder", "/admin/settings", "/admin/tokens", "/admin/cycles"],
  },
};

for (const [role, { who, paths }] of Object.entries(PAGES)) {
  test(`the main pages of a ${role} run under the CSP without a violation`, async ({ page, login }) => {
    const violations = await watchCsp(page);
    await login(who);
    for (const path of paths) await visit(page, path);
    // a client-side navigation: loader data and lazy route discovery go through fetch (connect-src)
    const nav = page.getByRole("navigation", { name: "Main" });
    // on a phone the links are in the menu (issue 16): open it first
    const menu = nav.getByText("Menu", { exact: true });
    if (await menu.isVisible()) await menu.click();
    await nav.getByRole("link").first().click();
    await page.waitForLoadState("networkidle");
    expect(violations).toEqual([]);
  });
}

test("charts draw and the import upload works under the CSP", async ({ page, login }) => {
  const violations = await watchCsp(page);
  await login(USERS.engineer);
  await visit(page, "/");
  await expect(page.locator("svg").first()).toBeVisible();
  await visit(page, "/import");
  await page.getByLabel("CSV export").setInputFiles({
    name: "tiny.csv",
    mimeType: "text/csv",
    buffer: Buffer.from("number,incident_state\nINC1,Active\n"),
  });
  await page.getByRole("button", { name: "Upload and preview" }).click();
  await page.waitForLoadState("networkidle");
  expect(violations).toEqual([]);
});

test("a set-password link leaves no token in the address bar, and its page passes the checks", async ({ page, db }) => {
  const violations = await watchCsp(page);
  const p = await makePerson(db);
  const token = await createPasswordToken(db, p.id);
  await page.goto(`/set-password/${token}`);
  await expect(page).toHaveURL(/\/set-password$/);
  expect(page.url()).not.toContain(token);
  await expect(page.getByRole("heading", { name: `Welcome, ${p.name}` })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("New password", { exact: true }).fill("my-csp-password-1");
  await page.getByLabel("Repeat the password").fill("my-csp-password-1");
  await page.getByRole("button", { name: "Set password" }).click();
  await expect(page).toHaveURL(/\/login\?passwordSet=1$/);
  expect(violations).toEqual([]);
});
