// The after-hours model (issue 13 point 3, ADR 030): what an item cost its owner outside their working
// hours, computed from the owner's zone and hours, never from UTC. Pure: instants in, figures out.
//
// The rules, each with its reason:
//  - A work event is an opening/assignment, a state change, a resolution or a page. One outside the
//    owner's working hours is an interruption and counts once (events in the same minute are one event):
//    being pulled out of your evening is the cost, however many fields the tool changed.
//  - An interruption in the sleep window (default 22:00–07:00 local) is a sleep-hour interruption: the
//    cost research on on-call fatigue measures is broken sleep, not total minutes.
//  - Worked time out of hours is only ever credited around work events: within each stretch of non-working
//    time that holds events of the item, from the first to the last of them, with `followUpMinutes` after
//    a last event that is not the resolution (someone who is paged then works a while) and before a first
//    event that is the resolution (someone who resolves at 19:00 was working up to it). Clipped to the
//    stretch and to the item's own span, so it never exceeds the item's duration and never counts a night
//    in which nothing happened — a ticket open over five nights is not five nights of work.
//  - An on-call shift is cover, not work: its length is recorded as `shiftMinutes`, its worked time is only
//    what the person says they worked (capped by the shift's non-working time) or, when they say nothing,
//    what its pages show. An on-call week is 168 hours of cover and, say, 3 hours of work.
//  - A figure the person states for any other item is believed up to the same ceiling (the item's
//    non-working time in stretches with an event); the model never invents more than the times allow.
//  - Weights: worked minutes on a non-working day count `weekendWeight` (default 2), in the sleep window
//    `nightWeight` (default 1.5), other out-of-hours minutes 1 — the larger applies when both do.
import { localParts, localToInstant } from "./zoned-time";
import type { WorkingTime } from "./working-time";

export type WorkEventKind = "opened" | "assigned" | "state" | "resolved" | "page";

export interface WorkEvent {
  /** UTC ISO instant */
  at: string;
  kind: WorkEventKind;
}

export interface AfterHoursRules {
  /** local minutes after midnight the sleep window starts (inclusive) and ends (exclusive); may wrap midnight */
  sleepStart: number;
  sleepEnd: number;
  /** worked time assumed next to a lone out-of-hours event */
  followUpMinutes: number;
  nightWeight: number;
  weekendWeight: number;
}

export const DEFAULT_AFTER_HOURS_RULES: AfterHoursRules = {
  sleepStart: 22 * 60,
  sleepEnd: 7 * 60,
  followUpMinutes: 30,
  nightWeight: 1.5,
  weekendWeight: 2,
};

export interface WorkItem {
  kind: string;
  startedAt: string | null;
  resolvedAt: string;
  /** minutes from start to resolution when startedAt is unknown (manual items) */
  durationMinutes?: number;
  /** events besides the opening and the resolution (assignments, state changes, pages) */
  events?: readonly WorkEvent[];
  /** minutes the person says they worked out of hours (for a shift: worked during it), null when not said */
  statedMinutes?: number | null;
}

export interface Interruption {
  at: string;
  kind: WorkEventKind;
  /** in the sleep window of the owner's zone */
  sleep: boolean;
  /** on a day the owner does not work */
  offDay: boolean;
  /** local date (YYYY-MM-DD) of the night it broke: a 02:00 page belongs to the night that began the day before */
  night: string | null;
  /** hours from it to the start of the owner's next working period (only for sleep-hour interruptions) */
  restHours: number | null;
}

export interface ItemAfterHours {
  interruptions: Interruption[];
  workedMinutes: number;
  weightedMinutes: number;
  /** an on-call shift's length (cover); 0 for other kinds */
  shiftMinutes: number;
  /** the flag the mapping rules read: the item interrupted its owner or cost them time out of hours */
  afterHours: boolean;
}

const MIN = 60_000;
const DAY = 86_400_000;
/** longest span worked through day by day; longer items are clipped (a year-long "item" is a data error) */
const MAX_SPAN = 62 * DAY;

type Interval = [number, number];

