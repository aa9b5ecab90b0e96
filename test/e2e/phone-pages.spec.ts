// Issue 16, points 1 and 2: every page of the access matrix (test/integration/access/*.ts) at 390 × 844 is no
// wider than the phone, and the main pages pass axe in the light and the dark theme.
//
// The list is the matrix's HTML pages (its GET rows answering 200, without the downloads: JSON, Markdown, PDF,
// CSV, attachments), each as an actor the matrix lets in. The matrix's ids come from its own `prepare`; here
// they are the demo data's (the e2e server runs on a copy of it), looked up once per worker.
// Screenshots for a person to look at: with E2E_SCREENSHOTS=DIR (test/e2e/support.ts reviewShot), one per page and
// theme; CI does not take them (a full-page capture costs a second or more, and no test asserts on one).
import type { Page } from "@playwright/test";
import type { DB } from "../../app/db.server";
import { now as clockNow } from "../../app/clock.server";
import { makePerson } from "../support/factories";
import { USERS, type Who, expect, expectAccessible, mainNav, reviewShot, test } from "./support";

type Ids = Record<string, number | string>;
type Role = keyof typeof USERS;

interface PhonePage {
  path: (ids: Ids) => string;
  as: Role | "owner" | null;
  /** one of the main pages: axe runs on it in both themes */
  main?: boolean;
  /** 200 unless said */
  status?: number;
}

const PAGES: PhonePage[] = [
  { path: () => "/login", as: null, main: true },
  // foundation, dashboard
  { path: () => "/", as: "engineer", main: true },
  { path: (c) => `/?target=${c.lead}`, as: "report" },
  { path: () => "/profile", as: "engineer", main: true },
  { path: (c) => `/people/${c.ben}`, as: "manager", main: true },
  { path: () => "/goals/new", as: "report" },
  { path: (c) => `/goals/${c.benGoal}`, as: "report" },
  { path: () => "/admin", as: "admin" },
  { path: () => "/admin/people", as: "admin", main: true },
  { path: () => "/admin/people/new", as: "admin" },
  { path: (c) => `/admin/people/${c.ben}`, as: "admin" },
  { path: (c) => `/admin/people/${c.ben}/erase`, as: "admin" },
  { path: () => "/admin/ladder", as: "admin" },
  { path: (c) => `/admin/ladder/${c.lead}`, as: "admin" },
  { path: () => "/admin/ladder/import", as: "admin" },
  { path: () => "/admin/settings", as: "admin" },
  // evidence
  { path: () => "/evidence", as: "report", main: true },
  { path: (c) => `/evidence?person=${c.ben}`, as: "manager" },
  { path: () => "/evidence/new", as: "report", main: true },
  { path: (c) => `/evidence/${c.benItem}`, as: "report" },
  { path: (c) => `/evidence/${c.benItem}/edit`, as: "report" },
  { path: (c) => `/evidence/${c.benItem}/delete`, as: "report" },
  { path: () => "/review", as: "manager" },
  { path: () => "/admin/rules", as: "admin" },
  { path: () => "/admin/rules/new", as: "admin" },
  { path: (c) => `/admin/rules/${c.rule}`, as: "admin" },
  // appraisals, team
  { path: () => "/appraisals", as: "manager" },
  { path: (c) => `/appraisals/${c.appraisal}`, as: "manager", main: true },
  { path: (c) => `/appraisals/history/${c.ben}`, as: "manager" },
  { path: (c) => `/appraisals/cycles/${c.cycle}`, as: "manager" },
  { path: (c) => `/appraisals/cycles/${c.cycle}/calibration`, as: "manager" },
  { path: () => "/team", as: "manager", main: true },
  // on-call health (issue 13, point 4)
  { path: () => "/health", as: "report", main: true },
  { path: (c) => `/health?person=${c.ben}`, as: "manager" },
  { path: () => "/team/health", as: "manager", main: true },
  { path: () => "/admin/cycles", as: "admin" },
  // portfolio
  { path: () => "/portfolio", as: "report", main: true },
  { path: (c) => `/portfolio?person=${c.ben}`, as: "manager" },
  { path: () => "/portfolio/print", as: "report" },
  // imports, tokens, export
  { path: () => "/import", as: "report" },
  { path: (c) => `/import/${c.batch}`, as: "owner" },
  { path: () => "/admin/tokens", as: "admin" },
  { path: () => "/admin/export", as: "admin" },
  // skills catalogue, certifications, feedback
  { path: () => "/admin/skills", as: "admin" },
  { path: () => "/admin/skills/debugging", as: "admin" },
  { path: () => "/admin/teams", as: "admin" },
  { path: () => "/certifications", as: "report" },
  { path: () => "/certifications/new", as: "report" },
  { path: (c) => `/certifications/${c.certHeld}`, as: "admin" },
  { path: () => "/admin/certifications", as: "admin" },
  { path: (c) => `/admin/certifications/${c.certEntry}`, as: "admin" },
  { path: () => "/feedback", as: "engineer" },
  { path: (c) => `/feedback/${c.fbRequest}`, as: "owner" },
  // an error page
  { path: () => "/no-such-page", as: "engineer", status: 404 },
];

