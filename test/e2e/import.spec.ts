// Import from ticketing tools, in the browser: upload (with and without JavaScript), preview, confirm with
// progress, the new evidence and the matrix change, undo, admin handle mapping and integration tokens.
//
// Each test imports for people of its own (test/support/factories.ts) with handles of their own, so the
// counts it reads (items behind a skill, rows created) move for nobody else's reason.
import fs from "node:fs";
import type { Page } from "@playwright/test";
import { now as clockNow, nowMs } from "../../app/clock.server";
import type { DB } from "../../app/db.server";
import { type MadePerson, makePerson, uid } from "../support/factories";
import { expect, expectAccessible, reviewShot, test, USERS } from "./support";

const HEADER =
  "number,incident_state,active,reassignment_count,reopen_count,sys_mod_count,opened_at,sys_updated_at,category,subcategory,impact,priority,assigned_to,problem_id,rfc,closed_code,resolved_by,resolved_at,closed_at";

const pad = (n: number) => String(n).padStart(2, "0");
const DAY = 86_400_000;

/** dd-mm-yyyy HH:MM, as the ServiceNow log writes it: `day` (a UTC date) at `hh:mm` */
function snAt(day: Date, hh: number, mm: number): string {
  return `${pad(day.getUTCDate())}-${pad(day.getUTCMonth() + 1)}-${day.getUTCFullYear()} ${pad(hh)}:${pad(mm)}`;
}

/** `days` ago at `hh:mm`, by the clock the server runs on (app/clock.server.ts) */
function snDate(days: number, hh: number, mm: number): string {
  return snAt(new Date(nowMs() - days * DAY), hh, mm);
}

/**
 * A Monday to Friday at least `days` back: a ticket dated there at 10:00 is in business hours (08-18,
 * weekdays) whatever day the test runs on. A plain "3 days ago" is a Saturday or Sunday on Tuesdays and
 * Wednesdays, and then the ticket counts as after hours.
 */
function weekdayBack(days: number): Date {
  const d = new Date(nowMs() - days * DAY);
  while (d.getUTCDay() === 0 || d.getUTCDay() === 6) d.setTime(d.getTime() - DAY);
  return d;
}

/**
 * A digit per project: the desktop and the phone run of a test import the same tickets at once, and a ticket is
 * keyed by its number (the second run would find it imported for someone else).
 */
const run = () => (test.info().project.name === "phone" ? "9" : "0");

/** An engineer with a ServiceNow assignee name and a "Resolved by" handle of their own. */
interface Importer extends MadePerson {
  assignee: string;
  resolver: string;
}

async function importer(db: DB): Promise<Importer> {
  const u = uid();
  const assignee = `imp${u}`;
  const resolver = `Resolved by ${u}`;
  return { ...(await makePerson(db, { handles: [assignee, resolver] })), assignee, resolver };
}

/** A small ServiceNow export with recent dates: two of `me`'s resolved tickets, one of `other`'s, one of `me`'s still open. */
function exportFor(prefix: string, me: Importer, other: Importer): string {
  const office = weekdayBack(3);
  const rows = [
    // me, P1, at night: debugging + crisis (P1, after hours)
    `${prefix}01,Active,TRUE,0,0,1,${snDate(2, 22, 10)},${snDate(2, 22, 20)},Category 1,Subcategory 2,1 - High,1 - Critical,${me.assignee},?,?,?,?,?,?`,
    `${prefix}01,Resolved,FALSE,1,0,3,${snDate(2, 22, 10)},${snDate(2, 23, 40)},Category 1,Subcategory 2,1 - High,1 - Critical,${me.assignee},?,?,code 5,${me.resolver},${snDate(2, 23, 40)},?`,
    // me, P3, in office hours: debugging only
    `${prefix}02,Closed,FALSE,0,0,4,${snAt(office, 10, 0)},${snAt(office, 12, 0)},Category 4,?,3 - Low,3 - Moderate,${me.assignee},?,?,code 2,${me.resolver},${snAt(office, 11, 30)},${snDate(1, 9, 0)}`,
    // other's: not mine
    `${prefix}03,Resolved,FALSE,0,0,2,${snAt(office, 10, 0)},${snAt(office, 12, 0)},Category 4,?,3 - Low,4 - Low,${other.assignee},?,?,code 2,${other.resolver},${snAt(office, 12, 0)},?`,
    // still open
    `${prefix}04,Active,TRUE,0,0,1,${snDate(1, 9, 0)},${snDate(1, 9, 30)},Category 4,?,3 - Low,4 - Low,${me.assignee},?,?,?,?,?,?`,
  ];
  return [HEADER, ...rows].join("\r\n") + "\r\n";
}

