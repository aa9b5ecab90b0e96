// Radar of current levels against a target position's requirements: a recharts radar drawn as a static
// island (charts/chart-island.tsx; its fixed size and explicit id are in charts/plots.tsx). The numbers are
// in a table below the chart, for screen readers and for reading without the picture.
import { Link } from "@remix-run/react";
import { LEVEL_NAMES } from "~/domain/defaults";
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
  width?: number;
  height?: number;
}

export function SkillRadarChart({ id, data, targetName, evidenceHref, width = 520, height = 376 }: Props) {
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
        <ChartLegend width={width} fontSize={13} items={legend} />
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
