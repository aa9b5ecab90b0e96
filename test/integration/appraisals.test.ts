// Appraisals over HTTP: cycles, starting, every transition of the workflow (allowed and refused), the
// sign-off snapshot, the audit trail, calibration. Every refusal is checked to have changed nothing.
//
// Every test stands alone (runnable with -t, in any order): one that needs an appraisal makes its own,
// in a cycle of its own, with freshAppraisal(stage), which drives it through the workflow's commands to
// the stage the test starts from. Only the sign-in cookies, person ids and skills are shared (read-only).
import { beforeAll, describe, expect, it } from "vitest";
import { type TestApp, startApp } from "../support/app";
import { uid } from "../support/factories";
import { now as clockNow, nowMs } from "../../app/clock.server";
import type { Ratings } from "../../app/domain/appraisal-workflow";
import { createEvidence } from "../../app/models/evidence.server";
import { cycleCalibration } from "../../app/services/appraisals/calibration.server";
import { createCycle } from "../../app/services/appraisals/cycles.server";
import { startAppraisal, startForAllReports } from "../../app/services/appraisals/start.server";
import { type AppraisalCommand, applyAppraisalEvent } from "../../app/services/appraisals/workflow.server";
import type { Result } from "../../app/utils/result";

let app: TestApp;
const c: Record<string, string> = {};
const id: Record<string, number> = {};
let skills: string[] = [];

const DAY = 86_400_000;
// Days and the demo's cycle names from the shared clock, so a run under a frozen clock agrees with the seeds.
const day = (offsetDays: number) => new Date(nowMs() + offsetDays * DAY).toISOString().slice(0, 10);
const LAST_YEAR = clockNow().getUTCFullYear() - 1;
const PERIOD = { periodStart: day(-330), periodEnd: day(-1), selfDue: day(20), reviewDue: day(40) };

beforeAll(async () => {
  app = await startApp();
  for (const [k, email] of Object.entries({
    ben: "ben.carter@example.com",
    aisha: "aisha.khan@example.com",
    olga: "olga.ivanova@example.com",
    daniel: "daniel.kowalski@example.com",
    sofia: "sofia.marin@example.com",
    margaret: "margaret.okafor@example.com",
    admin: "admin@example.com",
  })) {
    c[k] = await app.signIn(email);
    id[k] = await app.personId(email);
  }
  skills = (await app.db.selectFrom("skills").select("key").where("retired", "=", 0).orderBy("sort_order").execute()).map(
    (s) => s.key,
  );
});

/** Everything a refused request must leave alone: the appraisal row, its ratings, its audit entries. */
async function stateOf(appraisal: number) {
  const row = await app.db.selectFrom("appraisals").selectAll().where("id", "=", appraisal).executeTakeFirst();
  const ratings = await app.db
    .selectFrom("appraisal_ratings")
    .selectAll()
    .where("appraisal_id", "=", appraisal)
    .orderBy("skill_key")
    .execute();
  const audit = await app.db
    .selectFrom("audit_log")
    .select(["id", "action"])
    .where("entity", "=", "appraisal")
    .where("entity_id", "=", String(appraisal))
    .orderBy("id")
    .execute();
  return JSON.stringify({ row, ratings, audit });
}

async function expectRefused(appraisal: number, who: string, form: Record<string, string>, status: number) {
  const before = await stateOf(appraisal);
  const res = await app.post(`/appraisals/${appraisal}`, form, c[who]);
  expect(res.status, `${who} ${form.intent}`).toBe(status);
  expect(await stateOf(appraisal)).toBe(before);
  return res;
}

function ratings(level: number | ((i: number) => number), comment = "") {
  const form: Record<string, string> = {};
  skills.forEach((s, i) => {
    form[`ratings.${s}.level`] = String(typeof level === "number" ? level : level(i));
    form[`ratings.${s}.comment`] = comment;
  });
  return form;
}

const stateOfRow = async (appraisal: number) =>
  (await app.db.selectFrom("appraisals").select("state").where("id", "=", appraisal).executeTakeFirstOrThrow()).state;

// ---- Setup through the app's own commands (as the seeds and the CLI do) ----

const db = () => app.db as never;
const actor = async (who: string) =>
  app.db.selectFrom("people").select(["id", "role", "team_id"]).where("id", "=", id[who]!).executeTakeFirstOrThrow();

