import { describe, expect, it } from "vitest";
import { DEFAULT_KINDS, DEFAULT_POSITIONS, DEFAULT_RULES, DEFAULT_SKILLS } from "../../app/domain/defaults";
import {
  mergeConditions,
  nextPosition,
  nextSteps,
  radarData,
  readiness,
  typicalWorkItem,
  type SkillGap,
} from "../../app/domain/ladder";
import { mapWorkItem, totalsBySkill } from "../../app/domain/mapping";
import type { MappingRule, PositionDef } from "../../app/domain/types";

const RULES: MappingRule[] = DEFAULT_RULES.map((r, i) => ({ ...r, id: i + 1, active: true }));
const ORDER = DEFAULT_SKILLS.map((s) => s.key);
const NAMES = Object.fromEntries(DEFAULT_SKILLS.map((s) => [s.key, s.name]));
// Ranks spaced by 10 and listed out of order, so nothing depends on array position or ids.
const POSITIONS: PositionDef[] = DEFAULT_POSITIONS.map((p, i) => ({ ...p, id: 100 - i, rank: (i + 1) * 10 })).reverse();
const byKey = (key: string) => POSITIONS.find((p) => p.key === key)!;

// An experienced person by default (level 3 of 5), for whom every kind of work is within reach; the
// "fits the level" tests below pass a newcomer's level explicitly.
const gap = (skill: string, current = 3, required = 5): SkillGap => ({ skill, current, required, gap: required - current });

describe("readiness", () => {
  it("computes percent from capped levels and lists gaps largest first, ties in skill order", () => {
    const se2 = byKey("se2").requirements; // 2,2,1,2,1,1,2,1 → 12 in all
    const r = readiness({ debugging: 2, crisis: 5 }, se2, ORDER);
    // debugging 2 + crisis capped at 2 = 4 of 12
    expect(r.percent).toBe(33);
    expect(r.met).toBe(false);
    expect(r.gaps).toEqual([
      { skill: "itil", current: 0, required: 2, gap: 2 },
      { skill: "communication", current: 0, required: 2, gap: 2 },
      { skill: "continuity", current: 0, required: 1, gap: 1 },
      { skill: "design", current: 0, required: 1, gap: 1 },
      { skill: "performance", current: 0, required: 1, gap: 1 },
      { skill: "leadership", current: 0, required: 1, gap: 1 },
    ]);
  });

  it("orders ties by the given skill order", () => {
    const r = readiness({}, { a: 1, b: 1, c: 2 }, ["b", "a", "c"]);
    expect(r.gaps.map((g) => g.skill)).toEqual(["c", "b", "a"]);
  });

  it("is 100% and met when everything is covered, and never more than 100", () => {
    const r = readiness({ debugging: 7, crisis: 7, itil: 7, communication: 7 }, byKey("se1").requirements, ORDER);
    expect(r).toEqual({ percent: 100, gaps: [], met: true });
  });

  it("is 100% when nothing is required", () => {
    expect(readiness({}, {}, ORDER)).toEqual({ percent: 100, gaps: [], met: true });
    expect(readiness({}, { debugging: 0 }, ORDER)).toEqual({ percent: 100, gaps: [], met: true });
  });

  it("rounds down, so 100% always means ready", () => {
    const req = Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`s${i}`, 1]));
    const levels = Object.fromEntries(Array.from({ length: 199 }, (_, i) => [`s${i}`, 1]));
    const r = readiness(levels, req, []);
    expect(r.percent).toBe(99);
    expect(r.met).toBe(false);
    expect(r.gaps).toEqual([{ skill: "s199", current: 0, required: 1, gap: 1 }]);
  });

  it("ignores skills that are not required", () => {
    expect(readiness({ cooking: 7 }, { debugging: 2 }, ORDER).percent).toBe(0);
  });
});

describe("nextPosition", () => {
  it("starts at the lowest rank, climbs by rank and stops at the top", () => {
    expect(nextPosition(POSITIONS, null)?.key).toBe("se1");
    expect(nextPosition(POSITIONS, byKey("se1").id)?.key).toBe("se2");
    expect(nextPosition(POSITIONS, byKey("senior").id)?.key).toBe("lead");
    expect(nextPosition(POSITIONS, byKey("sdm").id)?.key).toBe("head");
    expect(nextPosition(POSITIONS, byKey("head").id)).toBeNull();
  });
  it("treats an unknown position as none, and an empty ladder has nothing", () => {
    expect(nextPosition(POSITIONS, 123456)?.key).toBe("se1");
    expect(nextPosition([], null)).toBeNull();
  });
});

