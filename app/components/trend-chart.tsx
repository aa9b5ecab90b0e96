// Each skill's score at the end of each of the last 24 months: a recharts line chart drawn as a static
// island (charts/chart-island.tsx), and a table with the same numbers below it (each number links to the
// evidence that had been logged by the end of that month). The running month is labelled "so far"; a history
// of zeros only is a sentence and an action instead of empty axes (issue 16, point 7).
import { Link } from "@remix-run/react";
import { hasChartData, partialLabel } from "~/domain/chart-months";
import { ChartEmpty, type EmptyChart } from "./charts/chart-empty";
import { ChartIsland } from "./charts/chart-island";
import { ChartLegend } from "./charts/chart-legend";
import type { TrendPlotProps } from "./charts/plot-types";

/** Months (YYYY-MM) and, per skill, its score at the end of each of them: each number once. */
export interface ScoreHistory {
  months: string[];
  scores: Record<string, number[]>;
}

interface Props {
  id: string;
  history: ScoreHistory;
  skills: { key: string; name: string }[];
  /** evidence of a skill up to the end of a month */
  evidenceHref: (skill: string, month: string) => string;
  /** the month still running (YYYY-MM), labelled "so far": its score is today's, not a month's end */
  partialMonth?: string | null;
  /** what the card says and offers when every score is zero */
  empty: EmptyChart;
  width?: number;
  height?: number;
}

// Distinguishable for common colour-vision deficiencies (Okabe–Ito), with dashes as a second cue.
// The values are CSS variables (app/styles/app.css) with a lighter set for the dark theme.
const COLOURS = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => `var(--chart-${n})`);
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

// Drawn at about a desktop card's width: the page scales the drawing to the card (charts/fit-svg.ts).
export function SkillTrendChart({ id, history, skills, evidenceHref, partialMonth, empty, width = 960, height = 340 }: Props) {
  const { months, scores } = history;
  if (!hasChartData(skills.map((s) => scores[s.key] ?? []))) return <ChartEmpty id={`${id}-empty`} {...empty} />;
  const value = (skill: string, i: number) => scores[skill]?.[i] ?? 0;
  const label = (month: string) => partialLabel(monthLabel(month), month === partialMonth);
  const plot: TrendPlotProps = {
    id,
    width,
    height,
    data: months.map((m, i) => Object.fromEntries([["month", label(m)], ...skills.map((s) => [s.key, value(s.key, i)])])),
    lines: skills.map((s, i) => ({
      key: s.key,
      name: shortName(s.name),
      stroke: COLOURS[i % COLOURS.length]!,
      dash: DASHES[i % DASHES.length],
    })),
  };
  const first = months[0];
  const last = months[months.length - 1];
  const summary =
    first && last
      ? `Line chart of each skill's score per month from ${monthLabel(first)} to ${label(last)}. The same numbers are in the table below.`
      : "Line chart of skill scores per month.";
  return (
    <figure className="chart-figure">
      <div className="chart-box" role="img" aria-label={summary}>
        <ChartIsland kind="trend" props={plot} />
        {/* the dash as well as the colour: a second cue for each line */}
        <ChartLegend
          fontSize={13}
          items={plot.lines.map((l) => ({ name: l.name, colour: l.stroke, dash: l.dash, icon: "plainline" }))}
        />
      </div>
      <figcaption>
        <details>
          <summary>Scores per month as a table</summary>
          <div className="table-scroll">
            {/* 24 × 8 linked numbers: a byte saved per cell is 0.2 KB per page, hence no class per cell (the
                table's class aligns them) and no eager route discovery per link (the nav's link discovers /evidence) */}
            <table className="compact numbers">
              <caption className="sr-only">Score of each skill at the end of each month</caption>
              <thead>
                <tr>
                  <th scope="col">Month</th>
                  {skills.map((s) => (
                    <th key={s.key} scope="col">
                      {shortName(s.name)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {months.map((month, i) => (
                  <tr key={month}>
                    <th scope="row">{label(month)}</th>
                    {skills.map((s) => (
                      <td key={s.key}>
                        <Link to={evidenceHref(s.key, month)} discover="none">
                          {value(s.key, i).toFixed(1)}
                        </Link>
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
