// The one clock of the server, the seeds, the scripts and the tests. Everything that means "now" asks
// here, so that a test run can be moved to any instant (a Saturday, a leap day, the night clocks change)
// and still agree with itself: the app, the demo seeds and the tests that date their fixtures.
//
// Production reads the real clock. With SUPPORTPATH_CLOCK set to an ISO instant with a zone
// ("2026-11-28T10:30:00Z"), every process starts at that instant and runs on in real time from there,
// so timestamps still increase and "N days ago" keeps its meaning. The offset is measured from the
// process's own start (performance.timeOrigin), not from when this module was loaded: the server build
// and a test file that both bundle a copy of this module in one process then read the same time.
// `npm start` refuses to run with it set (scripts/server/primary.ts). The pure domain (app/domain/) never
// reads a clock: it takes `now` as a parameter.

export const CLOCK_ENV = "SUPPORTPATH_CLOCK";

/** An instant with an explicit zone: without one, Date would read it in the machine's local time. */
const ZONED_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** The instant SUPPORTPATH_CLOCK asks for, in ms; null when unset. Throws on a value that is not one. */
export function parseClockSetting(value: string | undefined): number | null {
  if (value === undefined || value.trim() === "") return null;
  const v = value.trim();
  const m = ZONED_INSTANT.exec(v);
  if (!m || !isRealMoment(m.slice(1, 7).map((x) => Number(x ?? 0)))) {
    throw new Error(`${CLOCK_ENV}="${value}" is not an ISO instant with a zone, such as 2026-11-28T10:30:00Z.`);
  }
  return Date.parse(v);
}

/** Date.parse rolls 2026-02-30 over to 2 March: the written fields must survive a round trip. */
function isRealMoment([y, mo, d, h, mi, s]: number[]): boolean {
  const t = new Date(Date.UTC(y!, mo! - 1, d!, h!, mi!, s!));
  return (
    t.getUTCMonth() === mo! - 1 &&
    t.getUTCDate() === d &&
    t.getUTCHours() === h &&
    t.getUTCMinutes() === mi &&
    t.getUTCSeconds() === s
  );
}

const startMs = parseClockSetting(process.env[CLOCK_ENV]);

/** The instant SUPPORTPATH_CLOCK set this process to start at (ISO), or null on the real clock. */
export function clockSetting(): string | null {
  return startMs === null ? null : new Date(startMs).toISOString();
}

/** Milliseconds since the epoch, now. */
export function nowMs(): number {
  // performance.now() counts from the process's start and never steps back.
  return startMs === null ? Date.now() : Math.floor(startMs + performance.now());
}

/** The current instant (a new Date each call, safe to mutate). */
export function now(): Date {
  return new Date(nowMs());
}
