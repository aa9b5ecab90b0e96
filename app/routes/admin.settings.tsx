import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { requireCapability } from "~/auth/session.server";
import { Field, FormError } from "~/components/field";
import { getDb } from "~/db.server";
import { saveSettingsFromForm, settingsFormValues } from "~/services/settings.server";
import styles from "~/styles/appraisals.css";
import { formObject, invalid } from "~/validation/form.server";

export const meta: MetaFunction = () => [{ title: "Settings · Admin · SupportPath" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireCapability(request, "catalog:manage");
  return json({ values: await settingsFormValues(getDb()) });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireCapability(request, "catalog:manage");
  const form = formObject(await request.formData());
  const result = await saveSettingsFromForm(getDb(), user.id, form);
  if (!result.ok) return invalid(result.errors, form);
  return redirect("/admin/settings?saved=1");
}

export default function AdminSettings() {
  const { values: current } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const errors = (result?.errors ?? {}) as Record<string, string | undefined>;
  const values = (result?.values && Object.keys(result.values).length ? result.values : current) as Record<string, string | undefined>;
  const num = { type: "number", inputMode: "decimal" as const };
  return (
    <>
      <p><Link to="/admin">← Administration</Link></p>
      <h1>Settings</h1>
      {params.get("saved") ? <p className="notice" role="status">Settings saved.</p> : null}
      <FormError error={errors.form} />
      <Form method="post" noValidate>
        <div className="grid-2">
          <fieldset className="panel stack">
            <legend>Scoring</legend>
            <Field name="halfLifeMonths" label="Half-life of evidence (months)" {...num} min={1} max={240} step="any" required
              defaultValue={values.halfLifeMonths} error={errors.halfLifeMonths} hint="After this many months an item counts half as much." />
            <Field name="verifiedWeight" label="Weight of verified evidence" {...num} min={0.01} max={10} step="any" required
              defaultValue={values.verifiedWeight} error={errors.verifiedWeight} />
            <Field name="selfReportedWeight" label="Weight of self-reported evidence" {...num} min={0} max={10} step="any" required
              defaultValue={values.selfReportedWeight} error={errors.selfReportedWeight} hint="At most the weight of verified evidence." />
          </fieldset>
          <fieldset className="panel stack">
            <legend>Business hours</legend>
            <Field name="startHour" label="Business hours start (hour, 0–23)" {...num} min={0} max={23} step={1} required
              defaultValue={values.startHour} error={errors.startHour} />
            <Field name="endHour" label="Business hours end (hour, 1–24)" {...num} min={1} max={24} step={1} required
              defaultValue={values.endHour} error={errors.endHour} hint="Work from this hour on counts as after hours." />
            <div className="field">
              <label>
                <input type="checkbox" name="weekdaysOnly" defaultChecked={values.weekdaysOnly === "on"} /> Weekends are outside business hours
              </label>
            </div>
          </fieldset>
          <fieldset className="panel stack">
            <legend>On-call load thresholds (per person per month)</legend>
            <Field name="afterHoursHoursPerMonth" label="After-hours hours" {...num} min={0} step="any" required
              defaultValue={values.afterHoursHoursPerMonth} error={errors.afterHoursHoursPerMonth} />
            <Field name="p1PerMonth" label="P1 incidents" {...num} min={0} step={1} required
              defaultValue={values.p1PerMonth} error={errors.p1PerMonth} />
            <Field name="onCallShiftsPerMonth" label="On-call shifts" {...num} min={0} step={1} required
              defaultValue={values.onCallShiftsPerMonth} error={errors.onCallShiftsPerMonth} />
            <p className="muted">People over any of these in a month are flagged on the team view.</p>
          </fieldset>
        </div>
        <div className="actions"><button type="submit">Save settings</button></div>
      </Form>
    </>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
