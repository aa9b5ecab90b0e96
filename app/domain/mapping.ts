// The explainable mapping of a piece of work onto skill points. Pure: no I/O, no clock.
import type {
  Adjustment,
  Contribution,
  Impact,
  MappingRule,
  Outcome,
  Priority,
  RuleCondition,
  WorkItem,
  WorkRole,
} from "./types";

/** The largest change (either way) an engineer may make to one skill of one item. */
export const MAX_ADJUSTMENT = 3;
export const MAX_ADJUSTMENT_REASON_LENGTH = 200;
export const MAX_RULE_REASON_LENGTH = 120;
export const MAX_RULE_POINTS = 10;

// types.ts only has the unions; forms and validation need the values, in display order.
export const PRIORITIES: readonly Priority[] = ["P1", "P2", "P3", "P4"];
export const WORK_ROLES: readonly WorkRole[] = ["lead", "contributor", "reviewer"];
export const OUTCOMES: readonly Outcome[] = ["resolved", "workaround", "escalated"];
export const IMPACTS: readonly Impact[] = ["low", "medium", "high", "critical"];

export const LIST_CONDITIONS = {
  priority: PRIORITIES,
  role: WORK_ROLES,
  outcome: OUTCOMES,
  impact: IMPACTS,
} as const;
export type ListConditionKey = keyof typeof LIST_CONDITIONS;

export const FLAG_CONDITIONS = [
  "afterHours",
  "emergency",
  "addsFunctionality",
  "fixesSlowness",
  "reworked",
  "linkedProblem",
] as const;
export type FlagConditionKey = (typeof FLAG_CONDITIONS)[number];

const LIST_KEYS = Object.keys(LIST_CONDITIONS) as ListConditionKey[];

export function isReworked(item: WorkItem): boolean {
  return item.reassignmentCount > 0 || item.reopenCount > 0;
}

function flagValue(item: WorkItem, key: FlagConditionKey): boolean {
  switch (key) {
    case "reworked":
      return isReworked(item);
    case "linkedProblem":
      return (item.problemRef ?? "").trim() !== "";
    default:
      return item[key];
  }
}

/**
 * An empty list is treated as "no constraint": an admin form that leaves every box unticked
 * means "any", and a rule that could never fire would be a silent trap.
 */
function hasList(list: readonly string[] | undefined): list is readonly string[] {
  return Array.isArray(list) && list.length > 0;
}

export function ruleMatches(rule: MappingRule, item: WorkItem): boolean {
  if (!rule.active) return false;
  if (rule.kind !== "*" && rule.kind !== item.kind) return false;
  const when = rule.when ?? {};
  for (const key of LIST_KEYS) {
    const list = when[key] as readonly string[] | undefined;
    if (!hasList(list)) continue;
    const value = item[key];
    if (value === null || value === undefined || !list.includes(value)) return false;
  }
  for (const key of FLAG_CONDITIONS) {
    const expected = when[key];
    if (expected === undefined) continue;
    if (flagValue(item, key) !== expected) return false;
  }
  return true;
}

export function mapWorkItem(item: WorkItem, rules: MappingRule[]): Contribution[] {
  const out: Contribution[] = [];
  for (const rule of rules) {
    if (!(rule.points > 0) || !ruleMatches(rule, item)) continue;
    out.push({
      skill: rule.skill,
      points: rule.points,
      reason: rule.reason,
      ruleId: rule.id,
      adjusted: false,
      originalPoints: null,
      adjustmentReason: null,
    });
  }
  return out;
}

/** Totals per skill, keys in first-seen order. */
export function totalsBySkill(contributions: Contribution[]): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const c of contributions) totals[c.skill] = (totals[c.skill] ?? 0) + c.points;
  return totals;
}

/**
 * Messages by index of the offending adjustment. `contributions` are the item's mapping before
 * these adjustments (normally the rule output), because limits are judged against it.
 */
