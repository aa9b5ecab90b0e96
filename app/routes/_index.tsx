import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { notFound, requireUser } from "~/auth/session.server";
import { now as clockNow } from "~/clock.server";
import { DashboardView } from "~/components/dashboard-view";
import { getDb } from "~/db.server";
import { dashboardData } from "~/services/dashboard.server";
import styles from "~/styles/dashboard.css";
import firstSteps from "~/styles/first-steps.css";

export const meta: MetaFunction = () => [{ title: "Dashboard · SupportPath" }];

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "stylesheet", href: firstSteps },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  // Every role holds dashboard:read for itself; one's own dashboard needs nothing more.
  const data = await dashboardData(getDb(), user, user.id, clockNow(), new URL(request.url).searchParams.get("target"));
  if (!data) throw notFound();
  // A target that names no position: the page still shows, with the message next to the picker.
  return json(data, { status: data.targetError ? 422 : 200 });
}

export default function Dashboard() {
  const data = useLoaderData<typeof loader>();
  return <DashboardView d={data} path="/" />;
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
