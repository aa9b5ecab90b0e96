// The pure parts of the appraisals area: period dates, links, the audit log's labels, the write plan of an
// event, the snapshot's (de)serialisation and the shared form schemas.
import { describe, expect, it } from "vitest";
import { auditEntryView, fieldLabel, valueLabel } from "../../app/domain/appraisal-audit";
import { type EventToPlan, pickRatings, planEvent, reviewFields } from "../../app/domain/appraisal-changes";
import { dayAfter, isCycleOpen, periodAsOf } from "../../app/domain/appraisal-period";
import { buildSnapshot, parseSnapshot } from "../../app/domain/appraisal-snapshot";
import { MAX_COMMENT_LENGTH } from "../../app/domain/limits";
import { cycleSchema } from "../../app/schemas/appraisal-cycle";
import { parseAppraisalEvent, reviewInput } from "../../app/schemas/appraisal";
import { periodEvidenceHref } from "../../app/utils/appraisal-links";

describe("period dates", () => {
  it("dayAfter crosses months, years and leap days", () => {
    expect(dayAfter("2026-01-31")).toBe("2026-02-01");
    expect(dayAfter("2025-12-31")).toBe("2026-01-01");
    expect(dayAfter("2024-02-28")).toBe("2024-02-29");
    expect(dayAfter("2026-03-10T12:00:00Z")).toBe("2026-03-11");
  });
  it("periodAsOf is the end of a past period, now for a running one", () => {
    const now = new Date("2026-06-15T10:00:00Z");
    expect(periodAsOf("2025-12-31", now).toISOString()).toBe("2026-01-01T00:00:00.000Z");
    expect(periodAsOf("2026-12-31", now)).toBe(now);
  });
  it("a cycle is open up to and including its review due day", () => {
    const now = new Date("2026-02-15T23:00:00Z");
    expect(isCycleOpen({ review_due: "2026-02-15" }, now)).toBe(true);
    expect(isCycleOpen({ review_due: "2026-02-14" }, now)).toBe(false);
  });
});

describe("periodEvidenceHref", () => {
  it("links the evidence list of the person and period, optionally one skill", () => {
    expect(periodEvidenceHref(6, "2026-01-01", "2026-12-31")).toBe("/evidence?person=6&from=2026-01-01&to=2026-12-31");
    expect(periodEvidenceHref(6, "2026-01-01", "2026-12-31", "crisis & ops")).toBe(
      "/evidence?person=6&from=2026-01-01&to=2026-12-31&skill=crisis+%26+ops",
    );
  });
});

describe("audit labels", () => {
  const names = {
    positions: new Map([[3, "Senior Support Engineer"]]),
    people: new Map([[7, "Daniel Kowalski"]]),
    skills: new Map([["crisis", "Crisis and major-incident handling"]]),
  };
  it("names rating keys by side, field and skill; other keys from the table", () => {
    expect(fieldLabel("manager.crisis.level", names.skills)).toBe("Manager level · Crisis and major-incident handling");
    expect(fieldLabel("self.retired_skill.comment", names.skills)).toBe("Self comment · retired_skill");
    expect(fieldLabel("promo_readiness", names.skills)).toBe("Promotion readiness");
    expect(fieldLabel("something_new", names.skills)).toBe("something_new");
  });
  it("labels values: states, outcomes, readiness, positions (0 = no promotion), people, blanks", () => {
    expect(valueLabel("state", "manager_review", names)).toBe("Manager review");
    expect(valueLabel("outcome", "exceeds", names)).toBe("Exceeds expectations");
    expect(valueLabel("promo_readiness", "6_12_months", names)).toBe("Ready in 6–12 months");
    expect(valueLabel("promo_position_id", 3, names)).toBe("Senior Support Engineer");
    expect(valueLabel("promo_position_id", 0, names)).toBe("No promotion");
    expect(valueLabel("promo_position_id", 99, names)).toBe("#99");
    expect(valueLabel("manager_id", 7, names)).toBe("Daniel Kowalski");
    expect(valueLabel("self_summary", "", names)).toBe("—");
    expect(valueLabel("self_summary", null, names)).toBe("—");
  });
  it("turns a row into the page's entry, fields in recorded order, unreadable JSON as no changes", () => {
    const row = {
      id: 1,
      at: "2026-02-01T10:00:00Z",
      actor_name: null,
      action: "sign_off",
      reason: null,
      before_json: '{"state":"manager_review","manager.crisis.level":2}',
      after_json: '{"state":"signed_off","manager.crisis.level":3,"outcome":"meets"}',
    };
    expect(auditEntryView(row, names)).toEqual({
      id: 1,
      at: "2026-02-01T10:00:00Z",
      actor: "—",
      action: "Sign off",
      reason: null,
      changes: [
        { field: "state", label: "State", before: "Manager review", after: "Signed off" },
        { field: "manager.crisis.level", label: "Manager level · Crisis and major-incident handling", before: "2", after: "3" },
        { field: "outcome", label: "Overall outcome", before: "—", after: "Meets expectations" },
      ],
    });
    expect(auditEntryView({ ...row, action: "cycle_create", before_json: "{oops", after_json: null }, names)).toMatchObject({
      action: "cycle_create",
      changes: [],
    });
  });
});

