// Issue 16, point 5 over HTTP: a sign-off or reopen happens only once confirmed (refused with 422 and
// nothing written otherwise, the form coming back in its confirm step), and the employee's comment or
// disagreement at acknowledgement is kept on the appraisal, in its snapshot and in the audit log. Also
// point 6 for appraisals: summaries and comments render as formatted Markdown, raw HTML neutralised.
// Every test makes its own cycle and appraisal (unique names), so they run in any order and in parallel.
import { beforeAll, describe, expect, it } from "vitest";
import { type TestApp, startApp } from "../support/app";
import { uid } from "../support/factories";
import { now as clockNow, nowMs } from "../../app/clock.server";
import { createCycle } from "../../app/services/appraisals/cycles.server";
import { startAppraisal } from "../../app/services/appraisals/start.server";
import { type AppraisalCommand, applyAppraisalEvent } from "../../app/services/appraisals/workflow.server";
import type { Result } from "../../app/utils/result";

let app: TestApp;
const c: Record<string, string> = {};
const id: Record<string, number> = {};
let skills: string[] = [];

const DAY = 86_400_000;
const day = (offsetDays: number) => new Date(nowMs() + offsetDays * DAY).toISOString().slice(0, 10);
const PERIOD = { periodStart: day(-330), periodEnd: day(-1), selfDue: day(20), reviewDue: day(40) };

beforeAll(async () => {
  app = await startApp();
  for (const [k, email] of Object.entries({
    ben: "ben.carter@example.com",
    daniel: "daniel.kowalski@example.com",
    admin: "admin@example.com",
  })) {
    c[k] = await app.signIn(email);
    id[k] = await app.personId(email);
  }
  skills = (await app.db.selectFrom("skills").select("key").where("retired", "=", 0).orderBy("sort_order").execute()).map(
    (s) => s.key,
  );
});

const db = () => app.db as never;
const actor = async (who: string) =>
  app.db.selectFrom("people").select(["id", "role", "team_id"]).where("id", "=", id[who]!).executeTakeFirstOrThrow();
function must<T>(result: Result<T>, what: string): T {
  if (result.kind !== "ok") throw new Error(`setup: ${what} failed: ${JSON.stringify(result)}`);
  return result.value;
}
const row = (appraisal: number) =>
  app.db.selectFrom("appraisals").selectAll().where("id", "=", appraisal).executeTakeFirstOrThrow();

/** Everything a refused request must leave alone: the appraisal row, its ratings, its audit entries. */
async function stateOf(appraisal: number) {
  const ratings = await app.db.selectFrom("appraisal_ratings").selectAll().where("appraisal_id", "=", appraisal).execute();
  const audit = await app.db
    .selectFrom("audit_log")
    .select(["id", "action"])
    .where("entity", "=", "appraisal")
    .where("entity_id", "=", String(appraisal))
    .execute();
  return JSON.stringify({ row: await row(appraisal), ratings, audit });
}

function ratings(level: number) {
  return Object.fromEntries(
    skills.flatMap((s) => [
      [`ratings.${s}.level`, String(level)],
      [`ratings.${s}.comment`, ""],
    ]),
  );
}
/** A complete review as the form posts it (the skills are known once the app has started). */
const review = () => ({ ...ratings(3), comment: "Solid **on-call** work", outcome: "meets", promotion: "none" });

/** Ben's appraisal (Daniel his manager) in a cycle of its own, walked to manager review, signed off or acknowledged. */
async function freshAppraisal(stage: "manager_review" | "signed_off" | "acknowledged", summary = "My period.") {
  const { id: cycleId } = must(
    await createCycle(db(), await actor("admin"), { name: `Confirm cycle ${uid()}`, ...PERIOD }, clockNow()),
    "createCycle",
  );
  const [ben, daniel] = [await actor("ben"), await actor("daniel")];
  const appraisalId = must(await startAppraisal(db(), daniel, { cycleId, personId: id.ben! }, clockNow()), "start").id;
  const level = Object.fromEntries(skills.map((s) => [s, { level: 2, comment: "" }]));
  const steps: [typeof ben, AppraisalCommand][] = [
    [ben, { event: "submit_self", self: { ratings: level, summary } }],
    [
      daniel,
      {
        event: "sign_off",
        review: { ratings: level, comment: "Fine", outcome: "meets", promotion: { targetPositionId: null, readiness: null } },
        confirmed: true,
      },
    ],
    [ben, { event: "acknowledge" }],
  ];
  const count = { manager_review: 1, signed_off: 2, acknowledged: 3 }[stage];
  for (const [who, command] of steps.slice(0, count))
    must(await applyAppraisalEvent(db(), who, { appraisalId, ...command }, clockNow()), command.event);
  return appraisalId;
}

