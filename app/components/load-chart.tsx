import { hasChartData, partialLabel } from "~/domain/chart-months";
import { ChartEmpty, type EmptyChart } from "./charts/chart-empty";
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
 * followed by the same numbers as a table: the chart's text alternative. The running month is labelled
 * "so far" (its counts are the days so far, not a drop); a load of zeros only is a sentence instead.
 */
export function LoadChart({
  id,
  data,
  caption,
  partialMonth,
  empty,
}: {
  id: string;
  data: LoadTrendPoint[];
  caption: string;
  partialMonth?: string | null;
  empty: EmptyChart;
}) {
  if (!hasChartData(SERIES.map((s) => data.map((d) => d[s.key])))) return <ChartEmpty id={`${id}-empty`} {...empty} />;
  const label = (month: string) => partialLabel(month, month === partialMonth);
  return (
    <figure className="chart-figure">
      <figcaption id={`${id}-caption`}>{caption}</figcaption>
      <div className="chart-box" aria-hidden="true">
        <ChartIsland
          kind="load"
          props={{
            id,
            // about a desktop card's width, scaled to the card by the page (charts/fit-svg.ts)
            width: 960,
            height: 300,
            data: data.map((d) => ({ ...d, month: label(d.month) })),
            lines: SERIES.map((s) => ({ key: s.key, name: s.name, stroke: s.color, dash: s.dash })),
          }}
        />
        <ChartLegend items={SERIES.map((s) => ({ name: s.name, colour: s.color, icon: "line" }))} />
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
                <th scope="row">{label(d.month)}</th>
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