/** The owner's working periods as instants, for local dates covering [from, to] with a week either side. */
export function workingPeriods(fromMs: number, toMs: number, wt: WorkingTime): Interval[] {
  const out: Interval[] = [];
  const first = localParts(fromMs - 8 * DAY, wt.zone);
  const cursor = new Date(Date.UTC(first.year, first.month - 1, first.day));
  const last = toMs + 8 * DAY;
  for (let guard = 0; guard < 200 && cursor.getTime() - 2 * DAY <= last; guard++) {
    const date = cursor.toISOString().slice(0, 10);
    const weekday = ((cursor.getUTCDay() + 6) % 7) + 1;
    if (wt.days.includes(weekday)) {
      const start = localToInstant(`${date}T${clock(wt.start)}`, wt.zone);
      const end = wt.end >= 24 * 60 ? nextMidnight(date, wt.zone) : localToInstant(`${date}T${clock(wt.end)}`, wt.zone);
      if (start && end) {
        const a = Date.parse(start.iso);
        const b = Date.parse(end.iso);
        if (b > a) out.push([a, b]);
      }
    }
    cursor.setUTCDate(cursor.getUTCDate() + 1);
  }
  return out;
}

function nextMidnight(date: string, zone: string) {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return localToInstant(`${d.toISOString().slice(0, 10)}T00:00`, zone);
}

function clock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

/** The non-working stretch holding `t`, or null when `t` is inside a working period. */
function stretchOf(t: number, periods: Interval[]): Interval | null {
  let before = -Infinity;
  for (const [a, b] of periods) {
    if (t >= a && t < b) return null;
    if (b <= t) before = Math.max(before, b);
    else return [before, a];
  }
  return [before, Infinity];
}

function inSleep(minuteOfDay: number, r: AfterHoursRules): boolean {
  return r.sleepStart <= r.sleepEnd
    ? minuteOfDay >= r.sleepStart && minuteOfDay < r.sleepEnd
    : minuteOfDay >= r.sleepStart || minuteOfDay < r.sleepEnd;
}

