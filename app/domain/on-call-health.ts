// On-call health (issue 13 point 4, ADR 030): the after-hours model's per-item figures summed per person and
// local month, flagged against the organisation's thresholds with the reason spelled out, and the team's
// concentration and toil. Pure: the months to show and every person's working time are passed in.
import { itemAfterHours, type AfterHoursRules, type ItemAfterHours, type WorkItem } from "./after-hours";
import { localParts } from "./zoned-time";
import type { WorkingTime } from "./working-time";

export interface HealthThresholds {
  /** worked hours out of hours a month (the team view's long-standing threshold) */
  afterHoursHoursPerMonth: number;
  interruptionsPerMonth: number;
  sleepInterruptionsPerMonth: number;
  /** flagged when a run of interrupted nights is longer than this */
  consecutiveNights: number;
  /** a night is short of rest when an interruption in it leaves less than this before the next working day */
  minRestHours: number;
  /** flagged when more nights than this in a month are short of rest */
  shortRestNightsPerMonth: number;
}

/** Reactive work in Google's SRE sense of operational toil; improvement work is what removes it. */
export const REACTIVE_KINDS: ReadonlySet<string> = new Set(["incident", "on_call", "escalation"]);
export const IMPROVEMENT_KINDS: ReadonlySet<string> = new Set(["problem", "refactoring", "performance", "dr_drill", "design"]);
/** Google's SRE book caps operational work at 50 % of an engineer's time. */
export const TOIL_CAP = 0.5;

export type HealthMetric = "interruptions" | "sleepInterruptions" | "workedHours" | "longestNightRun" | "shortRests";

export const HEALTH_METRIC_LABELS: Record<HealthMetric, string> = {
  interruptions: "Interruptions",
  sleepInterruptions: "Sleep-hour interruptions",
  workedHours: "Hours worked out of hours",
  longestNightRun: "Consecutive interrupted nights",
  shortRests: "Nights short of rest",
};

export interface HealthFlag {
  metric: HealthMetric;
  value: number;
  threshold: number;
  /** one sentence a person can check against the month's row */
  reason: string;
}

export interface HealthMonth {
  /** YYYY-MM in the person's zone */
  month: string;
  interruptions: number;
  sleepInterruptions: number;
  workedHours: number;
  weightedHours: number;
  /** on-call cover in the month, hours (not work) */
  onCallHours: number;
  longestNightRun: number;
  /** the shortest rest after a sleep-hour interruption, hours; null when none */
  shortestRestHours: number | null;
  /** nights in the month that left less than the minimum rest */
  /** nights in the month that left less than the minimum rest */
  shortRests: number;
  flags: HealthFlag[];
}

export interface ToilQuarter {
  /** "2026-Q3" in the person's zone */
  quarter: string;
  reactive: number;
  improvement: number;
  /** reactive / (reactive + improvement); null when neither */
  ratio: number | null;
  overCap: boolean;
}

