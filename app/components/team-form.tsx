import { type SubmissionResult, getFormProps } from "@conform-to/react";
import { Form } from "~/components/form";
import { TEAM_NAME_MAX } from "~/domain/teams";
import { teamSchema } from "~/schemas/team";
import type { PageVersion } from "~/schemas/version";
import { Field, FormError } from "./field";
import { SubmitButton } from "./submit-button";
import { fieldProps, useSchemaForm } from "./use-schema-form";
import { VersionFields } from "./version-fields";

interface Props {
  lastResult?: SubmissionResult<string[]> | null;
  defaultValue: { name?: string };
  isNew: boolean;
  page?: PageVersion | null;
  submitLabel: string;
}

/** Adding a team or renaming one (issue 16, point 9): one name, unique whatever its case. */
export function TeamForm({ lastResult, defaultValue, isNew, page, submitLabel }: Props) {
  const [form, fields] = useSchemaForm(teamSchema, { id: isNew ? "team-new" : "team", lastResult, defaultValue });
  return (
    <Form method="post" className="stack" {...getFormProps(form)}>
      <input type="hidden" name="intent" value={isNew ? "create" : "rename"} />
      <VersionFields page={page} />
      <FormError error={form.errors?.[0]} />
      <Field {...fieldProps(fields.name)} label="Team name" maxLength={TEAM_NAME_MAX} autoComplete="off" />
      <div className="actions">
        <SubmitButton pendingLabel="Saving…">{submitLabel}</SubmitButton>
      </div>
    </Form>
  );
}
