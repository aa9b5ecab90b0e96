// What a mapping-rule edit would change, before it is saved (issue 16, point 5): the items whose points
// move and, per skill, how many items and points. Pure: the stored items come in as work items, the rule
// table as it is and the edited rule as it would be, and the mapping engine (mapWorkItem) is asked twice.
// Adjustments are left out: they add to an item's points whatever the rules give (applyAdjustments), so
// they cancel out of every difference.
import { mapWorkItem, totalsBySkill } from "./mapping";
import type { MappingRule, WorkItem } from "./types";

export interface SkillChange {
  skill: string;
  /** items whose points for this skill change */
  items: number;
  before: number;
  after: number;
}

export interface RulePreview {
  /** items whose points change for at least one skill */
  itemsAffected: number;
  itemsTotal: number;
  /** skills with a change, largest move in points first */
  skills: SkillChange[];
}

const round = (n: number) => Math.round(n * 100) / 100;

/**
 * The change of replacing `edited` in `rules` (matched by id). Only the edited rule's contributions can
 * differ, so each item is mapped by that rule alone, before and after: linear in the items.
 */
export function previewRuleChange(items: readonly WorkItem[], rules: readonly MappingRule[], edited: MappingRule): RulePreview {
  const current = rules.find((r) => r.id === edited.id);
  const before = current ? [current] : [];
  const after = [{ ...edited, active: current?.active ?? edited.active }];
  const bySkill = new Map<string, SkillChange>();
  let itemsAffected = 0;
  for (const item of items) {
    const was = totalsBySkill(mapWorkItem(item, before));
    const will = totalsBySkill(mapWorkItem(item, after));
    let changed = false;
    for (const skill of new Set([...Object.keys(was), ...Object.keys(will)])) {
      const b = was[skill] ?? 0;
      const a = will[skill] ?? 0;
      if (a === b) continue;
      changed = true;
      const row = bySkill.get(skill) ?? { skill, items: 0, before: 0, after: 0 };
      row.items += 1;
      row.before = round(row.before + b);
      row.after = round(row.after + a);
      bySkill.set(skill, row);
    }
    if (changed) itemsAffected += 1;
  }
  const skills = [...bySkill.values()].sort(
    (x, y) => Math.abs(y.after - y.before) - Math.abs(x.after - x.before) || x.skill.localeCompare(y.skill),
  );
  return { itemsAffected, itemsTotal: items.length, skills };
}

/** A key of the values previewed: "Apply" saves only what was previewed, or shows a fresh preview. */
export function previewKey(rule: Pick<MappingRule, "kind" | "when" | "skill" | "points" | "reason">): string {
  return JSON.stringify([rule.kind, rule.when ?? {}, rule.skill, rule.points, rule.reason]);
}
