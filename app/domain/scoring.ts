// Skill scores from monthly buckets of points. Pure: `now` is always passed in.
// Monthly buckets let the database do the heavy lifting with a single GROUP BY (skill, month);
// everything time-dependent (decay, trend, history) is then cheap arithmetic here.

export interface SkillBucket {
  skill: string;
  /** YYYY-MM */
  month: string;
  verifiedPoints: number;
  selfPoints: number;
  /** distinct evidence items with (net) positive points for this skill in this month */
  items: number;
  /** of those, items that were verified; optional because a plain GROUP BY may not provide it */
  verifiedItems?: number;
  /** ISO date of the latest item in the bucket */
  lastAt: string;
}

export interface ScoringThreshold {
  level: number;
  minScore: number;
  minItems: number;
}

export interface ScoringConfig {
  halfLifeMonths: number;
  verifiedWeight: number;
  selfReportedWeight: number;
  thresholds: ScoringThreshold[];
}

export interface SkillScore {
  skill: string;
  /** rounded to 1 decimal */
  score: number;
  /** undecayed, unweighted points */
  rawPoints: number;
  items: number;
  verifiedItems?: number;
  lastEvidenceAt: string | null;
  level: number;
  /** score now minus the score 90 days earlier; rounded to 1 decimal */
  trend: number;
}

export interface ScoreRow {
  skill: string;
  points: number;
  /** ISO timestamp of the work */
  at: string;
  verified: boolean;
  evidenceId: number;
}

export const TREND_DAYS = 90;
const DAY_MS = 24 * 60 * 60 * 1000;
/** Mean Gregorian month, so that "n months" of decay does not depend on which months they were. */
export const MONTH_MS = (365.2425 / 12) * DAY_MS;

export function round1(n: number): number {
  const r = Math.round(n * 10) / 10;
  return Object.is(r, -0) ? 0 : r;
}

interface MonthBounds {
  y: number;
  m: number;
  start: number;
  end: number;
  middle: number;
}

// Months are parsed over and over (every bucket × every month of history); the set of distinct
// months is small, so remembering them keeps the dashboard's arithmetic cheap. Pure: same input, same output.
const MONTH_CACHE = new Map<string, MonthBounds>();

function parseMonth(month: string): MonthBounds {
  const hit = MONTH_CACHE.get(month);
  if (hit) return hit;
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  if (!match) throw new Error(`Invalid month "${month}" (expected YYYY-MM)`);
  const y = Number(match[1]);
  const m = Number(match[2]) - 1;
  const start = Date.UTC(y, m, 1);
  const end = Date.UTC(y, m + 1, 1);
  const bounds = { y, m, start, end, middle: (start + end) / 2 };
  if (MONTH_CACHE.size > 10_000) MONTH_CACHE.clear();
  MONTH_CACHE.set(month, bounds);
  return bounds;
}

/** Start of the month (UTC), in ms. */
export function monthStart(month: string): number {
  return parseMonth(month).start;
}

/** Middle of the month (UTC), in ms: the instant a month's age, and so its decay, is measured from. */
export function monthMiddle(month: string): number {
  return parseMonth(month).middle;
}

/** Start of the following month (UTC), in ms: the instant the month has ended. */
export function monthEnd(month: string): number {
  return parseMonth(month).end;
}

export function monthOf(date: Date): string {
  return `${String(date.getUTCFullYear()).padStart(4, "0")}-${String(date.getUTCMonth() + 1).padStart(2, "0")}`;
}

/** The month `n` months before `month` (n may be negative). */
export function addMonths(month: string, n: number): string {
  const { y, m } = parseMonth(month);
  return monthOf(new Date(Date.UTC(y, m + n, 1)));
}

export function decayFactor(ageMonths: number, halfLifeMonths: number): number {
  // A non-positive half-life is a misconfiguration; counting everything fully is the least surprising reading.
  if (!(halfLifeMonths > 0)) return 1;
  const age = ageMonths > 0 ? ageMonths : 0;
  return Math.pow(0.5, age / halfLifeMonths);
}

/** Months (fractional, ≥ 0) from the middle of `month` to `now`. */
export function monthAge(month: string, now: Date): number {
  const middle = parseMonth(month).middle;
  const age = (now.getTime() - middle) / MONTH_MS;
  return age > 0 ? age : 0;
}

/** Highest level whose score and distinct-item minimums are both met; 0 if none. */
export function levelFor(score: number, items: number, thresholds: ScoringThreshold[]): number {
  let level = 0;
  for (const t of thresholds) {
    if (score >= t.minScore && items >= t.minItems && t.level > level) level = t.level;
  }
  return level;
}

/**
 * The same aggregation the SQL does: per (skill, month of `at`), points split by verification,
 * and the number of distinct evidence items whose net points for the skill are positive
 * (an item adjusted down to nothing is not evidence of the skill).
 */