describe("planEvent", () => {
  const now = new Date("2026-02-10T09:00:00Z");
  const base: EventToPlan = {
    event: "save_self",
    from: "self_assessment",
    to: "self_assessment",
    current: {
      state: "self_assessment",
      manager_id: 7,
      self_summary: null,
      manager_comment: null,
      outcome: null,
      promo_position_id: null,
      promo_readiness: null,
    },
    stored: { self: { a: { level: 2, comment: "" } }, manager: {} },
    skills: ["a", "b"],
    actorId: 6,
    now,
  };
  it("a self-assessment save: the changed ratings and summary, the ratings to store, no state change", () => {
    const plan = planEvent({
      ...base,
      self: { ratings: { a: { level: 2, comment: "" }, b: { level: 4, comment: "x" } }, summary: "Mine" },
    });
    expect(plan.patch).toEqual({ self_summary: "Mine" });
    expect(plan.ratings).toEqual({ side: "self", ratings: { a: { level: 2, comment: "" }, b: { level: 4, comment: "x" } } });
    expect(plan.audit).toEqual({
      before: { "self.b.level": null, "self.b.comment": "", self_summary: "" },
      after: { "self.b.level": 4, "self.b.comment": "x", self_summary: "Mine" },
      reason: null,
    });
  });
  it("a save that changes nothing leaves no audit entry; an acknowledgement always does", () => {
    expect(planEvent({ ...base, self: { ratings: pickRatings(base.stored.self, base.skills), summary: "" } }).audit).toBeNull();
    const ack = planEvent({ ...base, event: "acknowledge", from: "signed_off", to: "acknowledged" });
    expect(ack.patch).toEqual({
      state: "acknowledged",
      acknowledged_at: now.toISOString(),
      acknowledgement_comment: null,
      acknowledgement_disagrees: 0,
    });
    expect(ack.audit).toEqual({ before: { state: "signed_off" }, after: { state: "acknowledged" }, reason: null });
  });
  it("a review records 'no promotion' as readiness none, and audits it as target 0", () => {
    const review = {
      ratings: { a: { level: 3, comment: "" }, b: { level: 3, comment: "" } },
      comment: "",
      outcome: "meets" as const,
      promotion: { targetPositionId: null, readiness: null },
    };
    const plan = planEvent({
      ...base,
      event: "sign_off",
      from: "manager_review",
      to: "signed_off",
      current: { ...base.current, state: "manager_review" },
      review,
    });
    expect(plan.patch).toMatchObject({
      state: "signed_off",
      outcome: "meets",
      promo_position_id: null,
      promo_readiness: "none",
      manager_id: 6,
      manager_comment: null,
      signed_off_at: now.toISOString(),
    });
    expect(plan.audit?.after).toMatchObject({ promo_position_id: 0, manager_id: 6, outcome: "meets", state: "signed_off" });
    expect(plan.audit?.before).toMatchObject({ promo_position_id: null, manager_id: 7 });
    expect(reviewFields({ ...review, promotion: null }, 6)).toMatchObject({ promo_position_id: null, promo_readiness: null });
  });
  it("a reopen clears the sign-off and keeps its reason", () => {
    const plan = planEvent({ ...base, event: "reopen", from: "acknowledged", to: "manager_review", reason: "  Wrong skill  " });
    expect(plan.patch).toEqual({
      state: "manager_review",
      snapshot_json: null,
      signed_off_at: null,
      acknowledged_at: null,
      acknowledgement_comment: null,
      acknowledgement_disagrees: 0,
    });
    expect(plan.audit?.reason).toBe("Wrong skill");
  });
});

describe("snapshot", () => {
  it("round-trips, and refuses what it cannot read", () => {
    const matrix = {
      asOf: "2026-01-01T00:00:00.000Z",
      skills: [],
      evidence: [],
      counts: { total: 0, verified: 0, submitted: 0 },
    };
    const review = {
      period: { start: "2025-01-01", end: "2025-12-31" },
      selfSummary: null,
      managerComment: "ok",
      outcome: "meets",
      promotion: { positionId: null, positionName: null, readiness: "none" },
    };
    const snap = buildSnapshot(matrix, review, new Date("2026-02-01T00:00:00Z"));
    expect(parseSnapshot(JSON.stringify(snap))).toEqual(snap);
    expect(snap).toMatchObject({ version: 1, takenAt: "2026-02-01T00:00:00.000Z", managerComment: "ok" });
    expect(parseSnapshot(null)).toBeNull();
    expect(parseSnapshot("{not json")).toBeNull();
    expect(parseSnapshot(JSON.stringify({ ...snap, version: 2 }))).toBeNull();
  });
});

