/** A real calendar day written YYYY-MM-DD (what <input type=date> sends). */
export function isCalendarDay(v: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

/** Dates the product accepts from a person: a typo such as 0202 or 20260 is not a plan. */
export const EARLIEST_DAY = "2000-01-01";
export const LATEST_DAY = "2100-12-31";
