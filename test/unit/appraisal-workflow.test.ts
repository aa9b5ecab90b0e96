import { describe, expect, it } from "vitest";
import {
  APPRAISAL_EVENTS,
  APPRAISAL_STATES,
  OUTCOMES,
  PROMOTION_READINESS,
  allowedEvents,
  canEditReview,
  canEditSelf,
  diffFields,
  diffRatings,
  isLocked,
  missingConfirmation,
  transition,
  validateReview,
  validateSelfAssessment,
  type ActorKind,
  type AppraisalEvent,
  type AppraisalState,
  type Ratings,
  type ReviewInput,
  type TransitionPayload,
} from "../../app/domain/appraisal-workflow";

const SKILLS = ["debugging", "crisis", "leadership"];
const ACTORS: ActorKind[] = ["employee", "manager", "admin"];

const fullRatings = (level = 3): Ratings => Object.fromEntries(SKILLS.map((s) => [s, { level, comment: "" }]));
const goodReview = (): ReviewInput => ({
  ratings: fullRatings(4),
  comment: "Solid period",
  outcome: "meets",
  promotion: { targetPositionId: 5, readiness: "6_12_months" },
});
/** A payload that satisfies every event's validation. */
const VALID_PAYLOAD: TransitionPayload = {
  skills: SKILLS,
  self: { ratings: fullRatings(3), summary: "I ran the P1 bridge twice." },
  review: goodReview(),
  reason: "Rating entered against the wrong skill",
};

// The intended table, written out independently of the implementation: event → [from, to, actors].
const TABLE: Record<AppraisalEvent, { from: AppraisalState[]; to: AppraisalState | "same"; actors: ActorKind[] }> = {
  start: { from: ["not_started"], to: "self_assessment", actors: ["manager", "admin"] },
  save_self: { from: ["self_assessment"], to: "same", actors: ["employee"] },
  submit_self: { from: ["self_assessment"], to: "manager_review", actors: ["employee"] },
  save_review: { from: ["manager_review"], to: "same", actors: ["manager"] },
  sign_off: { from: ["manager_review"], to: "signed_off", actors: ["manager"] },
  acknowledge: { from: ["signed_off"], to: "acknowledged", actors: ["employee"] },
  reopen: { from: ["signed_off", "acknowledged"], to: "manager_review", actors: ["admin"] },
  return_to_employee: { from: ["manager_review"], to: "self_assessment", actors: ["manager"] },
};

// Explicit allow-list "state/event/actor → new state" (the same table, spelled out row by row).
const ALLOWED: Record<string, AppraisalState> = {
  "not_started/start/manager": "self_assessment",
  "not_started/start/admin": "self_assessment",
  "self_assessment/save_self/employee": "self_assessment",
  "self_assessment/submit_self/employee": "manager_review",
  "manager_review/save_review/manager": "manager_review",
  "manager_review/sign_off/manager": "signed_off",
  "manager_review/return_to_employee/manager": "self_assessment",
  "signed_off/acknowledge/employee": "acknowledged",
  "signed_off/reopen/admin": "manager_review",
  "acknowledged/reopen/admin": "manager_review",
};

describe("transition: full state × event × actor cross product", () => {
  const combos: [AppraisalState, AppraisalEvent, ActorKind][] = [];
  for (const s of APPRAISAL_STATES) for (const e of APPRAISAL_EVENTS) for (const a of ACTORS) combos.push([s, e, a]);

  it("covers 5 × 8 × 3 = 120 combinations and the lists are complete", () => {
    expect(combos).toHaveLength(120);
    expect([...APPRAISAL_STATES]).toEqual(["not_started", "self_assessment", "manager_review", "signed_off", "acknowledged"]);
    expect([...APPRAISAL_EVENTS].sort()).toEqual(Object.keys(TABLE).sort());
  });

  it("the two descriptions of the table agree", () => {
    const fromTable: Record<string, AppraisalState> = {};
    for (const [e, r] of Object.entries(TABLE))
      for (const s of r.from) for (const a of r.actors) fromTable[`${s}/${e}/${a}`] = r.to === "same" ? s : r.to;
    expect(fromTable).toEqual(ALLOWED);
  });

  it.each(combos)("%s / %s / %s", (state, event, actor) => {
    const key = `${state}/${event}/${actor}`;
    const res = transition(state, event, { kind: actor }, VALID_PAYLOAD);
    if (key in ALLOWED) {
      expect(res).toEqual({ ok: true, state: ALLOWED[key] });
    } else {
      expect(res.ok).toBe(false);
      if (!res.ok) expect(res.error.length).toBeGreaterThan(10);
    }
    expect(allowedEvents(state, { kind: actor }).includes(event)).toBe(key in ALLOWED);
  });
});

