// What every spec imports: `test` with the sign-in and database fixtures, the demo's people, and the
// accessibility check.
//
// Signing in: `login(who)` creates a session row in the e2e server's database and sets the signed
// cookie, as the app does after a good password (app/models/sessions.server.ts, app/auth/session.server.ts)
// — one insert instead of a page, a form post and a password hash. The sign-in form keeps its own tests
// (foundation.spec.ts), which use `signIn` through the UI.
//
// Data: `db` is the server's database (one handle per worker); test/support/factories.ts makes people
// and evidence for one test, so a test that is not about the demo neither depends on a named seed
// person nor changes one that another test, running in parallel, looks at.
import AxeBuilder from "@axe-core/playwright";
import axe from "axe-core";
import { type BrowserContext, type Page, test as base, expect } from "@playwright/test";
import { createCookie } from "@remix-run/node";
import { type DB, isPostgresUrl, openDatabase, openPostgres } from "../../app/db.server";
import { findPersonByEmail } from "../../app/models/people.server";
import { createSession } from "../../app/models/sessions.server";
import { E2E_SESSION_SECRET, readE2eState } from "../support/e2e-env";

export { expect };

export const PASSWORD = "supportpath-demo";

export const USERS = {
  admin: "admin@example.com",
  headManager: "margaret.okafor@example.com",
  manager: "daniel.kowalski@example.com",
  otherManager: "sofia.marin@example.com",
  engineer: "aisha.khan@example.com",
  report: "ben.carter@example.com",
  otherEngineer: "olga.ivanova@example.com",
} as const;

/** Someone to sign in as: an email, or a person a factory made. */
export type Who = string | { id: number; email: string };

// The app's cookie (app/auth/session.server.ts): same name and secret, so the app reads it as its own.
const sessionCookie = createCookie("sp_session", { httpOnly: true, sameSite: "lax", path: "/", secrets: [E2E_SESSION_SECRET] });

/** Signs `target` (the test's page or another context) in as `who`, replacing any earlier session. */
export async function signInAs(db: DB, baseURL: string, target: Page | BrowserContext, who: Who) {
  const context = "context" in target ? target.context() : target;
  const person = typeof who === "string" ? await findPersonByEmail(db, who) : who;
  if (!person) throw new Error(`login: nobody has the email ${String(who)}`);
  const sessionId = await createSession(db, person.id, "playwright login fixture");
  const header = await sessionCookie.serialize(sessionId);
  const value = /^sp_session=([^;]*)/.exec(header)![1]!;
  await context.clearCookies();
  await context.addCookies([{ name: "sp_session", value, url: baseURL, httpOnly: true, sameSite: "Lax" }]);
}

export const test = base.extend<{ login: (who: Who, target?: Page | BrowserContext) => Promise<void> }, { db: DB }>({
  db: [
    async ({}, use) => {
      const { location } = readE2eState();
      // a small pool: each worker makes a few rows, the server instances do the real work
      const db = isPostgresUrl(location) ? openPostgres(location, { max: 2 }) : openDatabase(location);
      await use(db);
      await db.destroy();
    },
    { scope: "worker" },
  ],
  login: async ({ db, page, baseURL }, use) => {
    await use((who, target = page) => signInAs(db, baseURL!, target, who));
  },
});

/** Through the sign-in form: only for the tests of signing in itself (everything else uses `login`). */
export async function signIn(page: Page, email: string, password = PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
}

export async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("heading", { name: "Sign in to SupportPath" })).toBeVisible();
}

/**
 * axe rules that can never report a serious or critical violation: a violation's impact is the highest of
 * its failing checks' impacts, fixed in axe-core's own metadata (the "region" and landmark rules, for
 * example, are at most moderate). expectAccessible fails on serious and critical ones only, so running
 * these would change nothing but the time: a third of axe's rules, about a quarter of its time per page.
 * Read from the installed axe-core, so an upgrade that raises a rule's impact runs it again.
 */
export const RULES_BELOW_SERIOUS: string[] = (() => {
  const rank: Record<string, number> = { minor: 1, moderate: 2, serious: 3, critical: 4 };
  type Check = string | { id: string };
  const audit = (
    axe as unknown as {
      _audit: {
        rules: { id: string; impact?: string; any: Check[]; all: Check[]; none: Check[] }[];
        checks: Record<string, { metadata?: { impact?: string } }>;
      };
    }
  )._audit;
  return audit.rules
    .filter((r) => {
      const checks = [...r.any, ...r.all, ...r.none].map((c) => (typeof c === "string" ? c : c.id));
      const impacts = [r.impact, ...checks.map((id) => audit.checks[id]?.metadata?.impact)];
      return Math.max(0, ...impacts.map((i) => (i ? (rank[i] ?? 4) : 0))) < rank.serious!;
    })
    .map((r) => r.id);
})();

/**
 * Fails on serious or critical axe violations, listing them. Legacy mode runs axe in the page itself:
 * the default opens a second, blank page to put the results of every frame together, which costs as much
 * as the check (SupportPath's pages have no frames).
 */
export async function expectAccessible(page: Page) {
  const t0 = Date.now();
  const results = await new AxeBuilder({ page }).setLegacyMode(true).disableRules(RULES_BELOW_SERIOUS).analyze();
  if (process.env.AXE_TIMING) console.log(`axe ${page.url()} ${Date.now() - t0} ms`);
  const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(
    bad.map(
      (v) =>
        `${v.id}: ${v.help} (${v.nodes
          .map((n) => n.target.join(" "))
          .slice(0, 3)
          .join(", ")})`,
    ),
  ).toEqual([]);
}

/**
 * A screenshot for a person to look at, only when E2E_SCREENSHOTS names a folder: a full-page capture
 * costs a second or more on a busy machine, and no test asserts on one.
 */
export async function reviewShot(page: Page, name: string, fullPage = true) {
  const dir = process.env.E2E_SCREENSHOTS;
  // one file per viewport: the desktop and the phone project take the same shot
  if (dir) await page.screenshot({ path: `${dir}/${test.info().project.name}-${name}.png`, fullPage });
}

export function mainNav(page: Page) {
  return page.getByRole("navigation", { name: "Main" });
}