export function validateAdjustments(
  contributions: Contribution[],
  adjustments: Adjustment[],
  knownSkills: string[],
): Record<number, string> {
  const errors: Record<number, string> = {};
  const totals = totalsBySkill(contributions);
  const seen = new Set<string>();
  adjustments.forEach((adj, i) => {
    const skill = typeof adj.skill === "string" ? adj.skill : "";
    const reason = typeof adj.reason === "string" ? adj.reason.trim() : "";
    const delta = adj.points;
    let message: string | null = null;
    if (!knownSkills.includes(skill)) message = "Unknown skill";
    else if (seen.has(skill)) message = "This skill is already adjusted for this item";
    else if (typeof delta !== "number" || !Number.isInteger(delta)) message = "Adjustment must be a whole number";
    else if (delta === 0) message = "Adjustment must not be zero";
    else if (Math.abs(delta) > MAX_ADJUSTMENT) message = `Adjustment must be between -${MAX_ADJUSTMENT} and +${MAX_ADJUSTMENT}`;
    else if ((totals[skill] ?? 0) + delta < 0)
      message = `Adjustment would take this skill below 0 (it has ${totals[skill] ?? 0})`;
    else if (reason === "") message = "A reason is required";
    else if (reason.length > MAX_ADJUSTMENT_REASON_LENGTH)
      message = `Reason must be at most ${MAX_ADJUSTMENT_REASON_LENGTH} characters`;
    if (skill !== "") seen.add(skill);
    if (message) errors[i] = message;
  });
  return errors;
}

/**
 * Adjustments are kept as rows of their own, next to the rule output, so both the original
 * mapping and the engineer's change stay visible. Assumes the adjustments were validated.
 */
export function applyAdjustments(contributions: Contribution[], adjustments: Adjustment[]): Contribution[] {
  const before = totalsBySkill(contributions);
  return [
    ...contributions,
    ...adjustments.map((adj) => ({
      skill: adj.skill,
      points: adj.points,
      reason: adj.reason,
      ruleId: null,
      adjusted: true,
      originalPoints: before[adj.skill] ?? 0,
      adjustmentReason: adj.reason,
    })),
  ];
}

export function formatPoints(points: number): string {
  return points < 0 ? `-${Math.abs(points)}` : `+${points}`;
}

/** "P1 incident: +4 Crisis and major-incident handling", "(adjusted)" appended for adjustments. */
export function formatContribution(c: Contribution, skillName: string): string {
  const text = `${c.reason}: ${formatPoints(c.points)} ${skillName}`;
  return c.adjusted ? `${text} (adjusted)` : text;
}

export interface RuleInput {
  kind: string;
  skill: string;
  points: number;
  reason: string;
  when: RuleCondition;
}

/** Field → message; condition errors are keyed by the condition name ("priority", "afterHours"…), unknown condition names by "when". */
export function validateRule(input: RuleInput, known: { skills: string[]; kinds: string[] }): Record<string, string> {
  const errors: Record<string, string> = {};
  const kind = typeof input.kind === "string" ? input.kind.trim() : "";
  if (kind === "") errors.kind = "Kind is required";
  else if (kind !== "*" && !known.kinds.includes(kind)) errors.kind = "Unknown evidence kind";

  const skill = typeof input.skill === "string" ? input.skill.trim() : "";
  if (!known.skills.includes(skill)) errors.skill = "Unknown skill";

  const points = input.points;
  if (typeof points !== "number" || !Number.isInteger(points) || points < 0 || points > MAX_RULE_POINTS)
    errors.points = `Points must be a whole number from 0 to ${MAX_RULE_POINTS}`;

  const reason = typeof input.reason === "string" ? input.reason.trim() : "";
  if (reason === "") errors.reason = "A reason is required";
  else if (reason.length > MAX_RULE_REASON_LENGTH) errors.reason = `Reason must be at most ${MAX_RULE_REASON_LENGTH} characters`;

  const when = (input.when ?? {}) as Record<string, unknown>;
  if (typeof when !== "object" || Array.isArray(when)) {
    errors.when = "Conditions must be an object";
    return errors;
  }
  for (const [key, value] of Object.entries(when)) {
    if (value === undefined) continue;
    if (key in LIST_CONDITIONS) {
      const allowed = LIST_CONDITIONS[key as ListConditionKey] as readonly string[];
      if (!Array.isArray(value)) {
        errors[key] = `Must be a list of: ${allowed.join(", ")}`;
        continue;
      }
      const bad = value.filter((v) => typeof v !== "string" || !allowed.includes(v));
      if (bad.length > 0) errors[key] = `Unknown ${key} ${bad.map(String).join(", ")} (allowed: ${allowed.join(", ")})`;
    } else if ((FLAG_CONDITIONS as readonly string[]).includes(key)) {
      if (typeof value !== "boolean") errors[key] = "Must be yes or no";
    } else {
      errors.when = `Unknown condition ${key}`;
    }
  }
  return errors;
}

