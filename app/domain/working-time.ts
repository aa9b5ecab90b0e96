// Where and when a person works (issue 13): the zone their wall clock is in and their working days and
// hours there. Pure: the model (app/models/working-time.server.ts) reads the stored values and falls back
// person → organisation → the business-hours setting, so callers always hold a complete WorkingTime.

export interface WorkingTime {
  /** IANA zone, e.g. "Europe/London" */
  zone: string;
  /** ISO weekdays worked, 1 = Monday … 7 = Sunday */
  days: readonly number[];
  /** minutes after local midnight when work starts (inclusive) */
  start: number;
  /** minutes after local midnight when work ends (exclusive); start < end */
  end: number;
}

/** True when `zone` is an IANA zone this runtime knows ("UTC" included). */
export function isTimeZone(zone: string): boolean {
  if (!zone || zone.length > 64) return false;
  try {
    new Intl.DateTimeFormat("en-GB", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** "09:30" → 570; null when not a valid "HH:MM" (24:00 allowed as an end). */
export function parseClockTime(value: string): number | null {
  const m = /^(\d{2}):(\d{2})$/.exec(value);
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (min > 59 || h > 24 || (h === 24 && min > 0)) return null;
  return h * 60 + min;
}

/** 570 → "09:30" */
export function formatClockTime(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

/** "12345" → [1,2,3,4,5]; null when a character is not 1–7 or repeats. */
export function parseWorkDays(value: string): number[] | null {
  if (!/^[1-7]{0,7}$/.test(value)) return null;
  const days = [...value].map(Number);
  return new Set(days).size === days.length ? days.sort((a, b) => a - b) : null;
}

/** The organisation's working time from its stored settings (business_hours predates zones). */
export function organisationWorkingTime(
  zone: string | null | undefined,
  hours: { startHour: number; endHour: number; weekdaysOnly: boolean },
): WorkingTime {
  return {
    zone: zone && isTimeZone(zone) ? zone : "UTC",
    days: hours.weekdaysOnly ? [1, 2, 3, 4, 5] : [1, 2, 3, 4, 5, 6, 7],
    start: hours.startHour * 60,
    end: hours.endHour * 60,
  };
}

/** A person's working time: each stored value of theirs that is valid, else the organisation's. */
export function personWorkingTime(
  stored: { time_zone: string | null; work_days: string | null; work_start: string | null; work_end: string | null },
  org: WorkingTime,
): WorkingTime {
  const start = stored.work_start ? parseClockTime(stored.work_start) : null;
  const end = stored.work_end ? parseClockTime(stored.work_end) : null;
  const hoursValid = start !== null && end !== null && start < end;
  const days = stored.work_days !== null ? parseWorkDays(stored.work_days) : null;
  return {
    zone: stored.time_zone && isTimeZone(stored.time_zone) ? stored.time_zone : org.zone,
    days: days ?? org.days,
    start: hoursValid ? start : org.start,
    end: hoursValid ? end : org.end,
  };
}
