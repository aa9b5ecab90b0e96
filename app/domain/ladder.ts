// Career ladder: how far a person is from a position and what work would close the gap.
// Next steps are derived from the live rule table, so they stay true when admins edit the rules.
import {
  describeCondition,
  formatPoints,
  IMPACTS,
  mapWorkItem,
  OUTCOMES,
  PRIORITIES,
  totalsBySkill,
  WORK_ROLES,
} from "./mapping";
import { nextPositions } from "./ladder-tracks";
import type { EvidenceKindDef, MappingRule, PositionDef, Requirements, RuleCondition, WorkItem } from "./types";

export interface SkillGap {
  skill: string;
  current: number;
  required: number;
  gap: number;
}

export interface Readiness {
  /** 0-100, integer */
  percent: number;
  /** only skills short of the requirement, largest gap first, ties in skillOrder */
  gaps: SkillGap[];
  met: boolean;
}

export interface StepGain {
  skill: string;
  points: number;
}

export interface NextStep {
  kind: string;
  label: string;
  gains: StepGain[];
}

export interface SkillSteps {
  skill: string;
  steps: NextStep[];
}

export interface RadarPoint {
  skill: string;
  name: string;
  current: number;
  target: number;
}

function orderIndex(skillOrder: string[]): (skill: string) => number {
  const index = new Map(skillOrder.map((s, i) => [s, i] as const));
  return (skill) => index.get(skill) ?? Number.MAX_SAFE_INTEGER;
}

export function readiness(levels: Record<string, number>, requirements: Requirements, skillOrder: string[]): Readiness {
  let required = 0;
  let covered = 0;
  const gaps: SkillGap[] = [];
  for (const [skill, req] of Object.entries(requirements)) {
    const need = Math.max(0, req ?? 0);
    const current = Math.max(0, levels[skill] ?? 0);
    required += need;
    covered += Math.min(current, need);
    if (need > current) gaps.push({ skill, current, required: need, gap: need - current });
  }
  const pos = orderIndex(skillOrder);
  gaps.sort((a, b) => b.gap - a.gap || pos(a.skill) - pos(b.skill) || (a.skill < b.skill ? -1 : a.skill > b.skill ? 1 : 0));
  // Floor, so 100% is shown only when every requirement is actually met.
  const percent = required === 0 ? 100 : Math.floor((covered / required) * 100);
  return { percent, gaps, met: gaps.length === 0 };
}

/**
 * The position above `currentId`: the first of the next rungs (app/domain/ladder-tracks.ts), lowest rank
 * first; the lowest rank for someone without one (or an unknown one); null at the top of a track.
 */
export function nextPosition(positions: PositionDef[], currentId: number | null): PositionDef | null {
  return nextPositions(positions, currentId)[0] ?? null;
}

/** A plain piece of work of `kind`: nothing special about it unless the condition says so. */
export function typicalWorkItem(kind: string, when: RuleCondition): WorkItem {
  const reworked = when.reworked === true;
  const afterHours = when.afterHours === true;
  return {
    kind,
    priority: when.priority?.[0] ?? null,
    impact: when.impact?.[0] ?? null,
    role: when.role?.[0] ?? "contributor",
    outcome: when.outcome?.[0] ?? "resolved",
    afterHours,
    afterHoursMinutes: afterHours ? 60 : 0,
    durationMinutes: 0,
    emergency: when.emergency === true,
    addsFunctionality: when.addsFunctionality === true,
    fixesSlowness: when.fixesSlowness === true,
    reassignmentCount: reworked ? 1 : 0,
    reopenCount: 0,
    problemRef: when.linkedProblem === true ? "PRB0000000" : null,
    changeRef: null,
  };
}

/**
 * A rule for "P1 or P2" would be misdescribed by one step (the points differ per priority),
 * so list conditions are split into one single-valued condition per value.
 */
function expandCondition(when: RuleCondition): RuleCondition[] {
  let variants: RuleCondition[] = [{ ...when }];
  const lists = [
    ["priority", PRIORITIES],
    ["role", WORK_ROLES],
    ["outcome", OUTCOMES],
    ["impact", IMPACTS],
  ] as const;
  for (const [key, order] of lists) {
    const values = (when[key] as readonly string[] | undefined) ?? [];
    const chosen = (order as readonly string[]).filter((v) => values.includes(v));
    if (chosen.length === 0) {
      variants = variants.map((v) => {
        const copy = { ...v };
        delete copy[key];
        return copy;
      });
      continue;
    }
    variants = variants.flatMap((v) => chosen.map((value) => ({ ...v, [key]: [value] }) as RuleCondition));
  }
  return variants;
}

function gainsLabel(gains: StepGain[], skillNames: Record<string, string>): string {
  return gains.map((g) => `${formatPoints(g.points)} ${skillNames[g.skill] ?? g.skill}`).join(", ");
}

/** Both conditions at once, or null when no piece of work could satisfy both. */
export function mergeConditions(a: RuleCondition, b: RuleCondition): RuleCondition | null {
  const merged: RuleCondition = { ...a };
  for (const key of ["priority", "role", "outcome", "impact"] as const) {
    const x = a[key] as string[] | undefined;
    const y = b[key] as string[] | undefined;
    const xs = x && x.length > 0 ? x : undefined;
    const ys = y && y.length > 0 ? y : undefined;
    if (!ys) continue;
    if (!xs) {
      (merged as Record<string, unknown>)[key] = [...ys];
      continue;
    }
    const both = xs.filter((v) => ys.includes(v));
    if (both.length === 0) return null;
    (merged as Record<string, unknown>)[key] = both;
  }
  for (const key of ["afterHours", "emergency", "addsFunctionality", "fixesSlowness", "reworked", "linkedProblem"] as const) {
    if (b[key] === undefined) continue;
    if (a[key] !== undefined && a[key] !== b[key]) return null;
    merged[key] = b[key];
  }
  return merged;
}

