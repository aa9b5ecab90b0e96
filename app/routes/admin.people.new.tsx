import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requireCapability } from "~/auth/session.server";
import { PersonForm } from "~/components/person-form";
import { getDb } from "~/db.server";
import { listManagers, listPositions, listTeams } from "~/models/people.server";
import { createPersonFromForm } from "~/services/people-admin.server";
import { formObject, invalid } from "~/validation/form.server";

export const meta: MetaFunction = () => [{ title: "New person · SupportPath" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireCapability(request, "people:manage");
  const db = getDb();
  return json({ teams: await listTeams(db), positions: await listPositions(db), managers: await listManagers(db) });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireCapability(request, "people:manage");
  const form = formObject(await request.formData());
  const result = await createPersonFromForm(getDb(), user.id, form);
  if (!result.ok) return invalid(result.errors, { ...form, password: undefined }, result.status);
  const qs = result.setPasswordToken ? `?link=${encodeURIComponent(result.setPasswordToken)}` : "?created=1";
  return redirect(`/admin/people/${result.id}${qs}`);
}

export default function NewPerson() {
  const { teams, positions, managers } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <h1>New person</h1>
      <section className="panel">
        <PersonForm isNew values={(result?.values ?? {}) as Record<string, string>}
          errors={(result?.errors ?? {}) as Record<string, string | undefined>}
          teams={teams} positions={positions} managers={managers} />
      </section>
    </>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
