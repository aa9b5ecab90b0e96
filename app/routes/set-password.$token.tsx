import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Field } from "~/components/field";
import { getDb } from "~/db.server";
import { findValidToken } from "~/models/password-tokens.server";
import { setPasswordWithToken } from "~/services/password-tokens.server";
import { formObject, invalid, validate } from "~/validation/form.server";
import { setPasswordSchema } from "~/validation/people.server";

export const meta: MetaFunction = () => [{ title: "Set your password · SupportPath" }];

export async function loader({ params }: LoaderFunctionArgs) {
  const token = await findValidToken(getDb(), params.token ?? "");
  if (!token) throw new Response("This link has expired or was already used.", { status: 404 });
  return json({ name: token.name, email: token.email });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const db = getDb();
  const token = await findValidToken(db, params.token ?? "");
  if (!token) throw new Response("This link has expired or was already used.", { status: 404 });
  const result = validate(setPasswordSchema, formObject(await request.formData()));
  if (!result.ok) return invalid(result.errors);
  if (!(await setPasswordWithToken(db, params.token!, token.person_id, result.value.password))) {
    throw new Response("This link has expired or was already used.", { status: 404 });
  }
  return redirect("/login?passwordSet=1");
}

export default function SetPassword() {
  const { name, email } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = (result?.errors ?? {}) as Record<string, string | undefined>;
  return (
    <section className="login-box panel">
      <h1>Welcome, {name}</h1>
      <p>Choose a password for <strong>{email}</strong>.</p>
      <Form method="post" className="stack">
        <Field name="password" label="New password" type="password" autoComplete="new-password" required minLength={10} error={errors.password} />
        <Field name="confirm" label="Repeat the password" type="password" autoComplete="new-password" required error={errors.confirm} />
        <div className="actions"><button type="submit">Set password</button></div>
      </Form>
    </section>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
