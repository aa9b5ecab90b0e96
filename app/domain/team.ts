// Team view (managers): heatmap, bus factor, succession, on-call load and wellbeing flags.
// Pure: no database, no clock (`now` is passed in), no I/O. Readiness percentages come in as input
// (computed elsewhere, e.g. by ladder.ts) so this module stays independent.

import type { PositionDef } from "./types";

export type PersonId = string | number;
/** person id (as an object key) → skill key → level 0-7 */
export type TeamLevels = Record<string, Record<string, number>>;

// ---------------------------------------------------------------------------------------------
// Heatmap

export interface HeatmapRow {
  personId: PersonId;
  name: string;
  cells: { skill: string; level: number }[];
}
export interface HeatmapColumn {
  skill: string;
  /** how many people hold the skill at ≥ minLevel (3 by default) */
  covered: number;
  /** highest level anyone holds */
  max: number;
}
export interface Heatmap {
  minLevel: number;
  rows: HeatmapRow[];
  columns: HeatmapColumn[];
}

/** People × skills grid (rows in the order given, cells in skill order; missing level = 0) and per-skill column summary. */
export function heatmap(people: { id: PersonId; name: string }[], levels: TeamLevels, skills: string[], minLevel = 3): Heatmap {
  const rows: HeatmapRow[] = people.map((p) => ({
    personId: p.id,
    name: p.name,
    cells: skills.map((skill) => ({ skill, level: levels[String(p.id)]?.[skill] ?? 0 })),
  }));
  const columns: HeatmapColumn[] = skills.map((skill, i) => {
    let covered = 0;
    let max = 0;
    for (const r of rows) {
      const level = r.cells[i]!.level;
      if (level >= minLevel) covered++;
      if (level > max) max = level;
    }
    return { skill, covered, max };
  });
  return { minLevel, rows, columns };
}

// ---------------------------------------------------------------------------------------------
// Bus factor

export interface BusFactorEntry {
  skill: string;
  /** person ids (object keys of `levels`) holding the skill at ≥ minLevel, in the order of `levels` */
  holders: string[];
  /** held at ≥ minLevel by at most one person */
  atRisk: boolean;
}

export function busFactor(levels: TeamLevels, skills: string[], minLevel = 3): BusFactorEntry[] {
  const people = Object.keys(levels);
  return skills.map((skill) => {
    const holders = people.filter((id) => (levels[id]?.[skill] ?? 0) >= minLevel);
    return { skill, holders, atRisk: holders.length <= 1 };
  });
}

// ---------------------------------------------------------------------------------------------
// Succession

export interface SuccessionCandidate {
  personId: PersonId;
  name: string;
  /** position id → readiness percent (0-100) for that position */
  readiness: Record<number, number>;
  /** rank of the person's current position; 0 when they have none */
  currentPositionRank: number;
}

export interface SuccessionEntry {
  positionId: number;
  positionKey: string;
  positionName: string;
  rank: number;
  candidates: { personId: PersonId; name: string; percent: number }[];
}

/**
 * For each management position (by rank, lowest first) the `n` people nearest to it by readiness
 * (highest percent first; ties by name, then id), excluding people already at or above its rank.
 * A candidate with no readiness figure for a position counts as 0%.
 */
export function succession(positions: PositionDef[], candidates: SuccessionCandidate[], n = 3): SuccessionEntry[] {
  return positions
    .filter((p) => p.isManagement)
    .sort((a, b) => a.rank - b.rank || a.name.localeCompare(b.name))
    .map((p) => ({
      positionId: p.id,
      positionKey: p.key,
      positionName: p.name,
      rank: p.rank,
      candidates: firstN(
        candidates.filter((c) => c.currentPositionRank < p.rank),
        (c) => ({ personId: c.personId, name: c.name, percent: c.readiness[p.id] ?? 0 }),
        (a, b) => b.percent - a.percent || a.name.localeCompare(b.name) || String(a.personId).localeCompare(String(b.personId)),
        n,
      ),
    }));
}

/**
 * The first `n` of `list` (mapped) in the order of `cmp`, as a stable sort then slice would give them, without
 * sorting the whole list: for 2,000 people and three places that is one comparison per person, mostly.
 */
