import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { notFound, requireCapability } from "~/auth/session.server";
import { getDb } from "~/db.server";
import { DEFAULT_CALIBRATION_OPTIONS } from "~/domain/calibration";
import { cycleCalibration } from "~/services/appraisals/calibration.server";
import styles from "~/styles/appraisals.css";
import { STATUS } from "~/utils/respond.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Calibration · ${data?.cycle.name ?? "Cycle"} · SupportPath` },
];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  // team:read — managers (the managers rating their subtree) and admins (every manager).
  const user = await requireCapability(request, "team:read");
  const id = /^\d{1,9}$/.test(params.id ?? "") ? Number(params.id) : NaN;
  if (!(id > 0)) throw notFound();
  const result = await cycleCalibration(getDb(), user, id);
  if (result.kind !== "ok") throw new Response(result.kind === "invalid" ? "" : result.message, { status: STATUS[result.kind] });
  return json({ ...result.value, options: DEFAULT_CALIBRATION_OPTIONS });
}

const LEVELS = [0, 1, 2, 3, 4, 5, 6, 7];

export default function Calibration() {
  const { cycle, org, managers, appraisals, options, seesEveryManager } = useLoaderData<typeof loader>();
  const maxCount = Math.max(
    1,
    ...managers.flatMap((m) => LEVELS.map((l) => m.distribution[l] ?? 0)),
    ...LEVELS.map((l) => org.distribution[l] ?? 0),
  );
  return (
    <>
      <p>
        <Link to={`/appraisals/cycles/${cycle.id}`}>← {cycle.name}</Link>
      </p>
      <h1>Calibration: {cycle.name}</h1>
      <p className="muted">
        One rating per appraisal: the mean of the manager's skill ratings, rounded to the nearest level in the distributions. A
        manager is flagged when their mean is more than {options.zThreshold} standard errors and at least {options.minDelta}{" "}
        levels away from the organisation's, over at least {options.minRatings} appraisals.{" "}
        {seesEveryManager ? "Every manager is shown." : "Shown: the managers rating people in your reporting line."}
      </p>
      {appraisals === 0 ? (
        <p className="notice" role="status">
          No manager ratings in this cycle yet.
        </p>
      ) : (
        <>
          <section className="panel" aria-labelledby="org-title">
            <h2 id="org-title">Organisation</h2>
            <p>
              {org.count} rated appraisal{org.count === 1 ? "" : "s"}, mean {org.mean.toFixed(2)}, standard deviation{" "}
              {org.sd.toFixed(2)}.
            </p>
          </section>
          <section className="panel" aria-labelledby="mgr-title">
            <h2 id="mgr-title">Distribution of ratings per manager</h2>
            <div className="table-scroll" tabIndex={0} role="region" aria-label="Distribution of ratings per manager">
              <table className="compact">
                <caption>Number of appraisals at each level, per manager</caption>
                <thead>
                  <tr>
                    <th scope="col">Manager</th>
                    {LEVELS.map((l) => (
                      <th key={l} scope="col" className="num">
                        Level {l}
                      </th>
                    ))}
                    <th scope="col" className="num">
                      Appraisals
                    </th>
                    <th scope="col" className="num">
                      Mean
                    </th>
                    <th scope="col" className="num">
                      Difference
                    </th>
                    <th scope="col">Flag</th>
                  </tr>
                </thead>
                <tbody>
                  {managers.map((m) => (
                    <tr key={String(m.managerId)}>
                      <th scope="row" style={{ color: "inherit", fontWeight: 500 }}>
                        {m.managerName}
                      </th>
                      {LEVELS.map((l) => (
                        <td key={l} className="num">
                          <span
                            className="bar"
                            style={{ width: `${((m.distribution[l] ?? 0) / maxCount) * 3}rem` }}
                            aria-hidden="true"
                          />{" "}
                          {m.distribution[l] ?? 0}
                        </td>
                      ))}
                      <td className="num">{m.count}</td>
                      <td className="num">{m.mean.toFixed(2)}</td>
                      <td className="num">
                        {m.delta >= 0 ? "+" : "−"}
                        {Math.abs(m.delta).toFixed(2)}
                      </td>
                      <td>
                        {m.flagged ? (
                          <span className="flag">{`${m.direction === "lenient" ? "Lenient" : "Harsh"}: ${m.why}`}</span>
                        ) : (
                          <span className="muted">{m.why ?? "In line"}</span>
                        )}
                      </td>
                    </tr>
                  ))}
                  <tr>
                    <th scope="row">Organisation</th>
                    {LEVELS.map((l) => (
                      <td key={l} className="num">
                        {org.distribution[l] ?? 0}
                      </td>
                    ))}
                    <td className="num">{org.count}</td>
                    <td className="num">{org.mean.toFixed(2)}</td>
                    <td className="num">—</td>
                    <td />
                  </tr>
                </tbody>
              </table>
            </div>
          </section>
        </>
      )}
    </>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