// ---------- describing a condition as something to do ----------

function inOrder<T extends string>(values: readonly T[] | undefined, order: readonly T[]): T[] {
  if (!hasList(values)) return [];
  return order.filter((v) => values.includes(v));
}

function joinOr(words: string[]): string {
  if (words.length <= 1) return words.join("");
  return `${words.slice(0, -1).join(", ")} or ${words[words.length - 1]}`;
}

/** "Incident" → "incident", but acronyms such as "DR / continuity drill" keep their case. */
function lowerKindName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length >= 2 && trimmed[1] === trimmed[1].toUpperCase() && trimmed[1] !== trimmed[1].toLowerCase()) return trimmed;
  return trimmed.charAt(0).toLowerCase() + trimmed.slice(1);
}

/** Mass nouns ("Mentoring", "Performance tuning", "Training / certification") take no article. */
function isMassNoun(phrase: string): boolean {
  const words = phrase
    .replace(/\(.*?\)/g, "")
    .split(/[\s/]+/)
    .filter(Boolean);
  if (words.length === 0) return false;
  return /ing$/i.test(words[0]) || /ing$/i.test(words[words.length - 1]);
}

function withArticle(phrase: string): string {
  if (isMassNoun(phrase)) return phrase;
  return /^[aeiou]/i.test(phrase) ? `an ${phrase}` : `a ${phrase}`;
}

const ROLE_VERBS: Record<WorkRole, string> = { lead: "lead", contributor: "contribute to", reviewer: "review" };
const OUTCOME_VERBS: Record<Outcome, string> = { resolved: "resolve", workaround: "work around", escalated: "escalate" };

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * A short imperative phrase for "next steps", e.g. "Lead a DR / continuity drill",
 * "Handle a P1 incident after hours". Values are listed in canonical order, so the
 * text does not depend on how the rule happened to be stored.
 */
export function describeCondition(kindName: string, when: RuleCondition): string {
  const priorities = inOrder(when.priority, PRIORITIES);
  const impacts = inOrder(when.impact, IMPACTS);
  const roles = inOrder(when.role, WORK_ROLES);
  const outcomes = inOrder(when.outcome, OUTCOMES);

  const adjectives: string[] = [];
  if (when.emergency === true) adjectives.push("emergency");
  if (when.emergency === false) adjectives.push("non-emergency");
  if (priorities.length > 0) adjectives.push(joinOr(priorities));
  if (impacts.length > 0) adjectives.push(`${joinOr(impacts)}-impact`);
  const noun = withArticle([...adjectives, lowerKindName(kindName)].join(" "));

  const that: string[] = [];
  if (when.addsFunctionality === true) that.push("adds functionality");
  if (when.addsFunctionality === false) that.push("adds no new functionality");
  if (when.fixesSlowness === true) that.push("fixes a leak or slowness");
  if (when.fixesSlowness === false) that.push("is not about slowness");
  if (when.reworked === true) that.push("was reassigned or reopened");
  if (when.reworked === false) that.push("was not reassigned or reopened");

  const tail: string[] = [];
  if (when.linkedProblem === true) tail.push("linked to a problem record");
  if (when.linkedProblem === false) tail.push("not linked to a problem record");
  if (that.length > 0) tail.push(`that ${that.join(" and ")}`);

  let verb: string;
  let outcomeTail = "";
  if (roles.length > 0) {
    verb = joinOr(roles.map((r) => ROLE_VERBS[r]));
    if (outcomes.length > 0) outcomeTail = `and ${joinOr(outcomes.map((o) => OUTCOME_VERBS[o]))} it`;
  } else if (outcomes.length > 0) {
    verb = joinOr(outcomes.map((o) => OUTCOME_VERBS[o]));
  } else if (adjectives.length > 0 || tail.length > 0 || when.afterHours !== undefined) {
    verb = "handle";
  } else {
    verb = "do";
  }
  if (outcomeTail) tail.push(outcomeTail);
  if (when.afterHours === true) tail.push("after hours");
  if (when.afterHours === false) tail.push("during business hours");

  return capitalize([verb, noun, ...tail].join(" "));
}
