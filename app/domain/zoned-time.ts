// Zone arithmetic with Intl only (issue 13, ADR 029). Instants are stored as UTC ISO strings; people type and
// read wall-clock times in their own IANA zone. Pure: no clock, no process zone (never getTimezoneOffset), so
// the server and the browser compute the same thing.

export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** ISO weekday, 1 = Monday … 7 = Sunday */
  weekday: number;
}

/** How a typed local time became an instant. */
export type LocalResolution =
  /** the wall-clock time exists once */
  | "exact"
  /** it falls in a spring-forward gap and does not exist: moved forward by the gap's length (01:30 → 02:30 BST) */
  | "moved-forward"
  /** it happens twice at an autumn change: the earlier instant (the one still on summer time) is taken */
  | "earlier-of-two";

const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      weekday: "short",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(zone, f);
  }
  return f;
}

/** The wall-clock parts of an instant (ms since the epoch) in `zone`. */
export function localParts(instantMs: number, zone: string): LocalParts {
  const out: Record<string, string> = {};
  for (const p of formatter(zone).formatToParts(new Date(instantMs))) out[p.type] = p.value;
  return {
    year: Number(out.year),
    month: Number(out.month),
    day: Number(out.day),
    hour: Number(out.hour) % 24,
    minute: Number(out.minute),
    second: Number(out.second),
    weekday: WEEKDAYS[out.weekday ?? ""] ?? 0,
  };
}

/** Minutes `zone` is ahead of UTC at an instant (+60 for BST, -300 for EST, +330 for Kolkata). */
export function offsetMinutes(instantMs: number, zone: string): number {
  const p = localParts(instantMs, zone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((asUtc - Math.floor(instantMs / 1000) * 1000) / 60_000);
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/**
 * A local "YYYY-MM-DDTHH:MM" in `zone` → its UTC instant, or null when the value is not a real date and time.
 * Gap: moved forward by the gap's length. Overlap: the earlier of the two instants. Assumes at most one
 * offset change within a day either side, true of every IANA zone.
 */
export function localToInstant(local: string, zone: string): { iso: string; resolution: LocalResolution } | null {
  const m = LOCAL.exec(local);
  if (!m) return null;
  const [y, mo, d, h, mi] = m.slice(1).map(Number) as [number, number, number, number, number];
  const guess = Date.UTC(y, mo - 1, d, h, mi);
  const check = new Date(guess);
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59) return null;
  const day = 86_400_000;
  const before = guess - offsetMinutes(guess - day, zone) * 60_000;
  const after = guess - offsetMinutes(guess + day, zone) * 60_000;
  const fits = (t: number) => {
    const p = localParts(t, zone);
    return p.year === y && p.month === mo && p.day === d && p.hour === h && p.minute === mi;
  };
  const candidates = [...new Set([before, after])].filter(fits).sort((a, b) => a - b);
  if (candidates.length === 0) return { iso: new Date(before).toISOString(), resolution: "moved-forward" };
  return {
    iso: new Date(candidates[0]!).toISOString(),
    resolution: candidates.length > 1 ? "earlier-of-two" : "exact",
  };
}

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

/** An ISO instant → the "YYYY-MM-DDTHH:MM" a datetime-local input shows in `zone` ("" when absent or invalid). */
export function instantToLocalInput(iso: string | null | undefined, zone: string): string {
  const t = iso ? Date.parse(iso) : NaN;
  if (Number.isNaN(t)) return "";
  const p = localParts(t, zone);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`;
}

/** An ISO instant as "YYYY-MM-DD HH:MM Europe/London": the viewer's wall clock, naming the zone. */
export function formatInZone(iso: string | null | undefined, zone: string): string {
  const local = instantToLocalInput(iso, zone);
  return local ? `${local.replace("T", " ")} ${zone}` : "—";
}
