// "Any day, any zone": the date-sensitive tests run again with the clock frozen on chosen instants and
// under other time zones, so that no test depends on today's date, weekday or the machine's zone.
// SUPPORTPATH_CLOCK moves the shared clock (app/clock.server.ts) of the app, the seeds and the tests;
// TZ moves the process's local time, which no code may read unless it is about local time.
// scripts/test.ts runs each variant over DATE_SENSITIVE_TESTS (vitest), on a template database built
// under the same clock and zone.

export interface ClockVariant {
  /** Short name for the report and the variant's template database. */
  name: string;
  /** What this instant or zone catches. */
  why: string;
  env: {
    /** An ISO instant with a zone: the clock starts there when each process starts, then runs on. */
    SUPPORTPATH_CLOCK?: string;
    /** An IANA zone for the processes' local time. */
    TZ?: string;
  };
}

// Instants must be later than the fixed dates some tests use as "in the past" (the latest is
// 2026-03-02, in test/e2e/evidence.spec.ts), since evidence may not finish in the future.
// Each zone rides on a frozen instant, so that four runs cover both (CI's time is bounded: .ci/run < 15 min).
export const CLOCK_VARIANTS: readonly ClockVariant[] = [
  {
    name: "saturday-kiritimati",
    why: "a weekend morning (tickets dated 'N days ago' fall outside business hours), at UTC+14 where it is already Sunday",
    env: { SUPPORTPATH_CLOCK: "2026-11-28T10:30:00Z", TZ: "Pacific/Kiritimati" },
  },
  {
    name: "leap-day-los-angeles",
    why: "29 February of a leap year (one-year-back periods, a year other than the current one), at UTC-8 where it is still 28 February in the small hours",
    env: { SUPPORTPATH_CLOCK: "2028-02-29T05:00:00Z", TZ: "America/Los_Angeles" },
  },
  {
    name: "dst-london",
    why: "half an hour before the clocks go forward in Europe (01:00 UTC on 2026-03-29), a Sunday, in London",
    env: { SUPPORTPATH_CLOCK: "2026-03-29T00:30:00Z", TZ: "Europe/London" },
  },
  {
    name: "new-year-los-angeles",
    why: "just after New Year in UTC while still 31 December in Los Angeles: last year's cycle is still open",
    env: { SUPPORTPATH_CLOCK: "2027-01-01T00:30:00Z", TZ: "America/Los_Angeles" },
  },
];

/** The pure modules' date-sensitive files, with fixed instants: cheap, run under every variant (they catch local-time getters under TZ). */
const DATE_SENSITIVE_UNIT: readonly string[] = [
  "test/unit/clock.test.ts",
  "test/unit/scoring.test.ts",
  "test/unit/team.test.ts",
  "test/unit/portfolio.test.ts",
  "test/unit/appraisal-workflow.test.ts",
  "test/unit/import/business-hours.test.ts",
  "test/unit/import/dates.test.ts",
  "test/unit/import/servicenow.test.ts",
  "test/unit/import/plan.test.ts",
  "test/unit/working-time.test.ts",
  "test/unit/zoned-time.test.ts",
  "test/unit/notifications.test.ts",
];

/**
 * The HTTP files (on the demo seeded relative to the clock) whose outcome could depend on the date, weekday
 * or zone: dates, business hours and after-hours, decay and trends, periods and cycles, goals, sessions,
 * "not in the future" checks, certifications' days left. Each is 10–40 s of a 2-core machine, so each runs
 * under the first variant (a weekend, at UTC+14: the harshest for weekdays and local dates) and under the
 * variants whose instant is about what it checks (see INTEGRATION_BY_VARIANT), not under all four: CI's
 * time is bounded (.ci/run < 15 min).
 */
export const DATE_SENSITIVE_INTEGRATION: readonly string[] = [
  "test/integration/import.test.ts",
  "test/integration/api.test.ts",
  "test/integration/dashboard.test.ts",
  "test/integration/team.test.ts",
  "test/integration/skill-months.test.ts",
  "test/integration/appraisals.test.ts",
  "test/integration/goals.test.ts",
  "test/integration/evidence.test.ts",
  "test/integration/portfolio.test.ts",
  "test/integration/auth.test.ts",
  "test/integration/cli.test.ts",
  "test/integration/certifications.test.ts",
  "test/integration/access-matrix.test.ts",
];

/** Beyond the first variant, which runs them all: the files each instant is about. */
const INTEGRATION_BY_VARIANT: Record<string, readonly string[]> = {
  // one year back from 29 February, months and periods that cross it
  "leap-day-los-angeles": [
    "test/integration/dashboard.test.ts",
    "test/integration/skill-months.test.ts",
    "test/integration/portfolio.test.ts",
    "test/integration/goals.test.ts",
  ],
  // a day of 23 hours: business hours, session lifetimes, "not in the future", days left
  "dst-london": [
    "test/integration/import.test.ts",
    "test/integration/auth.test.ts",
    "test/integration/evidence.test.ts",
    "test/integration/certifications.test.ts",
  ],
  // a cycle that is still open in the viewer's zone, and the year a team or an API period falls in
  "new-year-los-angeles": [
    "test/integration/appraisals.test.ts",
    "test/integration/team.test.ts",
    "test/integration/api.test.ts",
  ],
};

/** Every file that any variant runs. */
export const DATE_SENSITIVE_TESTS: readonly string[] = [...DATE_SENSITIVE_UNIT, ...DATE_SENSITIVE_INTEGRATION];

/** The files one variant runs: the unit files always; the HTTP files all under the first, else its own. */
export function variantTests(v: ClockVariant): readonly string[] {
  const http = v === CLOCK_VARIANTS[0] ? DATE_SENSITIVE_INTEGRATION : (INTEGRATION_BY_VARIANT[v.name] ?? []);
  return [...DATE_SENSITIVE_UNIT, ...http];
}

/**
 * The environment of one variant run: the variant's settings, and REFRESH_TEMPLATE so that the template
 * is seeded afresh under them (a frozen clock's template would otherwise be reused from an earlier run,
 * even after the seeds or the migrations changed).
 */
export function variantEnv(v: ClockVariant): Record<string, string> {
  const env: Record<string, string> = { REFRESH_TEMPLATE: "1" };
  for (const [k, val] of Object.entries(v.env)) if (val !== undefined) env[k] = val;
  return env;
}
