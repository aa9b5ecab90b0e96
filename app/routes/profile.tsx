import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { clientAddress } from "~/auth/client-address.server";
import { requireUser } from "~/auth/session.server";
import { throttled } from "~/auth/sign-in.server";
import { now } from "~/clock.server";
import { Field, FormError } from "~/components/field";
import { SubmitButton } from "~/components/submit-button";
import { fieldProps, useSchemaForm } from "~/components/use-schema-form";
import { getDb } from "~/db.server";
import { PASSWORD_MAX, PASSWORD_MIN } from "~/domain/limits";
import { getPerson, handlesOf } from "~/models/people.server";
import { PASSWORD_FIELDS, passwordChangeSchema } from "~/schemas/password";
import { changePassword } from "~/services/passwords.server";
import { ThemeForm } from "~/components/theme-form";
import { themeOf } from "~/domain/theme";
import { THEME_INTENT, themeSchema } from "~/schemas/theme";
import { chooseTheme } from "~/services/theme.server";
import { rejectSubmission, respond, respondJson } from "~/utils/respond.server";
import { readForm } from "~/utils/form-data.server";
import { Form } from "~/components/form";
import { WorkingTimeForm } from "~/components/working-time-form";
import { WORKING_TIME_INTENT, WORKING_TIME_RESET_INTENT, workingTimeSchema } from "~/schemas/working-time";
import { chooseWorkingTime, workingTimeForm } from "~/services/working-time.server";
import { timeZoneOptions } from "~/utils/time-zones.server";

export const meta: MetaFunction = () => [{ title: "Profile · SupportPath" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const db = getDb();
  const person = await getPerson(db, user.id);
  const working = await workingTimeForm(db, user);
  return json({
    person,
    handles: await handlesOf(db, user.id),
    theme: themeOf(user.theme),
    working,
    zones: timeZoneOptions(working.values.timeZone),
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await readForm(request);
  if (form.get("intent") === THEME_INTENT) {
    // the colour-scheme form; `themeForm` tells the page which of its two forms the reply is for
    const choice = parseWithZod(form, { schema: themeSchema });
    if (choice.status !== "success") return json({ ...choice.reply(), themeForm: true }, { status: 422 });
    const result = await chooseTheme(getDb(), user, choice.value);
    return respond(result, choice, () => json({ ...choice.reply(), themeForm: true, themeSaved: true }));
  }
  if (form.get("intent") === WORKING_TIME_INTENT) {
    const choice = parseWithZod(form, { schema: workingTimeSchema });
    if (choice.status !== "success") return json({ ...choice.reply(), workingForm: true }, { status: 422 });
    const result = await chooseWorkingTime(getDb(), user, choice.value);
    return respond(result, choice, () => json({ ...choice.reply(), workingForm: true, workingSaved: true }));
  }
  if (form.get("intent") === WORKING_TIME_RESET_INTENT) {
    const result = await chooseWorkingTime(getDb(), user, null);
    return result.kind === "ok" ? json({ workingForm: true, workingSaved: true }) : respondJson(result);
  }
  const hidden = { hideFields: PASSWORD_FIELDS };
  const submission = parseWithZod(form, { schema: passwordChangeSchema });
  if (submission.status !== "success") return rejectSubmission(submission, hidden);
  // The current password is a password check like sign-in's: the same throttle (429 when it refuses).
  const db = getDb();
  const attempt = { email: user.email, address: clientAddress(request, context) };
  const refused = await throttled(db, attempt, now(), "auth.password_check_throttled");
  if (refused) {
    return json(submission.reply({ formErrors: [refused.message], ...hidden }), {
      status: 429,
      headers: { "Retry-After": String(refused.retryAfterSeconds) },
    });
  }
  const result = await changePassword(db, user, submission.value, now(), attempt);
  // Stays on the page: the form is emptied and the notice says what happened.
  return respond(result, submission, () => json({ ...submission.reply({ resetForm: true }), changed: true }), hidden);
}

export default function Profile() {
  const { person, handles, theme, working, zones } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const forTheme = !!reply && "themeForm" in reply;
  const forWorking = !!reply && "workingForm" in reply;
  const lastResult = forTheme || forWorking ? null : reply;
  const [form, fields] = useSchemaForm(passwordChangeSchema, { id: "password-change", lastResult });
  const changed = !!lastResult && "changed" in lastResult;
  return (
    <>
      <h1>Your profile</h1>
      <div className="grid-2">
        <section className="panel" aria-labelledby="who">
          <h2 id="who">Details</h2>
          <dl className="facts">
            <dt>Name</dt>
            <dd>{person?.name}</dd>
            <dt>Email</dt>
            <dd>{person?.email}</dd>
            <dt>Role</dt>
            <dd>{person?.role}</dd>
            <dt>Team</dt>
            <dd>{person?.team_name ?? "—"}</dd>
            <dt>Position</dt>
            <dd>{person?.position_name ?? "—"}</dd>
            <dt>Manager</dt>
            <dd>{person?.manager_name ?? "—"}</dd>
            <dt>ITSM handles</dt>
            <dd>{handles.length ? handles.join(", ") : "—"}</dd>
          </dl>
          <h3 id="your-data">Your data</h3>
          <p className="muted">
            Everything SupportPath holds about you (evidence and drafts, goals, appraisals, audit entries about you, endorsements,
            token names) as one JSON file.
          </p>
          <p>
            <a className="button" href="/profile/data" download aria-describedby="your-data">
              Download my data
            </a>
          </p>
          <h3 id="appearance">Appearance</h3>
          <ThemeForm current={theme} lastResult={forTheme ? reply : null} saved={forTheme && "themeSaved" in reply} />
          <h3 id="working-time">Where and when you work</h3>
          <WorkingTimeForm
            key={JSON.stringify(working)}
            values={working.values}
            own={working.own}
            zones={zones}
            lastResult={forWorking && "status" in reply ? reply : null}
            saved={forWorking && "workingSaved" in reply}
          />
        </section>
        <section className="panel" aria-labelledby="pw">
          <h2 id="pw">Change password</h2>
          {changed ? (
            <p className="notice" role="status">
              Password changed. Other devices have been signed out.
            </p>
          ) : null}
          <FormError error={form.errors?.[0]} />
          <Form method="post" className="stack" {...getFormProps(form)}>
            <Field {...fieldProps(fields.current)} label="Current password" type="password" autoComplete="current-password" />
            <Field
              {...fieldProps(fields.password)}
              label="New password"
              type="password"
              autoComplete="new-password"
              hint={`At least ${PASSWORD_MIN} characters.`}
            />
            <Field
              {...fieldProps(fields.confirm)}
              label="Repeat the new password"
              type="password"
              autoComplete="new-password"
              maxLength={PASSWORD_MAX}
            />
            <div className="actions">
              <SubmitButton pendingLabel="Changing…">Change password</SubmitButton>
            </div>
          </Form>
        </section>
      </div>
    </>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