describe("transition: error messages", () => {
  it("locked appraisals say so", () => {
    expect(transition("signed_off", "save_review", { kind: "manager" }, VALID_PAYLOAD)).toEqual({
      ok: false,
      error: "This appraisal is signed off and locked",
    });
    expect(transition("signed_off", "save_self", { kind: "employee" }, VALID_PAYLOAD)).toMatchObject({
      ok: false,
      error: "This appraisal is signed off and locked",
    });
    const ack = transition("acknowledged", "sign_off", { kind: "manager" }, VALID_PAYLOAD);
    expect(ack.ok).toBe(false);
    if (!ack.ok) expect(ack.error).toMatch(/locked/);
  });
  it("only an admin can reopen", () => {
    for (const kind of ["manager", "employee"] as const) {
      expect(transition("signed_off", "reopen", { kind }, VALID_PAYLOAD)).toEqual({
        ok: false,
        error: "Only an admin can reopen a signed-off appraisal",
      });
    }
  });
  it("wrong actor in the right state names who can", () => {
    const r = transition("self_assessment", "submit_self", { kind: "manager" }, VALID_PAYLOAD);
    expect(r).toEqual({ ok: false, error: "Only the employee can submit their self-assessment" });
    const s = transition("manager_review", "sign_off", { kind: "admin" }, VALID_PAYLOAD);
    expect(s).toEqual({ ok: false, error: "Only the employee's manager can sign off an appraisal" });
  });
  it("events before start", () => {
    const r = transition("not_started", "save_self", { kind: "employee" }, VALID_PAYLOAD);
    expect(r).toEqual({ ok: false, error: "This appraisal has not been started yet" });
  });
  it("unknown event or state", () => {
    expect(transition("not_started", "explode" as AppraisalEvent, { kind: "admin" }).ok).toBe(false);
    expect(transition("archived" as AppraisalState, "start", { kind: "admin" }).ok).toBe(false);
  });
});

describe("transition: payloads", () => {
  const emp = { kind: "employee" as const };
  const mgr = { kind: "manager" as const };
  const admin = { kind: "admin" as const };

  it("submit_self needs every level and a summary", () => {
    const ratings = fullRatings(3);
    ratings.crisis = { level: null, comment: "" };
    const r = transition("self_assessment", "submit_self", emp, { skills: SKILLS, self: { ratings, summary: "  " } });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.fieldErrors).toEqual({
        "ratings.crisis.level": "Choose your level for this skill",
        summary: "Write a short summary of your period",
      });
      expect(r.error).toBe("Choose your level for this skill (and 1 more problem)");
    }
    expect(transition("self_assessment", "submit_self", emp, { skills: SKILLS }).ok).toBe(false);
  });
  it("save_self accepts a partial draft but not invalid values", () => {
    const ratings: Ratings = { debugging: { level: 2, comment: "" } };
    expect(transition("self_assessment", "save_self", emp, { skills: SKILLS, self: { ratings, summary: "" } })).toEqual({
      ok: true,
      state: "self_assessment",
    });
    expect(transition("self_assessment", "save_self", emp, {})).toEqual({ ok: true, state: "self_assessment" });
    const bad = transition("self_assessment", "save_self", emp, {
      skills: SKILLS,
      self: { ratings: { debugging: { level: 9, comment: "" } }, summary: "" },
    });
    expect(bad.ok).toBe(false);
  });
  it("sign_off needs every rating, an outcome and a promotion recommendation", () => {
    const review: ReviewInput = { ratings: { debugging: { level: 3, comment: "" } }, outcome: null, promotion: null };
    const r = transition("manager_review", "sign_off", mgr, { skills: SKILLS, review });
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(Object.keys(r.fieldErrors ?? {}).sort()).toEqual([
        "outcome",
        "promotion",
        "ratings.crisis.level",
        "ratings.leadership.level",
      ]);
    // the same draft can be saved
    expect(transition("manager_review", "save_review", mgr, { skills: SKILLS, review })).toEqual({
      ok: true,
      state: "manager_review",
    });
    // "no promotion" is a valid recommendation without readiness
    const none = { ...goodReview(), promotion: { targetPositionId: null, readiness: null } };
    expect(transition("manager_review", "sign_off", mgr, { skills: SKILLS, review: none })).toEqual({
      ok: true,
      state: "signed_off",
    });
    expect(transition("manager_review", "sign_off", mgr, { skills: SKILLS }).ok).toBe(false);
  });
  it("sign_off checks the target position when the list is given", () => {
    const r = transition("manager_review", "sign_off", mgr, { skills: SKILLS, review: goodReview(), positionIds: [1, 2] });
    expect(r).toMatchObject({ ok: false, fieldErrors: { promotion: "Choose one of the listed positions" } });
    expect(transition("manager_review", "sign_off", mgr, { skills: SKILLS, review: goodReview(), positionIds: [5] }).ok).toBe(
      true,
    );
  });
  it("reopen needs a non-empty reason", () => {
    for (const reason of [undefined, "", "   "]) {
      expect(transition("signed_off", "reopen", admin, { reason })).toMatchObject({
        ok: false,
        error: "A reason is required to reopen an appraisal",
      });
    }
    expect(transition("acknowledged", "reopen", admin, { reason: "x".repeat(2001) }).ok).toBe(false);
    expect(transition("acknowledged", "reopen", admin, { reason: "Wrong cycle" })).toEqual({ ok: true, state: "manager_review" });
  });
  it("return_to_employee takes an optional reason", () => {
    expect(transition("manager_review", "return_to_employee", mgr)).toEqual({ ok: true, state: "self_assessment" });
    expect(transition("manager_review", "return_to_employee", mgr, { reason: "Please add examples" }).ok).toBe(true);
    expect(transition("manager_review", "return_to_employee", mgr, { reason: "x".repeat(2001) }).ok).toBe(false);
  });
});

