import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { notFound, requirePermission } from "~/auth/session.server";
import { now as clockNow } from "~/clock.server";
import { DashboardView } from "~/components/dashboard-view";
import { getDb } from "~/db.server";
import { dashboardData } from "~/services/dashboard.server";
import styles from "~/styles/dashboard.css";
import firstSteps from "~/styles/first-steps.css";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.person.name ?? "Person"} · SupportPath` }];

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "stylesheet", href: firstSteps },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = /^\d{1,9}$/.test(params.id ?? "") ? Number(params.id) : NaN;
  if (!(id > 0)) throw notFound();
  // dashboard:read — oneself, a manager for their reporting subtree, an admin for anyone; 404 otherwise.
  const user = await requirePermission(request, "dashboard:read", id);
  const data = await dashboardData(getDb(), user, id, clockNow(), new URL(request.url).searchParams.get("target"));
  if (!data) throw notFound();
  // A target that names no position: the page still shows, with the message next to the picker.
  return json(data, { status: data.targetError ? 422 : 200 });
}

export default function PersonDashboard() {
  const data = useLoaderData<typeof loader>();
  return <DashboardView d={data} path={`/people/${data.person.id}`} />;
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