describe("nextSteps", () => {
  const continuity = () => nextSteps([gap("continuity")], RULES, DEFAULT_KINDS, NAMES)[0];

  it("for a continuity gap, suggests leading a DR drill for continuity and leadership", () => {
    const result = continuity();
    expect(result.skill).toBe("continuity");
    const lead = result.steps.find((s) => s.label.startsWith("Lead a DR / continuity drill"));
    expect(lead).toBeDefined();
    expect(lead!.kind).toBe("dr_drill");
    // drill → continuity 4; led → leadership 3 (from the default rules)
    expect(lead!.gains).toEqual([
      { skill: "continuity", points: 4 },
      { skill: "leadership", points: 3 },
    ]);
    expect(lead!.label).toBe(
      "Lead a DR / continuity drill: +4 Disaster recovery and business continuity, +3 Leadership and ownership",
    );
    // it is the most valuable of the drill variants, so it comes first
    expect(result.steps[0]).toBe(lead);
  });

  it("every step raises the gap skill, best first, at most perSkill, no duplicates", () => {
    const gaps = ORDER.map((s) => gap(s));
    for (const perSkill of [1, 3, 5]) {
      const result = nextSteps(gaps, RULES, DEFAULT_KINDS, NAMES, perSkill);
      expect(result.map((r) => r.skill)).toEqual(ORDER);
      for (const { skill, steps } of result) {
        expect(steps.length).toBeGreaterThan(0);
        expect(steps.length).toBeLessThanOrEqual(perSkill);
        const toGap = steps.map((s) => s.gains.find((g) => g.skill === skill)?.points ?? 0);
        for (const p of toGap) expect(p).toBeGreaterThan(0);
        expect([...toGap].sort((a, b) => b - a)).toEqual(toGap);
        expect(new Set(steps.map((s) => s.label)).size).toBe(steps.length);
        for (const s of steps) expect(s.kind).not.toBe("*");
      }
    }
  });

  it("each step's gains are what the rule table gives its work, and the label says so", () => {
    const result = nextSteps(
      ORDER.map((s) => gap(s)),
      RULES,
      DEFAULT_KINDS,
      NAMES,
      5,
    );
    for (const { steps } of result) {
      for (const step of steps) {
        expect(step.label).toMatch(/^[A-Z][^:]+: \+\d/);
        const sum = step.gains.reduce((t, g) => t + g.points, 0);
        expect(sum).toBeGreaterThan(0);
        const text = step.gains.map((g) => `+${g.points} ${NAMES[g.skill]}`).join(", ");
        expect(step.label.endsWith(`: ${text}`)).toBe(true);
        const pts = step.gains.map((g) => g.points);
        expect([...pts].sort((a, b) => b - a)).toEqual(pts);
      }
    }
  });

  it("prefers the crisis step that gives most crisis: a P1 incident", () => {
    const { steps } = nextSteps([gap("crisis")], RULES, DEFAULT_KINDS, NAMES)[0];
    expect(steps[0].kind).toBe("incident");
    expect(steps[0].label).toMatch(/P1 incident/);
    // P1 → 4, after hours → 1: no single piece of work in the default table gives more
    expect(steps[0].gains.find((g) => g.skill === "crisis")!.points).toBe(5);
  });

  it("mixes kinds of work when they are equally good for the gap", () => {
    const { steps } = nextSteps([gap("leadership")], RULES, DEFAULT_KINDS, NAMES)[0];
    // incident led, DR drill led and mentoring each give +3 leadership
    expect(new Set(steps.map((s) => s.kind))).toEqual(new Set(["incident", "dr_drill", "mentoring"]));
  });

  it("follows the rule table: edited points, inactive and new rules show up", () => {
    const edited = RULES.map((r) => (r.kind === "dr_drill" && r.skill === "leadership" ? { ...r, points: 6 } : r));
    const lead = nextSteps([gap("continuity")], edited, DEFAULT_KINDS, NAMES)[0].steps.find((s) => s.label.startsWith("Lead"));
    expect(lead?.gains).toContainEqual({ skill: "leadership", points: 6 });

    const noLeadRule = RULES.map((r) => (r.kind === "dr_drill" && r.skill === "leadership" ? { ...r, active: false } : r));
    const steps = nextSteps([gap("continuity")], noLeadRule, DEFAULT_KINDS, NAMES)[0].steps;
    expect(steps.some((s) => s.gains.some((g) => g.skill === "leadership"))).toBe(false);

    const noContinuity = RULES.map((r) => (r.skill === "continuity" ? { ...r, active: false } : r));
    expect(nextSteps([gap("continuity")], noContinuity, DEFAULT_KINDS, NAMES)[0].steps).toEqual([]);
  });

  it("turns an any-kind rule into steps for concrete kinds", () => {
    const rules = [
      ...RULES,
      { id: 500, kind: "*", when: { emergency: true }, skill: "continuity", points: 5, reason: "Emergency work", active: true },
    ];
    const { steps } = nextSteps([gap("continuity")], rules, DEFAULT_KINDS, NAMES, 3)[0];
    const kinds = DEFAULT_KINDS.map((k) => k.key);
    for (const s of steps) expect(kinds).toContain(s.kind);
    // an emergency DR drill combines both rules: 4 + 5; leading it as well adds leadership,
    // which breaks the tie on continuity in its favour
    expect(steps[0]).toMatchObject({ kind: "dr_drill" });
    expect(steps[0].gains).toEqual([
      { skill: "continuity", points: 9 },
      { skill: "leadership", points: 3 },
    ]);
    expect(steps[0].label).toMatch(/^Lead an emergency DR \/ continuity drill:/);
    // the rule also reaches kinds that never gave continuity before
    // (past the three +9 drill variants, which outrank any +5)
    const more = nextSteps([gap("continuity")], rules, DEFAULT_KINDS, NAMES, 6)[0].steps;
    expect(more.slice(0, 3)).toEqual(steps);
    expect(more.slice(3).every((s) => s.kind !== "dr_drill" && /emergency/.test(s.label))).toBe(true);
  });

  it("does not repeat a step when the table holds the same rule twice", () => {
    const doubled = [...RULES, ...RULES.map((r) => ({ ...r, id: r.id + 1000 }))];
    const { steps } = nextSteps([gap("design")], doubled, DEFAULT_KINDS, NAMES, 10)[0];
    expect(new Set(steps.map((s) => `${s.kind}|${s.label}`)).size).toBe(steps.length);
  });

  it("skips rules of kinds that no longer exist and gives no steps for a skill nothing raises", () => {
    const kinds = DEFAULT_KINDS.filter((k) => k.key !== "dr_drill");
    expect(nextSteps([gap("continuity")], RULES, kinds, NAMES)[0].steps).toEqual([]);
    expect(nextSteps([gap("cooking")], RULES, DEFAULT_KINDS, NAMES)).toEqual([{ skill: "cooking", steps: [] }]);
    expect(nextSteps([], RULES, DEFAULT_KINDS, NAMES)).toEqual([]);
  });

  it("falls back to the skill key when no name is known", () => {
    const { steps } = nextSteps([gap("continuity")], RULES, DEFAULT_KINDS, {})[0];
    expect(steps[0].label).toBe("Lead a DR / continuity drill: +4 continuity, +3 leadership");
  });
});

