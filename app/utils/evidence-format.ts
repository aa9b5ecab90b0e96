// Display and form helpers for evidence dates and durations. All times are UTC: the form's
// datetime-local values ("YYYY-MM-DDTHH:MM") are read as UTC and stored as ISO instants, the
// same convention the seeds and imports use, and shown back with a "UTC" suffix.

/** "2026-11-20T14:05" (a datetime-local value) → "2026-11-20T14:05:00.000Z"; null when not a valid value. */
export function fromLocalInput(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/.test(value)) return null;
  const d = new Date(value + "Z");
  if (Number.isNaN(d.getTime())) return null;
  // Reject overflowing dates such as 2026-02-31, which Date would silently roll over.
  if (d.toISOString().slice(0, 10) !== value.slice(0, 10)) return null;
  return d.toISOString();
}

/** An ISO instant → the value a datetime-local input shows ("YYYY-MM-DDTHH:MM", UTC). */
export function toLocalInput(iso: string | null | undefined): string {
  return iso ? iso.slice(0, 16) : "";
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return "—";
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

export function formatDate(iso: string | null | undefined): string {
  return iso ? iso.slice(0, 10) : "—";
}

export function formatMinutes(minutes: number): string {
  if (!minutes) return "—";
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (!h) return `${m} min`;
  return m ? `${h} h ${m} min` : `${h} h`;
}

/** A valid "YYYY-MM-DD" day, or null. */
export function validDay(value: string | null | undefined): string | null {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  const d = new Date(value + "T00:00:00Z");
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value ? value : null;
}
