import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { destroySessionCookie, readSessionId } from "~/auth/session.server";
import { signOut } from "~/auth/sign-in.server";
import { now } from "~/clock.server";
import { getDb } from "~/db.server";
import { readForm } from "~/utils/form-data.server";

export async function action({ request }: ActionFunctionArgs) {
  // Nothing to read but the token: a forged sign-out is refused like any other forged post.
  await readForm(request);
  await signOut(getDb(), await readSessionId(request), now());
  return redirect("/login", { headers: { "Set-Cookie": await destroySessionCookie(request) } });
}

export async function loader() {
  return redirect("/");
}

// A page route (it renders nothing itself) so that a refused post shows the 403 page, not bare JSON.
export default function Logout() {
  return null;
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
