import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { TEAMS_ACTION } from "~/auth/permissions";
import { requireCapability } from "~/auth/session.server";
import { now } from "~/clock.server";
import { TeamForm } from "~/components/team-form";
import { getDb } from "~/db.server";
import { listAdminTeams } from "~/models/teams.server";
import { teamSchema } from "~/schemas/team";
import { createTeam } from "~/services/teams.server";
import styles from "~/styles/dashboard.css";
import { readForm } from "~/utils/form-data.server";
import { parseWithZod, rejectSubmission, respond, unknownIntent } from "~/utils/respond.server";

export const meta: MetaFunction = () => [{ title: "Teams · Admin · SupportPath" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireCapability(request, TEAMS_ACTION);
  return json({ teams: await listAdminTeams(getDb()) });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireCapability(request, TEAMS_ACTION);
  const data = await readForm(request);
  if (data.get("intent") !== "create") return unknownIntent();
  const submission = parseWithZod(data, { schema: teamSchema });
  if (submission.status !== "success") return rejectSubmission(submission);
  return respond(await createTeam(getDb(), user, submission.value, now()), submission, ({ id }) =>
    redirect(`/admin/teams?created=${id}`),
  );
}

export default function Teams() {
  const { teams } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [params] = useSearchParams();
  const created = teams.find((t) => String(t.id) === params.get("created"));
  return (
    <>
      <p>
        <Link to="/admin">← Admin</Link>
      </p>
      <h1>Teams</h1>
      <p className="muted">
        The teams people belong to. Renaming shows the new name everywhere at once; a retired team keeps its history and is
        labelled retired, but takes no new members.
      </p>
      {created ? (
        <p className="notice" role="status" data-testid="team-done">
          {`Team “${created.name}” added.`}
        </p>
      ) : null}
      <section className="panel" aria-labelledby="teams-heading">
        <h2 id="teams-heading">Teams</h2>
        <div className="table-scroll">
          <table className="compact" data-testid="teams">
            <caption className="sr-only">Every team with its active and former members</caption>
            <thead>
              <tr>
                <th scope="col">Team</th>
                <th scope="col" className="num">
                  Active members
                </th>
                <th scope="col" className="num">
                  Former members
                </th>
              </tr>
            </thead>
            <tbody>
              {teams.map((t) => (
                <tr key={t.id} data-team={t.id}>
                  <th scope="row">
                    <Link to={`/admin/teams/${t.id}`}>{t.name}</Link>
                    {t.retiredAt ? (
                      <>
                        {" "}
                        <span className="badge returned">retired</span>
                      </>
                    ) : null}
                  </th>
                  <td className="num">{t.activeMembers}</td>
                  <td className="num">{t.formerMembers}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section className="panel" aria-labelledby="add-heading">
        <h2 id="add-heading">Add a team</h2>
        <TeamForm lastResult={lastResult} defaultValue={{}} isNew submitLabel="Add team" />
      </section>
    </>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
