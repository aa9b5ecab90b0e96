import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { destroySessionCookie, readSessionId } from "~/auth/session.server";
import { getDb } from "~/db.server";
import { revokeSession } from "~/models/sessions.server";

export async function action({ request }: ActionFunctionArgs) {
  const sid = await readSessionId(request);
  if (sid) await revokeSession(getDb(), sid);
  return redirect("/login", { headers: { "Set-Cookie": await destroySessionCookie(request) } });
}

export async function loader() {
  return redirect("/");
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
