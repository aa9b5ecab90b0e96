import { type FieldMetadata, type SubmissionResult, getFormProps } from "@conform-to/react";
import { useMemo } from "react";
import { LEVEL_NAMES } from "~/domain/defaults";
import { MAX_LEVEL, POSITION_NAME_MAX, RANK_MAX } from "~/domain/limits";
import { newPositionSchema, positionSchema } from "~/schemas/ladder";
import { TRACKS, TRACK_NAMES } from "~/domain/ladder-tracks";
import { POSITION_DESCRIPTION_MAX } from "~/schemas/ladder";
import { Field, FormError, SelectField, TextAreaField } from "./field";
import { SubmitButton } from "./submit-button";
import { fieldProps, firstError, selectProps, useSchemaForm } from "./use-schema-form";
import { Form } from "~/components/form";

interface Props {
  lastResult?: SubmissionResult<string[]> | null;
  /** Strings as the form holds them; checkboxes "on" when ticked; `req` the level per skill key. */
  defaultValue: {
    name?: string;
    rank?: string;
    isManagement?: string;
    retired?: string;
    track?: string;
    description?: string;
    req?: Record<string, string>;
  };
  skills: { key: string; name: string }[];
  isNew: boolean;
  submitLabel: string;
}

type Meta = Pick<FieldMetadata<unknown>, "name" | "initialValue" | "errors" | "allErrors">;

function Check({ meta, label, hint }: { meta: Meta; label: string; hint?: string }) {
  const id = `f-${meta.name}`;
  const error = firstError(meta);
  const described = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <div className="check-field">
        <input
          type="checkbox"
          id={id}
          name={meta.name}
          defaultChecked={meta.initialValue === "on"}
          aria-invalid={error ? true : undefined}
          aria-describedby={described}
        />
        <label htmlFor={id}>{label}</label>
      </div>
      {hint ? (
        <span id={`${id}-hint`} className="hint">
          {hint}
        </span>
      ) : null}
      {error ? (
        <span id={`${id}-error`} className="error" role="alert">
          {error}
        </span>
      ) : null}
    </div>
  );
}

export function LadderPositionForm({ lastResult, defaultValue, skills, isNew, submitLabel }: Props) {
  const keys = skills.map((s) => s.key).join(",");
  // One schema per set of skills: the same one the action builds from the catalogue.
  const schema = useMemo(() => {
    const skillKeys = keys ? keys.split(",") : [];
    return (isNew ? newPositionSchema(skillKeys) : positionSchema(skillKeys)) as ReturnType<typeof positionSchema>;
  }, [keys, isNew]);
  const [form, fields] = useSchemaForm(schema, { id: isNew ? "position-new" : "position", lastResult, defaultValue });
  // `req.<skill>` fields: one per skill, keyed by its key.
  const req = (fields.req as unknown as FieldMetadata<Record<string, number>>).getFieldset();
  return (
    <Form method="post" className="stack ladder-form" {...getFormProps(form)}>
      <input type="hidden" name="intent" value={isNew ? "create" : "save"} />
      <FormError error={form.errors?.[0]} />
      <Field {...fieldProps(fields.name)} label="Name" maxLength={POSITION_NAME_MAX} />
      <Field
        {...fieldProps(fields.rank)}
        label="Rank"
        type="number"
        min={1}
        max={RANK_MAX}
        step={1}
        hint="Order on the ladder: 1 is the first rung; one live position per rank on each track (a shared rung has its rank to itself)."
      />
      <SelectField
        {...selectProps(fields.track)}
        label="Track"
        options={TRACKS.map((t) => ({ value: t, label: TRACK_NAMES[t] }))}
        hint="Shared rungs come before the fork; then the individual-contributor and management tracks."
      />
      <TextAreaField
        {...fieldProps(fields.description)}
        label="Description (optional)"
        rows={2}
        maxLength={POSITION_DESCRIPTION_MAX}
      />
      <Check meta={fields.isManagement} label="Management position" hint="Shown in succession planning." />
      {isNew ? null : (
        <Check
          meta={fields.retired}
          label="Retired"
          hint="A retired position leaves the ladder; goals and appraisals that name it keep it."
        />
      )}
      <fieldset className="req-fieldset">
        <legend>Required level per skill (0 to {MAX_LEVEL})</legend>
        <div className="req-grid">
          {skills.map((s) => (
            <Field
              key={s.key}
              {...fieldProps(req[s.key]!)}
              id={`f-req-${s.key}`}
              label={s.name}
              type="number"
              min={0}
              max={MAX_LEVEL}
              step={1}
            />
          ))}
        </div>
        <p className="muted small">SFIA levels: {LEVEL_NAMES.map((n, i) => `${i} ${n}`).join(" · ")}.</p>
      </fieldset>
      <div className="actions">
        <SubmitButton pendingLabel="Saving…">{submitLabel}</SubmitButton>
      </div>
    </Form>
  );
}