function form(entries: Record<string, string>) {
  const fd = new FormData();
  for (const [k, v] of Object.entries(entries)) fd.append(k, v);
  return fd;
}

describe("the appraisal page's schemas", () => {
  const skills = ["a", "b"];
  it("parses a self-assessment: levels as numbers, blanks as not rated, text trimmed", () => {
    const parsed = parseAppraisalEvent(
      form({
        intent: "submit_self",
        "ratings.a.level": "3",
        "ratings.a.comment": "  did things ",
        "ratings.b.level": "",
        summary: " My year ",
      }),
      skills,
    );
    expect(parsed?.command).toEqual({
      event: "submit_self",
      self: { ratings: { a: { level: 3, comment: "did things" }, b: { level: null, comment: "" } }, summary: "My year" },
    });
  });
  it("leaves the workflow's rules to the workflow: an out-of-range level or an incomplete submission parses", () => {
    expect(parseAppraisalEvent(form({ intent: "submit_self", "ratings.a.level": "9" }), skills)?.command).toMatchObject({
      self: { ratings: { a: { level: 9 } } },
    });
    expect(parseAppraisalEvent(form({ intent: "reopen", reason: "  " }), skills)?.command).toEqual({
      event: "reopen",
      reason: "",
      confirmed: false,
    });
  });
  it("refuses what is not the form's shape, with messages at the fields", () => {
    const bad = parseAppraisalEvent(
      form({
        intent: "save_review",
        "ratings.a.level": "high",
        comment: "x".repeat(MAX_COMMENT_LENGTH + 1),
        outcome: "brilliant",
        promotion: "senior",
      }),
      skills,
    );
    expect(bad?.command).toBeNull();
    expect(bad?.submission.reply().error).toEqual({
      "ratings.a.level": ["Level must be a whole number from 0 to 7"],
      comment: [`Comment must be at most ${MAX_COMMENT_LENGTH} characters`],
      outcome: ["Choose one of the listed outcomes"],
      promotion: ["Choose one of the listed positions"],
    });
  });
  it("maps the promotion field: blank = not chosen, none = no promotion, an id with its readiness", () => {
    const r = { ratings: {}, comment: "" };
    expect(reviewInput({ ...r }).promotion).toBeNull();
    expect(reviewInput({ ...r, promotion: "none", promoReadiness: "ready_now" }).promotion).toEqual({
      targetPositionId: null,
      readiness: null,
    });
    expect(reviewInput({ ...r, promotion: "3" }).promotion).toEqual({ targetPositionId: 3, readiness: null });
    expect(
      parseAppraisalEvent(form({ intent: "sign_off", promotion: "3", promoReadiness: "not_yet", outcome: "meets" }), skills)
        ?.command,
    ).toMatchObject({
      event: "sign_off",
      review: { outcome: "meets", promotion: { targetPositionId: 3, readiness: "not_yet" } },
    });
  });
  it("knows only the page's intents", () => {
    expect(parseAppraisalEvent(form({ intent: "start" }), skills)).toBeNull();
    expect(parseAppraisalEvent(form({}), skills)).toBeNull();
    expect(parseAppraisalEvent(form({ intent: "acknowledge" }), skills)?.command).toEqual({
      event: "acknowledge",
      acknowledgement: { comment: "", disagrees: false },
    });
    expect(
      parseAppraisalEvent(form({ intent: "acknowledge", comment: " I disagree ", disagree: "on" }), skills)?.command,
    ).toEqual({ event: "acknowledge", acknowledgement: { comment: "I disagree", disagrees: true } });
    // a consequential event carries whether it was confirmed: only "yes" is
    expect(parseAppraisalEvent(form({ intent: "reopen", reason: "x", confirm: "yes" }), skills)?.command).toMatchObject({
      confirmed: true,
    });
    expect(parseAppraisalEvent(form({ intent: "reopen", reason: "x", confirm: "on" }), skills)?.command).toMatchObject({
      confirmed: false,
    });
  });
});

describe("the cycle schema", () => {
  const good = {
    name: " 2026 review ",
    periodStart: "2026-01-01",
    periodEnd: "2026-12-31",
    selfDue: "2027-01-15",
    reviewDue: "2027-02-01",
  };
  it("accepts a cycle, trimming its name", () => {
    expect(cycleSchema.parse(good)).toEqual({ ...good, name: "2026 review" });
  });
  it("orders the dates", () => {
    const r = cycleSchema.safeParse({ ...good, periodEnd: "2025-12-01", reviewDue: "2027-01-10" });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["periodEnd", "The period must end after it starts."],
      ["reviewDue", "The review is due on or after the self-assessment due date."],
    ]);
    expect(cycleSchema.safeParse({ ...good, selfDue: "2027-02-30" }).error?.issues[0]?.message).toBe(
      "Enter a real calendar date for the self-assessment due date.",
    );
  });
});