/** A file to upload, in this test's own output folder (tests run in parallel). */
function writeFixture(name: string, content: string | Buffer): string {
  const file = test.info().outputPath(name);
  fs.writeFileSync(file, content);
  return file;
}

/**
 * Holds the matching requests until `release()` is called: the test sees the progress indicator and
 * then lets the request go, instead of slowing it by a fixed time.
 */
async function holdRequests(page: Page, url: string, method: string) {
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  await page.route(url, async (route) => {
    if (route.request().method() === method) await released;
    await route.continue();
  });
  return release;
}

async function crisisItems(page: Page): Promise<number> {
  await page.goto("/");
  const cell = page.getByTestId("skill-matrix").locator('tr[data-skill="crisis"] td[data-col="items"] a');
  return Number((await cell.textContent())?.trim());
}

test("an engineer uploads her ServiceNow export, previews, confirms, sees the evidence and the matrix change, and undoes it", async ({
  page,
  db,
  login,
}) => {
  const [me, other] = [await importer(db), await importer(db)];
  await login(me);
  const before = await crisisItems(page);

  await page.goto("/import");
  await expect(page.getByRole("heading", { name: "Import from ticketing tools" })).toBeVisible();
  await expect(page.getByText(me.resolver)).toBeVisible();
  await expectAccessible(page);
  await reviewShot(page, "import-index");

  // a binary file is refused next to the field (here by the JavaScript upload)
  await page
    .getByLabel("CSV export")
    .setInputFiles(writeFixture("photo.png", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00])));
  await page.getByRole("button", { name: "Upload and preview" }).click();
  await expect(page.locator("#f-file-error")).toHaveText(/not a CSV text file \(it contains binary data\)/);
  await expect(page.getByLabel("CSV export")).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page);
  await reviewShot(page, "import-bad-file");

  // hold the upload until the progress indicator has been seen
  const releaseUpload = await holdRequests(page, "**/import/upload", "POST");
  await page.getByLabel("CSV export").setInputFiles(writeFixture("aisha.csv", exportFor(`INC81${run()}`, me, other)));
  await page.getByRole("button", { name: "Upload and preview" }).click();
  await expect(page.getByRole("status").filter({ hasText: /Uploading|Reading the file/ })).toBeVisible();
  releaseUpload();
  await page.waitForURL(/\/import\/\d+$/);
  const batchUrl = page.url();

  await expect(page.getByTestId("format")).toHaveText("ServiceNow");
  await expect(page.getByTestId("rows-read")).toHaveText("5");
  await expect(page.getByTestId("tickets")).toContainText("4");
  const counts = page.getByTestId("import-counts");
  await expect(counts.locator('[data-count="create"] .n')).toHaveText("2");
  await expect(counts.locator('[data-count="skip"] .n')).toHaveText("2");
  await expect(page.getByTestId("skip-reasons")).toHaveText("Skipped: 1 not resolved, 1 not yours.");
  await expect(page.getByRole("cell", { name: `Not yours (${other.resolver})` })).toBeVisible();
  await expectAccessible(page);
  await reviewShot(page, "import-preview");

  // confirm: a progress indicator while the one transaction runs (held until it has been seen)
  const releaseConfirm = await holdRequests(page, "**/import/*", "POST");
  await page.getByRole("button", { name: "Confirm: write 2 new and 0 updated item(s)" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Writing 2 item(s) in one transaction" })).toBeVisible();
  releaseConfirm();
  await expect(page.getByTestId("written-notice")).toHaveText("Written in one transaction: 2 new item(s), 0 updated.");
  await expectAccessible(page);
  await reviewShot(page, "import-written");

  // the new evidence, on its own page
  await page.getByRole("link", { name: new RegExp(`Incident INC81${run()}01`) }).click();
  await expect(page).toHaveURL(/\/evidence\/\d+$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(`Incident INC81${run()}01`);
  await expect(page.getByText(`INC81${run()}01`).first()).toBeVisible();

  // the matrix: one more item behind crisis (the P1 at night)
  expect(await crisisItems(page)).toBe(before + 1);

  // the batch in the list, then undo
  await page.goto("/import");
  await expect(page.getByRole("link", { name: /aisha\.csv/ })).toBeVisible();
  await page.goto(batchUrl);
  page.once("dialog", (d) => d.accept());
  await page.getByRole("button", { name: /Undo import #/ }).click();
  await expect(page.getByRole("status").filter({ hasText: "Import undone: 2 created item(s) deleted" })).toBeVisible();
  expect(await crisisItems(page)).toBe(before);
});

test("an Excel workbook is refused with how to save it as CSV; a Jira Duplicate is skipped with its resolution", async ({
  page,
  db,
  login,
}) => {
  const me = await importer(db);
  await login(me);
  await page.goto("/import");
  await page.getByLabel("CSV export").setInputFiles({
    name: "incidents.xlsx",
    mimeType: "text/csv",
    buffer: fs.readFileSync("test/fixtures/import/incidents.xlsx"),
  });
  await page.getByRole("button", { name: "Upload and preview" }).click();
  await expect(page.locator("#f-file-error")).toHaveText(
    /The file is an Excel workbook \(\.xlsx\), not CSV text: open it in Excel and save it with File → Save As → "CSV UTF-8"/,
  );

  const day = snAt(weekdayBack(3), 10, 0).replace(/^(\d+)-(\d+)-(\d+)/, "$3-$2-$1");
  const later = day.replace("10:00", "11:00");
  const key = `DUP${run()}${uid()}`;
  const jira = [
    "Issue key,Summary,Issue Type,Status,Resolution,Assignee,Created,Resolved",
    `${key}-1,Same outage as yesterday,Incident,Closed,Duplicate,${me.assignee},${day},${later}`,
    `${key}-2,Grant access to the logs,Service Request,Done,Done,${me.assignee},${day},${later}`,
    "",
  ].join("\n");
  await page.getByLabel("CSV export").setInputFiles(writeFixture("jira.csv", jira));
  await page.getByRole("button", { name: "Upload and preview" }).click();
  await page.waitForURL(/\/import\/\d+$/);
  await expect(page.getByTestId("format")).toHaveText("Jira");
  await expect(page.getByTestId("skip-reasons")).toHaveText("Skipped: 1 resolved as not done.");
  await expect(
    page.getByText("Resolved as “Duplicate”, which is not work done (the done resolutions are in Settings)"),
  ).toBeVisible();
  await expectAccessible(page);
  await reviewShot(page, "import-not-done");
});

/** One resolved ticket of `me`'s as a ServiceNow export: its times as written, its reopen and modification counts. */
function oneTicket(
  number: string,
  me: Importer,
  t: { opened: string; updated: string; resolved: string; reopen?: number; mod?: number },
): string {
  const row = [number, "Resolved", "FALSE", 0, t.reopen ?? 0, t.mod ?? 2, t.opened, t.updated, "Category 1", "Subcategory 2"];
  const rest = ["2 - Medium", "3 - Moderate", "?", "?", "?", "code 5", me.resolver, t.resolved, "?"];
  return [HEADER, [...row, ...rest].join(","), ""].join("\n");
}

/** On the upload form: uploads `csv` (with JavaScript) and waits for its preview. */
async function uploadForPreview(page: Page, csv: string) {
  await page.getByLabel("CSV export").setInputFiles(writeFixture("export.csv", csv));
  await page.getByRole("button", { name: "Upload and preview" }).click();
  await page.waitForURL(/\/import\/\d+$/);
}

test("dates that could be day or month first are asked about, shown both ways, and read month first when chosen", async ({
  page,
  db,
  login,
}) => {
  const me = await importer(db);
  await login(me);
  const number = `INC${run()}${uid()}`;
  // fixed past dates: no value over 12 tells the order, whatever day the test runs
  const csv = oneTicket(number, me, { opened: "03/04/2024 09:00", updated: "05/04/2024 10:30", resolved: "05/04/2024 10:30" });
  await page.goto("/import");
  await expect(page.getByLabel("Dates such as 03/04/2024")).toHaveValue("auto");
  await uploadForPreview(page, csv);
  const question = page.getByTestId("date-question");
  await expect(question.getByRole("heading", { name: "Does this file write the day or the month first?" })).toBeVisible();
  await expect(question.getByRole("row", { name: /03\/04\/2024 09:00/ })).toContainText("3 April 2024, 09:00");
  await expect(question.getByRole("row", { name: /03\/04\/2024 09:00/ })).toContainText("4 March 2024, 09:00");
  await expect(page.getByTestId("date-order")).toContainText("Day first (31/12/2024) — assumed");
  await expectAccessible(page);
  await reviewShot(page, "import-date-question");

  await question.getByRole("button", { name: "Discard and upload again, month first" }).click();
  await page.waitForURL(/\/import\?dateOrder=mdy$/);
  await expect(page.getByLabel("Dates such as 03/04/2024")).toHaveValue("mdy");
  await uploadForPreview(page, csv);
  await expect(page.getByTestId("date-order")).toHaveText("Month first (12/31/2024) — as you chose");
  await expect(page.getByTestId("date-question")).toHaveCount(0);
  await expect(page.getByTestId("tickets")).toContainText("1");
});

test("the preview names the zone a file's times were read in, and reads them in another when asked", async ({
  page,
  db,
  login,
}) => {
  const me = await importer(db);
  await login(me);
  const number = `INC${run()}${uid()}`;
  const csv = oneTicket(number, me, { opened: "15-07-2024 22:00", updated: "16-07-2024 01:30", resolved: "16-07-2024 01:30" });
  await page.goto("/import");
  await expect(page.getByLabel("Times without a UTC offset are in")).toHaveValue("UTC");
  await uploadForPreview(page, csv);
  await expect(page.getByTestId("time-zone")).toContainText("Read as UTC time (2 values without a UTC offset)");
  // a zone that does not exist: said next to the field, and the preview stays
  await page.getByLabel("Read its times without an offset as").fill("Mars/Olympus_Mons");
  await page.getByRole("button", { name: "Discard and upload again in this zone" }).click();
  await expect(page.locator("#f-timeZone-error")).toHaveText("Choose a time zone from the list (such as Europe/London).");
  await expect(page.getByTestId("time-zone")).toContainText("Read as UTC time");
  await page.getByLabel("Read its times without an offset as").fill("Asia/Kolkata");
  await page.getByRole("button", { name: "Discard and upload again in this zone" }).click();
  await page.waitForURL(/\/import\?timeZone=Asia%2FKolkata$/);
  await expect(page.getByLabel("Times without a UTC offset are in")).toHaveValue("Asia/Kolkata");
  await uploadForPreview(page, csv);
  await expect(page.getByTestId("time-zone")).toContainText("Read as Asia/Kolkata time");
  await expectAccessible(page);
  await page.getByRole("button", { name: /^Confirm: write 1 new/ }).click();
  await page.waitForURL(/written=1/);
  const item = await db
    .selectFrom("evidence")
    .select(["started_at", "resolved_at"])
    .where("import_key", "=", `servicenow:${number.toUpperCase()}`)
    .executeTakeFirstOrThrow();
  // 22:00 and 01:30 in Kolkata (+05:30)
  expect([item.started_at, item.resolved_at]).toEqual(["2024-07-15T16:30:00.000Z", "2024-07-15T20:00:00.000Z"]);
});

test("an export older than what is stored is skipped, saying so, and the item keeps its newer state", async ({
  page,
  db,
  login,
}) => {
  const me = await importer(db);
  await login(me);
  const number = `INC${run()}${uid()}`;
  const exportAt = (reopen: number, mod: number, updated: string) =>
    oneTicket(number, me, { opened: "04-03-2024 09:00", updated, resolved: "04-03-2024 12:00", reopen, mod });
  const uploadAndPreview = async (csv: string) => {
    await page.goto("/import");
    await uploadForPreview(page, csv);
  };
  await uploadAndPreview(exportAt(1, 5, "06-03-2024 10:00"));
  await page.getByRole("button", { name: /^Confirm: write 1 new/ }).click();
  await page.waitForURL(/written=1/);

  await uploadAndPreview(exportAt(0, 3, "05-03-2024 10:00"));
  await expect(page.getByTestId("skip-reasons")).toHaveText("Skipped: 1 older than stored.");
  await expect(
    page.getByText("Older than stored: this export has the ticket at modification 3, the stored item at 5"),
  ).toBeVisible();
  await expectAccessible(page);
  const item = await db
    .selectFrom("evidence")
    .select(["reopen_count", "source_mod_count"])
    .where("import_key", "=", `servicenow:${number.toUpperCase()}`)
    .executeTakeFirstOrThrow();
  expect([item.reopen_count, item.source_mod_count]).toEqual([1, 5]);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the plain form uploads, a bad file is refused next to the field, and the preview confirms", async ({
    page,
    db,
    login,
  }) => {
    const [me, other] = [await importer(db), await importer(db)];
    await login(me);
    await page.goto("/import");
    await page
      .getByLabel("CSV export")
      .setInputFiles(writeFixture("photo.png", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00])));
    const [bad] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST" && r.url().includes("/import")),
      page.getByRole("button", { name: "Upload and preview" }).click(),
    ]);
    expect(bad.status()).toBe(422);
    await expect(page.locator("#f-file-error")).toHaveText(/not a CSV text file \(it contains binary data\)/);
    await expect(page.getByLabel("CSV export")).toHaveAttribute("aria-invalid", "true");
    // (no axe scan here: axe needs JavaScript in the page; the same error state is scanned in the first test)

    await page.getByLabel("CSV export").setInputFiles(writeFixture("unknown.csv", "name,colour\nwidget,blue\n"));
    await page.getByRole("button", { name: "Upload and preview" }).click();
    await expect(page.locator("#f-file-error")).toContainText("Unrecognised CSV");

    await page.getByLabel("CSV export").setInputFiles(writeFixture("ben.csv", exportFor(`INC82${run()}`, other, me)));
    await page.getByRole("button", { name: "Upload and preview" }).click();
    await page.waitForURL(/\/import\/\d+$/);
    await expect(page.getByTestId("import-counts").locator('[data-count="create"] .n')).toHaveText("1");
    await page.getByRole("button", { name: /^Confirm/ }).click();
    await expect(page.getByTestId("written-notice")).toHaveText("Written in one transaction: 1 new item(s), 0 updated.");
  });
});

