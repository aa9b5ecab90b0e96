import type { HealthMonth } from "~/domain/on-call-health";
import { hasChartData } from "~/domain/chart-months";
import { ChartEmpty, type EmptyChart } from "./charts/chart-empty";
import { ChartIsland } from "./charts/chart-island";
import { ChartLegend } from "./charts/chart-legend";

const SERIES = [
  { key: "interruptions", name: "Interruptions", color: "var(--chart-1)", dash: undefined },
  { key: "sleepInterruptions", name: "In sleep hours", color: "var(--chart-2)", dash: "6 3" },
  { key: "workedHours", name: "Hours worked out of hours", color: "var(--chart-3)", dash: "2 3" },
  { key: "weightedHours", name: "Weighted hours", color: "var(--chart-5)", dash: "10 4" },
] as const;

/**
 * A person's months as lines, followed by the same numbers and the flags as a table: the chart's text
 * alternative (the load chart's pattern: a static island of server-rendered SVG).
 */
export function HealthChart({
  id,
  months,
  caption,
  empty,
}: {
  id: string;
  months: HealthMonth[];
  caption: string;
  empty: EmptyChart;
}) {
  if (!hasChartData(SERIES.map((s) => months.map((m) => m[s.key])))) return <ChartEmpty id={`${id}-empty`} {...empty} />;
  return (
    <figure className="chart-figure">
      <figcaption id={`${id}-caption`}>{caption}</figcaption>
      <div className="chart-box" aria-hidden="true">
        <ChartIsland
          kind="load"
          props={{
            id,
            width: 960,
            height: 300,
            data: months.map((m) => ({ month: m.month, ...Object.fromEntries(SERIES.map((s) => [s.key, m[s.key]])) })),
            lines: SERIES.map((s) => ({ key: s.key, name: s.name, stroke: s.color, dash: s.dash })),
          }}
        />
        <ChartLegend items={SERIES.map((s) => ({ name: s.name, colour: s.color, icon: "line" }))} />
      </div>
      <HealthTable caption={`${caption} (table)`} months={months} />
    </figure>
  );
}

export function HealthTable({ caption, months }: { caption: string; months: HealthMonth[] }) {
  return (
    // focusable: on a phone the table scrolls sideways, and a keyboard must reach it (axe)
    <div className="table-scroll" tabIndex={0} role="region" aria-label={caption}>
      <table className="compact">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Month</th>
            <th scope="col" className="num">
              Interruptions
            </th>
            <th scope="col" className="num">
              In sleep hours
            </th>
            <th scope="col" className="num">
              Worked out of hours (h)
            </th>
            <th scope="col" className="num">
              Weighted (h)
            </th>
            <th scope="col" className="num">
              On-call cover (h)
            </th>
            <th scope="col" className="num">
              Nights in a row
            </th>
            <th scope="col" className="num">
              Shortest rest (h)
            </th>
            <th scope="col">Flagged</th>
          </tr>
        </thead>
        <tbody>
          {months.map((m) => (
            <tr key={m.month}>
              <th scope="row" className="nowrap">
                {m.month}
              </th>
              <td className="num">{m.interruptions}</td>
              <td className="num">{m.sleepInterruptions}</td>
              <td className="num">{m.workedHours}</td>
              <td className="num">{m.weightedHours}</td>
              <td className="num">{m.onCallHours}</td>
              <td className="num">{m.longestNightRun}</td>
              <td className="num">{m.shortestRestHours ?? "—"}</td>
              <td>{m.flags.length ? m.flags.map((f) => f.reason).join(" ") : "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
