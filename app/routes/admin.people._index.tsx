import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireCapability } from "~/auth/session.server";
import { getDb } from "~/db.server";
import { listPeople } from "~/models/people.server";
import { Form } from "~/components/form";
import { searchText } from "~/domain/input-rules";

export const meta: MetaFunction = () => [{ title: "People · SupportPath" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireCapability(request, "people:manage");
  const url = new URL(request.url);
  const q = searchText(url.searchParams.get("q"), 100);
  const inactive = url.searchParams.get("inactive") === "1";
  const people = await listPeople(getDb(), { q, includeInactive: inactive });
  return json({ people, q, inactive });
}

export default function PeopleList() {
  const { people, q, inactive } = useLoaderData<typeof loader>();
  return (
    <>
      <div className="actions" style={{ justifyContent: "space-between" }}>
        <h1>People</h1>
        <Link className="button" to="/admin/people/new">
          New person
        </Link>
      </div>
      <Form method="get" className="filters" role="search">
        <div className="field">
          <label htmlFor="q">Search</label>
          <input id="q" type="search" name="q" defaultValue={q} placeholder="Name, email, team or handle" />
        </div>
        <label>
          <input type="checkbox" name="inactive" value="1" defaultChecked={inactive} /> Include deactivated
        </label>
        <button type="submit" className="secondary">
          Search
        </button>
      </Form>
      <table>
        <caption className="sr-only">People ({people.length})</caption>
        <thead>
          <tr>
            <th>Name</th>
            <th>Email</th>
            <th>Role</th>
            <th>Team</th>
            <th>Position</th>
            <th>Manager</th>
            <th>Status</th>
          </tr>
        </thead>
        <tbody>
          {people.map((p) => (
            <tr key={p.id}>
              <td>
                <Link to={`/admin/people/${p.id}`}>{p.name}</Link>
              </td>
              <td>{p.email}</td>
              <td>{p.role}</td>
              <td>{p.team_name ?? "—"}</td>
              <td>{p.position_name ?? "—"}</td>
              <td>{p.manager_name ?? "—"}</td>
              <td>{p.active ? "Active" : <span className="badge returned">{p.erased_at ? "Erased" : "Deactivated"}</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {people.length === 0 ? <p className="muted">Nobody matches “{q}”.</p> : null}
    </>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
