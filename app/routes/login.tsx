import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { json, redirect } from "@remix-run/node";
import { useActionData, useSearchParams } from "@remix-run/react";
import { commitSessionCookie, getUser } from "~/auth/session.server";
import { clientAddress } from "~/auth/client-address.server";
import { signIn } from "~/auth/sign-in.server";
import { safeRedirect } from "~/auth/throttle";
import { now } from "~/clock.server";
import { Field, FormError } from "~/components/field";
import { SubmitButton } from "~/components/submit-button";
import { fieldProps, useSchemaForm } from "~/components/use-schema-form";
import { getDb } from "~/db.server";
import { PASSWORD_FIELDS, loginSchema } from "~/schemas/password";
import { rejectSubmission } from "~/utils/respond.server";
import { readForm } from "~/utils/form-data.server";
import { Form } from "~/components/form";

export const meta: MetaFunction = () => [{ title: "Sign in · SupportPath" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  if (user) throw redirect(safeRedirect(new URL(request.url).searchParams.get("redirectTo")));
  return null;
}

// Sign-in's refusals are its own: the throttle answers 429, wrong credentials 401 (the same message for a
// wrong email and a wrong password). The password is never sent back.
const REFUSED = { throttled: 429, badCredentials: 401 } as const;

/** A throttled page says when to try again (the action's Retry-After, which a document would drop). */
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const retry = actionHeaders.get("Retry-After");
  return retry ? { "Retry-After": retry } : new Headers();
};

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await readForm(request), { schema: loginSchema });
  if (submission.status !== "success") return rejectSubmission(submission, { hideFields: PASSWORD_FIELDS });
  const { email, password, redirectTo } = submission.value;
  const result = await signIn(
    getDb(),
    { email, password, address: clientAddress(request, context), userAgent: request.headers.get("user-agent") },
    now(),
  );
  if (result.kind !== "ok") {
    return json(submission.reply({ formErrors: [result.message], hideFields: PASSWORD_FIELDS }), {
      status: REFUSED[result.kind],
      headers: result.kind === "throttled" ? { "Retry-After": String(result.retryAfterSeconds) } : {},
    });
  }
  return redirect(safeRedirect(redirectTo), {
    headers: { "Set-Cookie": await commitSessionCookie(request, result.sessionId) },
  });
}

export default function Login() {
  const lastResult = useActionData<typeof action>();
  const [params] = useSearchParams();
  const [form, fields] = useSchemaForm(loginSchema, { id: "login", lastResult });
  return (
    <section className="login-box panel">
      <h1>Sign in to SupportPath</h1>
      {params.get("passwordSet") ? (
        <p className="notice" role="status">
          Password set: sign in with it now.
        </p>
      ) : null}
      <FormError error={form.errors?.[0]} />
      <Form method="post" className="stack" {...getFormProps(form)}>
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? "/"} />
        <Field {...fieldProps(fields.email)} label="Email" type="email" autoComplete="username" />
        <Field {...fieldProps(fields.password)} label="Password" type="password" autoComplete="current-password" />
        <div className="actions">
          <SubmitButton pendingLabel="Signing in…">Sign in</SubmitButton>
        </div>
      </Form>
    </section>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