export function firstN<T, U>(list: T[], map: (t: T) => U, cmp: (a: U, b: U) => number, n: number): U[] {
  const top: U[] = [];
  const size = Math.max(0, Math.floor(n));
  if (size === 0) return top;
  for (const item of list) {
    const u = map(item);
    if (top.length === size && cmp(u, top[size - 1]!) >= 0) continue;
    // After every element it does not precede: equal ones keep their order, as in a stable sort.
    let i = top.length;
    while (i > 0 && cmp(u, top[i - 1]!) < 0) i--;
    top.splice(i, 0, u);
    if (top.length > size) top.pop();
  }
  return top;
}

// ---------------------------------------------------------------------------------------------
// On-call load and wellbeing

export interface LoadItem {
  personId: PersonId;
  kind: string;
  priority: string | null;
  afterHours: boolean;
  afterHoursMinutes: number;
  durationMinutes: number;
  /** ISO-8601 date or date-time */
  at: string;
  /**
   * How many items this row stands for (default 1). A database may send one row per group of items that
   * share kind, priority, the after-hours flag and whether their after-hours minutes are known (> 0), with
   * the minutes summed: every figure below then comes out as if the items had been sent one by one.
   */
  count?: number;
}

export interface MonthLoad {
  month: string; // YYYY-MM
  afterHoursHours: number;
  p1Count: number;
  onCallShifts: number;
}
export interface PersonLoad {
  personId: PersonId;
  /** one entry per requested month, in the order of `months` (zeros when nothing happened) */
  months: MonthLoad[];
}

/** Month of an ISO string as written ("2024-03-31T23:30:00+02:00" → "2024-03"), so no time zone is guessed. */
function monthOf(at: string): string | null {
  const m = /^(\d{4})-(\d{2})/.exec(at ?? "");
  return m ? `${m[1]}-${m[2]}` : null;
}

/**
 * After-hours minutes an item contributes. Rule:
 *  - only items flagged `afterHours` count;
 *  - they count their `afterHoursMinutes` (the part of the work outside business hours), and nothing else.
 * Why: a 0 means "no minutes known" and we do not guess. An on-call shift flagged after hours with no
 * minutes used to count its whole duration, so one week on call counted 168 hours of work and flagged the
 * person (issue 13): a shift is cover, and only the hours said to be worked during it are work (ADR 030;
 * the on-call health pages show the cover apart).
 */
export function afterHoursMinutesOf(
  item: Pick<LoadItem, "kind" | "afterHours" | "afterHoursMinutes" | "durationMinutes">,
): number {
  if (!item.afterHours) return 0;
  return Math.max(0, item.afterHoursMinutes || 0);
}

/**
 * Per person per month: after-hours hours, P1 count (any kind with priority "P1") and on-call shifts
 * (items of kind "on_call"). Items outside `months` are ignored. People appear in order of first
 * appearance in `items`; pass `personIds` to also include people with no items (all zeros) — they come first, in that order.
 */
export function loadByMonth(items: LoadItem[], months: string[], personIds: PersonId[] = []): PersonLoad[] {
  const monthIndex = new Map(months.map((m, i) => [m, i]));
  type Acc = { minutes: number; p1: number; shifts: number };
  const byPerson = new Map<PersonId, Acc[]>();
  const blank = (): Acc[] => months.map(() => ({ minutes: 0, p1: 0, shifts: 0 }));
  for (const id of personIds) if (!byPerson.has(id)) byPerson.set(id, blank());

  for (const item of items) {
    const month = monthOf(item.at);
    const idx = month === null ? undefined : monthIndex.get(month);
    if (idx === undefined) continue;
    let accs = byPerson.get(item.personId);
    if (!accs) {
      accs = blank();
      byPerson.set(item.personId, accs);
    }
    const acc = accs[idx]!;
    const n = item.count ?? 1;
    acc.minutes += afterHoursMinutesOf(item);
    if (item.priority === "P1") acc.p1 += n;
    if (item.kind === "on_call") acc.shifts += n;
  }

  return [...byPerson.entries()].map(([personId, accs]) => ({
    personId,
    months: accs.map((a, i) => ({
      month: months[i]!,
      afterHoursHours: a.minutes / 60,
      p1Count: a.p1,
      onCallShifts: a.shifts,
    })),
  }));
}

/**
 * One row of grouped load evidence as the database keeps it (load_months): per person and month, items that
 * share kind (on call or not), priority (P1 or not), the after-hours flag and whether their after-hours
 * minutes are known, with the minutes summed.
 */
