// The admin form for one mapping rule, and a plain-language summary of a rule's conditions.
import { Form } from "@remix-run/react";
import { FLAG_CONDITIONS, LIST_CONDITIONS, MAX_RULE_POINTS, MAX_RULE_REASON_LENGTH } from "~/domain/mapping";
import type { RuleCondition } from "~/domain/types";
import { Field } from "./field";

export interface RuleFormValues {
  kind: string;
  skill: string;
  points: string;
  reason: string;
  when: Record<string, string[] | string>;
}

type Errors = Record<string, string | undefined>;

const LIST_LABELS: Record<string, string> = { priority: "Priority", role: "Role", outcome: "Outcome", impact: "Business impact" };

const FLAG_TEXT: Record<string, { label: string; yes: string; no: string }> = {
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
    if (list?.length) parts.push(`${LIST_LABELS[key]!.toLowerCase()} ${list.length > 1 ? `${list.slice(0, -1).join(", ")} or ${list[list.length - 1]}` : list[0]}`);
  }
  for (const key of FLAG_CONDITIONS) {
    const v = when[key];
    if (v === true) parts.push(FLAG_TEXT[key]!.yes);
    if (v === false) parts.push(FLAG_TEXT[key]!.no);
  }
  return parts.length ? parts.join(" · ") : "always";
}

/** A stored rule as form values. */
export function ruleValuesOf(rule: { kind: string; skill: string; points: number; reason: string; when: RuleCondition }): RuleFormValues {
  const when: RuleFormValues["when"] = {};
  for (const key of Object.keys(LIST_CONDITIONS) as (keyof typeof LIST_CONDITIONS)[]) when[key] = [...((rule.when[key] as string[] | undefined) ?? [])];
  for (const key of FLAG_CONDITIONS) when[key] = rule.when[key] === true ? "yes" : rule.when[key] === false ? "no" : "";
  return { kind: rule.kind, skill: rule.skill, points: String(rule.points), reason: rule.reason, when };
}

export function RuleForm({ values, errors, kinds, skills, submitLabel }: {
  values: RuleFormValues;
  errors: Errors;
  kinds: { key: string; name: string }[];
  skills: { key: string; name: string }[];
  submitLabel: string;
}) {
  const sel = (name: "kind" | "skill", label: string, options: { key: string; name: string }[], hint?: string) => {
    const id = `f-${name}`;
    const err = errors[name];
    const described = [hint ? `${id}-hint` : null, err ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
    return (
      <div className="field">
        <label htmlFor={id}>{label}</label>
        <select id={id} name={name} required defaultValue={values[name]} aria-invalid={err ? true : undefined} aria-describedby={described}>
          <option value="">— choose —</option>
          {options.map((o) => <option key={o.key} value={o.key}>{o.name}</option>)}
        </select>
        {hint ? <span id={`${id}-hint`} className="hint">{hint}</span> : null}
        {err ? <span id={`${id}-error`} className="error" role="alert">{err}</span> : null}
      </div>
    );
  };
  return (
    <Form method="post" className="stack rule-form">
      <input type="hidden" name="intent" value="save" />
      {errors.form ? <p className="alert" role="alert">{errors.form}</p> : null}
      <div className="grid-2">
        {sel("kind", "Kind of work", [{ key: "*", name: "Any kind" }, ...kinds])}
        {sel("skill", "Skill", skills)}
      </div>
      <div className="grid-2">
        <Field name="points" label="Points" type="number" min={0} max={MAX_RULE_POINTS} step={1} required defaultValue={values.points}
          error={errors.points} hint={`0 to ${MAX_RULE_POINTS}. A rule with 0 points never adds anything.`} />
        <Field name="reason" label="Reason people see" required maxLength={MAX_RULE_REASON_LENGTH} defaultValue={values.reason}
          error={errors.reason} hint={`Shown beside the points, e.g. “P1 incident”: +4 Crisis. At most ${MAX_RULE_REASON_LENGTH} characters.`} />
      </div>
      <fieldset className="conditions">
        <legend>Conditions (all must hold)</legend>
        <p className="hint">Tick none of a group to mean “any”. {errors.when ? <span className="error" role="alert">{errors.when}</span> : null}</p>
        <div className="condition-grid">
          {(Object.keys(LIST_CONDITIONS) as (keyof typeof LIST_CONDITIONS)[]).map((key) => {
            const picked = (values.when[key] as string[] | undefined) ?? [];
            const err = errors[`when.${key}`];
            return (
              <fieldset key={key} className="checks" aria-describedby={err ? `when-${key}-error` : undefined}>
                <legend>{LIST_LABELS[key]}</legend>
                {LIST_CONDITIONS[key].map((v) => (
                  <label key={v}>
                    <input type="checkbox" name={`when.${key}`} value={v} defaultChecked={picked.includes(v)} /> {v}
                  </label>
                ))}
                {err ? <span id={`when-${key}-error`} className="error" role="alert">{err}</span> : null}
              </fieldset>
            );
          })}
        </div>
        <div className="condition-grid">
          {FLAG_CONDITIONS.map((key) => {
            const err = errors[`when.${key}`];
            return (
              <div className="field" key={key}>
                <label htmlFor={`when-${key}`}>{FLAG_TEXT[key]!.label}</label>
                <select id={`when-${key}`} name={`when.${key}`} defaultValue={(values.when[key] as string | undefined) ?? ""}
                  aria-invalid={err ? true : undefined} aria-describedby={err ? `when-${key}-error` : undefined}>
                  <option value="">Any</option>
                  <option value="yes">Yes</option>
                  <option value="no">No</option>
                </select>
                {err ? <span id={`when-${key}-error`} className="error" role="alert">{err}</span> : null}
              </div>
            );
          })}
        </div>
      </fieldset>
      <div className="actions"><button type="submit">{submitLabel}</button></div>
    </Form>
  );
}
