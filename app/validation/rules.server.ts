// The mapping-rule form → a RuleInput checked by the domain's validateRule. Server-only.
import { FLAG_CONDITIONS, LIST_CONDITIONS, type ListConditionKey, type RuleInput, validateRule } from "~/domain/mapping";
import type { RuleCondition } from "~/domain/types";
import type { FieldErrors } from "./form.server";

const LIST_KEYS = Object.keys(LIST_CONDITIONS) as ListConditionKey[];

/** What the form sent, kept as typed so an invalid form can be shown again. */
export interface RuleFormValues {
  kind: string;
  skill: string;
  points: string;
  reason: string;
  /** list conditions: the ticked values; flags: "" (any), "yes" or "no" */
  when: Record<string, string[] | string>;
}

export function ruleFormValues(form: FormData): RuleFormValues {
  const str = (k: string) => {
    const v = form.get(k);
    return typeof v === "string" ? v : "";
  };
  const when: RuleFormValues["when"] = {};
  for (const key of LIST_KEYS) when[key] = form.getAll(`when.${key}`).filter((v): v is string => typeof v === "string");
  for (const key of FLAG_CONDITIONS) when[key] = str(`when.${key}`);
  return { kind: str("kind").trim(), skill: str("skill").trim(), points: str("points").trim(), reason: str("reason").trim(), when };
}

/** Turns the form into a RuleInput: empty lists and "any" flags become "no condition". */
export function toRuleInput(v: RuleFormValues): RuleInput {
  const when: Record<string, unknown> = {};
  for (const key of LIST_KEYS) {
    const list = v.when[key];
    if (Array.isArray(list) && list.length) when[key] = list;
  }
  for (const key of FLAG_CONDITIONS) {
    const flag = v.when[key];
    if (flag === "yes") when[key] = true;
    else if (flag === "no") when[key] = false;
    else if (flag) when[key] = flag; // anything else is reported by validateRule
  }
  return {
    kind: v.kind,
    skill: v.skill,
    points: v.points === "" ? Number.NaN : Number(v.points),
    reason: v.reason,
    when: when as RuleCondition,
  };
}

/** Parses and validates; errors are keyed by form field ("kind", "skill", "points", "reason", "when.priority", …). */
export function parseRuleForm(
  form: FormData,
  known: { skills: string[]; kinds: string[] },
): { ok: true; input: RuleInput; values: RuleFormValues } | { ok: false; errors: FieldErrors; values: RuleFormValues } {
  const values = ruleFormValues(form);
  const input = toRuleInput(values);
  const raw = validateRule(input, known);
  const errors: FieldErrors = {};
  for (const [key, message] of Object.entries(raw)) {
    const field = key in LIST_CONDITIONS || (FLAG_CONDITIONS as readonly string[]).includes(key) ? `when.${key}` : key;
    errors[field] = message;
  }
  if (Object.keys(errors).length) return { ok: false, errors, values };
  return { ok: true, input: { ...input, kind: input.kind.trim(), skill: input.skill.trim(), reason: input.reason.trim() }, values };
}
