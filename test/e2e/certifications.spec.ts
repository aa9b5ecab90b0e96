// Certifications in Chromium (issue 17, part 2): the admin's catalogue, an engineer's record with a link or
// an attachment, the manager's verification, what counts while valid, and the 60-day expiry notice on the
// dashboard and the team view. Every test makes its own people and catalogue entry (unique keys), and the
// dates come from the clock the server runs on, in the certifications' time zone, so any day works.
import fs from "node:fs";
import type { Page } from "@playwright/test";
import { now as clockNow } from "../../app/clock.server";
import { addDays } from "../../app/domain/certifications";
import { certificationToday } from "../../app/models/certifications.server";
import { createCertification, recordCertification, reviewCertification } from "../../app/services/certifications.server";
import type { DB } from "../../app/db.server";
import { type MadePerson, makePerson, makeTeam, uid } from "../support/factories";
import { USERS, expect, expectAccessible, reviewShot, test } from "./support";

const today = () => certificationToday(clockNow());
const actorOf = (p: MadePerson) => ({ id: p.id, role: p.role, team_id: p.teamId });

/** The document is no wider than the viewport (the phone project's check; the desktop passes it too). */
async function expectFits(page: Page) {
  // against the configured width: a phone's layout viewport (innerWidth) grows with content that overflows
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(page.viewportSize()!.width);
}

/** The browser's own checks off, so that the server's messages are what the test sees. */
async function skipBrowserChecks(page: Page) {
  await page
    .locator("form[method='post']")
    .evaluateAll((forms) => forms.forEach((f) => ((f as HTMLFormElement).noValidate = true)));
}

/** A live catalogue entry of the test's own, counting for ITIL service management. */
async function catalogueEntry(db: DB, validityMonths: number | null = 24) {
  const admin = await makePerson(db, { role: "admin" });
  const key = `e2e-${uid()}`;
  const name = `E2E certification ${key}`;
  const made = await createCertification(
    db,
    { id: admin.id, role: admin.role, team_id: null },
    {
      name,
      key,
      issuer: "E2E Institute",
      validityMonths,
      description: null,
      points: { itil: 3 },
      positions: [],
      retired: false,
    },
    clockNow(),
  );
  if (made.kind !== "ok") throw new Error(`setup: createCertification failed: ${JSON.stringify(made)}`);
  return { id: made.value.id, name };
}

