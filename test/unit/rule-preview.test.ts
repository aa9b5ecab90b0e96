import { describe, expect, it } from "vitest";
import { previewKey, previewRuleChange } from "../../app/domain/rule-preview";
import type { MappingRule, WorkItem } from "../../app/domain/types";

const item = (over: Partial<WorkItem>): WorkItem => ({
  kind: "incident",
  priority: "P3",
  impact: null,
  role: "contributor",
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
  ...over,
});

const rule = (over: Partial<MappingRule>): MappingRule => ({
  id: 1,
  kind: "incident",
  when: {},
  skill: "crisis",
  points: 2,
  reason: "Incident",
  active: true,
  ...over,
});

// Hand-computed: 3 incidents (two P1) and 1 change. Rule 1 gives 2 crisis points to every incident;
// rule 2 (untouched) gives 1 debugging point to every item.
const ITEMS = [item({ priority: "P1" }), item({ priority: "P1" }), item({ priority: "P3" }), item({ kind: "change" })];
const RULES = [rule({}), rule({ id: 2, kind: "*", skill: "debugging", points: 1, reason: "Any work" })];

describe("previewRuleChange", () => {
  it("counts the items and points that move, per skill", () => {
    // only P1 incidents, 3 points: P1s go 2 → 3 (+1 each), the P3 loses its 2
    const p = previewRuleChange(ITEMS, RULES, rule({ when: { priority: ["P1"] }, points: 3 }));
    expect(p).toEqual({ itemsAffected: 3, itemsTotal: 4, skills: [{ skill: "crisis", items: 3, before: 6, after: 6 }] });
  });

  it("moves points from one skill to another when the rule's skill changes", () => {
    const p = previewRuleChange(ITEMS, RULES, rule({ skill: "leadership" }));
    expect(p.itemsAffected).toBe(3);
    expect(p.skills).toEqual([
      { skill: "crisis", items: 3, before: 6, after: 0 },
      { skill: "leadership", items: 3, before: 0, after: 6 },
    ]);
  });

  it("changes nothing for an edit that gives the same points, or for an inactive rule", () => {
    expect(previewRuleChange(ITEMS, RULES, rule({ reason: "Renamed" }))).toEqual({ itemsAffected: 0, itemsTotal: 4, skills: [] });
    const inactive = [rule({ active: false }), RULES[1]!];
    expect(previewRuleChange(ITEMS, inactive, rule({ points: 9, active: true })).itemsAffected).toBe(0);
  });

  it("stays fast on a few thousand items", () => {
    const many = Array.from({ length: 5000 }, (_, i) => item({ priority: (["P1", "P2", "P3", "P4"] as const)[i % 4] }));
    const t0 = performance.now();
    const p = previewRuleChange(many, RULES, rule({ when: { priority: ["P1", "P2"] } }));
    expect(performance.now() - t0).toBeLessThan(500);
    expect(p.itemsAffected).toBe(2500);
  });
});

describe("previewKey", () => {
  it("names the values, so that Apply saves only what was previewed", () => {
    expect(previewKey(rule({}))).toBe(previewKey(rule({ id: 9 })));
    expect(previewKey(rule({}))).not.toBe(previewKey(rule({ points: 3 })));
  });
});
