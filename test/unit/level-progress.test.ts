import { describe, expect, it } from "vitest";
import { nextThreshold, progressToNext } from "../../app/domain/level-progress";
import { DEFAULT_KINDS, DEFAULT_RULES, DEFAULT_SKILLS } from "../../app/domain/defaults";
import { nextSteps, withinReach, workDemand } from "../../app/domain/ladder";
import type { MappingRule } from "../../app/domain/types";

// Listed out of order on purpose: the next level is found by level, not by position.
const THRESHOLDS = [
  { level: 2, minScore: 10, minItems: 3 },
  { level: 1, minScore: 3, minItems: 1 },
  { level: 3, minScore: 25, minItems: 8 },
];

describe("progressToNext", () => {
  it("at level 0 with nothing, level 1 needs its whole score and one item", () => {
    expect(progressToNext({ score: 0, items: 0, level: 0 }, THRESHOLDS)).toEqual({
      nextLevel: 1,
      minScore: 3,
      minItems: 1,
      scoreToGo: 3,
      itemsToGo: 1,
      percent: 0,
    });
  });

  it("three small items move the bar while the level stays 0", () => {
    // three items worth 0.6 each after weighting: the item count is met, the score is not
    const p = progressToNext({ score: 1.8, items: 3, level: 0 }, THRESHOLDS);
    expect(p).toMatchObject({ nextLevel: 1, scoreToGo: 1.2, itemsToGo: 0 });
    // (1.8 / 3 + 1) / 2 = 0.8
    expect(p.percent).toBe(80);
  });

  it("from level 1 counts toward level 2, and is never 100 while something is missing", () => {
    const p = progressToNext({ score: 10, items: 2, level: 1 }, THRESHOLDS);
    expect(p).toMatchObject({ nextLevel: 2, scoreToGo: 0, itemsToGo: 1 });
    expect(p.percent).toBe(83);
    expect(progressToNext({ score: 9.9, items: 3, level: 1 }, THRESHOLDS).percent).toBe(99);
  });

  it("rounds the score still needed to one decimal, as the matrix shows scores", () => {
    expect(progressToNext({ score: 0.1, items: 0, level: 0 }, [{ level: 1, minScore: 0.3, minItems: 1 }]).scoreToGo).toBe(0.2);
  });

  it("at the top there is no next level", () => {
    expect(progressToNext({ score: 40, items: 9, level: 3 }, THRESHOLDS)).toMatchObject({ nextLevel: null, percent: 100 });
    expect(nextThreshold(3, THRESHOLDS)).toBeNull();
    expect(nextThreshold(0, THRESHOLDS)?.level).toBe(1);
  });
});

describe("next steps fit the person's level", () => {
  const RULES: MappingRule[] = DEFAULT_RULES.map((r, i) => ({ ...r, id: i + 1, active: true }));
  const NAMES = Object.fromEntries(DEFAULT_SKILLS.map((s) => [s.key, s.name]));
  const steps = (skill: string, current: number) =>
    nextSteps([{ skill, current, required: 3, gap: 3 - current }], RULES, DEFAULT_KINDS, NAMES)[0].steps;

  it("scores how demanding work is from its conditions", () => {
    expect(workDemand({})).toBe(0);
    expect(workDemand({ priority: ["P2"] })).toBe(1);
    expect(workDemand({ priority: ["P1"], role: ["lead"], afterHours: true })).toBe(4);
    expect(workDemand({ priority: ["P1", "P2"] })).toBe(0);
    expect(withinReach(1, 0)).toBe(true);
    expect(withinReach(2, 0)).toBe(false);
    expect(withinReach(2, 1)).toBe(true);
  });

  it("a newcomer at level 0 is not first told to lead a P1 incident after hours", () => {
    const first = steps("crisis", 0);
    expect(first.length).toBeGreaterThan(0);
    expect(first[0].label).not.toMatch(/P1/);
    expect(first[0].label).not.toMatch(/after hours/);
    // the experienced get the most valuable work first, as before
    expect(steps("crisis", 3)[0].label).toMatch(/P1 incident/);
  });

  it("every step offered at level 0 is within reach when such steps exist", () => {
    for (const skill of DEFAULT_SKILLS.map((s) => s.key)) {
      const offered = steps(skill, 0);
      const labels = offered.map((s) => s.label);
      // a label naming a P1, leading after hours or an emergency would be beyond level 0 + 1
      const demanding = labels.filter((l) => /P1/.test(l) && /after hours|Lead/.test(l));
      expect(demanding, skill).toEqual([]);
    }
  });
});
