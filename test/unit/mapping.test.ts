import { describe, expect, it } from "vitest";
import { DEFAULT_KINDS, DEFAULT_RULES, DEFAULT_SKILLS } from "../../app/domain/defaults";
import {
  applyAdjustments,
  describeCondition,
  formatContribution,
  IMPACTS,
  MAX_ADJUSTMENT,
  mapWorkItem,
  OUTCOMES,
  PRIORITIES,
  ruleMatches,
  totalsBySkill,
  validateAdjustments,
  validateRule,
  WORK_ROLES,
} from "../../app/domain/mapping";
import type { Adjustment, Contribution, MappingRule, RuleCondition, WorkItem } from "../../app/domain/types";

const RULES: MappingRule[] = DEFAULT_RULES.map((r, i) => ({ ...r, id: i + 1, active: true }));
const SKILL_KEYS = DEFAULT_SKILLS.map((s) => s.key);
const KIND_KEYS = DEFAULT_KINDS.map((k) => k.key);

/** A piece of work with nothing special about it; outcome null so no outcome rule fires by accident. */
function item(overrides: Partial<WorkItem> = {}): WorkItem {
  return {
    kind: "incident",
    priority: null,
    impact: null,
    role: null,
    outcome: null,
    afterHours: false,
    afterHoursMinutes: 0,
    durationMinutes: 0,
    emergency: false,
    addsFunctionality: false,
    fixesSlowness: false,
    reassignmentCount: 0,
    reopenCount: 0,
    problemRef: null,
    changeRef: null,
    ...overrides,
  };
}

function rule(overrides: Partial<MappingRule> = {}): MappingRule {
  return { id: 99, kind: "incident", when: {}, skill: "debugging", points: 2, reason: "Test rule", active: true, ...overrides };
}

const LISTS = { priority: PRIORITIES, role: WORK_ROLES, outcome: OUTCOMES, impact: IMPACTS } as const;

/** Set the fields of `base` so that `when` holds. */
function satisfying(base: WorkItem, when: RuleCondition): WorkItem {
  const out: WorkItem = { ...base };
  if (when.priority) out.priority = when.priority[0];
  if (when.role) out.role = when.role[0];
  if (when.outcome) out.outcome = when.outcome[0];
  if (when.impact) out.impact = when.impact[0];
  for (const flag of ["afterHours", "emergency", "addsFunctionality", "fixesSlowness"] as const) {
    if (when[flag] !== undefined) out[flag] = when[flag]!;
  }
  if (when.reworked !== undefined) out.reopenCount = when.reworked ? 1 : 0;
  if (when.linkedProblem !== undefined) out.problemRef = when.linkedProblem ? "PRB0001" : null;
  return out;
}

/** Items that satisfy every condition of `when` but one. */
function violations(ok: WorkItem, when: RuleCondition): { why: string; item: WorkItem }[] {
  const out: { why: string; item: WorkItem }[] = [];
  for (const key of Object.keys(LISTS) as (keyof typeof LISTS)[]) {
    const list = when[key] as readonly string[] | undefined;
    if (!list) continue;
    out.push({ why: `${key} null`, item: { ...ok, [key]: null } });
    for (const other of LISTS[key].filter((v) => !list.includes(v)))
      out.push({ why: `${key} ${other}`, item: { ...ok, [key]: other } });
  }
  for (const flag of ["afterHours", "emergency", "addsFunctionality", "fixesSlowness"] as const) {
    if (when[flag] !== undefined) out.push({ why: `${flag} flipped`, item: { ...ok, [flag]: !when[flag] } });
  }
  if (when.reworked !== undefined)
    out.push({ why: "reworked flipped", item: { ...ok, reopenCount: when.reworked ? 0 : 1, reassignmentCount: 0 } });
  if (when.linkedProblem !== undefined)
    out.push({ why: "linkedProblem flipped", item: { ...ok, problemRef: when.linkedProblem ? null : "PRB0001" } });
  return out;
}