describe("sign-off asks for confirmation", () => {
  it("refuses an unconfirmed sign-off with 422, changes nothing, and shows the confirm step with the values kept", async () => {
    const appraisalId = await freshAppraisal("manager_review");
    const before = await stateOf(appraisalId);
    const res = await app.post(`/appraisals/${appraisalId}`, { intent: "sign_off", ...review() }, c.daniel);
    expect(res.status).toBe(422);
    expect(await stateOf(appraisalId)).toBe(before);
    const html = await res.text();
    expect(html).toContain("Confirm the sign-off to continue");
    expect(html).toContain("Sign off this appraisal?");
    expect(html).toContain("Signing off locks the appraisal");
    expect(html).toMatch(/<input type="hidden" name="confirm" value="yes"\/>/);
    expect(html).toContain("Yes, sign off");
    expect(html).toContain("Solid **on-call** work"); // the review's values come back in the form

    // anything but "yes" is no confirmation either
    const no = await app.post(`/appraisals/${appraisalId}`, { intent: "sign_off", ...review(), confirm: "true" }, c.daniel);
    expect(no.status).toBe(422);
    expect(await stateOf(appraisalId)).toBe(before);

    const yes = await app.post(`/appraisals/${appraisalId}`, { intent: "sign_off", ...review(), confirm: "yes" }, c.daniel);
    expect(yes.status).toBe(302);
    expect(await row(appraisalId)).toMatchObject({ state: "signed_off", manager_comment: "Solid **on-call** work" });
  });

  it("still says 'not yours' (403) and 'incomplete' (422 on the fields) before asking to confirm", async () => {
    const appraisalId = await freshAppraisal("manager_review");
    const before = await stateOf(appraisalId);
    expect((await app.post(`/appraisals/${appraisalId}`, { intent: "sign_off", ...review() }, c.ben)).status).toBe(403);
    const incomplete = await app.post(`/appraisals/${appraisalId}`, { intent: "sign_off", confirm: "yes" }, c.daniel);
    expect(incomplete.status).toBe(422);
    expect(await incomplete.text()).toContain("Choose an overall outcome");
    expect(await stateOf(appraisalId)).toBe(before);
  });

  it("offers a dialog on the page (the JavaScript path) beside the plain button", async () => {
    const appraisalId = await freshAppraisal("manager_review");
    const html = await (await app.get(`/appraisals/${appraisalId}`, c.daniel)).text();
    expect(html).toMatch(/<dialog[^>]*class="confirm-dialog"/);
    expect(html).toMatch(/<input type="hidden" name="confirm" value=""\/>/);
  });
});

describe("reopen asks for confirmation", () => {
  it("refuses an unconfirmed reopen with 422 and changes nothing; confirmed, it reopens", async () => {
    const appraisalId = await freshAppraisal("signed_off");
    const before = await stateOf(appraisalId);
    const res = await app.post(`/appraisals/${appraisalId}`, { intent: "reopen", reason: "Wrong skill rated" }, c.admin);
    expect(res.status).toBe(422);
    expect(await stateOf(appraisalId)).toBe(before);
    const html = await res.text();
    expect(html).toContain("Confirm the reopen to continue");
    expect(html).toContain("Yes, reopen");
    const yes = await app.post(
      `/appraisals/${appraisalId}`,
      { intent: "reopen", reason: "Wrong skill rated", confirm: "yes" },
      c.admin,
    );
    expect(yes.status).toBe(302);
    expect((await row(appraisalId)).state).toBe("manager_review");
  });
});