function dayBefore(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** Where an instant falls for its owner: sleep window, non-working day, the night it belongs to. */
function placeOf(t: number, wt: WorkingTime, r: AfterHoursRules) {
  const p = localParts(t, wt.zone);
  const minute = p.hour * 60 + p.minute;
  const date = `${String(p.year).padStart(4, "0")}-${String(p.month).padStart(2, "0")}-${String(p.day).padStart(2, "0")}`;
  const sleep = inSleep(minute, r);
  const wrapsAndEarly = r.sleepStart > r.sleepEnd && minute < r.sleepEnd;
  return { sleep, offDay: !wt.days.includes(p.weekday), night: sleep ? (wrapsAndEarly ? dayBefore(date) : date) : null };
}

function weightOf(t: number, wt: WorkingTime, r: AfterHoursRules): number {
  const place = placeOf(t, wt, r);
  return Math.max(1, place.offDay ? r.weekendWeight : 1, place.sleep ? r.nightWeight : 1);
}

/** Weighted minutes of intervals, sampled every 15 minutes (weights change on the hour or the half hour). */
function weighted(intervals: Interval[], wt: WorkingTime, r: AfterHoursRules): number {
  const STEP = 15 * MIN;
  let total = 0;
  for (const [a, b] of intervals) {
    for (let t = a; t < b; t += STEP) total += (Math.min(STEP, b - t) / MIN) * weightOf(t, wt, r);
  }
  return total;
}

/** Non-working parts of [a, b) given the working periods. */
function nonWorking([a, b]: Interval, periods: Interval[]): Interval[] {
  const out: Interval[] = [];
  let t = a;
  for (const [c, d] of periods) {
    if (d <= t) continue;
    if (c >= b) break;
    if (c > t) out.push([t, Math.min(c, b)]);
    t = Math.max(t, d);
    if (t >= b) break;
  }
  if (t < b) out.push([t, b]);
  return out;
}

const sum = (xs: Interval[]) => xs.reduce((s, [a, b]) => s + (b - a), 0);

/** What one item cost its owner out of hours. */
export function itemAfterHours(item: WorkItem, wt: WorkingTime, r: AfterHoursRules = DEFAULT_AFTER_HOURS_RULES): ItemAfterHours {
  const end = Date.parse(item.resolvedAt);
  const startMs = item.startedAt ? Date.parse(item.startedAt) : end - Math.max(0, item.durationMinutes ?? 0) * MIN;
  if (Number.isNaN(end)) return { interruptions: [], workedMinutes: 0, weightedMinutes: 0, shiftMinutes: 0, afterHours: false };
  const span: Interval = [Math.max(Number.isNaN(startMs) ? end : Math.min(startMs, end), end - MAX_SPAN), end];
  const onCall = item.kind === "on_call";

  const raw: { t: number; kind: WorkEventKind }[] = [];
  if (!onCall && item.startedAt && !Number.isNaN(startMs)) raw.push({ t: startMs, kind: "opened" });
  for (const e of item.events ?? []) raw.push({ t: Date.parse(e.at), kind: e.kind });
  if (!onCall) raw.push({ t: end, kind: "resolved" });
  const byMinute = new Map<number, { t: number; kind: WorkEventKind }>();
  for (const e of raw) {
    if (Number.isNaN(e.t)) continue;
    const key = Math.floor(e.t / MIN);
    const seen = byMinute.get(key);
    // one event per minute; a resolution in that minute is kept as the resolution
    if (!seen || e.kind === "resolved") byMinute.set(key, { t: key * MIN, kind: e.kind });
  }
  const events = [...byMinute.values()].sort((a, b) => a.t - b.t);
  const lo = Math.min(span[0], events[0]?.t ?? span[0]);
  const hi = Math.max(span[1], events.at(-1)?.t ?? span[1]);
  const periods = workingPeriods(lo, hi, wt);

  // interruptions, grouped by the non-working stretch they fall in
  const interruptions: Interruption[] = [];
  const groups = new Map<number, { stretch: Interval; events: { t: number; kind: WorkEventKind }[] }>();
  for (const e of events) {
    const stretch = stretchOf(e.t, periods);
    if (!stretch) continue;
    const place = placeOf(e.t, wt, r);
    const next = periods.find(([a]) => a > e.t);
    interruptions.push({
      at: new Date(e.t).toISOString(),
      kind: e.kind,
      sleep: place.sleep,
      offDay: place.offDay,
      night: place.night,
      restHours: place.sleep && next ? Math.round(((next[0] - e.t) / 3_600_000) * 10) / 10 : null,
    });
    const g = groups.get(stretch[0]) ?? { stretch, events: [] };
    g.events.push(e);
    groups.set(stretch[0], g);
  }

  const follow = r.followUpMinutes * MIN;
  const estimate: Interval[] = [];
  for (const { stretch, events: es } of groups.values()) {
    const first = es[0]!;
    const last = es.at(-1)!;
    const from = first.kind === "resolved" ? first.t - follow : first.t;
    const to = last.kind === "resolved" ? last.t : last.t + follow;
    const bounds: Interval = onCall ? [stretch[0], stretch[1]] : [Math.max(stretch[0], span[0]), Math.min(stretch[1], span[1])];
    const a = Math.max(from, bounds[0]);
    const b = Math.min(to, bounds[1]);
    if (b > a) estimate.push([a, b]);
  }

  // the most the times allow: the shift's non-working time, or the item's in stretches holding an event
  const ceilingParts = onCall
    ? nonWorking(span, periods)
    : [...groups.values()]
        .map(({ stretch }) => [Math.max(stretch[0], span[0]), Math.min(stretch[1], span[1])] as Interval)
        .filter(([a, b]) => b > a);
  const ceiling = sum(ceilingParts);

  let workedMs: number;
  let weightedMin: number;
  const stated = item.statedMinutes;
  if (stated !== null && stated !== undefined && stated >= 0) {
    workedMs = Math.min(stated * MIN, ceiling);
    // the stated minutes carry the average weight of the time they could have been worked in
    weightedMin = ceiling > 0 ? (weighted(ceilingParts, wt, r) * workedMs) / ceiling : 0;
  } else {
    workedMs = sum(estimate);
    weightedMin = weighted(estimate, wt, r);
  }
  const workedMinutes = Math.round(workedMs / MIN);
  return {
    interruptions,
    workedMinutes,
    weightedMinutes: Math.round(weightedMin),
    shiftMinutes: onCall ? Math.round((span[1] - span[0]) / MIN) : 0,
    afterHours: interruptions.length > 0 || workedMinutes > 0,
  };
}
