import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { notFound, requireCapability } from "~/auth/session.server";
import { PersonForm } from "~/components/person-form";
import { getDb } from "~/db.server";
import { getPerson, handlesOf, listManagers, listPositions, listTeams } from "~/models/people.server";
import { issueSetPasswordLink, setPersonActive, updatePersonFromForm } from "~/services/people-admin.server";
import { formObject, invalid } from "~/validation/form.server";

export const meta: MetaFunction = () => [{ title: "Edit person · SupportPath" }];

function personId(raw: string | undefined): number {
  const id = Number(raw);
  if (!Number.isInteger(id) || id <= 0) throw notFound();
  return id;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireCapability(request, "people:manage");
  const db = getDb();
  const id = personId(params.id);
  const person = await getPerson(db, id);
  if (!person) throw notFound();
  return json({
    person,
    handles: await handlesOf(db, id),
    teams: await listTeams(db),
    positions: await listPositions(db),
    managers: (await listManagers(db)).filter((m) => m.id !== id),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireCapability(request, "people:manage");
  const db = getDb();
  const id = personId(params.id);
  if (!(await getPerson(db, id))) throw notFound();
  const form = formObject(await request.formData());
  switch (form.intent) {
    case "deactivate":
      if (id === user.id) return invalid({ form: "You cannot deactivate your own account." }, {}, 400);
      await setPersonActive(db, user.id, id, false);
      return redirect(`/admin/people/${id}?deactivated=1`);
    case "reactivate":
      await setPersonActive(db, user.id, id, true);
      return redirect(`/admin/people/${id}`);
    case "password-link":
      return redirect(`/admin/people/${id}?link=${encodeURIComponent(await issueSetPasswordLink(db, user.id, id))}`);
    case "save": {
      const result = await updatePersonFromForm(db, user.id, id, form);
      if (!result.ok) return invalid(result.errors, form, result.status);
      return redirect(`/admin/people/${id}?saved=1`);
    }
    default:
      return invalid({ form: "Unknown action." }, {}, 400);
  }
}

export default function EditPerson() {
  const { person, handles, teams, positions, managers } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const link = params.get("link");
  const values = (result?.values && Object.keys(result.values).length
    ? result.values
    : {
        name: person.name, email: person.email, role: person.role, managerId: person.manager_id,
        teamId: person.team_id, positionId: person.position_id, handles: handles.join("\n"),
      }) as Record<string, string>;
  return (
    <>
      <p><Link to="/admin/people">← People</Link></p>
      <h1>{person.name}{person.active ? null : <> <span className="badge returned">Deactivated</span></>}</h1>
      {params.get("saved") ? <p className="notice" role="status">Saved.</p> : null}
      {params.get("created") ? <p className="notice" role="status">Person created.</p> : null}
      {params.get("deactivated") ? <p className="notice" role="status">Deactivated: sign-in refused and sessions revoked. Their history is kept.</p> : null}
      {link ? (
        <div className="notice" role="status">
          One-time set-password link (valid 72 hours), to send to {person.email}:{" "}
          <code data-testid="set-password-link">/set-password/{link}</code>
        </div>
      ) : null}
      <div className="grid-2">
        <section className="panel">
          <h2>Details</h2>
          <PersonForm isNew={false} values={values} errors={(result?.errors ?? {}) as Record<string, string | undefined>}
            teams={teams} positions={positions} managers={managers} />
        </section>
        <section className="panel">
          <h2>Account</h2>
          <Form method="post" className="actions">
            <input type="hidden" name="intent" value="password-link" />
            <button type="submit" className="secondary">Create a set-password link</button>
          </Form>
          <p />
          {person.active ? (
            <Form method="post" onSubmit={(e) => { if (!confirm(`Deactivate ${person.name}? They will be signed out.`)) e.preventDefault(); }}>
              <input type="hidden" name="intent" value="deactivate" />
              <button type="submit" className="danger">Deactivate</button>
            </Form>
          ) : (
            <Form method="post">
              <input type="hidden" name="intent" value="reactivate" />
              <button type="submit">Reactivate</button>
            </Form>
          )}
        </section>
      </div>
    </>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
