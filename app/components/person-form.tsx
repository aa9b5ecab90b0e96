import { type SubmissionResult, getFormProps } from "@conform-to/react";
import { ROLES, newPersonSchema, personSchema } from "~/schemas/person";
import { Field, FormError, SelectField, TextAreaField } from "./field";
import { SubmitButton } from "./submit-button";
import { fieldProps, selectProps, useSchemaForm } from "./use-schema-form";
import { Form } from "~/components/form";
import { teamLabel } from "~/domain/teams";

interface Option {
  id: number;
  name: string;
  /** teams only: a retired team is labelled so (issue 16, point 9) */
  retired_at?: string | null;
}

/** The form's starting values, as strings (ids too): what the loader sends or what was typed. */
export interface PersonFormValues {
  name?: string;
  email?: string;
  role?: string;
  managerId?: string;
  teamId?: string;
  positionId?: string;
  handles?: string;
}

const ROLE_LABELS: Record<(typeof ROLES)[number], string> = { engineer: "Engineer", manager: "Manager", admin: "Admin" };

export function PersonForm({
  lastResult,
  defaultValue,
  teams,
  positions,
  managers,
  isNew,
}: {
  lastResult?: SubmissionResult<string[]> | null;
  defaultValue: PersonFormValues;
  teams: Option[];
  positions: Option[];
  managers: Option[];
  isNew: boolean;
}) {
  // One field set for both: an edit has no password field (personSchema leaves it out).
  const schema = (isNew ? newPersonSchema : personSchema) as typeof newPersonSchema;
  const [form, fields] = useSchemaForm(schema, {
    id: isNew ? "person-new" : "person",
    lastResult,
    defaultValue: { role: "engineer", ...defaultValue },
  });
  return (
    <Form method="post" className="stack" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="save" />
      <FormError error={form.errors?.[0]} />
      <Field {...fieldProps(fields.name)} label="Name" />
      <Field {...fieldProps(fields.email)} label="Email (sign-in)" type="email" />
      <SelectField {...selectProps(fields.role)} label="Role" options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))} />
      <SelectField
        {...selectProps(fields.managerId)}
        label="Manager"
        empty="— none —"
        options={managers.map((m) => ({ value: m.id, label: m.name }))}
      />
      <SelectField
        {...selectProps(fields.teamId)}
        label="Team"
        empty="— none —"
        options={teams.map((t) => ({ value: t.id, label: teamLabel({ name: t.name, retiredAt: t.retired_at ?? null }) }))}
      />
      <SelectField
        {...selectProps(fields.positionId)}
        label="Position"
        empty="— none —"
        options={positions.map((p) => ({ value: p.id, label: p.name }))}
      />
      <TextAreaField
        {...fieldProps(fields.handles)}
        label="ITSM handles"
        rows={3}
        hint="One per line: the names this person appears under in ServiceNow, Jira or PagerDuty exports (e.g. “Resolved by 149”, “jdoe”)."
      />
      {isNew ? (
        <Field
          {...fieldProps(fields.password)}
          label="Initial password (optional)"
          type="password"
          autoComplete="new-password"
          hint="Leave empty to create a one-time set-password link instead."
        />
      ) : null}
      <div className="actions">
        <SubmitButton pendingLabel={isNew ? "Creating…" : "Saving…"}>{isNew ? "Create person" : "Save changes"}</SubmitButton>
      </div>
    </Form>
  );
}