describe("typicalWorkItem", () => {
  it("is neutral unless the condition says otherwise", () => {
    expect(typicalWorkItem("incident", {})).toMatchObject({
      kind: "incident",
      priority: null,
      role: "contributor",
      outcome: "resolved",
      afterHours: false,
      emergency: false,
      reassignmentCount: 0,
      reopenCount: 0,
      problemRef: null,
    });
    const it1 = typicalWorkItem("incident", { priority: ["P2"], role: ["lead"], reworked: true, linkedProblem: true });
    // P2 led, resolved, reworked, linked: debugging 2+1+2, crisis 2, leadership 3
    expect(totalsBySkill(mapWorkItem(it1, RULES))).toEqual({ debugging: 5, crisis: 2, leadership: 3 });
  });
});

describe("mergeConditions", () => {
  it("intersects lists and refuses contradictions", () => {
    expect(mergeConditions({ priority: ["P1", "P2"] }, { priority: ["P2", "P3"], role: ["lead"] })).toEqual({
      priority: ["P2"],
      role: ["lead"],
    });
    expect(mergeConditions({ priority: ["P1"] }, { priority: ["P2"] })).toBeNull();
    expect(mergeConditions({ afterHours: true }, { afterHours: false })).toBeNull();
    expect(mergeConditions({ afterHours: true }, {})).toEqual({ afterHours: true });
  });
});

describe("radarData", () => {
  it("pairs current and target per skill, 0 when missing", () => {
    const data = radarData({ debugging: 3, cooking: 5 }, { debugging: 4, crisis: 2 }, [
      { key: "debugging", name: "Debugging" },
      { key: "crisis", name: "Crisis" },
      { key: "leadership", name: "Leadership" },
    ]);
    expect(data).toEqual([
      { skill: "debugging", name: "Debugging", current: 3, target: 4 },
      { skill: "crisis", name: "Crisis", current: 0, target: 2 },
      { skill: "leadership", name: "Leadership", current: 0, target: 0 },
    ]);
  });
});
