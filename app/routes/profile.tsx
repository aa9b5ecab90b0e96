import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { hashPassword, verifyPassword } from "~/auth/password.server";
import { requireUser } from "~/auth/session.server";
import { now as clockNow } from "~/clock.server";
import { Field } from "~/components/field";
import { getDb } from "~/db.server";
import { recordAudit } from "~/models/audit.server";
import { findPersonByEmail, getPerson, handlesOf, setPasswordHash } from "~/models/people.server";
import { revokeAllSessions } from "~/models/sessions.server";
import { formObject, invalid, validate } from "~/validation/form.server";
import { passwordChangeSchema } from "~/validation/people.server";

export const meta: MetaFunction = () => [{ title: "Profile · SupportPath" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const db = getDb();
  const person = await getPerson(db, user.id);
  return json({ person, handles: await handlesOf(db, user.id) });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const db = getDb();
  const result = validate(passwordChangeSchema, formObject(await request.formData()));
  if (!result.ok) return invalid(result.errors);
  const me = await findPersonByEmail(db, user.email);
  if (!me || !(await verifyPassword(me.password_hash, result.value.current))) {
    return invalid({ current: "Your current password is not correct." });
  }
  await setPasswordHash(db, user.id, await hashPassword(result.value.password));
  // Other devices signed in with the old password are signed out; this one stays.
  await revokeAllSessions(db, user.id, clockNow(), user.session_id);
  await recordAudit(db, { actorId: user.id, action: "password_change", entity: "person", entityId: user.id, subjectPersonId: user.id });
  return json({ ok: true as const, errors: {} as Record<string, string | undefined> });
}

export default function Profile() {
  const { person, handles } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = (result?.errors ?? {}) as Record<string, string | undefined>;
  return (
    <>
      <h1>Your profile</h1>
      <div className="grid-2">
        <section className="panel" aria-labelledby="who">
          <h2 id="who">Details</h2>
          <dl className="facts">
            <dt>Name</dt><dd>{person?.name}</dd>
            <dt>Email</dt><dd>{person?.email}</dd>
            <dt>Role</dt><dd>{person?.role}</dd>
            <dt>Team</dt><dd>{person?.team_name ?? "—"}</dd>
            <dt>Position</dt><dd>{person?.position_name ?? "—"}</dd>
            <dt>Manager</dt><dd>{person?.manager_name ?? "—"}</dd>
            <dt>ITSM handles</dt><dd>{handles.length ? handles.join(", ") : "—"}</dd>
          </dl>
        </section>
        <section className="panel" aria-labelledby="pw">
          <h2 id="pw">Change password</h2>
          {result?.ok ? <p className="notice" role="status">Password changed. Other devices have been signed out.</p> : null}
          <Form method="post" className="stack">
            <Field name="current" label="Current password" type="password" autoComplete="current-password" required error={errors.current} />
            <Field name="password" label="New password" type="password" autoComplete="new-password" required minLength={10} error={errors.password} hint="At least 10 characters." />
            <Field name="confirm" label="Repeat the new password" type="password" autoComplete="new-password" required error={errors.confirm} />
            <div className="actions"><button type="submit">Change password</button></div>
          </Form>
        </section>
      </div>
    </>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