describe("helpers", () => {
  it("isLocked", () => {
    expect(APPRAISAL_STATES.filter(isLocked)).toEqual(["signed_off", "acknowledged"]);
  });
  it("canEditSelf / canEditReview", () => {
    for (const s of APPRAISAL_STATES)
      for (const a of ACTORS) {
        expect(canEditSelf(s, { kind: a })).toBe(s === "self_assessment" && a === "employee");
        expect(canEditReview(s, { kind: a })).toBe(s === "manager_review" && a === "manager");
      }
  });
  it("allowedEvents lists buttons in workflow order", () => {
    expect(allowedEvents("manager_review", { kind: "manager" })).toEqual(["save_review", "sign_off", "return_to_employee"]);
    expect(allowedEvents("acknowledged", { kind: "employee" })).toEqual([]);
    expect(allowedEvents("not_started", { kind: "admin" })).toEqual(["start"]);
  });
  it("labels", () => {
    expect(OUTCOMES.map((o) => o.key)).toEqual(["exceeds", "meets", "partially_meets", "does_not_meet"]);
    expect(PROMOTION_READINESS.map((p) => p.key)).toEqual(["ready_now", "6_12_months", "not_yet"]);
    for (const o of [...OUTCOMES, ...PROMOTION_READINESS]) expect(o.label.length).toBeGreaterThan(3);
  });
});

describe("validateSelfAssessment", () => {
  it("valid input gives no errors", () => {
    expect(validateSelfAssessment(fullRatings(0), "ok", SKILLS)).toEqual({});
    expect(validateSelfAssessment(fullRatings(7), "ok", SKILLS)).toEqual({});
  });
  it.each([
    [-1, "Level must be a whole number from 0 to 7"],
    [8, "Level must be a whole number from 0 to 7"],
    [2.5, "Level must be a whole number from 0 to 7"],
    [null, "Choose your level for this skill"],
    [Number.NaN, "Choose your level for this skill"],
  ])("level %s → %s", (level, msg) => {
    const r = fullRatings(3);
    r.debugging = { level: level as number | null, comment: "" };
    expect(validateSelfAssessment(r, "ok", SKILLS)).toEqual({ "ratings.debugging.level": msg });
  });
  it("a string level is rejected", () => {
    const r = fullRatings(3);
    r.crisis = { level: "3" as unknown as number, comment: "" };
    expect(validateSelfAssessment(r, "ok", SKILLS)).toHaveProperty(["ratings.crisis.level"]);
  });
  it("comments up to 2000 characters", () => {
    const r = fullRatings(3);
    r.crisis = { level: 3, comment: "x".repeat(2000) };
    expect(validateSelfAssessment(r, "ok", SKILLS)).toEqual({});
    r.crisis = { level: 3, comment: "x".repeat(2001) };
    expect(validateSelfAssessment(r, "ok", SKILLS)).toEqual({
      "ratings.crisis.comment": "Comment must be at most 2000 characters",
    });
  });
  it("missing skills, empty summary, unknown skills", () => {
    const errors = validateSelfAssessment(
      { debugging: { level: 1, comment: "" }, cooking: { level: 2, comment: "" } },
      "",
      SKILLS,
    );
    expect(Object.keys(errors).sort()).toEqual([
      "ratings.cooking.level",
      "ratings.crisis.level",
      "ratings.leadership.level",
      "summary",
    ]);
  });
  it("draft mode only checks what is filled in", () => {
    expect(validateSelfAssessment({}, "", SKILLS, { complete: false })).toEqual({});
    expect(validateSelfAssessment({ leadership: { level: 8, comment: "" } }, "", SKILLS, { complete: false })).toHaveProperty([
      "ratings.leadership.level",
    ]);
  });
});

