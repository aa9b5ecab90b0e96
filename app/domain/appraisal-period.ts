// Dates of an appraisal period. Pure: the clock is a parameter. Periods are stored as YYYY-MM-DD days,
// both ends inclusive; queries want an exclusive end, scores want the moment the period ended.

/** The day after a YYYY-MM-DD date, as YYYY-MM-DD: the exclusive end of a period. */
export function dayAfter(day: string): string {
  const d = new Date(`${day.slice(0, 10)}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** Scores of a period are taken at its end, or now while the period still runs. */
export function periodAsOf(periodEnd: string, now: Date): Date {
  const end = new Date(`${dayAfter(periodEnd)}T00:00:00Z`);
  return end.getTime() < now.getTime() ? end : now;
}

/** A cycle stays open for reviews up to and including its review due date. */
export function isCycleOpen(cycle: { review_due: string }, now: Date): boolean {
  return cycle.review_due >= now.toISOString().slice(0, 10);
}