/** The value of a command that must succeed in a test's setup; anything else fails the test at once. */
function must<T>(result: Result<T>, what: string): T {
  if (result.kind !== "ok") throw new Error(`setup: ${what} failed: ${JSON.stringify(result)}`);
  return result.value;
}

/** The same ratings as the form `ratings(level, comment)` posts, as the workflow's input. */
function ratingsInput(level: (i: number) => number, comment = ""): Ratings {
  return Object.fromEntries(skills.map((s, i) => [s, { level: level(i), comment }]));
}

/** A new cycle over PERIOD, created by the admin, with a name no other test (or run) uses. */
async function freshCycle(label: string) {
  const name = `${label} ${uid()}`;
  const { id: cycleId } = must(await createCycle(db(), await actor("admin"), { name, ...PERIOD }, clockNow()), "createCycle");
  return { cycleId, cycleName: name };
}

// The stages an appraisal is walked through, each one step on from the one before it.
const STAGES = ["self_assessment", "manager_review", "signed_off", "acknowledged", "reopened"] as const;
type Stage = (typeof STAGES)[number];
const SELF_RATING = (i: number) => (i % 4) + 1;
const MANAGER_RATING = (i: number) => (i % 3) + 2;

/**
 * Ben's appraisal (Daniel his manager) in a cycle of its own, walked to `stage` by the workflow's commands:
 * started (self_assessment); Ben submits his self-assessment, rated SELF_RATING (manager_review); Daniel
 * signs off, rated MANAGER_RATING, "exceeds", promotion to senior in 6-12 months (signed_off); Ben
 * acknowledges (acknowledged); the admin reopens it (reopened: in manager_review again).
 */
async function freshAppraisal(stage: Stage, label = `Appraisal cycle (${stage})`) {
  const cycle = await freshCycle(label);
  const [ben, daniel, admin] = [await actor("ben"), await actor("daniel"), await actor("admin")];
  const appraisalId = must(
    await startAppraisal(db(), daniel, { cycleId: cycle.cycleId, personId: id.ben! }, clockNow()),
    "startAppraisal",
  ).id;
  const senior = await app.db.selectFrom("positions").select("id").where("key", "=", "senior").executeTakeFirstOrThrow();
  const steps: [typeof ben, AppraisalCommand][] = [
    [ben, { event: "submit_self", self: { ratings: ratingsInput(SELF_RATING), summary: "My period: P1s and a DR drill." } }],
    [
      daniel,
      {
        event: "sign_off",
        review: {
          ratings: ratingsInput(MANAGER_RATING, "ok"),
          comment: "A strong year",
          outcome: "exceeds",
          promotion: { targetPositionId: senior.id, readiness: "6_12_months" },
        },
        confirmed: true,
      },
    ],
    [ben, { event: "acknowledge" }],
    [admin, { event: "reopen", reason: "Rating entered against the wrong skill", confirmed: true }],
  ];
  for (const [who, command] of steps.slice(0, STAGES.indexOf(stage))) {
    must(await applyAppraisalEvent(db(), who, { appraisalId, ...command }, clockNow()), command.event);
  }
  const expected = stage === "reopened" ? "manager_review" : stage;
  expect(await stateOfRow(appraisalId), "setup").toBe(expected);
  return { ...cycle, appraisalId };
}

describe("cycles (admin)", () => {
  it("refuses invalid cycles with messages next to the fields, 422, nothing written", async () => {
    const count = async () =>
      (
        await app.db
          .selectFrom("appraisal_cycles")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n;
    const before = await count();
    const res = await app.post(
      "/admin/cycles",
      { name: "  ", periodStart: "2026-06-01", periodEnd: "2026-05-01", selfDue: "2026-01-01", reviewDue: "2026-02-30" },
      c.admin,
    );
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain("Enter a name.");
    expect(html).toContain("The period must end after it starts.");
    expect(html).toContain("The self-assessment due date must be after the start of the period.");
    expect(html).toContain("Enter a real calendar date for the review due date.");
    expect(html).toMatch(/id="f-periodEnd"[^>]*aria-invalid="true"/);
    expect(await count()).toBe(before);

    const dup = await app.post("/admin/cycles", { name: `${LAST_YEAR} ANNUAL REVIEW`, ...PERIOD }, c.admin);
    expect(dup.status).toBe(422);
    expect(await dup.text()).toContain("A cycle with this name already exists.");
    expect(await count()).toBe(before);

    for (const who of ["ben", "daniel", "sofia"]) {
      expect((await app.post("/admin/cycles", { name: "Sneaky", ...PERIOD }, c[who])).status).toBe(403);
    }
    expect(await count()).toBe(before);
  });

  it("creates a cycle and records it in the audit log", async () => {
    const name = `HTTP test cycle ${uid()}`;
    const res = await app.post("/admin/cycles", { name, ...PERIOD }, c.admin);
    expect(res.status).toBe(302);
    const row = await app.db.selectFrom("appraisal_cycles").selectAll().where("name", "=", name).executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      period_start: PERIOD.periodStart,
      period_end: PERIOD.periodEnd,
      self_due: PERIOD.selfDue,
      review_due: PERIOD.reviewDue,
      created_by: id.admin,
    });
    const audit = await app.db
      .selectFrom("audit_log")
      .selectAll()
      .where("entity", "=", "appraisal_cycle")
      .where("entity_id", "=", String(row.id))
      .execute();
    expect(audit).toHaveLength(1);
    const list = await app.get("/admin/cycles", c.admin);
    expect(await list.text()).toContain(name);
  });
});

