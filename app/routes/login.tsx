import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { commitSessionCookie, getUser } from "~/auth/session.server";
import { clientAddress, signIn } from "~/auth/sign-in.server";
import { safeRedirect } from "~/auth/throttle";
import { Field, FormError } from "~/components/field";
import { getDb } from "~/db.server";

export const meta: MetaFunction = () => [{ title: "Sign in · SupportPath" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  if (user) throw redirect(safeRedirect(new URL(request.url).searchParams.get("redirectTo")));
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const email = String(form.get("email") ?? "");
  const password = String(form.get("password") ?? "");
  if (!email.trim() || !password) {
    return json({ error: "Enter your email and password.", email }, { status: 400 });
  }
  const result = await signIn(getDb(), {
    email,
    password,
    address: clientAddress(request),
    userAgent: request.headers.get("user-agent"),
  });
  if (!result.ok) return json({ error: result.error, email }, { status: result.status });
  return redirect(safeRedirect(form.get("redirectTo")), {
    headers: { "Set-Cookie": await commitSessionCookie(request, result.sessionId) },
  });
}

export default function Login() {
  const data = useActionData<typeof action>();
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  return (
    <section className="login-box panel">
      <h1>Sign in to SupportPath</h1>
      <FormError error={data?.error} />
      <Form method="post" className="stack">
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? "/"} />
        <Field name="email" label="Email" type="email" autoComplete="username" required defaultValue={data?.email} />
        <Field name="password" label="Password" type="password" autoComplete="current-password" required />
        <div className="actions">
          <button type="submit" disabled={busy}>{busy ? "Signing in…" : "Sign in"}</button>
        </div>
      </Form>
    </section>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