/** The engineer's form at /certifications/new, filled in and sent. */
async function record(page: Page, name: string, fields: { issued: string; expires?: string; link?: string }) {
  await page.goto("/certifications");
  await page.getByRole("link", { name: "Record a certification" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Record a certification" })).toBeVisible();
  await page.getByRole("combobox", { name: "Certification" }).selectOption({ label: `${name} (E2E Institute)` });
  await page.getByLabel("Issued on").fill(fields.issued);
  if (fields.expires) await page.getByLabel("Expires on").fill(fields.expires);
  if (fields.link) await page.getByLabel("Link to the credential").fill(fields.link);
}

/** The manager opens the record from their queue on /certifications and verifies it. */
async function verify(page: Page, engineer: MadePerson, name: string) {
  await page.goto("/certifications");
  const queue = page.getByTestId("certification-queue");
  await queue.getByRole("link", { name: `${engineer.name}: ${name}` }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await page.getByRole("button", { name: "Verify", exact: true }).click();
  await expect(page.getByRole("status")).toHaveText("Review saved.");
  await expect(page.getByTestId("held-status")).toHaveText("Verified");
}

test("an admin adds a certification with skills and a required position; bad input is refused at the field", async ({
  page,
  login,
}, info) => {
  const key = `e2e-${info.project.name}-${uid()}`;
  const name = `E2E certification ${key}`;
  await login(USERS.admin);
  await page.goto("/admin/certifications");
  await expect(page.getByRole("heading", { level: 1, name: "Certifications" })).toBeVisible();
  await expectAccessible(page);

  const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Add certification" }) });
  await form.getByLabel("Name", { exact: true }).fill(name);
  await form.getByLabel("Key", { exact: true }).fill("Not a key!");
  await form.getByLabel("Issuer").fill("E2E Institute");
  await form.getByLabel("Valid for (months)").fill("999");
  await skipBrowserChecks(page);
  await form.getByRole("button", { name: "Add certification" }).click();
  await expect(page.locator("#f-key-error")).toHaveText(/Use 2 to 40 lower-case letters/);
  await expect(form.getByLabel("Key", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("#f-validityMonths-error")).toHaveText(/from 1 to 240/);
  await expect(form.getByLabel("Valid for (months)")).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page);
  await reviewShot(page, "certifications-catalogue-error");

  await form.getByLabel("Key", { exact: true }).fill(key);
  await form.getByLabel("Valid for (months)").fill("36");
  await form.getByLabel("ITIL service management").fill("3");
  await form.getByLabel("Customer and stakeholder communication").fill("1");
  // a position no other spec reads readiness for: the requirement changes nobody else's numbers
  await form.getByLabel("Head of IT Operations").check();
  await form.getByRole("button", { name: "Add certification" }).click();
  await expect(page.getByRole("status")).toContainText("Certification added.");
  const row = page.getByTestId("catalogue").getByRole("row").filter({ hasText: name });
  await expect(row).toContainText("36 months");
  await expect(row).toContainText("ITIL service management +3");
  await expect(row).toContainText("Customer and stakeholder communication +1");
  await expect(row).toContainText("Head of IT Operations");
  await reviewShot(page, "certifications-catalogue");
  await expectFits(page);

  await row.getByRole("link", { name }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.getByLabel("Head of IT Operations")).toBeChecked();
  await expect(page.getByText(/Created by /)).toBeVisible();
  await expectAccessible(page);
  await reviewShot(page, "certifications-catalogue-entry");
  await expectFits(page);
});

test("an engineer's expiry before the issue day and a link that is not a web address are refused at the fields", async ({
  page,
  db,
  login,
}) => {
  const { name } = await catalogueEntry(db);
  const {
    members: [engineer],
  } = await makeTeam(db, { count: 1 });
  await login(engineer!);
  await record(page, name, { issued: addDays(today(), -30), expires: addDays(today(), -40), link: "javascript:alert(1)" });
  await expect(page.getByText("Valid 24 months. Counts for ITIL service management +3.")).toBeVisible();
  await expectAccessible(page);
  await skipBrowserChecks(page);
  await page.getByRole("button", { name: "Send for verification" }).click();
  await expect(page.locator("#f-expiresOn-error")).toHaveText("The expiry must be after the day it was issued.");
  await expect(page.getByLabel("Expires on")).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("#f-linkUrl-error")).toHaveText("Enter a link starting with https:// or http://.");
  await expect(page.getByLabel("Link to the credential")).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page);
  await reviewShot(page, "certifications-record-error");
  await expectFits(page);
  // nothing was recorded
  await page.goto("/certifications");
  await expect(page.getByText("You have not recorded a certification yet.")).toBeVisible();
});

test("an engineer records a certification with a link, the manager verifies it, and it counts while valid", async ({
  page,
  db,
  login,
}) => {
  const { name } = await catalogueEntry(db);
  const {
    manager,
    members: [engineer],
  } = await makeTeam(db, { count: 1 });
  await login(engineer!);
  // the expiry left empty: issued + the catalogue's 24 months
  const issued = addDays(today(), -30);
  const link = `https://verify.example.com/${uid()}`;
  await record(page, name, { issued, link });
  await expect(page.getByText(/Leave empty for \d{4}-\d{2}-\d{2} \(issued \+ validity\)/)).toBeVisible();
  await page.getByRole("button", { name: "Send for verification" }).click();
  await expect(page.getByRole("status")).toHaveText("Saved and sent to your manager for verification.");
  await expect(page.getByTestId("held-status")).toHaveText("Awaiting verification");
  await expect(page.getByRole("link", { name: link })).toHaveAttribute("href", link);
  await expect(page.getByText("Once verified")).toBeVisible();
  await expectAccessible(page);
  await reviewShot(page, "certifications-record");
  await expectFits(page);

  await login(manager);
  await page.goto("/certifications");
  await expect(page.getByRole("heading", { name: "Awaiting your verification" })).toBeVisible();
  await expectAccessible(page);
  await verify(page, engineer!, name);
  await expect(page.getByTestId("held-status").locator("..")).toContainText(`by ${manager.name}`);
  await expectAccessible(page);
  await reviewShot(page, "certifications-verified");

  // the engineer sees it verified and counting as evidence, valid until the default expiry
  await login(engineer!);
  await page.goto("/certifications");
  const row = page.getByTestId("certifications").getByRole("row").filter({ hasText: name });
  await expect(row).toContainText(issued);
  await expect(row).toContainText("Verified");
  await expect(row).toContainText("counts as evidence");
  await expect(row).toHaveAttribute("data-validity", "valid");
  await expectAccessible(page);
  await reviewShot(page, "certifications-list");
  await expectFits(page);
  await row.getByRole("link", { name }).click();
  await expect(page.getByTestId("held-validity")).toContainText("Valid");
  await expect(page.locator("dl.facts")).toContainText(/Counts as evidence\s*Yes/);
});

test("an engineer attaches the certificate: a file that is not what it claims is refused, the PDF downloads as sent", async ({
  page,
  db,
  login,
}) => {
  const { name } = await catalogueEntry(db, 12);
  const {
    members: [engineer],
  } = await makeTeam(db, { count: 1 });
  await login(engineer!);
  await record(page, name, { issued: addDays(today(), -30) });
  await page
    .getByLabel("Attachment")
    .setInputFiles({ name: "certificate.pdf", mimeType: "application/pdf", buffer: Buffer.from("not a pdf") });
  await page.getByRole("button", { name: "Send for verification" }).click();
  await expect(page.locator("#f-attachment-error")).toBeVisible();
  await expect(page.getByLabel("Attachment")).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page);

  const pdf = Buffer.from(`%PDF-1.4\n% e2e certificate ${uid()}\n%%EOF\n`);
  await page.getByLabel("Attachment").setInputFiles({ name: "certificate.pdf", mimeType: "application/pdf", buffer: pdf });
  await page.getByRole("button", { name: "Send for verification" }).click();
  await expect(page.getByRole("status")).toHaveText("Saved and sent to your manager for verification.");
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "certificate.pdf" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/\.pdf$/);
  expect(fs.readFileSync((await file.path())!).equals(pdf)).toBe(true);
});

