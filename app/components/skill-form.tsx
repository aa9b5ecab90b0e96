import { type SubmissionResult, getFormProps } from "@conform-to/react";
import { Form } from "~/components/form";
import { SKILL_DESCRIPTION_MAX, SKILL_KEY_MAX, SKILL_NAME_MAX } from "~/domain/skill-catalogue";
import { newSkillSchema, skillSchema } from "~/schemas/skill";
import type { PageVersion } from "~/schemas/version";
import { Field, FormError, TextAreaField } from "./field";
import { SubmitButton } from "./submit-button";
import { VersionFields } from "./version-fields";
import { fieldProps, useSchemaForm } from "./use-schema-form";

interface Props {
  lastResult?: SubmissionResult<string[]> | null;
  defaultValue: { key?: string; name?: string; description?: string; sfiaCodes?: string };
  /** adding: the key is asked for; editing: it is fixed and shown only */
  isNew: boolean;
  page?: PageVersion | null;
  submitLabel: string;
}

/** The catalogue's add and edit form (issue 17, part 1). */
export function SkillForm({ lastResult, defaultValue, isNew, page, submitLabel }: Props) {
  const schema = (isNew ? newSkillSchema : skillSchema) as typeof newSkillSchema;
  const [form, fields] = useSchemaForm(schema, { id: isNew ? "skill-new" : "skill", lastResult, defaultValue });
  return (
    <Form method="post" className="stack" {...getFormProps(form)}>
      <input type="hidden" name="intent" value={isNew ? "create" : "save"} />
      <VersionFields page={page} />
      <FormError error={form.errors?.[0]} />
      {isNew ? (
        <Field
          {...fieldProps(fields.key)}
          label="Key"
          maxLength={SKILL_KEY_MAX}
          autoComplete="off"
          hint="Lower-case words joined by hyphens, e.g. on-call-readiness. Chosen once: it never changes, so history follows the skill."
        />
      ) : null}
      <Field {...fieldProps(fields.name)} label="Name" maxLength={SKILL_NAME_MAX} />
      <TextAreaField {...fieldProps(fields.description)} label="Description" maxLength={SKILL_DESCRIPTION_MAX} rows={3} />
      <Field
        {...fieldProps(fields.sfiaCodes)}
        label="SFIA codes"
        autoComplete="off"
        hint="Four-letter SFIA 9 skill codes, separated by commas (e.g. PBMG, USUP); may be left empty."
      />
      <div className="actions">
        <SubmitButton pendingLabel="Saving…">{submitLabel}</SubmitButton>
      </div>
    </Form>
  );
}