describe("each default rule", () => {
  it.each(RULES.map((r) => [`${r.kind} → ${r.skill} (${r.reason})`, r] as const))(
    "%s fires under its condition and not otherwise",
    (_name, r) => {
      const ok = satisfying(item({ kind: r.kind }), r.when);
      expect(ruleMatches(r, ok)).toBe(true);
      const mapped = mapWorkItem(ok, RULES);
      expect(mapped).toContainEqual({
        skill: r.skill,
        points: r.points,
        reason: r.reason,
        ruleId: r.id,
        adjusted: false,
        originalPoints: null,
        adjustmentReason: null,
      });

      for (const v of violations(ok, r.when)) {
        expect(ruleMatches(r, v.item), v.why).toBe(false);
        expect(
          mapWorkItem(v.item, RULES).some((c) => c.ruleId === r.id),
          v.why,
        ).toBe(false);
      }
      for (const otherKind of KIND_KEYS.filter((k) => k !== r.kind)) {
        expect(ruleMatches(r, { ...ok, kind: otherKind })).toBe(false);
      }
      expect(ruleMatches({ ...r, active: false }, ok)).toBe(false);
    },
  );

  it("every default rule refers to a known kind and skill and is itself valid", () => {
    for (const r of RULES) {
      expect(validateRule(r, { skills: SKILL_KEYS, kinds: KIND_KEYS }), `${r.kind}/${r.reason}`).toEqual({});
    }
  });
});

describe("ruleMatches", () => {
  it("a null item value never matches a list condition", () => {
    expect(ruleMatches(rule({ when: { priority: ["P1", "P2", "P3", "P4"] } }), item({ priority: null }))).toBe(false);
    expect(ruleMatches(rule({ when: { role: ["lead", "contributor", "reviewer"] } }), item({ role: null }))).toBe(false);
    expect(ruleMatches(rule({ when: { impact: ["low"] } }), item({ impact: null }))).toBe(false);
  });

  it("an empty list is no constraint", () => {
    expect(ruleMatches(rule({ when: { priority: [] } }), item({ priority: null }))).toBe(true);
    expect(ruleMatches(rule({ when: { priority: [] } }), item({ priority: "P3" }))).toBe(true);
  });

  it("all given conditions must hold together", () => {
    const r = rule({ when: { priority: ["P1"], role: ["lead"], afterHours: true } });
    expect(ruleMatches(r, item({ priority: "P1", role: "lead", afterHours: true }))).toBe(true);
    expect(ruleMatches(r, item({ priority: "P1", role: "lead", afterHours: false }))).toBe(false);
    expect(ruleMatches(r, item({ priority: "P1", role: "reviewer", afterHours: true }))).toBe(false);
    expect(ruleMatches(r, item({ priority: "P2", role: "lead", afterHours: true }))).toBe(false);
  });

  it("reworked means reassigned or reopened at least once", () => {
    const yes = rule({ when: { reworked: true } });
    const no = rule({ when: { reworked: false } });
    expect(ruleMatches(yes, item({ reassignmentCount: 2 }))).toBe(true);
    expect(ruleMatches(yes, item({ reopenCount: 1 }))).toBe(true);
    expect(ruleMatches(yes, item())).toBe(false);
    expect(ruleMatches(no, item())).toBe(true);
    expect(ruleMatches(no, item({ reassignmentCount: 1 }))).toBe(false);
  });

  it("linkedProblem needs a non-empty problem reference", () => {
    const r = rule({ when: { linkedProblem: true } });
    expect(ruleMatches(r, item({ problemRef: "PRB0040012" }))).toBe(true);
    expect(ruleMatches(r, item({ problemRef: "" }))).toBe(false);
    expect(ruleMatches(r, item({ problemRef: "   " }))).toBe(false);
    expect(ruleMatches(r, item({ problemRef: null }))).toBe(false);
  });

  it("a false flag condition requires the flag to be off", () => {
    const r = rule({ when: { afterHours: false } });
    expect(ruleMatches(r, item({ afterHours: false }))).toBe(true);
    expect(ruleMatches(r, item({ afterHours: true }))).toBe(false);
  });

  it('"*" rules apply to every kind, including ones the catalog does not know', () => {
    const r = rule({ kind: "*", when: { afterHours: true } });
    for (const kind of [...KIND_KEYS, "brand_new_kind"]) {
      expect(ruleMatches(r, item({ kind, afterHours: true }))).toBe(true);
      expect(ruleMatches(r, item({ kind, afterHours: false }))).toBe(false);
    }
  });
});

