// The props of each chart drawing (plots.tsx): plain data, so that they can key a cache of rendered markup
// and travel in loader data. Kept apart from plots.tsx so that importing them costs no recharts.

export interface LineSeries {
  key: string;
  name: string;
  stroke: string;
  dash?: string;
}

interface Sized {
  /** the chart's SVG id (also the prefix of its clip-path ids) */
  id: string;
  width: number;
  height: number;
}

export interface TrendPlotProps extends Sized {
  /** one row per month: `month` (its label) and a value per series key */
  data: Record<string, string | number>[];
  lines: LineSeries[];
}

export interface LoadPlotProps extends Sized {
  data: Record<string, string | number>[];
  lines: LineSeries[];
}

export interface RadarPlotProps extends Sized {
  data: { name: string; current: number; target: number }[];
  targetName: string | null;
}

export interface PlotProps {
  trend: TrendPlotProps;
  load: LoadPlotProps;
  radar: RadarPlotProps;
}

export type PlotKind = keyof PlotProps;
