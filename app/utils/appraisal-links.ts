// Links the appraisal pages share. Pure: no I/O, safe on both sides.

/** The evidence list of a person's period (the list route is /evidence; both ends inclusive), optionally one skill's. */
export function periodEvidenceHref(personId: number, periodStart: string, periodEnd: string, skill?: string): string {
  const q = new URLSearchParams({ person: String(personId), from: periodStart, to: periodEnd });
  if (skill) q.set("skill", skill);
  return `/evidence?${q.toString()}`;
}
