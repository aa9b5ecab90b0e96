// Radar of current levels against a target position's requirements: a recharts radar drawn as a static
// island (charts/chart-island.tsx; its fixed size and explicit id are in charts/plots.tsx). The numbers are
// in a table below the chart, for screen readers and for reading without the picture. With every level at 0
// there is no shape to draw: a sentence and an action instead (issue 16, point 7).
import { Link } from "@remix-run/react";
import { hasChartData } from "~/domain/chart-months";
import { LEVEL_NAMES } from "~/domain/defaults";
import { ChartEmpty, type EmptyChart } from "./charts/chart-empty";
import { ChartIsland } from "./charts/chart-island";
import { ChartLegend, type LegendItem } from "./charts/chart-legend";

export interface RadarPointView {
  skill: string;
  name: string;
  current: number;
  target: number;
}

interface Props {
  id: string;
  data: RadarPointView[];
  targetName: string | null;
  /** evidence list for a skill */
  evidenceHref: (skill: string) => string;
  /** what the card says and offers when every current level is 0 */
  empty: EmptyChart;
  width?: number;
  height?: number;
}

// Drawn larger than the card's column on a laptop and scaled to it (charts/fit-svg.ts): issue 16 asked for a
// larger radar, so the polygon takes more of the drawing (plots.tsx) and the drawing the card's whole width.
export function SkillRadarChart({ id, data, targetName, evidenceHref, empty, width = 600, height = 470 }: Props) {
  if (!hasChartData([data.map((d) => d.current)])) return <ChartEmpty id={`${id}-empty`} {...empty} />;
  const summary = targetName
    ? `Radar chart of current skill levels against the levels ${targetName} requires, on the SFIA scale 0 to 7. The same numbers are in the table below.`
    : "Radar chart of current skill levels on the SFIA scale 0 to 7. The same numbers are in the table below.";
  const legend: LegendItem[] = [
    ...(targetName ? [{ name: `Required for ${targetName}`, colour: "var(--chart-target)", icon: "square" } as const] : []),
    { name: "Current level", colour: "var(--chart-current)", icon: "square" },
  ];
  return (
    <figure className="chart-figure">
      <div className="chart-box" role="img" aria-label={summary}>
        <ChartIsland
          kind="radar"
          props={{
            id,
            width,
            height,
            targetName,
            data: data.map((d) => ({ name: d.name, current: d.current, target: d.target })),
          }}
        />
        <ChartLegend fontSize={13} items={legend} />
      </div>
      <figcaption>
        <details>
          <summary>Radar data as a table</summary>
          <table className="compact">
            <caption className="sr-only">Current and required level per skill</caption>
            <thead>
              <tr>
                <th scope="col">Skill</th>
                <th scope="col" className="num">
                  Current level
                </th>
                {targetName ? (
                  <th scope="col" className="num">
                    Required for {targetName}
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {data.map((d) => (
                <tr key={d.skill}>
                  <th scope="row">{d.name}</th>
                  <td className="num">
                    <Link to={evidenceHref(d.skill)} discover="none">
                      {d.current} {LEVEL_NAMES[d.current] ?? ""}
                    </Link>
                  </td>
                  {targetName ? (
                    <td className="num">
                      {d.target} {LEVEL_NAMES[d.target] ?? ""}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      </figcaption>
    </figure>
  );
}
