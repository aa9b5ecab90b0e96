import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/session.server";
import { StateBadge } from "~/components/appraisal-state";
import { getDb } from "~/db.server";
import { APPRAISAL_STATES, STATE_LABELS } from "~/domain/appraisal-workflow";
import { appraisalsHome } from "~/services/appraisals/roster.server";
import styles from "~/styles/appraisals.css";

export const meta: MetaFunction = () => [{ title: "Appraisals · SupportPath" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const home = await appraisalsHome(getDb(), user);
  return json(home);
}

type Row = Awaited<ReturnType<typeof appraisalsHome>>["mine"][number];

function AppraisalTable({ rows, caption, showPerson }: { rows: Row[]; caption: string; showPerson: boolean }) {
  return (
    <div className="table-scroll">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Cycle</th>
            {showPerson ? <th scope="col">Person</th> : null}
            <th scope="col">Period</th>
            <th scope="col">Manager</th>
            <th scope="col">State</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <td>
                <Link to={`/appraisals/${r.id}`}>
                  {r.cycle_name}
                  {showPerson ? <span className="sr-only">: {r.person_name}</span> : null}
                </Link>
              </td>
              {showPerson ? (
                <td>
                  <Link to={`/appraisals/history/${r.person_id}`}>{r.person_name}</Link>
                </td>
              ) : null}
              <td>
                {r.period_start} – {r.period_end}
              </td>
              <td>{r.manager_name ?? "—"}</td>
              <td>
                <StateBadge state={r.state} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default function Appraisals() {
  const { mine, reports, cycles, runsCycles, allCycles, createsCycles } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Appraisals</h1>
      <section className="panel" aria-labelledby="mine-title">
        <h2 id="mine-title">Your appraisals</h2>
        {mine.length ? (
          <AppraisalTable rows={mine} caption="Your appraisal history across cycles" showPerson={false} />
        ) : (
          <p className="muted">You have no appraisals yet. Your manager starts one when a cycle opens.</p>
        )}
      </section>

      {runsCycles ? (
        <section className="panel" aria-labelledby="cycles-title">
          <h2 id="cycles-title">Cycles</h2>
          {cycles.length ? (
            <div className="table-scroll">
              <table>
                <caption>
                  {allCycles ? "All appraisal cycles" : "Appraisal cycles, counted for the people who report to you"}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Cycle</th>
                    <th scope="col">Period</th>
                    <th scope="col">Self-assessment due</th>
                    <th scope="col">Review due</th>
                    {APPRAISAL_STATES.filter((s) => s !== "not_started").map((s) => (
                      <th key={s} scope="col" className="num">
                        {STATE_LABELS[s]}
                      </th>
                    ))}
                    <th scope="col">Calibration</th>
                  </tr>
                </thead>
                <tbody>
                  {cycles.map((c) => (
                    <tr key={c.id}>
                      <td>
                        <Link to={`/appraisals/cycles/${c.id}`}>{c.name}</Link>
                      </td>
                      <td>
                        {c.period_start} – {c.period_end}
                      </td>
                      <td>{c.self_due}</td>
                      <td>{c.review_due}</td>
                      {APPRAISAL_STATES.filter((s) => s !== "not_started").map((s) => (
                        <td key={s} className="num">
                          {c.counts[s] ?? 0}
                        </td>
                      ))}
                      <td>
                        <Link to={`/appraisals/cycles/${c.id}/calibration`}>
                          Calibration<span className="sr-only"> of {c.name}</span>
                        </Link>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <p className="muted">
              No cycles yet.
              {createsCycles ? (
                <>
                  {" "}
                  <Link to="/admin/cycles">Create one</Link>.
                </>
              ) : (
                " An admin creates them."
              )}
            </p>
          )}
        </section>
      ) : null}

      {reports.length ? (
        <section className="panel" aria-labelledby="reports-title">
          <h2 id="reports-title">Your reports' appraisals</h2>
          <AppraisalTable rows={reports} caption="Appraisals of the people who report to you, newest cycle first" showPerson />
        </section>
      ) : null}
    </>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
