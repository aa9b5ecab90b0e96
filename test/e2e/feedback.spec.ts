// 360 feedback in Chromium (issue 17, part 3; ADR 021): on an appraisal the manager asks three colleagues,
// each answers the per-skill form, and the appraisal shows nothing but counts until the third answer, then
// the colleagues' aggregates beside the self and manager ratings, never a name. The team, cycle and
// appraisal are the test's own (unique names), the dates relative to the server's clock. Each test drives
// one part through the pages and makes the earlier parts with the app's own commands, to stay within 30 s.
import type { Page } from "@playwright/test";
import { now as clockNow, nowMs } from "../../app/clock.server";
import type { DB } from "../../app/db.server";
import { createCycle } from "../../app/services/appraisals/cycles.server";
import { startAppraisal } from "../../app/services/appraisals/start.server";
import { applyAppraisalEvent } from "../../app/services/appraisals/workflow.server";
import { answerFeedback } from "../../app/services/feedback/answer.server";
import { requestFeedback } from "../../app/services/feedback/request.server";
import { type MadePerson, makePerson, makeTeam, uid } from "../support/factories";
import { expect, expectAccessible, reviewShot, test } from "./support";

const DAY = 86_400_000;
const day = (offset: number) => new Date(nowMs() + offset * DAY).toISOString().slice(0, 10);
const SKILL = "Debugging and root-cause analysis";

async function expectFits(page: Page) {
  // against the configured width: a phone's layout viewport (innerWidth) grows with content that overflows
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(page.viewportSize()!.width);
}

/** A manager, the person appraised and three colleagues on one team, with an open appraisal. */
async function scene(db: DB) {
  const admin = await makePerson(db, { role: "admin" });
  const { manager, members } = await makeTeam(db, { count: 4 });
  const [subject, ...peers] = members as [MadePerson, ...MadePerson[]];
  const cycle = `E2E feedback cycle ${uid()}`;
  const made = await createCycle(
    db,
    { id: admin.id, role: admin.role, team_id: null },
    { name: cycle, periodStart: day(-330), periodEnd: day(-1), selfDue: day(20), reviewDue: day(40) },
    clockNow(),
  );
  if (made.kind !== "ok") throw new Error(`setup: createCycle failed: ${JSON.stringify(made)}`);
  const started = await startAppraisal(
    db,
    { id: manager.id, role: manager.role, team_id: manager.teamId },
    { cycleId: made.value.id, personId: subject.id },
    clockNow(),
  );
  if (started.kind !== "ok") throw new Error(`setup: startAppraisal failed: ${JSON.stringify(started)}`);
  return { manager, subject, peers, cycle, appraisalId: started.value.id };
}

const actorOf = (p: MadePerson) => ({ id: p.id, role: p.role, team_id: p.teamId });

/** The scene with the three colleagues asked, by the manager, through the request command. */
async function asked(db: DB) {
  const s = await scene(db);
  const r = await requestFeedback(
    db,
    actorOf(s.manager),
    { appraisalId: s.appraisalId, respondentIds: s.peers.map((p) => p.id) },
    clockNow(),
  );
  if (r.kind !== "ok") throw new Error(`setup: requestFeedback failed: ${JSON.stringify(r)}`);
  return s;
}

/** One colleague's answer through the command: `level` for the one skill, "Can't say" for the others. */
async function answered(db: DB, appraisalId: number, peer: MadePerson, level: number, comment: string) {
  const { id: requestId } = await db
    .selectFrom("feedback_requests")
    .select("id")
    .where("appraisal_id", "=", appraisalId)
    .where("respondent_id", "=", peer.id)
    .executeTakeFirstOrThrow();
  const skills = await db.selectFrom("skills").select(["key", "name"]).where("retired", "=", 0).execute();
  const answers = Object.fromEntries(
    skills.map((k) => [k.key, k.name === SKILL ? { level, comment } : { level: null, comment: "" }]),
  );
  const r = await answerFeedback(db, actorOf(peer), { requestId, decline: false, answers }, clockNow());
  if (r.kind !== "ok") throw new Error(`setup: answerFeedback failed: ${JSON.stringify(r)}`);
}

/** The employee's self rating and the manager's rating of every skill, through the workflow's commands. */
async function rated(db: DB, s: Awaited<ReturnType<typeof scene>>, self: number, manager: number) {
  const keys = (await db.selectFrom("skills").select("key").where("retired", "=", 0).execute()).map((k) => k.key);
  const ratings = (level: number) => Object.fromEntries(keys.map((k) => [k, { level, comment: "" }]));
  const steps = [
    [s.subject, { event: "submit_self", self: { ratings: ratings(self), summary: `E2E summary ${uid()}` } }],
    [s.manager, { event: "save_review", review: { ratings: ratings(manager), outcome: null, promotion: null } }],
  ] as const;
  for (const [who, command] of steps) {
    const r = await applyAppraisalEvent(db, actorOf(who), { appraisalId: s.appraisalId, ...command }, clockNow());
    if (r.kind !== "ok") throw new Error(`setup: ${command.event} failed: ${JSON.stringify(r)}`);
  }
}