test("an admin imports for the organisation, maps unknown handles (picker and suggestion), and manages integration tokens", async ({
  page,
  db,
  login,
}) => {
  const u = uid();
  // a handle made from a name ("yvarga…" for Ysolde Varga…) is suggested; an anonymised one is picked by name
  const lookalike = await makePerson(db, { name: `Ysolde Varga${u}`, handles: [] });
  const [owner, resolver] = [await makePerson(db), await importer(db)];
  const unknown = `Resolved by ${uid()}`; // nobody's handle, until the admin maps it
  const similar = `yvarga${u}`;
  await login(USERS.admin);
  await page.goto("/import");
  const csv = [
    HEADER,
    `INC83${run()}01,Resolved,FALSE,0,0,2,${snDate(2, 10, 0)},${snDate(2, 12, 0)},Category 4,?,3 - Low,2 - High,?,?,?,code 2,${unknown},${snDate(2, 12, 0)},?`,
    `INC83${run()}02,Resolved,FALSE,0,0,2,${snDate(2, 10, 0)},${snDate(2, 12, 0)},Category 4,?,3 - Low,3 - Moderate,?,?,?,code 2,${resolver.resolver},${snDate(2, 12, 0)},?`,
    `INC83${run()}03,Resolved,FALSE,0,0,2,${snDate(2, 10, 0)},${snDate(2, 12, 0)},Category 4,?,3 - Low,3 - Moderate,?,?,?,code 2,${similar},${snDate(2, 12, 0)},?`,
  ].join("\n");
  await page.getByLabel("CSV export").setInputFiles(writeFixture("org.csv", csv));
  await page.getByRole("button", { name: "Upload and preview" }).click();
  await page.waitForURL(/\/import\/\d+$/);
  await expect(page.getByRole("heading", { name: /Unknown handles/ })).toBeVisible();
  await expect(page.getByTestId("import-counts").locator('[data-count="create"] .n')).toHaveText("1");
  await expectAccessible(page);
  await reviewShot(page, "import-org-preview");
  // the searchable picker: a name nobody has is refused next to the field
  const picker = page.getByLabel(`Person for ${unknown}`);
  await expect(picker).toHaveAttribute("list", "people-list");
  await picker.fill("Nobody Of This Name");
  await page.getByRole("button", { name: `Map ${unknown}`, exact: true }).click();
  await expect(page.getByText("No active person is called “Nobody Of This Name”")).toBeVisible();
  await expect(page.getByLabel(`Person for ${unknown}`)).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page);
  await page.getByLabel(`Person for ${unknown}`).fill(`${owner.name} <${owner.email}>`);
  await page.getByRole("button", { name: `Map ${unknown}`, exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: `Handle “${unknown}” now belongs to ${owner.name}` })).toBeVisible();
  await expect(page.getByTestId("import-counts").locator('[data-count="create"] .n')).toHaveText("2");
  await expect(page.getByRole("cell", { name: `${owner.name} (${unknown})` })).toBeVisible();

  // the suggestion, accepted in one click
  await page.getByRole("button", { name: `Map to ${lookalike.name} (handle ${similar})` }).click();
  await expect(
    page.getByRole("status").filter({ hasText: `Handle “${similar}” now belongs to ${lookalike.name}` }),
  ).toBeVisible();
  await expect(page.getByTestId("import-counts").locator('[data-count="create"] .n')).toHaveText("3");
  await expect(page.getByRole("heading", { name: /Unknown handles/ })).toHaveCount(0);
  await reviewShot(page, "import-org-mapped");

  await page.goto("/admin/tokens");
  await expect(page.getByRole("heading", { name: "Integration tokens" })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("Integration name").fill("PagerDuty webhook");
  await page.getByRole("button", { name: "Create token" }).click();
  const token = (await page.getByTestId("new-token").textContent())!.trim();
  expect(token).toMatch(/^sp_[A-Za-z0-9_-]{40,}$/);
  await expectAccessible(page);
  await reviewShot(page, "import-tokens");

  // the API takes it
  const res = await page.request.post("/api/v1/evidence", {
    headers: { Authorization: `Bearer ${token}` },
    data: {
      system: "pagerduty",
      externalRef: `PD-${uid()}`,
      title: "Queue backlog",
      handle: resolver.resolver,
      resolvedAt: clockNow().toISOString(),
    },
  });
  expect(res.status()).toBe(201);

  // shown once: a reload shows only the prefix; then revoke
  await page.goto("/admin/tokens");
  await expect(page.getByTestId("new-token")).toHaveCount(0);
  await expect(page.getByText(`${token.slice(0, 11)}…`)).toBeVisible();
  page.once("dialog", (d) => d.accept());
  await page.getByRole("button", { name: "Revoke PagerDuty webhook" }).click();
  await expect(page.getByRole("status").filter({ hasText: "revoked" })).toBeVisible();
  const denied = await page.request.post("/api/v1/evidence", {
    headers: { Authorization: `Bearer ${token}` },
    data: { externalRef: "PD-2", title: "x", handle: resolver.resolver, resolvedAt: clockNow().toISOString() },
  });
  expect(denied.status()).toBe(401);
});
