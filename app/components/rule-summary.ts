// A mapping rule's conditions in plain language ("priority P1 or P2 · after hours"), for the rules list
// and the rule form. Kept apart from the form so that the list does not load the form's schema.
import { FLAG_CONDITIONS, LIST_CONDITIONS } from "~/domain/mapping";
import type { RuleCondition } from "~/domain/types";

export const LIST_LABELS: Record<string, string> = {
  priority: "Priority",
  role: "Role",
  outcome: "Outcome",
  impact: "Business impact",
};

export const FLAG_TEXT: Record<string, { label: string; yes: string; no: string }> = {
  afterHours: { label: "After hours", yes: "after hours", no: "during business hours" },
  emergency: { label: "Emergency change", yes: "emergency", no: "not an emergency" },
  addsFunctionality: { label: "Adds functionality", yes: "adds functionality", no: "adds no functionality" },
  fixesSlowness: { label: "Fixes a leak or slowness", yes: "fixes a leak or slowness", no: "not about slowness" },
  reworked: { label: "Reassigned or reopened", yes: "reassigned or reopened", no: "never reassigned or reopened" },
  linkedProblem: { label: "Linked to a problem record", yes: "linked to a problem record", no: "not linked to a problem record" },
};

/** "priority P1 or P2 · role lead · after hours", or "always" when the rule has no condition. */
export function describeWhen(when: RuleCondition): string {
  const parts: string[] = [];
  for (const key of Object.keys(LIST_CONDITIONS) as (keyof typeof LIST_CONDITIONS)[]) {
    const list = when[key] as string[] | undefined;
    if (list?.length)
      parts.push(
        `${LIST_LABELS[key]!.toLowerCase()} ${list.length > 1 ? `${list.slice(0, -1).join(", ")} or ${list[list.length - 1]}` : list[0]}`,
      );
  }
  for (const key of FLAG_CONDITIONS) {
    const v = when[key];
    if (v === true) parts.push(FLAG_TEXT[key]!.yes);
    if (v === false) parts.push(FLAG_TEXT[key]!.no);
  }
  return parts.length ? parts.join(" · ") : "always";
}
