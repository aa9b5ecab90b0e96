// The colour-scheme switch on /profile: three radios and a button, a plain form that works without JavaScript.
import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { FormError } from "~/components/field";
import { Form } from "~/components/form";
import { SubmitButton } from "~/components/submit-button";
import { useSchemaForm } from "~/components/use-schema-form";
import { THEME_LABELS, THEMES, type Theme } from "~/domain/theme";
import { THEME_INTENT, themeSchema } from "~/schemas/theme";

export function ThemeForm({
  current,
  lastResult,
  saved,
}: {
  current: Theme;
  lastResult: SubmissionResult<string[]> | null;
  saved: boolean;
}) {
  const [form, fields] = useSchemaForm(themeSchema, { id: "theme-choice", lastResult });
  const error = fields.theme.errors?.[0];
  return (
    <Form method="post" {...getFormProps(form)}>
      <input type="hidden" name="intent" value={THEME_INTENT} />
      {saved ? (
        <p className="notice" role="status">
          Colour scheme saved.
        </p>
      ) : null}
      <FormError error={form.errors?.[0]} />
      <fieldset className="choices" aria-describedby={error ? "f-theme-error" : undefined}>
        <legend className="label">Colour scheme</legend>
        {THEMES.map((t) => (
          <label key={t}>
            <input type="radio" name="theme" value={t} defaultChecked={t === current} /> {THEME_LABELS[t]}
          </label>
        ))}
        {error ? (
          <span id="f-theme-error" className="error" role="alert">
            {error}
          </span>
        ) : null}
      </fieldset>
      <div className="actions">
        <SubmitButton pendingLabel="Saving…">Save colour scheme</SubmitButton>
      </div>
    </Form>
  );
}