describe("starting appraisals", () => {
  it("refuses a manager of another team, an engineer and a stranger id, writing nothing", async () => {
    const { cycleId } = await freshCycle("Refused starts");
    const count = async () =>
      (
        await app.db
          .selectFrom("appraisals")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .where("cycle_id", "=", cycleId)
          .executeTakeFirstOrThrow()
      ).n;
    expect((await app.post(`/appraisals/cycles/${cycleId}`, { intent: "start", personId: String(id.ben) }, c.sofia)).status).toBe(
      404,
    );
    expect((await app.post(`/appraisals/cycles/${cycleId}`, { intent: "start", personId: String(id.ben) }, c.ben)).status).toBe(
      403,
    );
    expect(
      (await app.post(`/appraisals/cycles/${cycleId}`, { intent: "start", personId: String(id.aisha) }, c.aisha)).status,
    ).toBe(403);
    expect((await app.post(`/appraisals/cycles/${cycleId}`, { intent: "start", personId: "999999" }, c.daniel)).status).toBe(404);
    // nobody starts their own appraisal
    expect(
      (await app.post(`/appraisals/cycles/${cycleId}`, { intent: "start", personId: String(id.daniel) }, c.daniel)).status,
    ).toBe(403);
    expect(await count()).toBe(0);
  });

  it("lets the manager start one appraisal, and refuses starting it twice", async () => {
    const { cycleId } = await freshCycle("Start one");
    const res = await app.post(`/appraisals/cycles/${cycleId}`, { intent: "start", personId: String(id.ben) }, c.daniel);
    expect(res.status).toBe(302);
    const row = await app.db
      .selectFrom("appraisals")
      .selectAll()
      .where("cycle_id", "=", cycleId)
      .where("person_id", "=", id.ben)
      .executeTakeFirstOrThrow();
    const appraisalId = row.id;
    expect(res.headers.get("location")).toBe(`/appraisals/${appraisalId}?done=start`);
    expect(row.state).toBe("self_assessment");
    expect(row.manager_id).toBe(id.daniel);
    const before = await stateOf(appraisalId);
    const again = await app.post(`/appraisals/cycles/${cycleId}`, { intent: "start", personId: String(id.ben) }, c.daniel);
    expect(again.status).toBe(409);
    expect(await stateOf(appraisalId)).toBe(before);
  });

  it("shows the roster to the manager with the others still to start", async () => {
    const { cycleId } = await freshAppraisal("self_assessment");
    const html = await (await app.get(`/appraisals/cycles/${cycleId}`, c.daniel)).text();
    expect(html).toContain("Start for all my reports (5)");
    expect(html).toContain("Aisha Khan");
    expect(html).not.toContain("Ольга Иванова");
  });
});

