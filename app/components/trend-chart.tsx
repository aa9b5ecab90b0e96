// Each skill's score at the end of each of the last 24 months. recharts 2 with a fixed size and an
// explicit id; a table with the same numbers sits below the chart (each number links to the evidence
// that had been logged by the end of that month).
import { Link } from "@remix-run/react";
import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";

interface Props {
  id: string;
  history: { month: string; scores: Record<string, number> }[];
  skills: { key: string; name: string }[];
  /** evidence of a skill up to the end of a month */
  evidenceHref: (skill: string, month: string) => string;
  width?: number;
  height?: number;
}

// Distinguishable for common colour-vision deficiencies (Okabe–Ito), with dashes as a second cue.
const COLOURS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#8a6d00", "#56B4E9", "#1d2330", "#7F3C8D"];
const DASHES = [undefined, "6 3", undefined, "2 3", undefined, "8 3 2 3", "4 4", undefined];

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
export function monthLabel(month: string): string {
  const [y, m] = month.split("-");
  return `${MONTHS[Number(m) - 1] ?? m} ${y}`;
}

/** A short name for the legend: the part before " and " / " within " ("Debugging", "Solution design"). */
function shortName(name: string): string {
  return name.split(/ and | within | \(/)[0]!.trim();
}

export function SkillTrendChart({ id, history, skills, evidenceHref, width = 820, height = 340 }: Props) {
  const data = history.map((h) => ({ month: monthLabel(h.month), ...h.scores }));
  const first = history[0]?.month;
  const last = history[history.length - 1]?.month;
  const summary =
    first && last
      ? `Line chart of each skill's score per month from ${monthLabel(first)} to ${monthLabel(last)}. The same numbers are in the table below.`
      : "Line chart of skill scores per month.";
  return (
    <figure className="chart-figure">
      <div className="chart-box" role="img" aria-label={summary}>
        <LineChart id={id} width={width} height={height} data={data} margin={{ top: 10, right: 20, bottom: 10, left: 0 }}>
          <CartesianGrid stroke="#e3e7ed" strokeDasharray="3 3" />
          <XAxis dataKey="month" tick={{ fontSize: 11, fill: "#55606f" }} interval={2} />
          <YAxis tick={{ fontSize: 11, fill: "#55606f" }} width={44} />
          <Tooltip />
          <Legend wrapperStyle={{ fontSize: 13 }} />
          {skills.map((s, i) => (
            <Line
              key={s.key}
              type="monotone"
              dataKey={s.key}
              name={shortName(s.name)}
              stroke={COLOURS[i % COLOURS.length]}
              strokeDasharray={DASHES[i % DASHES.length]}
              strokeWidth={2}
              dot={false}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </div>
      <figcaption>
        <details>
          <summary>Scores per month as a table</summary>
          <div className="table-scroll">
            <table className="compact">
              <caption className="sr-only">Score of each skill at the end of each month</caption>
              <thead>
                <tr>
                  <th scope="col">Month</th>
                  {skills.map((s) => (
                    <th key={s.key} scope="col" className="num">
                      {shortName(s.name)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {history.map((h) => (
                  <tr key={h.month}>
                    <th scope="row">{monthLabel(h.month)}</th>
                    {skills.map((s) => (
                      <td key={s.key} className="num">
                        <Link to={evidenceHref(s.key, h.month)}>{(h.scores[s.key] ?? 0).toFixed(1)}</Link>
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      </figcaption>
    </figure>
  );
}