/** The first row's id (the demo's data is deterministic), or a clear error naming what the demo lacks. */
function present<T>(row: T | undefined, what: string): T {
  if (!row) throw new Error(`the demo data has no ${what} for this page`);
  return row;
}

let idsOfWorker: Promise<{ ids: Ids; owners: Record<string, number> }> | null = null;

/** The demo's ids the pages need, and who owns the batch and the feedback request visited. */
function demoIds(db: DB) {
  idsOfWorker ??= (async () => {
    const first = <T>(what: string, q: { executeTakeFirst(): Promise<T | undefined> }) =>
      q.executeTakeFirst().then((r) => present(r, what));
    const ben = (await first("Ben", db.selectFrom("people").select("id").where("email", "=", USERS.report))).id;
    const lead = (await first("lead position", db.selectFrom("positions").select("id").where("key", "=", "lead"))).id;
    const benItem = (
      await first(
        "item of Ben's",
        db.selectFrom("evidence").select("id").where("person_id", "=", ben).where("status", "!=", "draft").orderBy("id"),
      )
    ).id;
    const appraisal = await first(
      "appraisal of Ben's",
      db.selectFrom("appraisals").select(["id", "cycle_id"]).where("person_id", "=", ben).orderBy("id"),
    );
    const ts = clockNow().toISOString();
    // a preview batch of Ben's, as the matrix makes one (the demo has none; looking at it writes nothing)
    const batch = await db
      .insertInto("import_batches")
      .values({
        created_by: ben,
        scope: "self",
        format: "servicenow",
        filename: "phone.csv",
        status: "preview",
        rows_read: 0,
        payload_json: JSON.stringify({ kind: "preview", format: "servicenow", rowsRead: 0, items: [], rowErrors: [] }),
        created_at: ts,
      })
      .returning(["id", "created_by"])
      .executeTakeFirstOrThrow();
    const fb = await first(
      "open feedback request",
      db.selectFrom("feedback_requests").select(["id", "respondent_id"]).where("status", "=", "open").orderBy("id"),
    );
    // a goal of Ben's for this worker, as the matrix makes one (the demo sets none)
    const { id: benGoal } = await db
      .insertInto("goals")
      .values({
        person_id: ben,
        title: "Phone-width goal",
        skill_key: "continuity",
        position_id: lead,
        due_date: "2030-01-31",
        status: "open",
        created_at: ts,
        updated_at: ts,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const ids: Ids = {
      ben,
      lead,
      benItem,
      benGoal,
      appraisal: appraisal.id,
      cycle: appraisal.cycle_id,
      batch: batch.id,
      fbRequest: fb.id,
      rule: (await first("mapping rule", db.selectFrom("mapping_rules").select("id").orderBy("id"))).id,
      certEntry: (await first("certification", db.selectFrom("certifications").select("id").orderBy("id"))).id,
      certHeld: (await first("held certification", db.selectFrom("person_certifications").select("id").orderBy("id"))).id,
    };
    return { ids, owners: { [`/import/${batch.id}`]: batch.created_by, [`/feedback/${fb.id}`]: fb.respondent_id } };
  })();
  return idsOfWorker;
}

async function whoFor(db: DB, p: PhonePage, path: string): Promise<Who | null> {
  if (p.as === null) return null;
  if (p.as !== "owner") return USERS[p.as];
  const { owners } = await demoIds(db);
  const person = await db.selectFrom("people").select(["id", "email"]).where("id", "=", owners[path]!).executeTakeFirstOrThrow();
  return person;
}

/**
 * The scheme the page is drawn in: app.css pairs every colour as light-dark(light, dark), so a probe element's
 * light-dark() colour tells which one the root's colour scheme ("light dark" follows the device) resolved to.
 */
function drawnScheme(page: Page): Promise<"light" | "dark"> {
  return page.evaluate(() => {
    const probe = document.createElement("span");
    probe.style.color = "light-dark(rgb(1, 1, 1), rgb(2, 2, 2))";
    document.body.append(probe);
    const color = getComputedStyle(probe).color;
    probe.remove();
    return color === "rgb(2, 2, 2)" ? "dark" : "light";
  });
}

function shotName(path: string): string {
  return (
    path
      .replace(/^\/(\?|$)/, "/home$1")
      .replace(/^\//, "")
      .replace(/[^a-z0-9]+/gi, "-")
      .replace(/-$/, "") || "home"
  );
}

test.describe("every page at 390 px", () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  for (const p of PAGES) {
    const label = p.path({ ben: ":ben", lead: ":lead" }).replace(/undefined/g, ":id");
    test(`${label} fits a phone`, async ({ page, login, db }) => {
      const { ids } = await demoIds(db);
      const path = p.path(ids);
      const who = await whoFor(db, p, path);
      if (who) await login(who);
      const response = await page.goto(path);
      expect(response?.status(), `${path} as ${String(p.as)}`).toBe(p.status ?? 200);
      const widths = await page.evaluate(() => ({
        document: document.documentElement.scrollWidth,
        // what sticks out, to name it in the failure message
        wide: [...document.querySelectorAll("body *")]
          .filter((e) => e.getBoundingClientRect().right > 391)
          // inside a box that scrolls (or clips) on its own, it does not widen the page
          .filter((e) => {
            if (["absolute", "fixed"].includes(getComputedStyle(e).position)) return true;
            for (let a = e.parentElement; a && a !== document.body; a = a.parentElement)
              if (getComputedStyle(a).overflowX !== "visible") return false;
            return true;
          })
          .slice(0, 5)
          .map((e) => `${e.tagName.toLowerCase()}.${[...e.classList].join(".")} ${Math.round(e.getBoundingClientRect().right)}`),
      }));
      await reviewShot(page, `phone-${shotName(path)}`);
      expect(widths.document, `${path} is wider than the phone: ${widths.wide.join(", ")}`).toBeLessThanOrEqual(390);
    });
  }
});

test.describe("the main pages pass axe in both themes", () => {
  for (const colorScheme of ["light", "dark"] as const) {
    for (const p of PAGES.filter((x) => x.main)) {
      test(`axe ${colorScheme}: ${p.path({ ben: ":ben", appraisal: ":id" })}`, async ({ page, login, db }) => {
        const { ids } = await demoIds(db);
        const path = p.path(ids);
        const who = await whoFor(db, p, path);
        if (who) await login(who);
        await page.emulateMedia({ colorScheme });
        await page.goto(path);
        // the theme the page is drawn in is the one asked for (the demo people follow the system)
        expect(await drawnScheme(page)).toBe(colorScheme);
        await reviewShot(page, `${colorScheme}-${shotName(path)}`);
        await expectAccessible(page);
        // and the same page on a phone, to look at
        if (process.env.E2E_SCREENSHOTS) {
          await page.setViewportSize({ width: 390, height: 844 });
          await reviewShot(page, `${colorScheme}-phone-${shotName(path)}`);
        }
      });
    }
  }
});

test.describe("the phone menu, without JavaScript", () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, javaScriptEnabled: false });

  test("is folded until opened, then lists the pages", async ({ page, login }) => {
    await login(USERS.manager);
    await page.goto("/");
    const nav = mainNav(page);
    await expect(nav.getByRole("link", { name: "Team" })).toBeHidden();
    await nav.getByText("Menu", { exact: true }).click();
    await expect(nav.getByRole("link", { name: "Team" })).toBeVisible();
    await nav.getByRole("link", { name: "Team" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Team");
    await expect(nav.getByRole("link", { name: "Team" })).toBeHidden();
  });
});

test("on a wide screen the links are in a row, without a menu to open", async ({ page, login }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await login(USERS.manager);
  await page.goto("/");
  await expect(mainNav(page).getByRole("link", { name: "Team" })).toBeVisible();
  await expect(mainNav(page).getByText("Menu", { exact: true })).toBeHidden();
});

test("the colour scheme chosen on the profile wins over the device's, from the first paint", async ({ page, login, db }) => {
  const person = await makePerson(db);
  await login(person);
  await page.emulateMedia({ colorScheme: "light" });
  await page.goto("/profile");
  await page.getByLabel("Dark").check();
  await page.getByRole("button", { name: "Save colour scheme" }).click();
  await expect(page.getByRole("status")).toHaveText("Colour scheme saved.");
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  await expectAccessible(page);
  // a fresh page without JavaScript: the server's HTML alone draws it dark
  const context = await page.context().browser()!.newContext({ javaScriptEnabled: false, colorScheme: "light" });
  await login(person, context);
  const plain = await context.newPage();
  await plain.goto(new URL("/", page.url()).href);
  expect(await drawnScheme(plain)).toBe("dark");
  expect(await plain.evaluate(() => getComputedStyle(document.documentElement).backgroundColor)).toBe("rgb(17, 21, 28)");
  await context.close();
  // and back to the device's setting
  await page.getByLabel("Follow this device's setting").check();
  await page.getByRole("button", { name: "Save colour scheme" }).click();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "system");
  expect(await drawnScheme(page)).toBe("light");
});
