import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { requireCapability } from "~/auth/session.server";
import { now } from "~/clock.server";
import { Field, FormError, SelectField, TextAreaField } from "~/components/field";
import { timeZoneOptions } from "~/utils/time-zones.server";
import { SubmitButton } from "~/components/submit-button";
import { fieldProps, useSchemaForm } from "~/components/use-schema-form";
import { getDb } from "~/db.server";
import { SETTING_RANGES } from "~/domain/limits";
import { settingsSchema } from "~/schemas/settings";
import { saveSettings, settingsFormValues } from "~/services/settings.server";
import styles from "~/styles/appraisals.css";
import { rejectSubmission, respond } from "~/utils/respond.server";
import { readForm } from "~/utils/form-data.server";
import { Form } from "~/components/form";

export const meta: MetaFunction = () => [{ title: "Settings · Admin · SupportPath" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireCapability(request, "catalog:manage");
  const values = await settingsFormValues(getDb());
  return json({ values, zones: timeZoneOptions(values.timeZone) });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireCapability(request, "catalog:manage");
  const submission = parseWithZod(await readForm(request), { schema: settingsSchema });
  if (submission.status !== "success") return rejectSubmission(submission);
  return respond(await saveSettings(getDb(), user, submission.value, now()), submission, () =>
    redirect("/admin/settings?saved=1"),
  );
}

export default function AdminSettings() {
  const { values, zones } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [params] = useSearchParams();
  const [form, fields] = useSchemaForm(settingsSchema, { id: "settings", lastResult, defaultValue: values });
  const num = { type: "number", inputMode: "decimal" as const };
  return (
    <>
      <p>
        <Link to="/admin">← Administration</Link>
      </p>
      <h1>Settings</h1>
      {params.get("saved") ? (
        <p className="notice" role="status">
          Settings saved.
        </p>
      ) : null}
      <FormError error={form.errors?.[0]} />
      <Form method="post" {...getFormProps(form)}>
        <div className="grid-2">
          <fieldset className="panel stack">
            <legend>Scoring</legend>
            <Field
              {...fieldProps(fields.halfLifeMonths)}
              label="Half-life of evidence (months)"
              {...num}
              {...SETTING_RANGES.halfLifeMonths}
              step="any"
              hint="After this many months an item counts half as much."
            />
            <Field
              {...fieldProps(fields.verifiedWeight)}
              label="Weight of verified evidence"
              {...num}
              {...SETTING_RANGES.verifiedWeight}
              step="any"
            />
            <Field
              {...fieldProps(fields.selfReportedWeight)}
              label="Weight of self-reported evidence"
              {...num}
              {...SETTING_RANGES.selfReportedWeight}
              step="any"
              hint="At most the weight of verified evidence."
            />
          </fieldset>
          <fieldset className="panel stack">
            <legend>Business hours</legend>
            <SelectField
              {...fieldProps(fields.timeZone)}
              label="Organisation time zone"
              options={zones}
              hint="The default for people who have not set their own, and for imported times without a UTC offset."
            />
            <Field
              {...fieldProps(fields.startHour)}
              label="Business hours start (hour, 0–23)"
              {...num}
              {...SETTING_RANGES.startHour}
              step={1}
            />
            <Field
              {...fieldProps(fields.endHour)}
              label="Business hours end (hour, 1–24)"
              {...num}
              {...SETTING_RANGES.endHour}
              step={1}
              hint="Work from this hour on counts as after hours."
            />
            <div className="field">
              <label>
                <input
                  type="checkbox"
                  name={fields.weekdaysOnly.name}
                  defaultChecked={fields.weekdaysOnly.initialValue === "on"}
                />{" "}
                Weekends are outside business hours
              </label>
            </div>
          </fieldset>
          <fieldset className="panel stack">
            <legend>On-call load thresholds (per person per month)</legend>
            <Field
              {...fieldProps(fields.afterHoursHoursPerMonth)}
              label="After-hours hours"
              {...num}
              {...SETTING_RANGES.afterHoursHoursPerMonth}
              step="any"
            />
            <Field {...fieldProps(fields.p1PerMonth)} label="P1 incidents" {...num} {...SETTING_RANGES.p1PerMonth} step={1} />
            <Field
              {...fieldProps(fields.onCallShiftsPerMonth)}
              label="On-call shifts"
              {...num}
              {...SETTING_RANGES.onCallShiftsPerMonth}
              step={1}
            />
            <p className="muted">People over any of these in a month are flagged on the team view.</p>
          </fieldset>
          <fieldset className="panel stack">
            <legend>On-call health thresholds (per person per month)</legend>
            <Field
              {...fieldProps(fields.interruptionsPerMonth)}
              label="Interruptions outside working hours"
              {...num}
              {...SETTING_RANGES.interruptionsPerMonth}
              step={1}
            />
            <Field
              {...fieldProps(fields.sleepInterruptionsPerMonth)}
              label="Interruptions in sleep hours (22:00–07:00)"
              {...num}
              {...SETTING_RANGES.sleepInterruptionsPerMonth}
              step={1}
            />
            <Field
              {...fieldProps(fields.consecutiveNights)}
              label="Interrupted nights in a row"
              {...num}
              {...SETTING_RANGES.consecutiveNights}
              step={1}
            />
            <Field
              {...fieldProps(fields.minRestHours)}
              label="Minimum rest after a night interruption (hours)"
              {...num}
              {...SETTING_RANGES.minRestHours}
              step="any"
            />
            <Field
              {...fieldProps(fields.shortRestNightsPerMonth)}
              label="Nights short of that rest"
              {...num}
              {...SETTING_RANGES.shortRestNightsPerMonth}
              step={1}
            />
            <p className="muted">
              Each person is read in their own time zone and working hours; a month over any of these is flagged on the on-call
              health pages, with the reason.
            </p>
          </fieldset>
          <fieldset className="panel stack">
            <legend>360 feedback</legend>
            <Field
              {...fieldProps(fields.feedbackThreshold)}
              label="Answers needed before results show"
              {...num}
              {...SETTING_RANGES.feedbackThreshold}
              step={1}
            />
            <p className="muted">
              Below this many answers nobody sees any result, so no answer can be traced to a colleague. Never fewer than{" "}
              {SETTING_RANGES.feedbackThreshold.min}.
            </p>
          </fieldset>
          <fieldset className="panel stack">
            <legend>Imports</legend>
            <TextAreaField
              {...fieldProps(fields.jiraDoneResolutions)}
              label="Jira resolutions that count as done"
              rows={6}
              hint="One per line, as Jira writes it. A ticket resolved otherwise (Duplicate, Won’t Do…) is skipped at import, with its resolution as the reason."
            />
          </fieldset>
        </div>
        <div className="actions">
          <SubmitButton pendingLabel="Saving…">Save settings</SubmitButton>
        </div>
      </Form>
    </>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
