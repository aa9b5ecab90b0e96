import { describe, expect, it } from "vitest";
import {
  type Tally,
  addToTally,
  answerRefusal,
  effectiveStatus,
  effectiveThreshold,
  emptyTally,
  feedbackView,
  relationOf,
  requestRefusal,
  respondentRefusal,
  summarise,
} from "~/domain/feedback";

const NOW = new Date("2026-06-15T12:00:00Z");
const open = { state: "self_assessment" as const, reviewDue: "2026-06-30" };
const pastDue = { state: "self_assessment" as const, reviewDue: "2026-06-14" };
const signedOff = { state: "signed_off" as const, reviewDue: "2026-06-30" };

function tallyOf(levels: (number | null)[], comments: string[] = []): Tally {
  return levels.reduce<Tally>((t, level, i) => addToTally(t, { level, comment: comments[i] ?? "" }), emptyTally());
}

describe("relation rule", () => {
  it("takes the first rule that holds: manager, report, peer, other", () => {
    expect(relationOf({ managesSubject: true, reportsToSubject: false, sameTeam: true })).toBe("manager");
    expect(relationOf({ managesSubject: false, reportsToSubject: true, sameTeam: true })).toBe("report");
    expect(relationOf({ managesSubject: false, reportsToSubject: false, sameTeam: true })).toBe("peer");
    expect(relationOf({ managesSubject: false, reportsToSubject: false, sameTeam: false })).toBe("other");
  });
});

describe("expiry rule", () => {
  it("requests may be made while the appraisal is open and the review not yet due", () => {
    expect(requestRefusal(open, NOW)).toBeNull();
    expect(requestRefusal({ ...open, reviewDue: "2026-06-15" }, NOW)).toBeNull(); // the due day itself counts
    expect(requestRefusal(pastDue, NOW)).toMatch(/was due on 2026-06-14/);
    expect(requestRefusal(signedOff, NOW)).toMatch(/signed off/);
  });
  it("an open request of a closed appraisal has expired and cannot be answered", () => {
    expect(effectiveStatus("open", open, NOW)).toBe("open");
    expect(effectiveStatus("open", pastDue, NOW)).toBe("expired");
    expect(effectiveStatus("open", signedOff, NOW)).toBe("expired");
    expect(effectiveStatus("answered", pastDue, NOW)).toBe("answered");
    expect(answerRefusal("open", open, NOW)).toBeNull();
    expect(answerRefusal("open", pastDue, NOW)).toMatch(/expired/);
    expect(answerRefusal("answered", open, NOW)).toMatch(/already answered/);
    expect(answerRefusal("declined", open, NOW)).toMatch(/declined/);
  });
});

describe("who may be asked", () => {
  const asked = new Set([7]);
  it("not the employee, not someone inactive, not twice, only from the list", () => {
    expect(respondentRefusal({ id: 2, active: true }, 1, asked)).toBeNull();
    expect(respondentRefusal({ id: 1, active: true }, 1, asked)).toMatch(/themselves/);
    expect(respondentRefusal({ id: 3, active: false }, 1, asked, "Ann")).toBe("Ann is no longer active.");
    expect(respondentRefusal({ id: 7, active: true }, 1, asked, "Ann")).toBe("Ann has already been asked.");
    expect(respondentRefusal(undefined, 1, asked)).toMatch(/from the list/);
  });
});

describe("aggregation", () => {
  it("counts levels and can't-say, median, mean and range", () => {
    const s = summarise(tallyOf([2, 4, 3, null, 5]));
    expect(s).toMatchObject({ ratings: 4, cantSay: 1, median: 3.5, mean: 3.5, min: 2, max: 5 });
    expect(s.distribution).toEqual([0, 0, 1, 1, 1, 1]);
    expect(summarise(tallyOf([1, 1, 4]))).toMatchObject({ median: 1, mean: 2, min: 1, max: 4 });
    expect(summarise(emptyTally())).toMatchObject({ ratings: 0, median: null, mean: null, min: null, max: null });
  });
  it("keeps comments sorted, so their order says nothing about who wrote first", () => {
    const a = tallyOf([3, 3, 3], ["zeta", "alpha", "mid"]);
    const b = tallyOf([3, 3, 3], ["mid", "zeta", "alpha"]);
    expect(a.comments).toEqual(["alpha", "mid", "zeta"]);
    expect(b.comments).toEqual(a.comments);
    expect(tallyOf([3], ["   "]).comments).toEqual([]);
  });
});

describe("threshold", () => {
  const skills = [
    { key: "a", name: "A" },
    { key: "b", name: "B" },
  ];
  const tallies = new Map([
    ["a", tallyOf([3, 4, 5], ["x"])],
    ["b", tallyOf([2, null, null])],
  ]);
  it("below it, only the counts", () => {
    const v = feedbackView({ asked: 5, answered: 2 }, tallies, skills, 3);
    expect(v).toEqual({ asked: 5, answered: 2, threshold: 3, visible: false, skills: [] });
  });
  it("past it, a skill's summary only where enough colleagues rated it", () => {
    const v = feedbackView({ asked: 5, answered: 3 }, tallies, skills, 3);
    expect(v.visible).toBe(true);
    expect(v.skills[0]).toMatchObject({ key: "a", ratings: 3, comments: ["x"], summary: { median: 4 } });
    expect(v.skills[1]).toMatchObject({ key: "b", ratings: 1, summary: null });
  });
  it("a stored value is clamped: never below 3, default 3", () => {
    expect(effectiveThreshold(undefined)).toBe(3);
    expect(effectiveThreshold(1)).toBe(3);
    expect(effectiveThreshold(5)).toBe(5);
    expect(effectiveThreshold(99)).toBe(10);
    expect(effectiveThreshold("4")).toBe(3);
  });
});