test("a verified certification expiring within 60 days shows on the dashboard and the team view", async ({ page, db, login }) => {
  const { id, name } = await catalogueEntry(db, 12);
  const {
    manager,
    members: [engineer],
  } = await makeTeam(db, { count: 1 });
  const expires = addDays(today(), 20);
  // recorded and verified through the commands: the pages for those are the tests above
  const recorded = await recordCertification(
    db,
    actorOf(engineer!),
    engineer!.id,
    {
      certificationId: id,
      issuedOn: addDays(today(), -300),
      expiresOn: expires,
      credentialRef: null,
      linkUrl: null,
      removeAttachment: false,
    },
    null,
    clockNow(),
  );
  if (recorded.kind !== "ok") throw new Error(`setup: recordCertification failed: ${JSON.stringify(recorded)}`);
  const verified = await reviewCertification(db, actorOf(manager), recorded.value.id, { intent: "verify" }, clockNow());
  if (verified.kind !== "ok") throw new Error(`setup: reviewCertification failed: ${JSON.stringify(verified)}`);

  // the engineer's dashboard announces it, with the days left
  await login(engineer!);
  await page.goto("/");
  const notice = page.getByTestId("certification-expiry");
  await expect(notice).toContainText(`${name} expires on ${expires}, in 20 days`);
  await expect(notice.getByRole("link", { name })).toBeVisible();
  await expectAccessible(page);
  await reviewShot(page, "certifications-dashboard-expiry");
  await expectFits(page);
  await page.goto("/certifications");
  await expect(page.getByTestId("certifications").getByRole("row").filter({ hasText: name })).toHaveAttribute(
    "data-validity",
    "expiring",
  );

  // the manager's team view names whose it is
  await login(manager);
  await page.goto("/team");
  const teamNotice = page.getByTestId("certification-expiry");
  await expect(teamNotice).toContainText(`${engineer!.name}: ${name} expires on ${expires}, in 20 days`);
  await expectAccessible(page);
  await reviewShot(page, "certifications-team-expiry");
  await expectFits(page);
});
