// Calibration: does any manager rate noticeably more leniently or harshly than the organisation?
// Pure: the caller passes the manager ratings of one cycle (one rating per appraisal — e.g. the mean of
// the manager's skill ratings — or one per skill; either works, the unit is "a rating").
//
// Statistic (simple and explainable): compare each manager's mean with the organisation's mean, in units
// of the standard error a mean of that many ratings would have if the manager rated like everyone else:
//     delta = managerMean − orgMean,   z = delta / (orgSd / √n)
// Flag when n ≥ minRatings, |z| > zThreshold AND |delta| ≥ minDelta. The z test stops a manager with two or
// three ratings being flagged by chance; the minimum delta (half a level by default) stops a big team being
// flagged for a difference too small to matter. orgSd is the population standard deviation of all ratings
// (the cycle's ratings are the whole population, not a sample); the manager's own ratings are part of the
// organisation's figures, which keeps it simple and only makes the test slightly more conservative.

export interface CalibrationRating {
  managerId: string | number;
  managerName: string;
  personId: string | number;
  /** 0-7; may be fractional when averaged */
  level: number;
}

export interface CalibrationOptions {
  zThreshold: number;
  minRatings: number;
  /** smallest |mean − org mean|, in levels, that can be flagged */
  minDelta: number;
}

export const DEFAULT_CALIBRATION_OPTIONS: CalibrationOptions = { zThreshold: 1.5, minRatings: 3, minDelta: 0.5 };

/** rounded level (0-7) → number of ratings; every level 0..7 present */
export type Distribution = Record<number, number>;

export interface ManagerCalibration {
  managerId: string | number;
  managerName: string;
  count: number;
  mean: number;
  distribution: Distribution;
  /** mean − org mean */
  delta: number;
  /** delta / (orgSd / √count); null when it cannot be computed (no spread in the organisation) */
  z: number | null;
  direction: "lenient" | "harsh" | null;
  flagged: boolean;
  why: string | null;
}

export interface CalibrationResult {
  org: { mean: number; sd: number; count: number; distribution: Distribution };
  managers: ManagerCalibration[];
}

const MAX_LEVEL = 7;

function distribution(levels: number[]): Distribution {
  const d: Distribution = {};
  for (let l = 0; l <= MAX_LEVEL; l++) d[l] = 0;
  // averaged levels go to the nearest whole level (halves round up: 3.5 → 4)
  for (const level of levels) {
    const bucket = Math.min(MAX_LEVEL, Math.max(0, Math.round(level)));
    d[bucket] = (d[bucket] ?? 0) + 1;
  }
  return d;
}

function mean(xs: number[]): number {
  return xs.length === 0 ? 0 : xs.reduce((s, x) => s + x, 0) / xs.length;
}

/** population standard deviation */
function sd(xs: number[], m: number): number {
  return xs.length === 0 ? 0 : Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / xs.length);
}

const fmt = (x: number) => x.toFixed(2);
const signed = (x: number) => (x >= 0 ? "+" : "−") + Math.abs(x).toFixed(2);

export function calibrate(ratings: CalibrationRating[], opts: Partial<CalibrationOptions> = {}): CalibrationResult {
  const o: CalibrationOptions = { ...DEFAULT_CALIBRATION_OPTIONS, ...opts };
  const valid = ratings.filter((r) => typeof r.level === "number" && Number.isFinite(r.level));
  const all = valid.map((r) => r.level);
  const orgMean = mean(all);
  const orgSd = sd(all, orgMean);

  const groups = new Map<string | number, { name: string; levels: number[] }>();
  for (const r of valid) {
    const g = groups.get(r.managerId);
    if (g) g.levels.push(r.level);
    else groups.set(r.managerId, { name: r.managerName, levels: [r.level] });
  }

  const managers: ManagerCalibration[] = [...groups.entries()].map(([managerId, g]) => {
    const n = g.levels.length;
    const m = mean(g.levels);
    const delta = m - orgMean;
    const z = orgSd > 0 ? delta / (orgSd / Math.sqrt(n)) : null;
    const base = { managerId, managerName: g.name, count: n, mean: m, distribution: distribution(g.levels), delta, z };

    if (n < o.minRatings) {
      return {
        ...base,
        direction: null,
        flagged: false,
        why: `Only ${n} rating${n === 1 ? "" : "s"} — at least ${o.minRatings} are needed before comparing with the organisation`,
      };
    }
    const flagged = z !== null && Math.abs(z) > o.zThreshold && Math.abs(delta) >= o.minDelta;
    if (!flagged) return { ...base, direction: null, flagged: false, why: null };
    const direction = delta > 0 ? "lenient" : "harsh";
    return {
      ...base,
      direction,
      flagged: true,
      why:
        `Rates ${direction === "lenient" ? "higher" : "lower"} than the organisation: mean ${fmt(m)} vs ${fmt(orgMean)} ` +
        `(${signed(delta)} levels over ${n} ratings, ${Math.abs(z!).toFixed(1)} standard errors; ` +
        `flagged beyond ${o.zThreshold} standard errors and ${o.minDelta} levels)`,
    };
  });

  managers.sort((a, b) => a.managerName.localeCompare(b.managerName) || String(a.managerId).localeCompare(String(b.managerId)));

  return {
    org: { mean: orgMean, sd: orgSd, count: all.length, distribution: distribution(all) },
    managers,
  };
}

/** One stored manager rating of one skill, as the cycle's query returns it. */
export interface SkillRatingRow {
  appraisal_id: number;
  manager_id: number | null;
  manager_name: string | null;
  person_id: number;
  manager_level: number | string | null;
}

/**
 * One rating per appraisal: the mean of its manager's skill ratings, credited to the manager who rated
 * (an appraisal without a manager counts under "No manager"). Appraisals keep their first-seen order.
 */
export function ratingsPerAppraisal(rows: SkillRatingRow[]): CalibrationRating[] {
  const per = new Map<number, { managerId: number | null; managerName: string | null; personId: number; levels: number[] }>();
  for (const r of rows) {
    if (r.manager_level === null) continue; // not rated: not part of the mean
    const x = per.get(r.appraisal_id) ?? {
      managerId: r.manager_id,
      managerName: r.manager_name,
      personId: r.person_id,
      levels: [],
    };
    x.levels.push(Number(r.manager_level));
    per.set(r.appraisal_id, x);
  }
  return [...per.values()].map((x) => ({
    managerId: x.managerId ?? 0,
    managerName: x.managerName ?? "No manager",
    personId: x.personId,
    level: x.levels.reduce((s, l) => s + l, 0) / x.levels.length,
  }));
}
