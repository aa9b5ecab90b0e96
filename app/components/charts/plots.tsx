// The recharts drawings of SupportPath's charts, each a function of plain, serialisable props. The server
// renders them to static SVG once per distinct props (chart-markup.server.ts); the browser imports this
// module, and recharts with it, only when it has to draw a chart itself (chart-island.tsx). Fixed sizes
// (ResponsiveContainer draws nothing on the server), scaled to the card by the page (fit-svg.ts), and
// explicit ids (stable clip-path ids). No recharts
// Legend: it lays the plot out only after measuring itself in the browser (charts/chart-legend.tsx).
// Colours are CSS variables of app/styles/app.css, so one drawing serves the light and the dark theme.
import type * as Recharts from "./recharts-pieces.client";
import type { LoadPlotProps, PlotKind, PlotProps, RadarPlotProps, TrendPlotProps } from "./plot-types";

// recharts is handed in rather than imported, so that neither the server nor the browser loads it before a
// chart is drawn: the server requires it on its first chart (chart-markup.server.ts, a cold start 0.5 s
// shorter), the browser imports the pieces used (recharts-pieces.client.ts) when a chart goes live.
let R: typeof Recharts | null = null;
export function setRechartsModule(module: typeof Recharts): void {
  R = module;
}
function recharts(): typeof Recharts {
  if (!R) throw new Error("plots.tsx: setRechartsModule() was not called before drawing a chart");
  return R;
}

/** The Tooltip only where someone can point at the chart: static markup has no use for it. */
interface Drawn {
  interactive?: boolean;
}

interface MonthTickProps {
  x?: number | string;
  y?: number | string;
  payload?: { value: string };
}

/**
 * Every `every`th month, counted back from the last one: the running month ("Dec 2026 so far") is always
 * among them, where recharts' `interval` counts from the first. Given to the axis as its `ticks`, so the
 * months between draw no tick at all (bytes: the dashboard's HTML budget).
 */
function monthTicks(data: Record<string, string | number>[], every: number): string[] {
  return data.map((d) => String(d.month)).filter((_, i) => (data.length - 1 - i) % every === 0);
}

/** A month's label; the last one ends at its tick, so that its longer text stays inside the drawing. */
function monthTick(last: string | undefined, fontSize = 11) {
  return function MonthTick({ x = 0, y = 0, payload }: MonthTickProps) {
    const anchor = payload?.value === last ? "end" : "middle";
    return (
      <text x={Number(x)} y={Number(y)} dy={fontSize + 1} textAnchor={anchor} fontSize={fontSize} fill="var(--chart-text)">
        {payload?.value ?? ""}
      </text>
    );
  };
}

function TrendPlot({ id, width, height, data, lines, interactive }: TrendPlotProps & Drawn) {
  const R = recharts();
  const MonthTick = monthTick(String(data[data.length - 1]?.month ?? ""));
  return (
    <R.LineChart id={id} width={width} height={height} data={data} margin={{ top: 10, right: 20, bottom: 10, left: 0 }}>
      <R.CartesianGrid stroke="var(--chart-grid)" strokeDasharray="3 3" />
      <R.XAxis dataKey="month" ticks={monthTicks(data, 3)} tick={<MonthTick />} interval={0} />
      <R.YAxis tick={{ fontSize: 11, fill: "var(--chart-text)" }} width={44} />
      {interactive ? <R.Tooltip /> : null}
      {lines.map((l) => (
        <R.Line
          key={l.key}
          type="monotone"
          dataKey={l.key}
          name={l.name}
          stroke={l.stroke}
          strokeDasharray={l.dash}
          strokeWidth={2}
          dot={false}
          isAnimationActive={false}
        />
      ))}
    </R.LineChart>
  );
}

function LoadPlot({ id, width, height, data, lines, interactive }: LoadPlotProps & Drawn) {
  const R = recharts();
  const MonthTick = monthTick(String(data[data.length - 1]?.month ?? ""), 14);
  return (
    <R.LineChart id={id} width={width} height={height} data={data} margin={{ top: 10, right: 40, bottom: 10, left: 0 }}>
      <R.CartesianGrid stroke="var(--chart-grid)" strokeDasharray="3 3" />
      <R.XAxis dataKey="month" tick={<MonthTick />} interval={0} />
      <R.YAxis allowDecimals={false} tick={{ fill: "var(--chart-text)" }} />
      {interactive ? <R.Tooltip /> : null}
      {lines.map((l) => (
        <R.Line
          key={l.key}
          type="monotone"
          dataKey={l.key}
          name={l.name}
          stroke={l.stroke}
          strokeDasharray={l.dash}
          strokeWidth={2}
          isAnimationActive={false}
          dot
        />
      ))}
    </R.LineChart>
  );
}

/** Long skill names broken into lines of about 18 characters, so labels stay inside the chart. */
export function labelLines(text: string, max = 18): string[] {
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
  cy?: number;
  payload?: { value: string };
  textAnchor?: string;
}

function AngleTick({ x = 0, y = 0, cy = 0, payload, textAnchor }: TickProps) {
  const ls = labelLines(payload?.value ?? "");
  const nx = Math.round(Number(x));
  const ny = Math.round(Number(y));
  // Labels above the centre grow upwards, those below grow downwards.
  const dy = ny < cy ? -(ls.length - 1) * 13 : 0;
  return (
    <text
      x={nx}
      y={ny + dy}
      textAnchor={(textAnchor as "start" | "middle" | "end") ?? "middle"}
      fontSize={12}
      fill="var(--chart-label)"
    >
      {ls.map((l, i) => (
        <tspan key={i} x={nx} dy={i === 0 ? 0 : 13}>
          {l}
        </tspan>
      ))}
    </text>
  );
}

// The HTML legend sits below the chart, so no bottom margin. The side margins leave room for labels of three
// lines of ~18 characters; the polygon takes 74% of the plot area (68% before issue 16 asked for a larger radar).
function RadarPlot({ id, width, height, data, targetName }: RadarPlotProps & Drawn) {
  const R = recharts();
  return (
    <R.RadarChart
      id={id}
      width={width}
      height={height}
      data={data}
      outerRadius="74%"
      margin={{ top: 24, right: 70, bottom: 0, left: 70 }}
    >
      <R.PolarGrid stroke="var(--chart-grid)" />
      <R.PolarAngleAxis dataKey="name" tick={<AngleTick />} />
      <R.PolarRadiusAxis
        angle={90}
        domain={[0, 7]}
        tickCount={8}
        tick={{ fontSize: 10, fill: "var(--chart-text)" }}
        axisLine={false}
      />
      {targetName ? (
        <R.Radar
          name={`Required for ${targetName}`}
          dataKey="target"
          stroke="var(--chart-target)"
          strokeWidth={2}
          strokeDasharray="6 4"
          fill="var(--chart-target)"
          fillOpacity={0.06}
          isAnimationActive={false}
        />
      ) : null}
      <R.Radar
        name="Current level"
        dataKey="current"
        stroke="var(--chart-current)"
        strokeWidth={2}
        fill="var(--chart-current)"
        fillOpacity={0.35}
        isAnimationActive={false}
      />
    </R.RadarChart>
  );
}

export const PLOTS: { [K in PlotKind]: (props: PlotProps[K] & Drawn) => JSX.Element } = {
  trend: TrendPlot,
  load: LoadPlot,
  radar: RadarPlot,
};
