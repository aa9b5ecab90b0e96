import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { clientAddress } from "~/auth/client-address.server";
import { destroyPasswordLinkCookie, readPasswordLinkToken } from "~/auth/session.server";
import { noteFailure, throttled } from "~/auth/sign-in.server";
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

// Choosing a password from a one-time link. The token arrives in the cookie /set-password/:token set (never
// in this page's URL); without a live one the page answers 404.
export const meta: MetaFunction = () => [{ title: "Set your password · SupportPath" }];

async function linkOf(request: Request) {
  const token = await readPasswordLinkToken(request);
  const link = token ? await findValidToken(getDb(), token, now()) : undefined;
  return link && token ? { token, link } : null;
}

async function gone(request: Request, context: unknown): Promise<never> {
  await noteFailure(getDb(), { address: clientAddress(request, context) }, now(), "auth.password_link_refused");
  throw new Response(LINK_GONE, { status: 404, headers: { "Set-Cookie": await destroyPasswordLinkCookie(request) } });
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const found = await linkOf(request);
  if (!found) return gone(request, context);
  return json({ name: found.link.name, email: found.link.email });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const db = getDb();
  const refused = await throttled(db, { address: clientAddress(request, context) }, now(), "auth.password_link_refused");
  if (refused)
    throw new Response(refused.message, { status: 429, headers: { "Retry-After": String(refused.retryAfterSeconds) } });
  // A used or expired link answers 404 before anything typed is looked at.
  const found = await linkOf(request);
  if (!found) return gone(request, context);
  const hidden = { hideFields: PASSWORD_FIELDS };
  const submission = parseWithZod(await readForm(request), { schema: setPasswordSchema });
  if (submission.status !== "success") return rejectSubmission(submission, hidden);
  const result = await setPasswordWithLink(db, found.token, submission.value, now());
  if (result.kind === "notFound") return gone(request, context);
  return respond(
    result,
    submission,
    async () => redirect("/login?passwordSet=1", { headers: { "Set-Cookie": await destroyPasswordLinkCookie(request) } }),
    hidden,
  );
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
