import { ChartIsland } from "./charts/chart-island";
import { ChartLegend } from "./charts/chart-legend";

export interface LoadTrendPoint {
  month: string;
  afterHoursHours: number;
  p1Count: number;
  onCallShifts: number;
  peopleOver: number;
}

const SERIES = [
  { key: "afterHoursHours", name: "After-hours hours", color: "var(--chart-1)", dash: undefined },
  { key: "p1Count", name: "P1 incidents", color: "var(--chart-2)", dash: "6 3" },
  { key: "onCallShifts", name: "On-call shifts", color: "var(--chart-3)", dash: "2 3" },
  { key: "peopleOver", name: "People over a threshold", color: "var(--chart-5)", dash: "10 4" },
] as const;

/**
 * The team's monthly load as lines (a static island of server-rendered SVG: charts/chart-island.tsx),
 * followed by the same numbers as a table: the chart's text alternative.
 */
export function LoadChart({ id, data, caption }: { id: string; data: LoadTrendPoint[]; caption: string }) {
  return (
    <figure className="chart-figure">
      <figcaption id={`${id}-caption`}>{caption}</figcaption>
      <div className="chart-box" aria-hidden="true">
        <ChartIsland
          kind="load"
          props={{
            id,
            width: 760,
            height: 257,
            data: data.map((d) => ({ ...d })),
            lines: SERIES.map((s) => ({ key: s.key, name: s.name, stroke: s.color, dash: s.dash })),
          }}
        />
        <ChartLegend width={720} items={SERIES.map((s) => ({ name: s.name, colour: s.color, icon: "line" }))} />
      </div>
      {/* focusable: on a phone the table scrolls sideways, and a keyboard must reach it (axe) */}
      <div className="table-scroll" tabIndex={0} role="region" aria-label={`${caption} (table)`}>
        <table className="compact">
          <caption>{`${caption} (table)`}</caption>
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
            {data.map((d) => (
              <tr key={d.month}>
                <th scope="row">{d.month}</th>
                {SERIES.map((s) => (
                  <td key={s.key} className="num">
                    {d[s.key]}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
