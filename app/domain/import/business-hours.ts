// Business-hours arithmetic on wall-clock ISO strings ("YYYY-MM-DDTHH:MM[:SS]"), no time zones, no clock.
import type { BusinessHours } from "./types";

const DAY = 24 * 60;

/** Minutes since 1970-01-01T00:00 of a wall-clock ISO string (read as if UTC); NaN when malformed. */
export function wallClockMinutes(iso: string): number {
  const y = Number(iso.slice(0, 4));
  const mo = Number(iso.slice(5, 7));
  const d = Number(iso.slice(8, 10));
  const h = Number(iso.slice(11, 13));
  const mi = Number(iso.slice(14, 16));
  if (iso.length < 16 || ![y, mo, d, h, mi].every(Number.isFinite)) return Number.NaN;
  return Date.UTC(y, mo - 1, d, h, mi) / 60000;
}

/** 0 = Sunday … 6 = Saturday for a day index (minutes / 1440); 1970-01-01 was a Thursday. */
function weekday(dayIndex: number): number {
  return (((dayIndex + 4) % 7) + 7) % 7;
}

function isBusinessDay(dayIndex: number, bh: BusinessHours): boolean {
  if (!bh.weekdaysOnly) return true;
  const wd = weekday(dayIndex);
  return wd !== 0 && wd !== 6;
}

function windowOf(bh: BusinessHours): [number, number] {
  const s = Math.min(DAY, Math.max(0, bh.startHour * 60));
  const e = Math.min(DAY, Math.max(0, bh.endHour * 60));
  return [s, Math.max(s, e)];
}

/** True when the moment is before startHour, at/after endHour, or on a weekend (when weekdaysOnly). */
export function isOutsideBusinessHours(iso: string, bh: BusinessHours): boolean {
  const m = wallClockMinutes(iso);
  if (Number.isNaN(m)) return false;
  const day = Math.floor(m / DAY);
  if (!isBusinessDay(day, bh)) return true;
  const minuteOfDay = m - day * DAY;
  const [s, e] = windowOf(bh);
  return minuteOfDay < s || minuteOfDay >= e;
}

/**
 * Minutes of [start, end) that lie outside business hours, capped at `cap` (default 24 h).
 * 0 when either end is missing/malformed or end is not after start.
 */
export function afterHoursMinutes(start: string | null, end: string | null, bh: BusinessHours, cap: number = DAY): number {
  if (!start || !end) return 0;
  const s = wallClockMinutes(start);
  const e = wallClockMinutes(end);
  if (Number.isNaN(s) || Number.isNaN(e) || e <= s) return 0;
  const [ws, we] = windowOf(bh);
  if (!bh.weekdaysOnly && ws === 0 && we === DAY) return 0; // every minute is a business minute
  let total = 0;
  for (let day = Math.floor(s / DAY); day * DAY < e && total < cap; day++) {
    const dayStart = day * DAY;
    const segS = Math.max(s, dayStart);
    const segE = Math.min(e, dayStart + DAY);
    let outside = segE - segS;
    if (isBusinessDay(day, bh)) {
      const overlap = Math.min(segE, dayStart + we) - Math.max(segS, dayStart + ws);
      if (overlap > 0) outside -= overlap;
    }
    total += outside;
  }
  return Math.min(total, cap);
}

/** Whole minutes from start to end (0 when missing or negative). */
export function durationMinutes(start: string | null, end: string | null): number {
  if (!start || !end) return 0;
  const d = wallClockMinutes(end) - wallClockMinutes(start);
  return Number.isFinite(d) && d > 0 ? d : 0;
}

/**
 * After-hours flags for an item: only resolved items count; afterHours when the opening or the
 * resolving moment is outside business hours.
 */
export function afterHoursOf(
  resolved: boolean,
  startedAt: string | null,
  resolvedAt: string | null,
  bh: BusinessHours,
): { afterHours: boolean; afterHoursMinutes: number } {
  if (!resolved) return { afterHours: false, afterHoursMinutes: 0 };
  const afterHours =
    (startedAt !== null && isOutsideBusinessHours(startedAt, bh)) ||
    (resolvedAt !== null && isOutsideBusinessHours(resolvedAt, bh));
  return { afterHours, afterHoursMinutes: afterHoursMinutes(startedAt, resolvedAt, bh) };
}