/** A colleague answers from their list at /feedback: `level` for the one skill, "Can't say" for the rest. */
async function answer(page: Page, subject: MadePerson, cycle: string, level: number, comment: string, check = false) {
  await page.goto("/feedback");
  await expect(page.getByText("1 colleague is waiting for your feedback.")).toBeVisible();
  await page.getByRole("link", { name: `${subject.name}: ${cycle}` }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Feedback for ${subject.name}: ${cycle}` })).toBeVisible();
  const select = page.getByLabel(`Level — ${SKILL}`);
  if (check) {
    await expectAccessible(page);
    // a level the list does not offer (a tampered form) is refused next to that skill's field
    await select.evaluate((s) => {
      const o = document.createElement("option");
      o.value = "9";
      o.textContent = "9";
      (s as HTMLSelectElement).append(o);
      (s as HTMLSelectElement).value = "9";
    });
    await page.getByRole("button", { name: "Send feedback" }).click();
    await expect(page.locator(`#${await select.getAttribute("id")}-error`)).toHaveText(/Choose a level from 0 to 5/);
    await expect(select).toHaveAttribute("aria-invalid", "true");
    await expectAccessible(page);
    await reviewShot(page, "feedback-answer-error");
    await expectFits(page);
  }
  await select.selectOption(String(level));
  await page.getByLabel(`Comment (optional) on ${SKILL}`).fill(comment);
  await page.getByRole("button", { name: "Send feedback" }).click();
  await expect(page.getByRole("status")).toContainText("Thank you: your feedback was added");
  await expect(page.getByText("Nobody is waiting for your feedback.")).toBeVisible();
}

test("the manager asks three colleagues for feedback on an appraisal; asking nobody is refused next to the list", async ({
  page,
  db,
  login,
}) => {
  const { manager, peers, appraisalId } = await scene(db);
  const panel = page.getByRole("region", { name: "Colleagues' feedback", exact: true });
  await login(manager);
  await page.goto(`/appraisals/${appraisalId}`);
  await expect(panel).toContainText("No colleague has been asked for feedback yet.");
  await panel.getByRole("button", { name: "Ask for feedback" }).click();
  await expect(panel.locator("#feedback-respondents-error")).toHaveText("Choose at least one colleague.");
  await expectAccessible(page);
  for (const p of peers) await panel.getByRole("checkbox", { name: new RegExp(p.name) }).check();
  await panel.getByRole("button", { name: "Ask for feedback" }).click();
  await expect(panel.getByRole("status")).toHaveText("Asked 3 colleagues for feedback.");
  await expect(panel).toContainText("0 of 3 colleagues asked have answered.");
  // once asked, nobody is listed any more: the page never says who was asked
  for (const p of peers) await expect(panel.getByRole("checkbox", { name: new RegExp(p.name) })).toHaveCount(0);
  await expectAccessible(page);
  await reviewShot(page, "feedback-asked");
  await expectFits(page);
});

test("a colleague answers the per-skill form; a level outside the list is refused at the field", async ({ page, db, login }) => {
  const { subject, peers, cycle } = await asked(db);
  await login(peers[0]!);
  await answer(page, subject, cycle, 2, `E2E note ${uid()}`, true);
  await expectAccessible(page);
  await expectFits(page);
});

test("before three answers the appraisal shows counts only; after the third, aggregates beside the ratings and no names", async ({
  page,
  db,
  login,
}) => {
  const s = await asked(db);
  const { manager, subject, peers, cycle, appraisalId } = s;
  const [a, b, c] = peers as [MadePerson, MadePerson, MadePerson];
  const panel = page.getByRole("region", { name: "Colleagues' feedback", exact: true });
  await rated(db, s, 1, 5);
  await answered(db, appraisalId, a, 2, `E2E note from the first ${uid()}`);
  await answered(db, appraisalId, b, 4, `E2E note from the second ${uid()}`);

  // two answers: counts only, no column, no comment
  await login(manager);
  await page.goto(`/appraisals/${appraisalId}`);
  await expect(panel).toContainText("2 of 3 colleagues asked have answered.");
  await expect(panel).toContainText("Results appear once 3 have answered");
  await expect(page.getByRole("columnheader", { name: "Colleagues (0–5)" })).toHaveCount(0);
  await expect(page.getByText("E2E note from the first")).toHaveCount(0);

  await login(c);
  await answer(page, subject, cycle, 3, `E2E note from the third ${uid()}`);

  // three answers: the aggregate beside the self and manager ratings, and no name of anyone asked
  await login(manager);
  await page.goto(`/appraisals/${appraisalId}`);
  await expect(panel).toContainText("3 of 3 colleagues asked have answered.");
  const headers = page.getByRole("columnheader");
  await expect(headers.filter({ hasText: "Self rating" })).toHaveCount(1);
  await expect(headers.filter({ hasText: "Manager rating" })).toHaveCount(1);
  await expect(headers.filter({ hasText: "Colleagues (0–5)" })).toHaveCount(1);
  const row = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: SKILL }) });
  // self 1, manager 5, the colleagues' median 3 in the cells after them
  await expect(row.getByRole("cell").nth(2)).toContainText("1");
  await expect(row.getByRole("cell").nth(3)).toContainText("5");
  await expect(row.getByRole("cell").nth(4)).toContainText("3 median");
  await expect(row).toContainText(/mean 3 · range 2–4 · 3 ratings/);
  await expect(panel).toContainText("E2E note from the first");
  await expect(panel).toContainText("E2E note from the third");
  for (const p of peers) await expect(page.locator("body")).not.toContainText(p.name);
  await expectAccessible(page);
  await reviewShot(page, "feedback-aggregate-manager");
  await expectFits(page);

  // the employee sees the same aggregate, and no names either
  await login(subject);
  await page.goto(`/appraisals/${appraisalId}`);
  await expect(row.getByRole("cell").nth(4)).toContainText("3 median");
  for (const p of peers) await expect(page.locator("body")).not.toContainText(p.name);
});
