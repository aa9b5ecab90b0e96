// What a chart says about its months (issue 16, point 7): the month that is still running holds only the
// days so far, so plotted beside whole months it reads as a drop; it is labelled "so far" instead. And a
// chart with nothing in it says so in a sentence rather than drawing empty axes. Pure: `now` is passed in.
import { monthOf } from "./scoring";

/** The month of `months` (YYYY-MM) that `now` falls in (UTC, as the scores and load buckets are), else null. */
export function partialMonth(months: readonly string[], now: Date): string | null {
  const current = monthOf(now);
  return months.includes(current) ? current : null;
}

/** A month's axis and table label, with "so far" when it is the running month. */
export function partialLabel(label: string, partial: boolean): string {
  return partial ? `${label} so far` : label;
}

/** True when any value of any series is not zero: a chart of zeros only has nothing to show. */
export function hasChartData(series: Iterable<Iterable<number>>): boolean {
  for (const values of series) for (const v of values) if (v !== 0 && Number.isFinite(v)) return true;
  return false;
}
