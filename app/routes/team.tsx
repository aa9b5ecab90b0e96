import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { can, SELF } from "~/auth/permissions";
import { notFound, requireCapability } from "~/auth/session.server";
import { now as clockNow } from "~/clock.server";
import { Heatmap } from "~/components/heatmap";
import { LoadChart } from "~/components/load-chart";
import { getDb } from "~/db.server";
import { LOAD_METRIC_LABELS } from "~/domain/team";
import { teamScopeFor, teamView } from "~/services/team.server";
import styles from "~/styles/appraisals.css";
import { Form } from "~/components/form";
import { ExpiryNotice } from "~/components/certification-lists";

export const meta: MetaFunction = () => [{ title: "Team · SupportPath" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireCapability(request, "team:read");
  const db = getDb();
  const raw = new URL(request.url).searchParams.get("manager");
  const scope = await teamScopeFor(db, user, raw);
  // A manager filter outside the user's reach reveals nothing.
  if (!scope) throw notFound();
  const data = await teamView(db, { managerId: scope.managerId }, clockNow());
  // the empty load chart offers an import only to whom the permission module lets import
  const canImport = can(user.role, "import:run", SELF);
  return json({ ...data, scope, canImport });
}

export default function Team() {
  const d = useLoaderData<typeof loader>();
  const skillName = new Map(d.skills.map((s) => [s.key, s.name]));
  const atRisk = d.busFactor.filter((b) => b.atRisk);
  const t = d.thresholds;
  return (
    <>
      <h1>{`Team: ${d.scope.label}`}</h1>
      {d.scope.managers.length > 1 ? (
        <Form method="get" className="filters" aria-label="Choose whose team to show">
          <div className="field">
            <label htmlFor="f-manager">Show the reporting line of</label>
            <select id="f-manager" name="manager" defaultValue={d.scope.managerId ?? ""}>
              {d.scope.allowOrg ? <option value="">The whole organisation</option> : null}
              {d.scope.managers.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="secondary">
            Show
          </button>
        </Form>
      ) : null}

      {d.people.length === 0 ? (
        <p className="notice" role="status">
          Nobody reports to {d.scope.managerId === null ? "anyone" : "this manager"} yet.
        </p>
      ) : (
        <>
          <section className="panel" aria-labelledby="heatmap-title">
            <h2 id="heatmap-title">Skills heatmap</h2>
            <p className="muted">
              Evidence-derived SFIA level (0–7) of each person in each skill; the stronger the colour, the higher (the number is
              in every cell).
            </p>
            <Heatmap
              caption={`Skill levels of ${d.people.length} people`}
              skills={d.skills}
              rows={d.heatmap.rows}
              columns={d.heatmap.columns}
              minLevel={d.heatmap.minLevel}
              personHref={(id) => `/people/${id}`}
            />
          </section>

          <div className="grid-2">
            <section className="panel" aria-labelledby="bus-title">
              <h2 id="bus-title">Bus factor</h2>
              <p className="muted">Skills held at level {d.heatmap.minLevel} or above by at most one person.</p>
              {atRisk.length ? (
                <ul>
                  {atRisk.map((b) => (
                    <li key={b.skill}>
                      <span className="flag">{skillName.get(b.skill) ?? b.skill}</span>:{" "}
                      {b.holders.length === 0 ? "nobody" : `only ${b.holderNames.join(", ")}`}
                    </li>
                  ))}
                </ul>
              ) : (
                <p>Every skill is held at level {d.heatmap.minLevel}+ by at least two people.</p>
              )}
            </section>

            <section className="panel" aria-labelledby="succession-title">
              <h2 id="succession-title">Succession</h2>
              <p className="muted">
                For each management position, the three people nearest to it by readiness (people already at or above it are left
                out).
              </p>
              <div className="table-scroll">
                <table className="compact">
                  <caption>Nearest people per management position</caption>
                  <thead>
                    <tr>
                      <th scope="col">Position</th>
                      <th scope="col">Candidates (readiness)</th>
                    </tr>
                  </thead>
                  <tbody>
                    {d.succession.map((s) => (
                      <tr key={s.positionId}>
                        <th scope="row" style={{ color: "inherit", fontWeight: 500 }}>
                          {s.positionName}
                        </th>
                        <td>
                          {s.candidates.length ? (
                            <ol style={{ margin: 0, paddingLeft: "1.1rem" }}>
                              {s.candidates.map((c) => (
                                <li key={String(c.personId)}>
                                  <Link to={`/people/${c.personId}`}>{c.name}</Link> — {c.percent}%
                                </li>
                              ))}
                            </ol>
                          ) : (
                            <span className="muted">Nobody below this position</span>
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </section>
          </div>

          <section className="panel" aria-labelledby="load-title">
            <h2 id="load-title">On-call load and wellbeing</h2>
            <p>
              <Link to={d.scope.managerId === null ? "/team/health" : `/team/health?manager=${d.scope.managerId}`}>
                On-call health: interruptions, rest and toil, in each person's own hours
              </Link>
            </p>
            <p className="muted">
              {`From submitted and verified evidence of the last ${d.months.length} months. Thresholds per person per month: ` +
                `more than ${t.afterHoursHoursPerMonth} after-hours hours, ${t.p1PerMonth} P1 incidents or ${t.onCallShiftsPerMonth} on-call shifts is flagged.`}
            </p>
            <p>
              {d.flaggedCount === 0 ? (
                "Nobody is over a threshold."
              ) : (
                <span className="flag">{`${d.flaggedCount} ${d.flaggedCount === 1 ? "person is" : "people are"} over a threshold in at least one month.`}</span>
              )}
            </p>
            <LoadChart
              id="team-load-chart"
              data={d.trend}
              caption={`Team load per month (${d.people.length} people)`}
              partialMonth={d.partialMonth}
              empty={{
                sentence: `No load in the last ${d.months.length} months: after-hours work, P1 incidents and on-call shifts show here once they are logged.`,
                action: d.canImport ? { href: "/import", label: "Import tickets or shifts" } : null,
              }}
            />
            <div className="table-scroll" tabIndex={0} role="region" aria-label="Load per person and month">
              <table className="compact">
                <caption>Load per person and month: after-hours hours · P1 incidents · on-call shifts</caption>
                <thead>
                  <tr>
                    <th scope="col">Person</th>
                    {d.months.map((m) => (
                      <th key={m} scope="col">
                        {m}
                      </th>
                    ))}
                    <th scope="col">Flag</th>
                  </tr>
                </thead>
                <tbody>
                  {d.load.map((p) => {
                    const over = new Map(p.over.map((o) => [o.month, o.over]));
                    return (
                      <tr key={p.personId}>
                        <th scope="row" style={{ color: "inherit", fontWeight: 500 }}>
                          {p.name}
                        </th>
                        {p.months.map((m) => {
                          const o = over.get(m.month);
                          return (
                            <td key={m.month} className={`load-cell${o ? " over" : ""}`}>
                              {m.afterHoursHours} h · {m.p1Count} P1 · {m.onCallShifts} shifts
                              {o ? (
                                <span className="sr-only"> (over: {o.map((x) => LOAD_METRIC_LABELS[x.metric]).join(", ")})</span>
                              ) : null}
                            </td>
                          );
                        })}
                        <td>
                          {p.flagged ? (
                            <span className="flag">
                              Over in {p.over.length} month{p.over.length === 1 ? "" : "s"}
                            </span>
                          ) : (
                            <span className="muted">—</span>
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          </section>
        </>
      )}
      <ExpiryNotice items={d.certificationsExpiring} showPerson linked />
    </>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