describe("the workflow over HTTP", () => {
  it("refuses events the state does not allow (409) and events that are not the user's (403)", async () => {
    const { appraisalId } = await freshAppraisal("self_assessment");
    await expectRefused(
      appraisalId,
      "daniel",
      { intent: "save_review", ...ratings(3), outcome: "meets", promotion: "none" },
      409,
    );
    await expectRefused(appraisalId, "daniel", { intent: "save_self", ...ratings(3), summary: "written by the manager" }, 403);
    await expectRefused(appraisalId, "admin", { intent: "submit_self", ...ratings(3), summary: "written by the admin" }, 403);
    await expectRefused(appraisalId, "ben", { intent: "acknowledge" }, 409);
    // starting is the cycle page's action, not one of the appraisal page's forms
    await expectRefused(appraisalId, "ben", { intent: "start" }, 400);
    await expectRefused(appraisalId, "ben", { intent: "no-such-thing" }, 400);
  });

  it("refuses people outside the appraisal with 404: another team's manager, a teammate, another engineer", async () => {
    const { appraisalId } = await freshAppraisal("self_assessment");
    for (const who of ["sofia", "aisha", "olga"]) {
      await expectRefused(appraisalId, who, { intent: "save_self", ...ratings(7), summary: "hijack" }, 404);
      expect((await app.get(`/appraisals/${appraisalId}`, c[who])).status).toBe(404);
    }
    for (const who of ["ben", "daniel", "margaret", "admin"]) {
      expect((await app.get(`/appraisals/${appraisalId}`, c[who])).status, who).toBe(200);
    }
  });

  it("saves a partial self-assessment draft and audits each change", async () => {
    const { appraisalId } = await freshAppraisal("self_assessment");
    const form = {
      intent: "save_self",
      [`ratings.${skills[0]}.level`]: "3",
      [`ratings.${skills[0]}.comment`]: "Ran two P1 bridges",
      summary: "",
    };
    const res = await app.post(`/appraisals/${appraisalId}`, form, c.ben);
    expect(res.status).toBe(302);
    expect(await stateOfRow(appraisalId)).toBe("self_assessment");
    const r = await app.db
      .selectFrom("appraisal_ratings")
      .selectAll()
      .where("appraisal_id", "=", appraisalId)
      .where("skill_key", "=", skills[0]!)
      .executeTakeFirstOrThrow();
    expect(r).toMatchObject({ self_level: 3, self_comment: "Ran two P1 bridges", manager_level: null });
    const audit = await app.db
      .selectFrom("audit_log")
      .selectAll()
      .where("entity", "=", "appraisal")
      .where("entity_id", "=", String(appraisalId))
      .where("action", "=", "save_self")
      .executeTakeFirstOrThrow();
    expect(audit.actor_id).toBe(id.ben);
    expect(JSON.parse(audit.before_json!)).toEqual({ [`self.${skills[0]}.level`]: null, [`self.${skills[0]}.comment`]: "" });
    expect(JSON.parse(audit.after_json!)).toEqual({
      [`self.${skills[0]}.level`]: 3,
      [`self.${skills[0]}.comment`]: "Ran two P1 bridges",
    });
  });

  it("refuses an incomplete or invalid submission with field messages, 422, nothing changed", async () => {
    const { appraisalId } = await freshAppraisal("self_assessment");
    const res = await expectRefused(
      appraisalId,
      "ben",
      { intent: "submit_self", [`ratings.${skills[0]}.level`]: "3", summary: "" },
      422,
    );
    const html = await res.text();
    expect(html).toContain("Choose your level for this skill");
    expect(html).toContain("Write a short summary of your period");
    await expectRefused(appraisalId, "ben", { intent: "save_self", ...ratings(9), summary: "x" }, 422);
    await expectRefused(appraisalId, "ben", { intent: "save_self", ...ratings(2), summary: "x".repeat(5001) }, 422);
  });

  it("submits the self-assessment to the manager", async () => {
    const { appraisalId } = await freshAppraisal("self_assessment");
    const res = await app.post(
      `/appraisals/${appraisalId}`,
      { intent: "submit_self", ...ratings((i) => (i % 4) + 1), summary: "My period: P1s and a DR drill." },
      c.ben,
    );
    expect(res.status).toBe(302);
    expect(await stateOfRow(appraisalId)).toBe("manager_review");
    const audit = await app.db
      .selectFrom("audit_log")
      .selectAll()
      .where("entity", "=", "appraisal")
      .where("entity_id", "=", String(appraisalId))
      .where("action", "=", "submit_self")
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.before_json!).state).toBe("self_assessment");
    expect(JSON.parse(audit.after_json!).state).toBe("manager_review");
  });

  it("refuses the engineer writing manager ratings, and editing the submitted self-assessment", async () => {
    const { appraisalId } = await freshAppraisal("manager_review");
    await expectRefused(appraisalId, "ben", { intent: "save_review", ...ratings(7), outcome: "exceeds", promotion: "none" }, 403);
    await expectRefused(appraisalId, "ben", { intent: "sign_off", ...ratings(7), outcome: "exceeds", promotion: "none" }, 403);
    await expectRefused(appraisalId, "ben", { intent: "save_self", ...ratings(7), summary: "changed my mind" }, 409);
    await expectRefused(
      appraisalId,
      "sofia",
      { intent: "save_review", ...ratings(1), outcome: "does_not_meet", promotion: "none" },
      404,
    );
    await expectRefused(appraisalId, "admin", { intent: "save_review", ...ratings(1), outcome: "meets", promotion: "none" }, 403);
  });

  it("lets the manager return it to the employee, who submits again", async () => {
    const { appraisalId } = await freshAppraisal("manager_review");
    expect(
      (
        await app.post(
          `/appraisals/${appraisalId}`,
          { intent: "return_to_employee", reason: "Please add the DR drill" },
          c.daniel,
        )
      ).status,
    ).toBe(302);
    expect(await stateOfRow(appraisalId)).toBe("self_assessment");
    const audit = await app.db
      .selectFrom("audit_log")
      .selectAll()
      .where("entity_id", "=", String(appraisalId))
      .where("action", "=", "return_to_employee")
      .executeTakeFirstOrThrow();
    expect(audit.reason).toBe("Please add the DR drill");
    expect(
      (
        await app.post(
          `/appraisals/${appraisalId}`,
          { intent: "submit_self", ...ratings((i) => (i % 4) + 1), summary: "Now with the DR drill." },
          c.ben,
        )
      ).status,
    ).toBe(302);
    expect(await stateOfRow(appraisalId)).toBe("manager_review");
  });

  it("saves a draft review, then refuses an incomplete or invalid sign-off", async () => {
    const { appraisalId } = await freshAppraisal("manager_review");
    const draft = { intent: "save_review", [`ratings.${skills[1]}.level`]: "2", comment: "Draft" };
    expect((await app.post(`/appraisals/${appraisalId}`, draft, c.daniel)).status).toBe(302);
    const r = await app.db
      .selectFrom("appraisal_ratings")
      .selectAll()
      .where("appraisal_id", "=", appraisalId)
      .where("skill_key", "=", skills[1]!)
      .executeTakeFirstOrThrow();
    expect(r.manager_level).toBe(2);
    expect(r.self_level).toBe(2); // the employee's side is kept (the setup's SELF_RATING(1))

    const res = await expectRefused(appraisalId, "daniel", { intent: "sign_off", [`ratings.${skills[1]}.level`]: "2" }, 422);
    const html = await res.text();
    expect(html).toContain("Rate this skill");
    expect(html).toContain("Choose an overall outcome");
    await expectRefused(
      appraisalId,
      "daniel",
      { intent: "sign_off", ...ratings(3), outcome: "meets", promotion: "999999", promoReadiness: "ready_now" },
      422,
    );
    await expectRefused(appraisalId, "daniel", { intent: "sign_off", ...ratings(3), outcome: "meets", promotion: "1" }, 422);
    await expectRefused(
      appraisalId,
      "daniel",
      { intent: "sign_off", ...ratings(3), outcome: "brilliant", promotion: "none" },
      422,
    );
  });

  it("signs off: locks the appraisal and stores a snapshot of the matrix and the period's evidence", async () => {
    const { appraisalId } = await freshAppraisal("manager_review");
    const target = await app.db.selectFrom("positions").select("id").where("key", "=", "senior").executeTakeFirstOrThrow();
    const res = await app.post(
      `/appraisals/${appraisalId}`,
      {
        intent: "sign_off",
        ...ratings((i) => (i % 3) + 2, "ok"),
        comment: "A strong year",
        outcome: "exceeds",
        promotion: String(target.id),
        promoReadiness: "6_12_months",
        confirm: "yes",
      },
      c.daniel,
    );
    expect(res.status).toBe(302);
    const row = await app.db.selectFrom("appraisals").selectAll().where("id", "=", appraisalId).executeTakeFirstOrThrow();
    expect(row.state).toBe("signed_off");
    expect(row.signed_off_at).not.toBeNull();
    expect(row).toMatchObject({
      outcome: "exceeds",
      promo_position_id: target.id,
      promo_readiness: "6_12_months",
      manager_comment: "A strong year",
    });
    const snap = JSON.parse(row.snapshot_json!);
    expect(snap.skills.map((s: { key: string }) => s.key)).toEqual(skills);
    expect(snap.skills[0].manager.level).toBe(2);
    expect(snap.skills[0].self.level).toBe(1); // the setup's self-assessment: SELF_RATING(0)
    // the evidence of the period: counted items of Ben resolved in the period, nothing else
    const expected = await app.db
      .selectFrom("evidence")
      .select("id")
      .where("person_id", "=", id.ben)
      .where("status", "in", ["submitted", "verified"])
      .where("resolved_at", ">=", PERIOD.periodStart)
      .where("resolved_at", "<", day(0))
      .execute();
    expect(expected.length).toBeGreaterThan(0);
    expect(snap.evidence.map((e: { id: number }) => e.id).sort()).toEqual(expected.map((e) => e.id).sort());
    const perSkill = new Set(snap.skills.flatMap((s: { evidence: { id: number }[] }) => s.evidence.map((e) => e.id)));
    for (const e of perSkill) expect(expected.some((x) => x.id === e)).toBe(true);
    expect(typeof snap.skills[0].level).toBe("number");
    expect(typeof snap.skills[0].score).toBe("number");
  });

  it("refuses every edit after sign-off, by anyone", async () => {
    const { appraisalId } = await freshAppraisal("signed_off");
    await expectRefused(
      appraisalId,
      "daniel",
      { intent: "save_review", ...ratings(1), outcome: "meets", promotion: "none" },
      409,
    );
    await expectRefused(appraisalId, "daniel", { intent: "sign_off", ...ratings(1), outcome: "meets", promotion: "none" }, 409);
    await expectRefused(appraisalId, "daniel", { intent: "return_to_employee" }, 409);
    await expectRefused(appraisalId, "ben", { intent: "save_self", ...ratings(1), summary: "late edit" }, 409);
    await expectRefused(
      appraisalId,
      "margaret",
      { intent: "save_review", ...ratings(1), outcome: "meets", promotion: "none" },
      409,
    );
    await expectRefused(appraisalId, "daniel", { intent: "acknowledge" }, 403);
    await expectRefused(appraisalId, "daniel", { intent: "reopen", reason: "I want to change it" }, 403);
  });

  it("keeps the signed-off record as it was when evidence is added later", async () => {
    const { appraisalId } = await freshAppraisal("signed_off");
    const before = (
      await app.db.selectFrom("appraisals").select("snapshot_json").where("id", "=", appraisalId).executeTakeFirstOrThrow()
    ).snapshot_json!;
    const snap = JSON.parse(before);
    const pageBefore = await (await app.get(`/appraisals/${appraisalId}`, c.ben)).text();
    await createEvidence(
      app.db as never,
      id.ben,
      {
        kind: "incident",
        title: "Late-logged P1 from the period",
        externalRef: "INC7777777",
        startedAt: null,
        resolvedAt: new Date(nowMs() - 20 * DAY).toISOString(),
        priority: "P1",
        impact: "critical",
        workRole: "lead",
        outcome: "resolved",
        afterHours: false,
        afterHoursMinutes: 0,
        durationMinutes: 60,
        emergency: false,
        addsFunctionality: false,
        fixesSlowness: false,
        reassignmentCount: 0,
        reopenCount: 0,
        problemRef: null,
        changeRef: null,
        resolutionCode: null,
        notes: null,
        links: [],
      },
      { status: "submitted" },
    );
    const after = (
      await app.db.selectFrom("appraisals").select("snapshot_json").where("id", "=", appraisalId).executeTakeFirstOrThrow()
    ).snapshot_json!;
    expect(after).toBe(before);
    const page = await (await app.get(`/appraisals/${appraisalId}`, c.ben)).text();
    expect(page).toContain("snapshot taken at sign-off");
    expect(page).not.toContain("Late-logged P1 from the period");
    expect(page).toContain(`${snap.counts.total} item`);
    expect(pageBefore).toContain(`${snap.counts.total} item`);
  });

  it("shows the audit trail to both parties and admins", async () => {
    const { appraisalId } = await freshAppraisal("signed_off");
    for (const who of ["ben", "daniel", "admin"]) {
      const html = await (await app.get(`/appraisals/${appraisalId}`, c[who])).text();
      expect(html).toContain("Audit log");
      expect(html).toContain("Sign off</strong> by Daniel Kowalski");
      expect(html).toContain("Submit self-assessment</strong> by Ben Carter");
    }
  });

  it("lets only the employee acknowledge", async () => {
    const { appraisalId } = await freshAppraisal("signed_off");
    await expectRefused(appraisalId, "admin", { intent: "acknowledge" }, 403);
    expect((await app.post(`/appraisals/${appraisalId}`, { intent: "acknowledge" }, c.ben)).status).toBe(302);
    const row = await app.db.selectFrom("appraisals").selectAll().where("id", "=", appraisalId).executeTakeFirstOrThrow();
    expect(row.state).toBe("acknowledged");
    expect(row.acknowledged_at).not.toBeNull();
    await expectRefused(appraisalId, "ben", { intent: "acknowledge" }, 409);
  });

  it("lets only an admin reopen, and only with a reason", async () => {
    const { appraisalId } = await freshAppraisal("acknowledged");
    await expectRefused(appraisalId, "ben", { intent: "reopen", reason: "please" }, 403);
    await expectRefused(appraisalId, "daniel", { intent: "reopen", reason: "please" }, 403);
    const res = await expectRefused(appraisalId, "admin", { intent: "reopen", reason: "   " }, 422);
    expect(await res.text()).toContain("A reason is required to reopen an appraisal");
    expect(
      (
        await app.post(
          `/appraisals/${appraisalId}`,
          { intent: "reopen", reason: "Rating entered against the wrong skill", confirm: "yes" },
          c.admin,
        )
      ).status,
    ).toBe(302);
    const row = await app.db.selectFrom("appraisals").selectAll().where("id", "=", appraisalId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ state: "manager_review", snapshot_json: null, signed_off_at: null, acknowledged_at: null });
    const audit = await app.db
      .selectFrom("audit_log")
      .selectAll()
      .where("entity_id", "=", String(appraisalId))
      .where("action", "=", "reopen")
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ actor_id: id.admin, reason: "Rating entered against the wrong skill" });
    expect(JSON.parse(audit.before_json!).state).toBe("acknowledged");
    expect(JSON.parse(audit.after_json!).state).toBe("manager_review");
    // open again: the page shows live figures, and the manager can edit
    const html = await (await app.get(`/appraisals/${appraisalId}`, c.daniel)).text();
    expect(html).not.toContain("snapshot taken at sign-off");
    expect(html).toContain('value="sign_off"');
  });
});