describe("validateReview", () => {
  it("valid review", () => {
    expect(validateReview(goodReview(), SKILLS)).toEqual({});
  });
  it("target position without readiness", () => {
    const r = { ...goodReview(), promotion: { targetPositionId: 4, readiness: null } };
    expect(validateReview(r, SKILLS)).toEqual({ promotion: "Say when the employee will be ready for the target position" });
    expect(validateReview(r, SKILLS, { complete: false })).toEqual({});
  });
  it("unknown outcome and readiness", () => {
    const r = { ...goodReview(), outcome: "great" as never, promotion: { targetPositionId: 4, readiness: "soon" as never } };
    expect(validateReview(r, SKILLS)).toEqual({
      outcome: "Choose one of the listed outcomes",
      promotion: "Choose one of the listed readiness options",
    });
  });
  it("levels and comments", () => {
    const r = goodReview();
    r.ratings.debugging = { level: 1.5, comment: "y".repeat(2001) };
    r.comment = "z".repeat(2001);
    expect(validateReview(r, SKILLS)).toEqual({
      "ratings.debugging.level": "Level must be a whole number from 0 to 7",
      "ratings.debugging.comment": "Comment must be at most 2000 characters",
      comment: "Comment must be at most 2000 characters",
    });
  });
});

describe("diffRatings / diffFields", () => {
  it("lists level and comment changes, added and removed skills", () => {
    const before: Ratings = {
      debugging: { level: 3, comment: "a" },
      crisis: { level: 2, comment: "" },
      itil: { level: 1, comment: "" },
    };
    const after: Ratings = {
      debugging: { level: 4, comment: "a" },
      crisis: { level: 2, comment: "better" },
      design: { level: 2, comment: "" },
    };
    expect(diffRatings(before, after)).toEqual([
      { skill: "debugging", field: "level", before: 3, after: 4 },
      { skill: "crisis", field: "comment", before: "", after: "better" },
      { skill: "itil", field: "level", before: 1, after: null },
      { skill: "design", field: "level", before: null, after: 2 },
    ]);
  });
  it("no changes → empty; null sides", () => {
    expect(diffRatings(fullRatings(3), fullRatings(3))).toEqual([]);
    expect(diffRatings(null, { debugging: { level: 0, comment: "" } })).toEqual([
      { skill: "debugging", field: "level", before: null, after: 0 },
    ]);
  });
  it("diffFields", () => {
    expect(diffFields({ outcome: "meets", summary: "x" }, { outcome: "exceeds", summary: "x", target: 3 })).toEqual([
      { field: "outcome", before: "meets", after: "exceeds" },
      { field: "target", before: null, after: 3 },
    ]);
  });
});

describe("confirmations before consequences (issue 16)", () => {
  it("asks to confirm a sign-off and a reopen, and nothing else", () => {
    expect(missingConfirmation("sign_off", false)).toBe("Confirm the sign-off to continue");
    expect(missingConfirmation("reopen", false)).toBe("Confirm the reopen to continue");
    expect(missingConfirmation("sign_off", true)).toBeNull();
    expect(missingConfirmation("reopen", true)).toBeNull();
    for (const e of ["save_review", "save_self", "submit_self", "acknowledge", "return_to_employee", "start"] as const)
      expect(missingConfirmation(e, false)).toBeNull();
  });

  it("limits the comment at acknowledgement", () => {
    const ok = transition(
      "signed_off",
      "acknowledge",
      { kind: "employee" },
      { acknowledgement: { comment: "x".repeat(2000), disagrees: true } },
    );
    expect(ok).toEqual({ ok: true, state: "acknowledged" });
    const long = transition(
      "signed_off",
      "acknowledge",
      { kind: "employee" },
      { acknowledgement: { comment: "x".repeat(2001), disagrees: false } },
    );
    expect(long).toMatchObject({ ok: false, fieldErrors: { comment: "Your comment must be at most 2000 characters" } });
  });
});
