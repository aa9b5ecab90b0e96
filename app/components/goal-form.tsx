import { Form } from "@remix-run/react";
import { Field, FormError, SelectField } from "./field";
import { GOAL_STATUS_LABELS } from "./goal-list";

interface Props {
  values: Record<string, string | string[] | null | undefined>;
  errors: Record<string, string | undefined>;
  skills: { key: string; name: string }[];
  positions: { id: number; name: string }[];
  evidence: { id: number; title: string; kind: string; resolved_at: string; status: string }[];
  submitLabel: string;
}

function str(v: unknown): string {
  return typeof v === "string" ? v : v === null || v === undefined ? "" : String(v);
}

export function GoalForm({ values, errors, skills, positions, evidence, submitLabel }: Props) {
  const linked = new Set((Array.isArray(values.evidence) ? values.evidence : values.evidence ? [values.evidence] : []).map(String));
  const evidenceError = errors.evidence;
  return (
    <Form method="post" className="stack">
      <input type="hidden" name="intent" value="save" />
      <FormError error={errors.form} />
      <Field name="title" label="Goal" defaultValue={str(values.title)} error={errors.title} required maxLength={200}
        hint="What you will do, e.g. “Lead the next quarterly DR drill”." />
      <SelectField name="skill" label="Skill it develops" defaultValue={str(values.skill)} error={errors.skill}
        options={skills.map((s) => ({ value: s.key, label: s.name }))} empty="— none —" />
      <SelectField name="positionId" label="Position it works towards" defaultValue={str(values.positionId)} error={errors.positionId}
        options={positions.map((p) => ({ value: p.id, label: p.name }))} empty="— none —"
        hint="Choose a skill, a position, or both." />
      <Field name="dueDate" label="Due date" type="date" defaultValue={str(values.dueDate)} error={errors.dueDate} required />
      <SelectField name="status" label="Status" defaultValue={str(values.status) || "open"} error={errors.status}
        options={Object.entries(GOAL_STATUS_LABELS).map(([value, label]) => ({ value, label }))} />
      <fieldset className="evidence-pick" aria-describedby={evidenceError ? "f-evidence-error" : undefined}>
        <legend>Linked evidence <span className="muted small">(recent items; tick those that show progress)</span></legend>
        {evidence.length === 0 ? <p className="muted">No evidence logged yet.</p> : null}
        <ul className="plain checklist">
          {evidence.map((e) => (
            <li key={e.id}>
              <label>
                <input type="checkbox" name="evidence" value={e.id} defaultChecked={linked.has(String(e.id))} />{" "}
                {e.title} <span className="muted small">({e.resolved_at.slice(0, 10)}, {e.status})</span>
              </label>
            </li>
          ))}
        </ul>
        {evidenceError ? <span id="f-evidence-error" className="error" role="alert">{evidenceError}</span> : null}
      </fieldset>
      <div className="actions">
        <button type="submit">{submitLabel}</button>
      </div>
    </Form>
  );
}