describe("start for all my reports, lists and history", () => {
  it("starts the rest of the manager's subtree in one go, and nothing twice", async () => {
    // Ben's appraisal is started already: the other five of Daniel's subtree are not.
    const { cycleId } = await freshAppraisal("self_assessment");
    const res = await app.post(`/appraisals/cycles/${cycleId}`, { intent: "start_all" }, c.daniel);
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`/appraisals/cycles/${cycleId}?started=5`);
    const rows = await app.db.selectFrom("appraisals").select(["person_id", "state"]).where("cycle_id", "=", cycleId).execute();
    expect(rows).toHaveLength(6);
    expect(rows.every((r) => r.person_id !== id.olga)).toBe(true);
    const again = await app.post(`/appraisals/cycles/${cycleId}`, { intent: "start_all" }, c.daniel);
    expect(again.headers.get("location")).toBe(`/appraisals/cycles/${cycleId}?started=0`);
    expect(await app.db.selectFrom("appraisals").select("id").where("cycle_id", "=", cycleId).execute()).toHaveLength(6);
  });

  it("lists one's own history, and a manager's reports", async () => {
    // A cycle with Ben's appraisal and the rest of Daniel's subtree started too.
    const { cycleId, cycleName } = await freshAppraisal("self_assessment", "History list cycle");
    expect(await startForAllReports(db(), await actor("daniel"), { cycleId }, clockNow())).toEqual({
      kind: "ok",
      value: { started: 5 },
    });
    const ben = await (await app.get("/appraisals", c.ben)).text();
    expect(ben).toContain(cycleName);
    expect(ben).toContain(`${LAST_YEAR} annual review`);
    expect(ben).not.toContain("Your reports");
    const daniel = await (await app.get("/appraisals", c.daniel)).text();
    expect(daniel).toContain("Your reports");
    expect(daniel).toContain("Zoë Adams");
    expect(daniel).not.toContain("Ольга Иванова");
  });

  it("shows a person's history to them and their managers only", async () => {
    const { cycleName } = await freshAppraisal("self_assessment", "Person history cycle");
    for (const who of ["ben", "daniel", "margaret", "admin"]) {
      const res = await app.get(`/appraisals/history/${id.ben}`, c[who]);
      expect(res.status, who).toBe(200);
      expect(await res.text()).toContain(cycleName);
    }
    for (const who of ["aisha", "olga", "sofia"])
      expect((await app.get(`/appraisals/history/${id.ben}`, c[who])).status, who).toBe(404);
  });
});