export interface PersonHealth {
  months: HealthMonth[];
  toil: ToilQuarter[];
  /** over some threshold in two consecutive months of those shown */
  twoMonthsRunning: boolean;
  trend: "rising" | "falling" | "steady";
  totalInterruptions: number;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

function localDate(iso: string, zone: string): string {
  const p = localParts(Date.parse(iso), zone);
  return `${String(p.year).padStart(4, "0")}-${String(p.month).padStart(2, "0")}-${String(p.day).padStart(2, "0")}`;
}

function nextDate(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** Runs of consecutive nights, each credited to the month its last night is in: month → longest run. */
function nightRuns(nights: Set<string>): Map<string, number> {
  const out = new Map<string, number>();
  const sorted = [...nights].sort();
  let run = 0;
  for (let i = 0; i < sorted.length; i++) {
    run = i > 0 && nextDate(sorted[i - 1]!) === sorted[i] ? run + 1 : 1;
    const month = sorted[i]!.slice(0, 7);
    out.set(month, Math.max(out.get(month) ?? 0, run));
  }
  return out;
}

function flagsOf(m: Omit<HealthMonth, "flags">, t: HealthThresholds): HealthFlag[] {
  const flags: HealthFlag[] = [];
  if (m.interruptions > t.interruptionsPerMonth)
    flags.push({
      metric: "interruptions",
      value: m.interruptions,
      threshold: t.interruptionsPerMonth,
      reason: `${m.interruptions} interruptions outside working hours, more than ${t.interruptionsPerMonth}.`,
    });
  if (m.sleepInterruptions > t.sleepInterruptionsPerMonth)
    flags.push({
      metric: "sleepInterruptions",
      value: m.sleepInterruptions,
      threshold: t.sleepInterruptionsPerMonth,
      reason: `${m.sleepInterruptions} interruptions in sleep hours, more than ${t.sleepInterruptionsPerMonth}.`,
    });
  if (m.workedHours > t.afterHoursHoursPerMonth)
    flags.push({
      metric: "workedHours",
      value: m.workedHours,
      threshold: t.afterHoursHoursPerMonth,
      reason: `${m.workedHours} h worked out of hours, more than ${t.afterHoursHoursPerMonth} h.`,
    });
  if (m.longestNightRun > t.consecutiveNights)
    flags.push({
      metric: "longestNightRun",
      value: m.longestNightRun,
      threshold: t.consecutiveNights,
      reason: `${m.longestNightRun} nights in a row interrupted, more than ${t.consecutiveNights}.`,
    });
  if (m.shortRests > t.shortRestNightsPerMonth)
    flags.push({
      metric: "shortRests",
      value: m.shortRests,
      threshold: t.shortRestNightsPerMonth,
      reason: `${m.shortRests} ${m.shortRests === 1 ? "night" : "nights"} left less than ${t.minRestHours} h of rest before the next working day, more than ${t.shortRestNightsPerMonth} (shortest ${m.shortestRestHours} h).`,
    });
  return flags;
}

function quarterOf(date: string): string {
  return `${date.slice(0, 4)}-Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;
}

/**
 * One person's months (`months`: YYYY-MM, oldest first, in their zone) from their items. Items are placed
 * by the local month of each interruption and, for worked time, of their resolution.
 */
export function personHealth(
  items: readonly WorkItem[],
  wt: WorkingTime,
  months: readonly string[],
  thresholds: HealthThresholds,
  rules?: AfterHoursRules,
): PersonHealth {
  const shown = new Set(months);
  const acc = new Map(
    months.map((m) => [
      m,
      {
        interruptions: 0,
        sleep: 0,
        worked: 0,
        weighted: 0,
        onCall: 0,
        shortest: null as number | null,
        shortNights: new Set<string>(),
      },
    ]),
  );
  const nights = new Set<string>();
  const quarters = new Map<string, { reactive: number; improvement: number }>();
  for (const item of items) {
    const ah: ItemAfterHours = itemAfterHours(item, wt, rules);
    for (const i of ah.interruptions) {
      const a = acc.get(localDate(i.at, wt.zone).slice(0, 7));
      if (!a) continue;
      a.interruptions++;
      if (i.sleep) {
        a.sleep++;
        if (i.night) nights.add(i.night);
        if (i.restHours !== null) {
          a.shortest = a.shortest === null ? i.restHours : Math.min(a.shortest, i.restHours);
          if (i.restHours < thresholds.minRestHours && i.night) a.shortNights.add(i.night);
        }
      }
    }
    const resolvedOn = localDate(item.resolvedAt, wt.zone);
    const a = acc.get(resolvedOn.slice(0, 7));
    if (a) {
      a.worked += ah.workedMinutes;
      a.weighted += ah.weightedMinutes;
      a.onCall += ah.shiftMinutes;
    }
    if (shown.has(resolvedOn.slice(0, 7))) {
      const q = quarters.get(quarterOf(resolvedOn)) ?? { reactive: 0, improvement: 0 };
      if (REACTIVE_KINDS.has(item.kind)) q.reactive++;
      if (IMPROVEMENT_KINDS.has(item.kind)) q.improvement++;
      quarters.set(quarterOf(resolvedOn), q);
    }
  }
  const runs = nightRuns(nights);
  const out: HealthMonth[] = months.map((month) => {
    const a = acc.get(month)!;
    const row = {
      month,
      interruptions: a.interruptions,
      sleepInterruptions: a.sleep,
      workedHours: round1(a.worked / 60),
      weightedHours: round1(a.weighted / 60),
      onCallHours: round1(a.onCall / 60),
      longestNightRun: runs.get(month) ?? 0,
      shortestRestHours: a.shortest,
      shortRests: a.shortNights.size,
    };
    return { ...row, flags: flagsOf(row, thresholds) };
  });
  const toil = [...quarters.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([quarter, q]) => {
      const total = q.reactive + q.improvement;
      const ratio = total > 0 ? q.reactive / total : null;
      return { quarter, ...q, ratio, overCap: ratio !== null && ratio > TOIL_CAP };
    });
  const recent = out.slice(-3).reduce((s, m) => s + m.interruptions, 0);
  const before = out.slice(-6, -3).reduce((s, m) => s + m.interruptions, 0);
  return {
    months: out,
    toil,
    twoMonthsRunning: out.some((m, i) => i > 0 && m.flags.length > 0 && out[i - 1]!.flags.length > 0),
    // the last three months against the three before: a change of a quarter or more, and of at least three
    // interruptions, is a trend; less is noise
    trend:
      out.length < 6
        ? "steady"
        : Math.abs(recent - before) >= Math.max(3, before / 4)
          ? recent > before
            ? "rising"
            : "falling"
          : "steady",
    totalInterruptions: out.reduce((s, m) => s + m.interruptions, 0),
  };
}

export interface TeamMember {
  personId: number;
  name: string;
  workingTime: WorkingTime;
  items: readonly WorkItem[];
}

export interface TeamHealth {
  people: (PersonHealth & { personId: number; name: string; zone: string; flaggedMonths: number })[];
  /** the share of the team's interruptions carried by its busiest person (0–1); null when none */
  concentration: { share: number; personId: number; name: string; interruptions: number; total: number } | null;
}

/**
 * The team's health: each person in their own zone (a month is the person's local month), those over a
 * threshold two months running first, then by months flagged, then by interruptions.
 */
export function teamHealth(
  members: readonly TeamMember[],
  months: readonly string[],
  thresholds: HealthThresholds,
  rules?: AfterHoursRules,
): TeamHealth {
  const people = members.map((m) => {
    const h = personHealth(m.items, m.workingTime, months, thresholds, rules);
    return {
      ...h,
      personId: m.personId,
      name: m.name,
      zone: m.workingTime.zone,
      flaggedMonths: h.months.filter((x) => x.flags.length > 0).length,
    };
  });
  people.sort(
    (a, b) =>
      Number(b.twoMonthsRunning) - Number(a.twoMonthsRunning) ||
      b.flaggedMonths - a.flaggedMonths ||
      b.totalInterruptions - a.totalInterruptions ||
      a.name.localeCompare(b.name),
  );
  const total = people.reduce((s, p) => s + p.totalInterruptions, 0);
  const busiest = [...people].sort((a, b) => b.totalInterruptions - a.totalInterruptions || a.name.localeCompare(b.name))[0];
  return {
    people,
    concentration:
      busiest && total > 0
        ? {
            share: busiest.totalInterruptions / total,
            personId: busiest.personId,
            name: busiest.name,
            interruptions: busiest.totalInterruptions,
            total,
          }
        : null,
  };
}

/** The last `n` local months of `zone` ending with the month `now` is in, oldest first. */
export function localMonthsBack(now: Date, zone: string, n: number): string[] {
  const p = localParts(now.getTime(), zone);
  const out: string[] = [];
  for (let i = n - 1; i >= 0; i--) {
    const d = new Date(Date.UTC(p.year, p.month - 1 - i, 1));
    out.push(`${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`);
  }
  return out;
}