export interface LoadGroupRow {
  person_id: PersonId;
  /** YYYY-MM */
  month: string;
  kind: string;
  /** 'P1' for P1; anything else is not */
  priority: string | null;
  after_hours: number;
  after_hours_minutes: number;
  duration_minutes: number;
  items: number;
}

/**
 * loadByMonth of grouped rows, without a LoadItem per row: the same rules (afterHoursMinutesOf, P1, on-call
 * shifts) applied to each group as if its items had been sent one by one, and the same output.
 */
export function loadByMonthOfGroups(groups: LoadGroupRow[], months: string[], personIds: PersonId[] = []): PersonLoad[] {
  const monthIndex = new Map(months.map((m, i) => [m, i]));
  type Acc = { minutes: number; p1: number; shifts: number };
  const byPerson = new Map<PersonId, Acc[]>();
  const blank = (): Acc[] => months.map(() => ({ minutes: 0, p1: 0, shifts: 0 }));
  for (const id of personIds) if (!byPerson.has(id)) byPerson.set(id, blank());
  const item = { kind: "", afterHours: false, afterHoursMinutes: 0, durationMinutes: 0 };
  for (const g of groups) {
    const idx = monthIndex.get(g.month);
    if (idx === undefined) continue;
    let accs = byPerson.get(g.person_id);
    if (!accs) {
      accs = blank();
      byPerson.set(g.person_id, accs);
    }
    const acc = accs[idx]!;
    item.kind = g.kind;
    item.afterHours = g.after_hours === 1;
    item.afterHoursMinutes = g.after_hours_minutes;
    item.durationMinutes = g.duration_minutes;
    acc.minutes += afterHoursMinutesOf(item);
    if (g.priority === "P1") acc.p1 += g.items;
    if (g.kind === "on_call") acc.shifts += g.items;
  }
  return [...byPerson.entries()].map(([personId, accs]) => ({
    personId,
    months: accs.map((a, i) => ({
      month: months[i]!,
      afterHoursHours: a.minutes / 60,
      p1Count: a.p1,
      onCallShifts: a.shifts,
    })),
  }));
}

export interface LoadThresholds {
  afterHoursHoursPerMonth: number;
  p1PerMonth: number;
  onCallShiftsPerMonth: number;
  /** on-call health (app/domain/on-call-health.ts) */
  interruptionsPerMonth: number;
  sleepInterruptionsPerMonth: number;
  consecutiveNights: number;
  minRestHours: number;
  shortRestNightsPerMonth: number;
}

export type LoadMetric = "afterHoursHours" | "p1Count" | "onCallShifts";

export const LOAD_METRIC_LABELS: Record<LoadMetric, string> = {
  afterHoursHours: "After-hours hours",
  p1Count: "P1 incidents",
  onCallShifts: "On-call shifts",
};

export interface PersonLoadFlags {
  personId: PersonId;
  flagged: boolean;
  /** only months with at least one metric over its threshold */
  months: { month: string; over: { metric: LoadMetric; value: number; threshold: number }[] }[];
}

/** Months and metrics strictly over their thresholds, per person (every person in `load` is listed). */
export function loadFlags(load: PersonLoad[], thresholds: LoadThresholds): PersonLoadFlags[] {
  const limits: [LoadMetric, number][] = [
    ["afterHoursHours", thresholds.afterHoursHoursPerMonth],
    ["p1Count", thresholds.p1PerMonth],
    ["onCallShifts", thresholds.onCallShiftsPerMonth],
  ];
  return load.map((p) => {
    const months = p.months
      .map((m) => ({
        month: m.month,
        over: limits
          .filter(([metric, threshold]) => m[metric] > threshold)
          .map(([metric, threshold]) => ({ metric, value: m[metric], threshold })),
      }))
      .filter((m) => m.over.length > 0);
    return { personId: p.personId, flagged: months.length > 0, months };
  });
}

/** The last `n` months as YYYY-MM, oldest first, ending with the month of `now` (UTC). */
export function monthsBack(now: Date, n: number): string[] {
  const out: string[] = [];
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth();
  for (let i = Math.max(0, Math.floor(n)) - 1; i >= 0; i--) {
    const d = new Date(Date.UTC(y, m - i, 1));
    out.push(`${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`);
  }
  return out;
}
