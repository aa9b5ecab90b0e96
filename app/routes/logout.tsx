import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { destroySessionCookie, readSessionId } from "~/auth/session.server";
import { signOut } from "~/auth/sign-in.server";
import { now } from "~/clock.server";
import { getDb } from "~/db.server";

export async function action({ request }: ActionFunctionArgs) {
  await signOut(getDb(), await readSessionId(request), now());
  return redirect("/login", { headers: { "Set-Cookie": await destroySessionCookie(request) } });
}

export async function loader() {
  return redirect("/");
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