export function toBuckets(rows: ScoreRow[]): SkillBucket[] {
  interface Acc {
    bucket: SkillBucket;
    lastMs: number;
    perItem: Map<number, { points: number; verified: boolean }>;
  }
  const acc = new Map<string, Acc>();
  for (const row of rows) {
    const month = row.at.slice(0, 7);
    const key = `${row.skill}\u0000${month}`;
    let a = acc.get(key);
    if (!a) {
      a = {
        bucket: { skill: row.skill, month, verifiedPoints: 0, selfPoints: 0, items: 0, verifiedItems: 0, lastAt: row.at },
        lastMs: Date.parse(row.at),
        perItem: new Map(),
      };
      acc.set(key, a);
    }
    if (row.verified) a.bucket.verifiedPoints += row.points;
    else a.bucket.selfPoints += row.points;
    const t = Date.parse(row.at);
    if (t > a.lastMs) {
      a.lastMs = t;
      a.bucket.lastAt = row.at;
    }
    const item = a.perItem.get(row.evidenceId) ?? { points: 0, verified: false };
    item.points += row.points;
    item.verified = item.verified || row.verified;
    a.perItem.set(row.evidenceId, item);
  }
  const buckets = [...acc.values()].map((a) => {
    let items = 0;
    let verifiedItems = 0;
    for (const item of a.perItem.values()) {
      if (item.points > 0) {
        items++;
        if (item.verified) verifiedItems++;
      }
    }
    return { ...a.bucket, items, verifiedItems };
  });
  return buckets.sort((x, y) => (x.month === y.month ? cmp(x.skill, y.skill) : cmp(x.month, y.month)));
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function weighted(b: SkillBucket, config: ScoringConfig): number {
  return b.verifiedPoints * config.verifiedWeight + b.selfPoints * config.selfReportedWeight;
}

/** Unrounded score of `buckets` as seen at instant `at`. */
function scoreAt(buckets: SkillBucket[], config: ScoringConfig, at: Date): number {
  let score = 0;
  for (const b of buckets) score += weighted(b, config) * decayFactor(monthAge(b.month, at), config.halfLifeMonths);
  return score;
}

/** A bucket counts at `now` once its month has begun; later months are the future. */
function startedBy(b: SkillBucket, t: number): boolean {
  return monthStart(b.month) <= t;
}

/**
 * Looking back, a bucket counts only if all of it had happened by then: its month had ended,
 * or its latest item was already in the past. Otherwise evidence logged after the earlier
 * date would be counted in the "before" score and hide real growth.
 */
function completeBy(b: SkillBucket, t: number): boolean {
  if (monthEnd(b.month) <= t) return true;
  const last = Date.parse(b.lastAt);
  return Number.isFinite(last) && last <= t && monthStart(b.month) <= t;
}

function groupBySkill(buckets: SkillBucket[]): Map<string, SkillBucket[]> {
  const bySkill = new Map<string, SkillBucket[]>();
  for (const b of buckets) {
    const list = bySkill.get(b.skill);
    if (list) list.push(b);
    else bySkill.set(b.skill, [b]);
  }
  return bySkill;
}

export function scoreSkills(buckets: SkillBucket[], skills: string[], config: ScoringConfig, now: Date): SkillScore[] {
  const nowMs = now.getTime();
  const past = new Date(nowMs - TREND_DAYS * DAY_MS);
  const bySkill = groupBySkill(buckets);
  return skills.map((skill) => {
    const all = bySkill.get(skill) ?? [];
    const current = all.filter((b) => startedBy(b, nowMs));
    const earlier = all.filter((b) => completeBy(b, past.getTime()));
    const raw = scoreAt(current, config, now);
    const score = round1(raw);
    let rawPoints = 0;
    let items = 0;
    let verifiedItems: number | undefined = undefined;
    let lastMs = -Infinity;
    let lastEvidenceAt: string | null = null;
    for (const b of current) {
      rawPoints += b.verifiedPoints + b.selfPoints;
      items += b.items;
      if (b.verifiedItems !== undefined) verifiedItems = (verifiedItems ?? 0) + b.verifiedItems;
      const t = Date.parse(b.lastAt);
      if (lastEvidenceAt === null || t > lastMs) {
        lastMs = t;
        lastEvidenceAt = b.lastAt;
      }
    }
    const result: SkillScore = {
      skill,
      score,
      rawPoints,
      items,
      lastEvidenceAt,
      // Judged on the rounded score so the level always agrees with the number on screen.
      level: levelFor(score, items, config.thresholds),
      trend: round1(raw - scoreAt(earlier, config, past)),
    };
    if (verifiedItems !== undefined) result.verifiedItems = verifiedItems;
    return result;
  });
}

/**
 * Score of each skill at the end of each of the last `months` months, oldest first;
 * the last entry is the current month as of `now`.
 */
export function scoreHistory(
  buckets: SkillBucket[],
  skills: string[],
  config: ScoringConfig,
  now: Date,
  months = 24,
): { month: string; scores: Record<string, number> }[] {
  const count = Math.max(0, Math.floor(months));
  const currentMonth = monthOf(now);
  const bySkill = groupBySkill(buckets);
  const out: { month: string; scores: Record<string, number> }[] = [];
  for (let i = count - 1; i >= 0; i--) {
    const month = addMonths(currentMonth, -i);
    const at = i === 0 ? now : new Date(monthEnd(month));
    const atMs = at.getTime();
    const scores: Record<string, number> = {};
    for (const skill of skills) {
      const upTo = (bySkill.get(skill) ?? []).filter((b) => b.month <= month && startedBy(b, atMs));
      scores[skill] = round1(scoreAt(upTo, config, at));
    }
    out.push({ month, scores });
  }
  return out;
}

export function levelsOf(scores: SkillScore[]): Record<string, number> {
  const levels: Record<string, number> = {};
  for (const s of scores) levels[s.skill] = s.level;
  return levels;
}
