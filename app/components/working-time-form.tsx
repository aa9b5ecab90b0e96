// "Where and when you work" on /profile: zone, working days and hours, or back to the organisation's.
import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { Field, FormError, SelectField } from "~/components/field";
import { Form } from "~/components/form";
import { SubmitButton } from "~/components/submit-button";
import { fieldProps, useSchemaForm } from "~/components/use-schema-form";
import { WORKING_TIME_INTENT, WORKING_TIME_RESET_INTENT, workingTimeSchema } from "~/schemas/working-time";

const DAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

interface Props {
  values: { timeZone: string; workDays: string[]; workStart: string; workEnd: string };
  /** false: the values shown are the organisation's */
  own: boolean;
  zones: { value: string; label: string; group: string }[];
  lastResult: SubmissionResult<string[]> | null;
  saved: boolean;
}

export function WorkingTimeForm({ values, own, zones, lastResult, saved }: Props) {
  const [form, fields] = useSchemaForm(workingTimeSchema, { id: "working-time", lastResult, defaultValue: values });
  const daysError = fields.workDays.errors?.[0];
  const ticked = new Set(values.workDays);
  return (
    <>
      <Form method="post" className="stack" {...getFormProps(form)}>
        <input type="hidden" name="intent" value={WORKING_TIME_INTENT} />
        {saved ? (
          <p className="notice" role="status">
            Working time saved.
          </p>
        ) : null}
        <p className="muted" data-testid="working-time-source">
          {own ? "Your own working time." : "The organisation's working time: save to make it your own."}
        </p>
        <FormError error={form.errors?.[0]} />
        <SelectField {...fieldProps(fields.timeZone)} label="Your time zone" options={zones} />
        <fieldset className="choices" aria-describedby={daysError ? "f-workDays-error" : undefined}>
          <legend className="label">Working days</legend>
          {DAY_NAMES.map((name, i) => (
            <label key={name}>
              <input type="checkbox" name="workDays" value={String(i + 1)} defaultChecked={ticked.has(String(i + 1))} /> {name}
            </label>
          ))}
          {daysError ? (
            <span id="f-workDays-error" className="error" role="alert">
              {daysError}
            </span>
          ) : null}
        </fieldset>
        <div className="grid-2">
          <Field {...fieldProps(fields.workStart)} label="Working day starts" type="time" />
          <Field {...fieldProps(fields.workEnd)} label="Working day ends" type="time" hint="In your time zone." />
        </div>
        <div className="actions">
          <SubmitButton pendingLabel="Saving…">Save working time</SubmitButton>
        </div>
      </Form>
      {own ? (
        <Form method="post" className="actions">
          <input type="hidden" name="intent" value={WORKING_TIME_RESET_INTENT} />
          <SubmitButton className="secondary" pendingLabel="Resetting…">
            Use the organisation&apos;s working time
          </SubmitButton>
        </Form>
      ) : null}
    </>
  );
}
