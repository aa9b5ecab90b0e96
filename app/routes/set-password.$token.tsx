import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { now } from "~/clock.server";
import { Field, FormError } from "~/components/field";
import { SubmitButton } from "~/components/submit-button";
import { fieldProps, useSchemaForm } from "~/components/use-schema-form";
import { getDb } from "~/db.server";
import { PASSWORD_MAX } from "~/domain/limits";
import { findValidToken } from "~/models/password-tokens.server";
import { PASSWORD_FIELDS, setPasswordSchema } from "~/schemas/password";
import { LINK_GONE, setPasswordWithLink } from "~/services/passwords.server";
import { rejectSubmission, respond } from "~/utils/respond.server";
import { readForm } from "~/utils/form-data.server";
import { Form } from "~/components/form";

export const meta: MetaFunction = () => [{ title: "Set your password · SupportPath" }];

export async function loader({ params }: LoaderFunctionArgs) {
  const token = await findValidToken(getDb(), params.token ?? "", now());
  if (!token) throw new Response(LINK_GONE, { status: 404 });
  return json({ name: token.name, email: token.email });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const db = getDb();
  // A used or expired link answers 404 before anything typed is looked at.
  if (!(await findValidToken(db, params.token ?? "", now()))) throw new Response(LINK_GONE, { status: 404 });
  const hidden = { hideFields: PASSWORD_FIELDS };
  const submission = parseWithZod(await readForm(request), { schema: setPasswordSchema });
  if (submission.status !== "success") return rejectSubmission(submission, hidden);
  const result = await setPasswordWithLink(db, params.token ?? "", submission.value, now());
  return respond(result, submission, () => redirect("/login?passwordSet=1"), hidden);
}

export default function SetPassword() {
  const { name, email } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useSchemaForm(setPasswordSchema, { id: "set-password", lastResult });
  return (
    <section className="login-box panel">
      <h1>Welcome, {name}</h1>
      <p>
        Choose a password for <strong>{email}</strong>.
      </p>
      <FormError error={form.errors?.[0]} />
      <Form method="post" className="stack" {...getFormProps(form)}>
        <Field {...fieldProps(fields.password)} label="New password" type="password" autoComplete="new-password" />
        <Field
          {...fieldProps(fields.confirm)}
          label="Repeat the password"
          type="password"
          autoComplete="new-password"
          maxLength={PASSWORD_MAX}
        />
        <div className="actions">
          <SubmitButton pendingLabel="Setting…">Set password</SubmitButton>
        </div>
      </Form>
    </section>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
