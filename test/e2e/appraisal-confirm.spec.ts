// Issue 16, point 5 in a browser: signing off asks first — a real <dialog> with JavaScript, a confirm step
// without — and the employee can acknowledge with a comment and a disagreement. Each test sets up its own
// team, cycle and appraisal with the app's commands; on desktop and on a phone (playwright.config.ts).
import type { Page } from "@playwright/test";
import { now as clockNow, nowMs } from "../../app/clock.server";
import type { DB } from "../../app/db.server";
import { DEFAULT_SKILLS } from "../../app/domain/defaults";
import { createCycle } from "../../app/services/appraisals/cycles.server";
import { startAppraisal } from "../../app/services/appraisals/start.server";
import { type AppraisalCommand, applyAppraisalEvent } from "../../app/services/appraisals/workflow.server";
import { makeTeam, uid } from "../support/factories";
import { expect, expectAccessible, reviewShot, test } from "./support";

const DAY = 86_400_000;
const day = (offset: number) => new Date(nowMs() + offset * DAY).toISOString().slice(0, 10);

const actorOf = (db: DB, id: number) =>
  db.selectFrom("people").select(["id", "role", "team_id"]).where("id", "=", id).executeTakeFirstOrThrow();

/** A report's appraisal of a cycle of its own, walked by the workflow's commands to manager review or sign-off. */
async function appraisalAt(db: DB, stage: "manager_review" | "signed_off") {
  const {
    manager,
    members: [report],
  } = await makeTeam(db, { count: 1 });
  const admin = await db
    .selectFrom("people")
    .select(["id", "role", "team_id"])
    .where("role", "=", "admin")
    .executeTakeFirstOrThrow();
  const cycle = await createCycle(
    db,
    admin,
    { name: `E2E confirm ${uid()}`, periodStart: day(-300), periodEnd: day(-1), selfDue: day(10), reviewDue: day(20) },
    clockNow(),
  );
  if (cycle.kind !== "ok") throw new Error("createCycle failed");
  const [m, r] = [await actorOf(db, manager.id), await actorOf(db, report!.id)];
  const started = await startAppraisal(db, m, { cycleId: cycle.value.id, personId: report!.id }, clockNow());
  if (started.kind !== "ok") throw new Error("startAppraisal failed");
  const appraisalId = started.value.id;
  const ratings = Object.fromEntries(DEFAULT_SKILLS.map((s) => [s.key, { level: 2, comment: "" }]));
  const steps: [typeof m, AppraisalCommand][] = [
    [r, { event: "submit_self", self: { ratings, summary: "A year of **P1s** and a DR drill." } }],
    [
      m,
      {
        event: "sign_off",
        review: { ratings, comment: "Fine", outcome: "meets", promotion: { targetPositionId: null, readiness: null } },
        confirmed: true,
      },
    ],
  ];
  for (const [who, command] of steps.slice(0, stage === "manager_review" ? 1 : 2)) {
    const res = await applyAppraisalEvent(db, who, { appraisalId, ...command }, clockNow());
    if (res.kind !== "ok") throw new Error(`${command.event} failed`);
  }
  return { manager, report: report!, appraisalId };
}

async function fillReview(page: Page) {
  for (const s of DEFAULT_SKILLS) await page.getByLabel(`Your rating — ${s.name}`).selectOption("3");
  await page.getByLabel("Overall outcome").selectOption({ label: "Meets expectations" });
  await page.getByLabel("Promotion recommendation: target position").selectOption({ label: "No promotion recommended" });
}

const stateOf = async (db: DB, id: number) =>
  (await db.selectFrom("appraisals").select("state").where("id", "=", id).executeTakeFirstOrThrow()).state;

test("sign-off opens a confirmation dialog: Cancel changes nothing, Yes signs off", async ({ page, db, login }) => {
  const { manager, appraisalId } = await appraisalAt(db, "manager_review");
  await login(manager);
  await page.goto(`/appraisals/${appraisalId}`);
  await fillReview(page);
  await page.getByRole("button", { name: "Sign off", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Sign off this appraisal?" });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText("Signing off locks the appraisal");
  await expectAccessible(page);
  await reviewShot(page, "appraisal-signoff-dialog", false); // the viewport, where the modal dialog is
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  expect(await stateOf(db, appraisalId)).toBe("manager_review");

  await page.getByRole("button", { name: "Sign off", exact: true }).click();
  await dialog.getByRole("button", { name: "Yes, sign off" }).click();
  await expect(page.getByRole("status")).toContainText("Signed off");
  expect(await stateOf(db, appraisalId)).toBe("signed_off");
});

test("without JavaScript, sign-off leads to a confirm step that keeps the review", async ({ browser, db, login }) => {
  const { manager, appraisalId } = await appraisalAt(db, "manager_review");
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await login(manager, context);
  await page.goto(`/appraisals/${appraisalId}`);
  await fillReview(page);
  await page.getByLabel("Overall comment").fill("Calm on every bridge");
  await page.getByRole("button", { name: "Sign off", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Sign off this appraisal?" })).toBeVisible();
  await expect(page.getByText("Confirm the sign-off to continue")).toBeVisible();
  await expect(page.getByLabel("Overall comment")).toHaveValue("Calm on every bridge");
  expect(await stateOf(db, appraisalId)).toBe("manager_review");
  await reviewShot(page, "appraisal-signoff-confirm-step");
  await page.getByRole("button", { name: "Yes, sign off" }).click();
  await expect(page.getByRole("status")).toContainText("Signed off");
  expect(await stateOf(db, appraisalId)).toBe("signed_off");
  await context.close();
});

test("the employee acknowledges with a comment and a disagreement, shown on the appraisal", async ({ page, db, login }) => {
  const { report, appraisalId } = await appraisalAt(db, "signed_off");
  await login(report);
  await page.goto(`/appraisals/${appraisalId}`);
  const comment = `I see my crisis handling higher ${uid()}`;
  await page.getByLabel("Your comment (optional)").fill(comment);
  await page.getByLabel("I disagree with this appraisal").check();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Acknowledge", exact: true }).click();
  await expect(page.getByRole("status")).toContainText("Acknowledged");
  await expect(page.getByText("the employee disagrees")).toBeVisible();
  await expect(page.getByText(comment).first()).toBeVisible();
  await reviewShot(page, "appraisal-acknowledged-comment");
  const row = await db
    .selectFrom("appraisals")
    .select(["acknowledgement_comment", "acknowledgement_disagrees"])
    .where("id", "=", appraisalId)
    .executeTakeFirstOrThrow();
  expect(row).toEqual({ acknowledgement_comment: comment, acknowledgement_disagrees: 1 });
});
