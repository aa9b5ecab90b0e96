import { type SubmissionResult, getFormProps } from "@conform-to/react";
import { trackOptions } from "~/domain/ladder-tracks";
import { goalSchema } from "~/schemas/goal";
import { Field, FormError, SelectField } from "./field";
import { GOAL_STATUS_LABELS } from "./goal-list";
import { SubmitButton } from "./submit-button";
import { fieldProps, firstError, selectProps, useSchemaForm } from "./use-schema-form";
import type { PageVersion } from "~/schemas/version";
import { VersionFields } from "./version-fields";
import { Form } from "~/components/form";

interface Props {
  lastResult?: SubmissionResult<string[]> | null;
  defaultValue: { title?: string; skill?: string; positionId?: string; dueDate?: string; status?: string; evidence?: string[] };
  skills: { key: string; name: string }[];
  positions: { id: number; name: string; rank?: number; track?: string }[];
  evidence: { id: number; title: string; kind: string; resolved_at: string; status: string }[];
  submitLabel: string;
  /** the stored goal's version (edit only, ADR 017) */
  page?: PageVersion;
}

export function GoalForm({ lastResult, defaultValue, skills, positions, evidence, submitLabel, page }: Props) {
  const [form, fields] = useSchemaForm(goalSchema, { id: "goal", lastResult, defaultValue });
  const chosen = fields.evidence.initialValue;
  const linked = new Set((Array.isArray(chosen) ? chosen : chosen ? [chosen] : []).map(String));
  const evidenceError = firstError(fields.evidence);
  return (
    <Form method="post" className="stack" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="save" />
      <VersionFields page={page} />
      <FormError error={form.errors?.[0]} />
      <Field {...fieldProps(fields.title)} label="Goal" hint="What you will do, e.g. “Lead the next quarterly DR drill”." />
      <SelectField
        {...selectProps(fields.skill)}
        label="Skill it develops"
        options={skills.map((s) => ({ value: s.key, label: s.name }))}
        empty="— none —"
      />
      <SelectField
        {...selectProps(fields.positionId)}
        label="Position it works towards"
        options={trackOptions(positions.map((p, i) => ({ ...p, rank: p.rank ?? i })))}
        empty="— none —"
        hint="Choose a skill, a position, or both."
      />
      <Field {...fieldProps(fields.dueDate)} label="Due date" type="date" />
      <SelectField
        {...selectProps(fields.status)}
        label="Status"
        options={Object.entries(GOAL_STATUS_LABELS).map(([value, label]) => ({ value, label }))}
      />
      <fieldset className="evidence-pick" aria-describedby={evidenceError ? "f-evidence-error" : undefined}>
        <legend>
          Linked evidence <span className="muted small">(recent items; tick those that show progress)</span>
        </legend>
        {evidence.length === 0 ? <p className="muted">No evidence logged yet.</p> : null}
        <ul className="plain checklist">
          {evidence.map((e) => (
            <li key={e.id}>
              <label>
                <input type="checkbox" name={fields.evidence.name} value={e.id} defaultChecked={linked.has(String(e.id))} />{" "}
                {e.title}{" "}
                <span className="muted small">
                  ({e.resolved_at.slice(0, 10)}, {e.status})
                </span>
              </label>
            </li>
          ))}
        </ul>
        {evidenceError ? (
          <span id="f-evidence-error" className="error" role="alert">
            {evidenceError}
          </span>
        ) : null}
      </fieldset>
      <div className="actions">
        <SubmitButton pendingLabel="Saving…">{submitLabel}</SubmitButton>
      </div>
    </Form>
  );
}