describe("mapWorkItem", () => {
  it("maps a P1 incident led after hours onto every rule that holds, in rule order", () => {
    const mapped = mapWorkItem(
      item({ priority: "P1", role: "lead", outcome: "resolved", afterHours: true, afterHoursMinutes: 120 }),
      RULES,
    );
    // resolved → debugging 2; P1 → crisis 4; P1 led → leadership 3; after hours → crisis 1
    expect(mapped.map((c) => c.reason)).toEqual([
      "Incident resolved",
      "P1 incident",
      "Major incident you led",
      "Handled after hours",
    ]);
    expect(totalsBySkill(mapped)).toEqual({ debugging: 2, crisis: 5, leadership: 3 });
    const ids = mapped.map((c) => c.ruleId!);
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
  });

  it("a P2 incident gets less crisis than a P1", () => {
    const p1 = totalsBySkill(mapWorkItem(item({ priority: "P1" }), RULES)).crisis;
    const p2 = totalsBySkill(mapWorkItem(item({ priority: "P2" }), RULES)).crisis;
    expect(p1).toBeGreaterThan(p2);
    expect(totalsBySkill(mapWorkItem(item({ priority: "P3" }), RULES)).crisis).toBeUndefined();
  });

  it("an incident without a priority gets no crisis or major-incident leadership, even when led", () => {
    const mapped = mapWorkItem(item({ priority: null, role: "lead", outcome: "resolved" }), RULES);
    expect(mapped.map((c) => c.skill)).toEqual(["debugging"]);
  });

  it("an unknown kind gets nothing", () => {
    expect(mapWorkItem(item({ kind: "karaoke", priority: "P1", role: "lead", outcome: "resolved" }), RULES)).toEqual([]);
  });

  it("zero-point rules give nothing even when they match", () => {
    const rules = [rule({ id: 1, points: 0 }), rule({ id: 2, points: 3, skill: "crisis" })];
    expect(ruleMatches(rules[0], item())).toBe(true);
    expect(mapWorkItem(item(), rules).map((c) => c.ruleId)).toEqual([2]);
  });

  it("inactive rules give nothing", () => {
    const rules = RULES.map((r) => (r.skill === "crisis" ? { ...r, active: false } : r));
    const mapped = mapWorkItem(item({ priority: "P1", afterHours: true, outcome: "resolved" }), rules);
    expect(mapped.some((c) => c.skill === "crisis")).toBe(false);
    expect(mapped.some((c) => c.skill === "debugging")).toBe(true);
  });

  it("the rule's reason is the contribution's reason", () => {
    const [c] = mapWorkItem(item({ kind: "mentoring" }), RULES);
    expect(c).toMatchObject({ skill: "leadership", points: 3, reason: "Mentoring a colleague" });
  });
});

