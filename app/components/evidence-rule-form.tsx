// The admin form for one mapping rule (the summary of a rule's conditions is in ./rule-summary.ts).
import { type SubmissionResult, getFormProps } from "@conform-to/react";
import { MAX_RULE_POINTS, MAX_RULE_REASON_LENGTH } from "~/domain/limits";
import { FLAG_CONDITIONS, LIST_CONDITIONS } from "~/domain/mapping";
import type { RuleCondition } from "~/domain/types";
import { ruleSchema } from "~/schemas/rule";
import { Field, FormError, SelectField } from "./field";
import { SubmitButton } from "./submit-button";
import { FLAG_TEXT, LIST_LABELS } from "./rule-summary";
import { fieldProps, selectProps, useSchemaForm } from "./use-schema-form";
import { Form } from "~/components/form";

/** A stored rule as the form's default values. */
export function ruleValuesOf(rule: { kind: string; skill: string; points: number; reason: string; when: RuleCondition }) {
  const when: Record<string, string[] | string> = {};
  for (const key of Object.keys(LIST_CONDITIONS) as (keyof typeof LIST_CONDITIONS)[])
    when[key] = [...((rule.when[key] as string[] | undefined) ?? [])];
  for (const key of FLAG_CONDITIONS) when[key] = rule.when[key] === true ? "yes" : rule.when[key] === false ? "no" : "";
  return { kind: rule.kind, skill: rule.skill, points: String(rule.points), reason: rule.reason, when };
}

export function RuleForm({
  lastResult,
  defaultValue,
  kinds,
  skills,
  submitLabel,
}: {
  lastResult?: SubmissionResult<string[]> | null;
  defaultValue: Record<string, unknown>;
  kinds: { key: string; name: string }[];
  skills: { key: string; name: string }[];
  submitLabel: string;
}) {
  const [form, fields] = useSchemaForm(ruleSchema, { id: "rule", lastResult, defaultValue });
  // Conditions are named "when.<key>"; their values and messages are read by that name.
  const errorOf = (name: string) => form.allErrors[name]?.[0];
  const initialWhen = ((form.initialValue as { when?: Record<string, unknown> } | undefined)?.when ?? {}) as Record<
    string,
    unknown
  >;
  const picked = (key: string) => {
    const v = initialWhen[key];
    return Array.isArray(v) ? v.map(String) : typeof v === "string" && v ? [v] : [];
  };
  return (
    <Form method="post" className="stack rule-form" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="save" />
      <FormError error={form.errors?.[0]} />
      <div className="grid-2">
        <SelectField
          {...selectProps(fields.kind)}
          label="Kind of work"
          empty="— choose —"
          options={[{ key: "*", name: "Any kind" }, ...kinds].map((k) => ({ value: k.key, label: k.name }))}
        />
        <SelectField
          {...selectProps(fields.skill)}
          label="Skill"
          empty="— choose —"
          options={skills.map((k) => ({ value: k.key, label: k.name }))}
        />
      </div>
      <div className="grid-2">
        <Field
          {...fieldProps(fields.points)}
          label="Points"
          type="number"
          min={0}
          max={MAX_RULE_POINTS}
          step={1}
          hint={`0 to ${MAX_RULE_POINTS}. A rule with 0 points never adds anything.`}
        />
        <Field
          {...fieldProps(fields.reason)}
          maxLength={MAX_RULE_REASON_LENGTH}
          label="Reason people see"
          hint={`Shown beside the points, e.g. “P1 incident”: +4 Crisis. At most ${MAX_RULE_REASON_LENGTH} characters.`}
        />
      </div>
      <fieldset className="conditions">
        <legend>Conditions (all must hold)</legend>
        <p className="hint">
          Tick none of a group to mean “any”.{" "}
          {errorOf("when") ? (
            <span className="error" role="alert">
              {errorOf("when")}
            </span>
          ) : null}
        </p>
        <div className="condition-grid">
          {(Object.keys(LIST_CONDITIONS) as (keyof typeof LIST_CONDITIONS)[]).map((key) => {
            const err = errorOf(`when.${key}`);
            return (
              <fieldset key={key} className="checks" aria-describedby={err ? `when-${key}-error` : undefined}>
                <legend>{LIST_LABELS[key]}</legend>
                {LIST_CONDITIONS[key].map((v) => (
                  <label key={v}>
                    <input type="checkbox" name={`when.${key}`} value={v} defaultChecked={picked(key).includes(v)} /> {v}
                  </label>
                ))}
                {err ? (
                  <span id={`when-${key}-error`} className="error" role="alert">
                    {err}
                  </span>
                ) : null}
              </fieldset>
            );
          })}
        </div>
        <div className="condition-grid">
          {FLAG_CONDITIONS.map((key) => {
            const err = errorOf(`when.${key}`);
            return (
              <div className="field" key={key}>
                <label htmlFor={`when-${key}`}>{FLAG_TEXT[key]!.label}</label>
                <select
                  id={`when-${key}`}
                  name={`when.${key}`}
                  defaultValue={picked(key)[0] ?? ""}
                  aria-invalid={err ? true : undefined}
                  aria-describedby={err ? `when-${key}-error` : undefined}
                >
                  <option value="">Any</option>
                  <option value="yes">Yes</option>
                  <option value="no">No</option>
                </select>
                {err ? (
                  <span id={`when-${key}-error`} className="error" role="alert">
                    {err}
                  </span>
                ) : null}
              </div>
            );
          })}
        </div>
      </fieldset>
      <div className="actions">
        <SubmitButton pendingLabel="Saving…">{submitLabel}</SubmitButton>
      </div>
    </Form>
  );
}