describe("acknowledgement with a comment", () => {
  it("keeps the comment and the disagreement on the appraisal, in the snapshot and in the audit log", async () => {
    const appraisalId = await freshAppraisal("signed_off");
    const comment = `I disagree with the crisis rating ${uid()}`;
    const res = await app.post(`/appraisals/${appraisalId}`, { intent: "acknowledge", comment, disagree: "on" }, c.ben);
    expect(res.status).toBe(302);
    const r = await row(appraisalId);
    expect(r).toMatchObject({ state: "acknowledged", acknowledgement_comment: comment, acknowledgement_disagrees: 1 });
    const snapshot = JSON.parse(r.snapshot_json!);
    expect(snapshot.acknowledgement).toEqual({ at: r.acknowledged_at, comment, disagrees: true });
    expect(snapshot.outcome).toBe("meets"); // what was signed off is unchanged
    const audit = await app.db
      .selectFrom("audit_log")
      .selectAll()
      .where("entity", "=", "appraisal")
      .where("entity_id", "=", String(appraisalId))
      .where("action", "=", "acknowledge")
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.after_json!)).toMatchObject({
      state: "acknowledged",
      acknowledgement_comment: comment,
      acknowledgement_disagrees: true,
    });

    const page = await (await app.get(`/appraisals/${appraisalId}`, c.daniel)).text();
    expect(page).toContain(comment);
    expect(page).toContain("the employee disagrees");
    expect(page).toContain("Employee&#x27;s comment at acknowledgement");
    const history = await (await app.get(`/appraisals/history/${id.ben}`, c.daniel)).text();
    expect(history).toContain(comment);
  });

  it("acknowledges without a comment as before", async () => {
    const appraisalId = await freshAppraisal("signed_off");
    expect((await app.post(`/appraisals/${appraisalId}`, { intent: "acknowledge" }, c.ben)).status).toBe(302);
    expect(await row(appraisalId)).toMatchObject({
      state: "acknowledged",
      acknowledgement_comment: null,
      acknowledgement_disagrees: 0,
    });
  });

  it("refuses a comment over the limit next to the field, 422, nothing written", async () => {
    const appraisalId = await freshAppraisal("signed_off");
    const before = await stateOf(appraisalId);
    const res = await app.post(`/appraisals/${appraisalId}`, { intent: "acknowledge", comment: "x".repeat(2001) }, c.ben);
    expect(res.status).toBe(422);
    expect(await res.text()).toContain("Your comment must be at most 2000 characters");
    expect(await stateOf(appraisalId)).toBe(before);
  });

  it("clears the acknowledgement on reopen; the audit log keeps it", async () => {
    const appraisalId = await freshAppraisal("signed_off");
    await app.post(`/appraisals/${appraisalId}`, { intent: "acknowledge", comment: "Noted" }, c.ben);
    await app.post(`/appraisals/${appraisalId}`, { intent: "reopen", reason: "Fix a rating", confirm: "yes" }, c.admin);
    expect(await row(appraisalId)).toMatchObject({ state: "manager_review", acknowledgement_comment: null });
    const audit = await app.db
      .selectFrom("audit_log")
      .select("after_json")
      .where("entity_id", "=", String(appraisalId))
      .where("action", "=", "acknowledge")
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.after_json!).acknowledgement_comment).toBe("Noted");
  });
});

describe("Markdown in appraisals", () => {
  it("renders the summary and the manager's comment formatted, with raw HTML as text", async () => {
    const appraisalId = await freshAppraisal(
      "manager_review",
      "**Led** the P1s:\n\n- checkout\n- billing\n\n<script>alert(1)</script>",
    );
    await app.post(`/appraisals/${appraisalId}`, { intent: "save_review", ...review() }, c.daniel);
    const html = await (await app.get(`/appraisals/${appraisalId}`, c.daniel)).text();
    expect(html).toContain("<strong>Led</strong> the P1s:");
    expect(html).toContain("<li>checkout</li>");
    expect(html).toContain("Solid <strong>on-call</strong> work");
    expect(html).not.toContain("<script>alert(1)");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
  });
});
