import { Form } from "@remix-run/react";
import { Field, SelectField } from "./field";

interface Option { id: number; name: string }

export interface PersonFormValues {
  name?: string; email?: string; role?: string; managerId?: string | number | null;
  teamId?: string | number | null; positionId?: string | number | null; handles?: string;
}

export function PersonForm({ values, errors, teams, positions, managers, isNew }: {
  values: PersonFormValues;
  errors: Record<string, string | undefined>;
  teams: Option[];
  positions: Option[];
  managers: Option[];
  isNew: boolean;
}) {
  return (
    <Form method="post" className="stack" noValidate={false}>
      <input type="hidden" name="intent" value="save" />
      {errors.form ? <p className="alert" role="alert">{errors.form}</p> : null}
      <Field name="name" label="Name" required maxLength={120} defaultValue={values.name} error={errors.name} />
      <Field name="email" label="Email (sign-in)" type="email" required defaultValue={values.email} error={errors.email} />
      <SelectField name="role" label="Role" required defaultValue={values.role ?? "engineer"} error={errors.role}
        options={[{ value: "engineer", label: "Engineer" }, { value: "manager", label: "Manager" }, { value: "admin", label: "Admin" }]} />
      <SelectField name="managerId" label="Manager" empty="— none —" defaultValue={values.managerId} error={errors.managerId}
        options={managers.map((m) => ({ value: m.id, label: m.name }))} />
      <SelectField name="teamId" label="Team" empty="— none —" defaultValue={values.teamId} error={errors.teamId}
        options={teams.map((t) => ({ value: t.id, label: t.name }))} />
      <SelectField name="positionId" label="Position" empty="— none —" defaultValue={values.positionId} error={errors.positionId}
        options={positions.map((p) => ({ value: p.id, label: p.name }))} />
      <div className="field">
        <label htmlFor="f-handles">ITSM handles</label>
        <textarea id="f-handles" name="handles" rows={3} defaultValue={values.handles}
          aria-invalid={errors.handles ? true : undefined} aria-describedby="f-handles-hint f-handles-error" />
        <span id="f-handles-hint" className="hint">One per line: the names this person appears under in ServiceNow, Jira or PagerDuty exports (e.g. “Resolved by 149”, “jdoe”).</span>
        {errors.handles ? <span id="f-handles-error" className="error" role="alert">{errors.handles}</span> : null}
      </div>
      {isNew ? (
        <Field name="password" label="Initial password (optional)" type="password" autoComplete="new-password" minLength={10}
          error={errors.password} hint="Leave empty to create a one-time set-password link instead." />
      ) : null}
      <div className="actions"><button type="submit">{isNew ? "Create person" : "Save changes"}</button></div>
    </Form>
  );
}
