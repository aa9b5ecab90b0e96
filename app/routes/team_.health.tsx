// The team's on-call health (issue 13 point 4): per person and month in each person's own zone and hours,
// flags against the admins' thresholds, who carries the interruptions, and toil. People over a threshold two
// months running come first.
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { notFound, requireCapability } from "~/auth/session.server";
import { now as clockNow } from "~/clock.server";
import { ChartIsland } from "~/components/charts/chart-island";
import { ChartLegend } from "~/components/charts/chart-legend";
import { ChartEmpty } from "~/components/charts/chart-empty";
import { getDb } from "~/db.server";
import { teamHealthView } from "~/services/on-call-health.server";
import { teamScopeFor } from "~/services/team.server";
import styles from "~/styles/appraisals.css";

export const meta: MetaFunction = () => [{ title: "Team on-call health · SupportPath" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireCapability(request, "team:read");
  const db = getDb();
  const scope = await teamScopeFor(db, user, new URL(request.url).searchParams.get("manager"));
  if (!scope) throw notFound();
  const view = await teamHealthView(db, { managerId: scope.managerId }, user.id, clockNow());
  return json({ ...view, scope });
}

const count = (n: number) => `${n} ${n === 1 ? "person" : "people"}`;

const SERIES = [
  { key: "interruptions", name: "Interruptions", color: "var(--chart-1)", dash: undefined },
  { key: "sleepInterruptions", name: "In sleep hours", color: "var(--chart-2)", dash: "6 3" },
  { key: "peopleFlagged", name: "People flagged", color: "var(--chart-5)", dash: "10 4" },
] as const;

export default function TeamHealth() {
  const d = useLoaderData<typeof loader>();
  const people = d.team.people;
  const trend = d.months.map((month, i) => ({
    month,
    interruptions: people.reduce((s, p) => s + p.months[i]!.interruptions, 0),
    sleepInterruptions: people.reduce((s, p) => s + p.months[i]!.sleepInterruptions, 0),
    peopleFlagged: people.filter((p) => p.months[i]!.flags.length > 0).length,
  }));
  const t = d.thresholds;
  const c = d.team.concentration;
  const latestToil = (p: (typeof people)[number]) => p.toil.at(-1);
  return (
    <>
      <h1>{`On-call health: ${d.scope.label}`}</h1>
      <p className="muted">
        {`Each person is read in their own time zone and working hours; months are ${d.viewerZone} months. ` +
          `Flagged: more than ${t.interruptionsPerMonth} interruptions, ${t.sleepInterruptionsPerMonth} in sleep hours, ` +
          `${t.afterHoursHoursPerMonth} h worked out of hours or ${t.consecutiveNights} interrupted nights in a row in a month, ` +
          `or more than ${t.shortRestNightsPerMonth} nights with less than ${t.minRestHours} h of rest before the next working day.`}{" "}
        <Link to="/team">Back to the team</Link>
      </p>
      {people.length === 0 ? (
        <p className="notice" role="status">
          Nobody reports to {d.scope.managerId === null ? "anyone" : "this manager"} yet.
        </p>
      ) : (
        <>
          <section className="panel" aria-labelledby="summary-title">
            <h2 id="summary-title">Summary</h2>
            <ul>
              <li>
                {c
                  ? `Concentration: ${c.name} carries ${Math.round(c.share * 100)} % of the team's ${c.total} interruptions (${c.interruptions}).`
                  : `Nobody was interrupted outside working hours in the last ${d.months.length} months.`}
              </li>
              <li>
                {`${people.filter((p) => p.twoMonthsRunning).length} of ${count(people.length)} over a threshold two months in a row; ` +
                  `${people.filter((p) => p.flaggedMonths > 0).length} over one in some month.`}
              </li>
              <li>{`${count(people.filter((p) => latestToil(p)?.overCap).length)} over the 50 % toil cap in their latest quarter.`}</li>
            </ul>
          </section>
          <section className="panel" aria-labelledby="trend-title">
            <h2 id="trend-title">The team's months</h2>
            {trend.some((m) => m.interruptions > 0 || m.peopleFlagged > 0) ? (
              <figure className="chart-figure">
                <figcaption id="team-health-caption">{`Interruptions and people flagged per month (${count(people.length)})`}</figcaption>
                <div className="chart-box" aria-hidden="true">
                  <ChartIsland
                    kind="load"
                    props={{
                      id: "team-health-chart",
                      width: 960,
                      height: 300,
                      data: trend,
                      lines: SERIES.map((s) => ({ key: s.key, name: s.name, stroke: s.color, dash: s.dash })),
                    }}
                  />
                  <ChartLegend items={SERIES.map((s) => ({ name: s.name, colour: s.color, icon: "line" }))} />
                </div>
                <div className="table-scroll" tabIndex={0} role="region" aria-label="The team's months (table)">
                  <table className="compact">
                    <caption>The team's months (table)</caption>
                    <thead>
                      <tr>
                        <th scope="col">Month</th>
                        {SERIES.map((s) => (
                          <th key={s.key} scope="col" className="num">
                            {s.name}
                          </th>
                        ))}
                      </tr>
                    </thead>
                    <tbody>
                      {trend.map((m) => (
                        <tr key={m.month}>
                          <th scope="row">{m.month}</th>
                          {SERIES.map((s) => (
                            <td key={s.key} className="num">
                              {m[s.key]}
                            </td>
                          ))}
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </figure>
            ) : (
              <ChartEmpty
                id="team-health-empty"
                sentence={`No interruptions outside working hours in the last ${d.months.length} months.`}
              />
            )}
          </section>
          <section className="panel" aria-labelledby="people-title">
            <h2 id="people-title">Per person and month</h2>
            <div className="table-scroll" tabIndex={0} role="region" aria-label="Interruptions per person and month">
              <table className="compact">
                <caption>Interruptions (in sleep hours) per person and month; flagged months marked</caption>
                <thead>
                  <tr>
                    <th scope="col">Person</th>
                    {d.months.map((m) => (
                      <th key={m} scope="col">
                        {m}
                      </th>
                    ))}
                    <th scope="col">Trend</th>
                    <th scope="col">Toil (latest quarter)</th>
                  </tr>
                </thead>
                <tbody>
                  {people.map((p) => {
                    const toil = latestToil(p);
                    return (
                      <tr key={p.personId} data-testid="health-person">
                        <th scope="row" style={{ color: "inherit", fontWeight: 500 }}>
                          <Link to={`/health?person=${p.personId}`}>{p.name}</Link>
                          <div className="muted">{p.zone}</div>
                          {p.twoMonthsRunning ? <span className="flag">Two months running</span> : null}
                        </th>
                        {p.months.map((m) => (
                          <td key={m.month} className={`load-cell${m.flags.length ? " over" : ""}`}>
                            {`${m.interruptions} (${m.sleepInterruptions})`}
                            {m.flags.length ? (
                              <span className="sr-only"> flagged: {m.flags.map((f) => f.reason).join(" ")}</span>
                            ) : null}
                          </td>
                        ))}
                        <td>{p.trend}</td>
                        <td>
                          {toil?.ratio == null
                            ? "—"
                            : `${Math.round(toil.ratio * 100)} %${toil.overCap ? " (over the cap)" : ""}`}
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
    </>
  );
}