/**
 * How demanding a piece of work is to come by: each condition that only experienced people meet
 * (a P1, leading, after hours, an emergency, a critical impact) adds to it. Plain work is 0.
 */
export function workDemand(when: RuleCondition): number {
  const weights: [boolean, number][] = [
    [when.priority?.length === 1 && when.priority[0] === "P1", 2],
    [when.priority?.length === 1 && when.priority[0] === "P2", 1],
    [when.role?.length === 1 && when.role[0] === "lead", 1],
    [when.afterHours === true, 1],
    [when.emergency === true, 1],
    [when.impact?.length === 1 && when.impact[0] === "critical", 2],
    [when.impact?.length === 1 && when.impact[0] === "high", 1],
  ];
  return weights.reduce((sum, [hit, w]) => sum + (hit ? w : 0), 0);
}

/**
 * Work within reach of someone at `level` in the skill: a little more demanding than their level, so
 * a newcomer at 0 is offered plain work (a P2 or a routine task) before "lead a P1 incident after hours".
 */
export function withinReach(demand: number, level: number): boolean {
  return demand <= Math.max(0, level) + 1;
}

/**
 * For each gap skill: every rule that raises it, on its own and combined with one other rule of
 * the same kind (so "DR drill → continuity" also yields "lead a DR drill → +continuity, +leadership"),
 * each turned into a typical piece of work and run through the whole rule table.
 */
export function nextSteps(
  gaps: SkillGap[],
  rules: MappingRule[],
  kinds: EvidenceKindDef[],
  skillNames: Record<string, string>,
  perSkill = 3,
): SkillSteps[] {
  const kindName = new Map(kinds.map((k) => [k.key, k.name] as const));
  const live = rules.filter((r) => r.active && r.points > 0);
  return gaps.map((gap) => {
    const candidates: (NextStep & { toGap: number; total: number; fits: boolean })[] = [];
    const seen = new Set<string>();
    for (const rule of live) {
      if (rule.skill !== gap.skill) continue;
      // "*" rules apply to any kind; a step is always a concrete kind of work.
      const ruleKinds = rule.kind === "*" ? kinds.map((k) => k.key) : kindName.has(rule.kind) ? [rule.kind] : [];
      for (const kind of ruleKinds) {
        const base = rule.when ?? {};
        const conditions: RuleCondition[] = [base];
        for (const other of live) {
          if (other === rule || (other.kind !== kind && other.kind !== "*")) continue;
          const merged = mergeConditions(base, other.when ?? {});
          if (merged) conditions.push(merged);
        }
        for (const when of conditions.flatMap(expandCondition)) {
          const totals = totalsBySkill(mapWorkItem(typicalWorkItem(kind, when), rules));
          const toGap = totals[gap.skill] ?? 0;
          if (toGap <= 0) continue;
          const gains = Object.entries(totals)
            .filter(([, points]) => points > 0)
            .map(([skill, points]) => ({ skill, points }))
            // Stable sort: equal points keep the rule-table order.
            .sort((a, b) => b.points - a.points);
          // Same kind, same gains = the same step; the first (simplest) description wins.
          const key = `${kind}\u0000${gains.map((g) => `${g.skill}=${g.points}`).join(",")}`;
          if (seen.has(key)) continue;
          seen.add(key);
          const label = `${describeCondition(kindName.get(kind) ?? kind, when)}: ${gainsLabel(gains, skillNames)}`;
          const total = gains.reduce((sum, g) => sum + g.points, 0);
          candidates.push({ kind, label, gains, toGap, total, fits: withinReach(workDemand(when), gap.current) });
        }
      }
    }
    // Work within the person's reach comes first (issue 16: next steps fit the level); then points to the gap; among equally good steps a kind of work not suggested yet comes
    // before another variant of one already shown (three flavours of incident help less than
    // an incident, a drill and mentoring), then more points overall.
    const limit = Math.max(0, perSkill);
    const remaining = [...candidates];
    const picked: typeof candidates = [];
    const kindsUsed = new Set<string>();
    while (picked.length < limit && remaining.length > 0) {
      let best = 0;
      for (let i = 1; i < remaining.length; i++) {
        const a = remaining[i];
        const b = remaining[best];
        const better =
          Number(a.fits) - Number(b.fits) ||
          a.toGap - b.toGap ||
          Number(!kindsUsed.has(a.kind)) - Number(!kindsUsed.has(b.kind)) ||
          a.total - b.total;
        if (better > 0) best = i;
      }
      const [chosen] = remaining.splice(best, 1);
      kindsUsed.add(chosen.kind);
      picked.push(chosen);
    }
    return { skill: gap.skill, steps: picked.map(({ kind, label, gains }) => ({ kind, label, gains })) };
  });
}

export function radarData(
  levels: Record<string, number>,
  requirements: Requirements,
  skills: { key: string; name: string }[],
): RadarPoint[] {
  return skills.map((s) => ({
    skill: s.key,
    name: s.name,
    current: levels[s.key] ?? 0,
    target: requirements[s.key] ?? 0,
  }));
}
