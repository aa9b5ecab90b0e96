// The mapping-rule form, shared by the form (HTML constraints, messages as you type) and the actions.
// The messages are the domain's (validateRule); whether the kind and skill exist is the command's check.
import * as z from "zod";
import { characters } from "./rules";
import { FLAG_CONDITIONS, LIST_CONDITIONS, type ListConditionKey, type RuleInput } from "~/domain/mapping";
import { MAX_RULE_POINTS, MAX_RULE_REASON_LENGTH } from "~/domain/limits";
import type { RuleCondition } from "~/domain/types";

const POINTS = `Points must be a whole number from 0 to ${MAX_RULE_POINTS}`;

/** Ticked values of a list condition; none ticked means "any". */
const list = (key: ListConditionKey) => {
  const allowed = LIST_CONDITIONS[key] as readonly string[];
  return z
    .array(z.string())
    .optional()
    .superRefine((values, ctx) => {
      const bad = (values ?? []).filter((v) => !allowed.includes(v));
      if (bad.length)
        ctx.addIssue({ code: "custom", message: `Unknown ${key} ${bad.join(", ")} (allowed: ${allowed.join(", ")})` });
    });
};

/** A flag condition: "yes", "no", or left empty for "any". */
const flag = z.enum(["yes", "no"], { error: "Must be yes or no" }).optional();

export const ruleSchema = z.object({
  kind: z.string({ error: "Kind is required" }).trim().min(1, "Kind is required").superRefine(characters()),
  skill: z.string({ error: "Unknown skill" }).trim().min(1, "Unknown skill").superRefine(characters()),
  points: z.number({ error: POINTS }).int(POINTS).min(0, POINTS).max(MAX_RULE_POINTS, POINTS),
  reason: z
    .string({ error: "A reason is required" })
    .trim()
    .min(1, "A reason is required")
    .max(MAX_RULE_REASON_LENGTH, `Reason must be at most ${MAX_RULE_REASON_LENGTH} characters`)
    .superRefine(characters({ multiline: true })),
  when: z
    .object({
      priority: list("priority"),
      role: list("role"),
      outcome: list("outcome"),
      impact: list("impact"),
      ...(Object.fromEntries(FLAG_CONDITIONS.map((k) => [k, flag])) as Record<(typeof FLAG_CONDITIONS)[number], typeof flag>),
    })
    .optional(),
});

export type RuleValues = z.infer<typeof ruleSchema>;

/** The form's values as the domain's rule: empty lists and "any" flags become "no condition". */
export function toRuleInput(v: RuleValues): RuleInput {
  const when: Record<string, unknown> = {};
  const w = (v.when ?? {}) as Record<string, string[] | string | undefined>;
  for (const key of Object.keys(LIST_CONDITIONS)) {
    const values = w[key];
    if (Array.isArray(values) && values.length) when[key] = values;
  }
  for (const key of FLAG_CONDITIONS) if (w[key]) when[key] = w[key] === "yes";
  return { kind: v.kind, skill: v.skill, points: v.points, reason: v.reason, when: when as RuleCondition };
}