describe("adjustments", () => {
  const base: Contribution[] = mapWorkItem(item({ priority: "P1", outcome: "resolved" }), RULES); // debugging 2, crisis 4

  it("accepts sensible adjustments", () => {
    const adj: Adjustment[] = [
      { skill: "crisis", points: -3, reason: "I only joined the bridge late" },
      { skill: "communication", points: 2, reason: "I ran the customer updates" },
    ];
    expect(validateAdjustments(base, adj, SKILL_KEYS)).toEqual({});
  });

  it("reports each problem at the index of the adjustment", () => {
    const long = "x".repeat(201);
    const adj: Adjustment[] = [
      { skill: "cooking", points: 1, reason: "r" },
      { skill: "debugging", points: 0, reason: "r" },
      { skill: "crisis", points: MAX_ADJUSTMENT + 1, reason: "r" },
      { skill: "leadership", points: 1, reason: "   " },
      { skill: "design", points: 1, reason: long },
      { skill: "design", points: 1, reason: "again" },
      { skill: "performance", points: -1, reason: "r" },
      { skill: "itil", points: 1.5, reason: "r" },
    ];
    const errors = validateAdjustments(base, adj, SKILL_KEYS);
    expect(Object.keys(errors).map(Number)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(errors[0]).toMatch(/unknown skill/i);
    expect(errors[1]).toMatch(/zero/i);
    expect(errors[2]).toMatch(/between -3 and \+3/);
    expect(errors[3]).toMatch(/reason is required/i);
    expect(errors[4]).toMatch(/200/);
    expect(errors[5]).toMatch(/already adjusted/i);
    expect(errors[6]).toMatch(/below 0/);
    expect(errors[7]).toMatch(/whole number/i);
  });

  it("allows exactly MAX_ADJUSTMENT and a 200-character reason, and taking a skill to exactly 0", () => {
    expect(MAX_ADJUSTMENT).toBe(3);
    const adj: Adjustment[] = [
      { skill: "crisis", points: -MAX_ADJUSTMENT, reason: "x".repeat(200) },
      { skill: "leadership", points: MAX_ADJUSTMENT, reason: "I led it" },
      { skill: "debugging", points: -2, reason: "Someone else found the cause" },
    ];
    expect(validateAdjustments(base, adj, SKILL_KEYS)).toEqual({});
    expect(validateAdjustments(base, [{ skill: "debugging", points: -3, reason: "r" }], SKILL_KEYS)[0]).toMatch(/below 0/);
  });

  it("appends one visible row per adjustment, keeping the original mapping", () => {
    const adj: Adjustment[] = [
      { skill: "crisis", points: -1, reason: "Bridge was short" },
      { skill: "communication", points: 2, reason: "Customer updates" },
    ];
    const out = applyAdjustments(base, adj);
    expect(out.slice(0, base.length)).toEqual(base);
    expect(out.slice(base.length)).toEqual([
      {
        skill: "crisis",
        points: -1,
        reason: "Bridge was short",
        ruleId: null,
        adjusted: true,
        originalPoints: 4,
        adjustmentReason: "Bridge was short",
      },
      {
        skill: "communication",
        points: 2,
        reason: "Customer updates",
        ruleId: null,
        adjusted: true,
        originalPoints: 0,
        adjustmentReason: "Customer updates",
      },
    ]);
    expect(totalsBySkill(out)).toEqual({ debugging: 2, crisis: 3, communication: 2 });
    expect(base).toHaveLength(2); // input untouched
  });
});

describe("totalsBySkill", () => {
  it("sums per skill and is empty for nothing", () => {
    expect(totalsBySkill([])).toEqual({});
    const c = (skill: string, points: number): Contribution => ({
      skill,
      points,
      reason: "r",
      ruleId: 1,
      adjusted: false,
      originalPoints: null,
      adjustmentReason: null,
    });
    expect(totalsBySkill([c("a", 2), c("b", 1), c("a", 3), c("b", -1)])).toEqual({ a: 5, b: 0 });
  });
});

describe("formatContribution", () => {
  it("shows reason, signed points and skill", () => {
    const [, crisis] = mapWorkItem(item({ priority: "P1", outcome: "resolved" }), RULES);
    expect(formatContribution(crisis, "Crisis")).toBe("P1 incident: +4 Crisis");
  });

  it("marks adjusted rows and shows a minus for negative points", () => {
    const [row] = applyAdjustments([], [{ skill: "crisis", points: -2, reason: "Mostly watched" }]);
    expect(formatContribution(row, "Crisis")).toBe("Mostly watched: -2 Crisis (adjusted)");
  });
});

describe("validateRule", () => {
  const known = { skills: SKILL_KEYS, kinds: KIND_KEYS };
  const good = { kind: "incident", skill: "crisis", points: 3, reason: "P1 bridge", when: { priority: ["P1"] } } as const;

  it("accepts a good rule and the any-kind wildcard", () => {
    expect(validateRule({ ...good, when: { priority: ["P1"] } }, known)).toEqual({});
    expect(validateRule({ ...good, kind: "*", when: {} }, known)).toEqual({});
    expect(validateRule({ ...good, points: 0, when: {} }, known)).toEqual({});
    expect(validateRule({ ...good, points: 10, when: {} }, known)).toEqual({});
  });

  it("rejects unknown skill and kind", () => {
    const errors = validateRule({ ...good, kind: "karaoke", skill: "singing", when: {} }, known);
    expect(errors.skill).toBe("Unknown skill");
    expect(errors.kind).toMatch(/unknown/i);
    expect(validateRule({ ...good, kind: "", when: {} }, known).kind).toMatch(/required/i);
  });

  it.each([11, -1, 1.5, Number.NaN])("rejects points %s", (points) => {
    expect(validateRule({ ...good, points, when: {} }, known).points).toBe("Points must be a whole number from 0 to 10");
  });

  it("requires a reason of at most 120 characters", () => {
    expect(validateRule({ ...good, reason: "  ", when: {} }, known).reason).toMatch(/required/i);
    expect(validateRule({ ...good, reason: "x".repeat(121), when: {} }, known).reason).toMatch(/120/);
    expect(validateRule({ ...good, reason: "x".repeat(120), when: {} }, known).reason).toBeUndefined();
  });

  it("rejects unknown condition values and shapes", () => {
    const bad = {
      priority: ["P9"],
      role: ["boss"],
      outcome: "resolved",
      afterHours: "yes",
      colour: true,
    } as unknown as RuleCondition;
    const errors = validateRule({ ...good, when: bad }, known);
    expect(errors.priority).toMatch(/P9/);
    expect(errors.role).toMatch(/boss/);
    expect(errors.outcome).toBeDefined();
    expect(errors.afterHours).toBeDefined();
    expect(errors.when).toMatch(/colour/);
    expect(errors.skill).toBeUndefined();
  });
});

describe("describeCondition", () => {
  it("reads as something to do", () => {
    expect(describeCondition("DR / continuity drill", { role: ["lead"] })).toBe("Lead a DR / continuity drill");
    expect(describeCondition("Incident", { priority: ["P1"] })).toBe("Handle a P1 incident");
    expect(describeCondition("Change request", {})).toBe("Do a change request");
    expect(describeCondition("Incident", {})).toBe("Do an incident");
    expect(describeCondition("Mentoring", {})).toBe("Do mentoring");
    expect(describeCondition("Change request", { emergency: true })).toBe("Handle an emergency change request");
    expect(describeCondition("Incident", { outcome: ["escalated"] })).toBe("Escalate an incident");
  });

  it("puts after hours at the end", () => {
    expect(describeCondition("DR / continuity drill", { afterHours: true })).toMatch(
      /^Handle a DR \/ continuity drill after hours$/,
    );
    expect(describeCondition("Incident", { priority: ["P1"], role: ["lead"], afterHours: true })).toBe(
      "Lead a P1 incident after hours",
    );
  });

  it("does not depend on the order values were stored in", () => {
    const a = describeCondition("Incident", { priority: ["P2", "P1"], role: ["reviewer", "lead"] });
    const b = describeCondition("Incident", { role: ["lead", "reviewer"], priority: ["P1", "P2"] });
    expect(a).toBe(b);
    expect(a).toBe("Lead or review a P1 or P2 incident");
  });

  it("describes every default rule with a capitalised phrase naming its kind", () => {
    const names = Object.fromEntries(DEFAULT_KINDS.map((k) => [k.key, k.name]));
    for (const r of RULES) {
      const text = describeCondition(names[r.kind], r.when);
      expect(text).toMatch(/^[A-Z]/);
      expect(text.toLowerCase()).toContain(names[r.kind].toLowerCase());
      expect(text).not.toMatch(/\s{2}|undefined|null/);
    }
  });
});