describe("calibration", () => {
  it("flags the lenient manager of the seeded past cycle for admins", async () => {
    const past = await app.db
      .selectFrom("appraisal_cycles")
      .select("id")
      .where("name", "like", "% annual review")
      .orderBy("period_start")
      .executeTakeFirstOrThrow();
    const html = await (await app.get(`/appraisals/cycles/${past.id}/calibration`, c.admin)).text();
    expect(html).toContain("Distribution of ratings per manager");
    expect(html).toContain("Daniel Kowalski");
    expect(html).toContain("Sofia Mar");
    expect(html).toMatch(/Lenient: Rates higher than the organisation/);
    // a manager sees the managers rating their own reporting line only
    const daniel = await (await app.get(`/appraisals/cycles/${past.id}/calibration`, c.daniel)).text();
    expect(daniel).toContain("Daniel Kowalski");
    expect(daniel).not.toContain("Sofia Mar");
    expect((await app.get(`/appraisals/cycles/${past.id}/calibration`, c.ben)).status).toBe(403);
  });
});

describe("the commands, called directly (as the seeds and the CLI do)", () => {
  it("authorise inside: a role without the action is forbidden, a subject out of reach is not found", async () => {
    const { cycleId, appraisalId } = await freshAppraisal("manager_review");
    const ben = await actor("ben");
    const sofia = await actor("sofia");
    expect(await createCycle(db(), ben, { name: "Nope", ...PERIOD }, clockNow())).toMatchObject({ kind: "forbidden" });
    expect(await startAppraisal(db(), ben, { cycleId, personId: id.aisha! }, clockNow())).toMatchObject({ kind: "forbidden" });
    expect(await startAppraisal(db(), sofia, { cycleId, personId: id.ben! }, clockNow())).toMatchObject({ kind: "notFound" });
    expect(await startForAllReports(db(), await actor("admin"), { cycleId }, clockNow())).toEqual({
      kind: "forbidden",
      message: "Nobody reports to you.",
    });
    expect(await cycleCalibration(db(), ben, cycleId)).toMatchObject({ kind: "forbidden" });
    const before = await stateOf(appraisalId);
    expect(await applyAppraisalEvent(db(), sofia, { appraisalId, event: "acknowledge" }, clockNow())).toMatchObject({
      kind: "notFound",
    });
    expect(await stateOf(appraisalId)).toBe(before);
  });

  it("answer missing things with not found, a taken name with a field message, a wrong state with a conflict", async () => {
    // signed off, acknowledged and reopened: in manager review again
    const { cycleName, appraisalId } = await freshAppraisal("reopened");
    const admin = await actor("admin");
    const daniel = await actor("daniel");
    expect(await startAppraisal(db(), daniel, { cycleId: 999_999, personId: id.ben! }, clockNow())).toEqual({
      kind: "notFound",
      message: "No such cycle.",
    });
    expect(await applyAppraisalEvent(db(), daniel, { appraisalId: 999_999, event: "acknowledge" }, clockNow())).toMatchObject({
      kind: "notFound",
    });
    expect(await cycleCalibration(db(), admin, 999_999)).toMatchObject({ kind: "notFound" });
    // the name is taken whatever its case
    expect(await createCycle(db(), admin, { name: cycleName.toUpperCase(), ...PERIOD }, clockNow())).toEqual({
      kind: "invalid",
      fieldErrors: { name: "A cycle with this name already exists." },
    });
    // the appraisal is in manager review again after the reopen: acknowledging is not possible now
    const before = await stateOf(appraisalId);
    expect(await applyAppraisalEvent(db(), await actor("ben"), { appraisalId, event: "acknowledge" }, clockNow())).toMatchObject({
      kind: "conflict",
    });
    const incomplete = await applyAppraisalEvent(
      db(),
      daniel,
      { appraisalId, event: "sign_off", review: { ratings: {}, comment: "", outcome: null, promotion: null } },
      clockNow(),
    );
    expect(incomplete).toMatchObject({
      kind: "invalid",
      fieldErrors: { outcome: "Choose an overall outcome", [`ratings.${skills[0]}.level`]: "Rate this skill" },
    });
    expect(await stateOf(appraisalId)).toBe(before);
  });
});
