import { Form } from "@remix-run/react";
import { LEVEL_NAMES, MAX_LEVEL } from "~/domain/defaults";
import { Field, FormError } from "./field";

interface Props {
  values: Record<string, string | boolean | number | null | undefined>;
  errors: Record<string, string | undefined>;
  skills: { key: string; name: string }[];
  isNew: boolean;
  submitLabel: string;
}

function str(v: unknown): string {
  return v === null || v === undefined || typeof v === "boolean" ? "" : String(v);
}

function checked(v: unknown): boolean {
  return v === true || v === "on" || v === "1" || v === "true";
}

function Check({ name, label, value, error, hint }: { name: string; label: string; value: unknown; error?: string; hint?: string }) {
  const id = `f-${name}`;
  const described = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <div className="check-field">
        <input type="checkbox" id={id} name={name} defaultChecked={checked(value)} aria-invalid={error ? true : undefined} aria-describedby={described} />
        <label htmlFor={id}>{label}</label>
      </div>
      {hint ? <span id={`${id}-hint`} className="hint">{hint}</span> : null}
      {error ? <span id={`${id}-error`} className="error" role="alert">{error}</span> : null}
    </div>
  );
}

export function LadderPositionForm({ values, errors, skills, isNew, submitLabel }: Props) {
  return (
    <Form method="post" className="stack ladder-form">
      <input type="hidden" name="intent" value={isNew ? "create" : "save"} />
      <FormError error={errors.form} />
      <Field name="name" label="Name" defaultValue={str(values.name)} error={errors.name} required maxLength={80} />
      <Field name="rank" label="Rank" type="number" min={1} max={999} step={1} defaultValue={str(values.rank)} error={errors.rank} required
        hint="Order on the ladder: 1 is the first rung; each live position has its own rank." />
      <Check name="isManagement" label="Management position" value={values.isManagement} error={errors.isManagement}
        hint="Shown in succession planning." />
      {isNew ? null : (
        <Check name="retired" label="Retired" value={values.retired} error={errors.retired}
          hint="A retired position leaves the ladder; goals and appraisals that name it keep it." />
      )}
      <fieldset className="req-fieldset">
        <legend>Required level per skill (0 to {MAX_LEVEL})</legend>
        <div className="req-grid">
          {skills.map((s) => (
            <Field key={s.key} name={`req.${s.key}`} id={`f-req-${s.key}`} label={s.name} type="number" min={0} max={MAX_LEVEL} step={1} required
              defaultValue={str(values[`req.${s.key}`])} error={errors[`req.${s.key}`]} />
          ))}
        </div>
        <p className="muted small">SFIA levels: {LEVEL_NAMES.map((n, i) => `${i} ${n}`).join(" · ")}.</p>
      </fieldset>
      <div className="actions">
        <button type="submit">{submitLabel}</button>
      </div>
    </Form>
  );
}
