import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/session.server";

export const meta: MetaFunction = () => [{ title: "Dashboard · SupportPath" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return json({ name: user.name });
}

export default function Dashboard() {
  const { name } = useLoaderData<typeof loader>();
  return <h1>Welcome, {name}</h1>;
}
