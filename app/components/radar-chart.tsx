// Radar of current levels against a target position's requirements. recharts 2 with a fixed size
// (ResponsiveContainer renders nothing on the server) and an explicit id (stable SSR/hydration ids).
// The numbers are in a table below the chart, for screen readers and for reading without the picture.
import { Legend, PolarAngleAxis, PolarGrid, PolarRadiusAxis, Radar, RadarChart } from "recharts";
import { Link } from "@remix-run/react";
import { LEVEL_NAMES } from "~/domain/defaults";

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

/** Long skill names broken into lines of about 18 characters, so labels stay inside the chart. */
function lines(text: string, max = 18): string[] {
  const out: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/)) {
    if (line && (line + " " + word).length > max) {
      out.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) out.push(line);
  return out.slice(0, 3);
}

interface TickProps {
  x?: number | string;
  y?: number | string;
  cx?: number;
  cy?: number;
  payload?: { value: string };
  textAnchor?: string;
}

function AngleTick({ x = 0, y = 0, cy = 0, payload, textAnchor }: TickProps) {
  const ls = lines(payload?.value ?? "");
  const ny = Number(y);
  // Labels above the centre grow upwards, those below grow downwards.
  const dy = ny < cy ? -(ls.length - 1) * 13 : 0;
  return (
    <text
      x={Number(x)}
      y={ny + dy}
      textAnchor={(textAnchor as "start" | "middle" | "end") ?? "middle"}
      fontSize={12}
      fill="#1d2330"
    >
      {ls.map((l, i) => (
        <tspan key={i} x={Number(x)} dy={i === 0 ? 0 : 13}>
          {l}
        </tspan>
      ))}
    </text>
  );
}

export function SkillRadarChart({ id, data, targetName, evidenceHref, width = 520, height = 400 }: Props) {
  const summary = targetName
    ? `Radar chart of current skill levels against the levels ${targetName} requires, on the SFIA scale 0 to 7. The same numbers are in the table below.`
    : "Radar chart of current skill levels on the SFIA scale 0 to 7. The same numbers are in the table below.";
  return (
    <figure className="chart-figure">
      <div className="chart-box" role="img" aria-label={summary}>
        <RadarChart
          id={id}
          width={width}
          height={height}
          data={data}
          outerRadius="68%"
          margin={{ top: 24, right: 60, bottom: 24, left: 60 }}
        >
          <PolarGrid stroke="#c9d1dc" />
          <PolarAngleAxis dataKey="name" tick={<AngleTick />} />
          <PolarRadiusAxis angle={90} domain={[0, 7]} tickCount={8} tick={{ fontSize: 10, fill: "#55606f" }} axisLine={false} />
          {targetName ? (
            <Radar
              name={`Required for ${targetName}`}
              dataKey="target"
              stroke="#b04a00"
              strokeWidth={2}
              strokeDasharray="6 4"
              fill="#b04a00"
              fillOpacity={0.06}
              isAnimationActive={false}
            />
          ) : null}
          <Radar
            name="Current level"
            dataKey="current"
            stroke="#1f5fbf"
            strokeWidth={2}
            fill="#1f5fbf"
            fillOpacity={0.35}
            isAnimationActive={false}
          />
          <Legend verticalAlign="bottom" height={28} wrapperStyle={{ fontSize: 13 }} />
        </RadarChart>
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
                    <Link to={evidenceHref(d.skill)}>
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
