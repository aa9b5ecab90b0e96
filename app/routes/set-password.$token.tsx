import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { clientAddress } from "~/auth/client-address.server";
import { commitPasswordLinkCookie } from "~/auth/session.server";
import { noteFailure, throttled } from "~/auth/sign-in.server";
import { now } from "~/clock.server";
import { getDb } from "~/db.server";
import { findValidToken } from "~/models/password-tokens.server";
import { LINK_GONE } from "~/services/passwords.server";

// The link someone was sent. Its token leaves the URL at once: it goes into a short-lived httpOnly cookie
// and the browser is sent on (303) to /set-password, so the token is not in the address bar, the history,
// a Referer or a log line after this request (issue 12; the access log prints this path without it). A
// used, revoked or expired link answers 404 here, and counts as a failure of the address (the throttle).
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const db = getDb();
  const attempt = { address: clientAddress(request, context) };
  const refused = await throttled(db, attempt, now(), "auth.password_link_refused");
  if (refused)
    throw new Response(refused.message, { status: 429, headers: { "Retry-After": String(refused.retryAfterSeconds) } });
  const token = params.token ?? "";
  if (!(await findValidToken(db, token, now()))) {
    await noteFailure(db, attempt, now(), "auth.password_link_refused");
    throw new Response(LINK_GONE, { status: 404 });
  }
  return redirect("/set-password", { status: 303, headers: { "Set-Cookie": await commitPasswordLinkCookie(request, token) } });
}

/** Never shown: the loader always redirects or refuses (the error boundary shows the refusal). */
export default function SetPasswordLink() {
  return null;
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
