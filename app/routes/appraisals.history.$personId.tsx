import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { notFound, requirePermission } from "~/auth/session.server";
import { StateBadge } from "~/components/appraisal-state";
import { getDb } from "~/db.server";
import { OUTCOMES } from "~/domain/appraisal-workflow";
import { personHistory } from "~/services/appraisals/roster.server";
import styles from "~/styles/appraisals.css";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Appraisal history · ${data?.person.name ?? "Person"} · SupportPath` },
];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = /^\d{1,9}$/.test(params.personId ?? "") ? Number(params.personId) : NaN;
  if (!(id > 0)) throw notFound();
  // appraisal:read — the person themselves, their managers (subtree), admins; 404 for anyone else.
  await requirePermission(request, "appraisal:read", id);
  const data = await personHistory(getDb(), id);
  if (!data) throw notFound();
  return json(data);
}

export default function History() {
  const { person, appraisals } = useLoaderData<typeof loader>();
  return (
    <>
      <p>
        <Link to="/appraisals">← Appraisals</Link>
      </p>
      <h1>Appraisal history: {person.name}</h1>
      <p className="muted">{[person.position, person.team].filter(Boolean).join(" · ")}</p>
      {appraisals.length ? (
        <div className="table-scroll">
          <table>
            <caption>Appraisals of {person.name} across cycles, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Cycle</th>
                <th scope="col">Period</th>
                <th scope="col">Manager</th>
                <th scope="col">State</th>
                <th scope="col">Outcome</th>
                <th scope="col">Signed off</th>
                <th scope="col">Acknowledgement</th>
              </tr>
            </thead>
            <tbody>
              {appraisals.map((a) => (
                <tr key={a.id}>
                  <td>
                    <Link to={`/appraisals/${a.id}`}>{a.cycle_name}</Link>
                  </td>
                  <td>
                    {a.period_start} – {a.period_end}
                  </td>
                  <td>{a.manager_name ?? "—"}</td>
                  <td>
                    <StateBadge state={a.state} />
                  </td>
                  <td>{OUTCOMES.find((o) => o.key === a.outcome)?.label ?? "—"}</td>
                  <td>{a.signed_off_at?.slice(0, 10) ?? "—"}</td>
                  <td>
                    {a.acknowledged_at ? (
                      <>
                        {a.acknowledged_at.slice(0, 10)}
                        {a.acknowledgement_disagrees ? <strong> · disagrees</strong> : null}
                        {a.acknowledgement_comment ? <div className="pre-wrap">“{a.acknowledgement_comment}”</div> : null}
                      </>
                    ) : (
                      "—"
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="muted">No appraisals yet.</p>
      )}
    </>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
