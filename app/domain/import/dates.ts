// Date reading with date-fns `parse` and explicit formats, keeping the source's wall-clock time.
import { parse } from "date-fns";

/**
 * A Date whose local getters/setters are the UTC ones, so that date-fns builds the wall-clock
 * time exactly as written, whatever the server's time zone (no DST gaps or shifts).
 */
class WallClockDate extends Date {
  override getFullYear() {
    return this.getUTCFullYear();
  }
  override getMonth() {
    return this.getUTCMonth();
  }
  override getDate() {
    return this.getUTCDate();
  }
  override getDay() {
    return this.getUTCDay();
  }
  override getHours() {
    return this.getUTCHours();
  }
  override getMinutes() {
    return this.getUTCMinutes();
  }
  override getSeconds() {
    return this.getUTCSeconds();
  }
  override getMilliseconds() {
    return this.getUTCMilliseconds();
  }
  override getTimezoneOffset() {
    return 0;
  }
  override setFullYear(...a: number[]) {
    return (Date.prototype.setUTCFullYear as (...n: number[]) => number).apply(this, a);
  }
  override setMonth(...a: number[]) {
    return (Date.prototype.setUTCMonth as (...n: number[]) => number).apply(this, a);
  }
  override setDate(d: number) {
    return this.setUTCDate(d);
  }
  override setHours(...a: number[]) {
    return (Date.prototype.setUTCHours as (...n: number[]) => number).apply(this, a);
  }
  override setMinutes(...a: number[]) {
    return (Date.prototype.setUTCMinutes as (...n: number[]) => number).apply(this, a);
  }
  override setSeconds(...a: number[]) {
    return (Date.prototype.setUTCSeconds as (...n: number[]) => number).apply(this, a);
  }
  override setMilliseconds(ms: number) {
    return this.setUTCMilliseconds(ms);
  }
}

/** Fixed reference (no clock): two-digit years resolve to 1970-2069. */
const REFERENCE = new WallClockDate(Date.UTC(2020, 0, 1));

/** ISO 8601 date-time (T or space), optional seconds/fraction, optional Z or offset (dropped: wall-clock kept). */
const ISO_DATETIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{1,2}:\d{2})(?::\d{2}(?:[.,]\d+)?)?\s*(?:Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const ISO_FORMAT = "yyyy-MM-dd HH:mm";

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function toWallClockIso(d: Date): string {
  const y = d.getUTCFullYear();
  return `${y < 1000 ? String(y).padStart(4, "0") : y}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}T${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:00`;
}

/** A numeric-only format compiled once to a regex (date-fns `parse` is ~50-100 µs a call: too slow for big logs). */
interface CompiledFormat {
  re: RegExp;
  /** capture group index per field, -1 when absent */
  y: number;
  mo: number;
  d: number;
  h: number;
  mi: number;
  s: number;
}

const LETTER_RUN = /^([A-Za-z])\1*/;
const NUMERIC_TOKENS = new Set(["yyyy", "MM", "M", "dd", "d", "HH", "H", "mm", "ss"]);

/**
 * Compile a format made only of the numeric tokens yyyy, M/MM, d/dd, H/HH, mm, ss and punctuation,
 * with date-fns's meaning (1-2 digit fields; yyyy strictly 4 digits here). null for any other format,
 * which is then left to date-fns `parse`.
 */
export function compileNumericFormat(format: string): CompiledFormat | null {
  let src = "^";
  const out: CompiledFormat = { re: /$^/, y: -1, mo: -1, d: -1, h: -1, mi: -1, s: -1 };
  let group = 0;
  let rest = format;
  while (rest.length > 0) {
    const run = LETTER_RUN.exec(rest);
    if (run) {
      const t = run[0];
      if (!NUMERIC_TOKENS.has(t)) return null; // month names, AM/PM, 2-digit years…: date-fns
      group++;
      src += t === "yyyy" ? "(\\d{4})" : "(\\d{1,2})";
      if (t === "yyyy") out.y = group;
      else if (t[0] === "M") out.mo = group;
      else if (t[0] === "d") out.d = group;
      else if (t[0] === "H") out.h = group;
      else if (t === "mm") out.mi = group;
      else if (t === "ss") out.s = group;
      rest = rest.slice(t.length);
      continue;
    }
    const c = rest[0]!;
    if (c === "'") return null;
    src += c.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&").replace(" ", "\\s+");
    rest = rest.slice(1);
  }
  if (out.y < 0 || out.mo < 0 || out.d < 0) return null;
  out.re = new RegExp(src + "$");
  return out;
}

function daysInMonth(y: number, m: number): number {
  return m === 2
    ? y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0)
      ? 29
      : 28
    : m === 4 || m === 6 || m === 9 || m === 11
      ? 30
      : 31;
}

function readCompiled(value: string, f: CompiledFormat): string | null {
  const m = f.re.exec(value);
  if (!m) return null;
  const y = Number(m[f.y]);
  const mo = Number(m[f.mo]);
  const d = Number(m[f.d]);
  const h = f.h > 0 ? Number(m[f.h]) : 0;
  const mi = f.mi > 0 ? Number(m[f.mi]) : 0;
  const sec = f.s > 0 ? Number(m[f.s]) : 0;
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || sec > 59) return null;
  // seconds are checked, then dropped: minute precision
  return `${m[f.y]}-${pad2(mo)}-${pad2(d)}T${pad2(h)}:${pad2(mi)}:00`;
}

const COMPILED = new Map<string, CompiledFormat | null>();
function compiled(format: string): CompiledFormat | null {
  if (!COMPILED.has(format)) COMPILED.set(format, compileNumericFormat(format));
  return COMPILED.get(format)!;
}

/** date-fns `parse` with one explicit format, keeping the wall-clock time; null when it does not match. */
export function parseWithDateFns(value: string, format: string): string | null {
  const d = parse(value, format, REFERENCE);
  if (Number.isNaN(d.getTime())) return null;
  return toWallClockIso(d);
}

/**
 * Reads dates in a fixed list of formats (date-fns tokens), plus ISO 8601 always.
 * Purely numeric formats (dd-MM-yyyy HH:mm, d/M/yyyy H:mm, yyyy-MM-dd HH:mm…) run through a
 * precompiled matcher with the same meaning as date-fns (checked against date-fns in the tests);
 * formats with month names or AM/PM go to date-fns `parse`.
 * Results are cached per distinct string; the format that matched last is tried first.
 */
export class DateReader {
  private readonly cache = new Map<string, string | false>();
  private readonly formats: string[];
  private last = 0;

  constructor(
    formats: string[],
    readonly expected: string,
  ) {
    this.formats = formats;
  }

  /** "YYYY-MM-DDTHH:MM:00", or null when the value cannot be read with any format. */
  read(value: string): string | null {
    const hit = this.cache.get(value);
    if (hit !== undefined) return hit === false ? null : hit;
    const result = this.readUncached(value);
    this.cache.set(value, result ?? false);
    return result;
  }

  private readUncached(value: string): string | null {
    const iso = ISO_DATETIME.exec(value);
    if (iso) return this.tryFormat(`${iso[1]} ${iso[2]}`, ISO_FORMAT);
    const n = this.formats.length;
    for (let k = 0; k < n; k++) {
      const i = (this.last + k) % n;
      const result = this.tryFormat(value, this.formats[i]!);
      if (result !== null) {
        this.last = i;
        return result;
      }
    }
    return null;
  }

  private tryFormat(value: string, format: string): string | null {
    const fast = compiled(format);
    return fast ? readCompiled(value, fast) : parseWithDateFns(value, format);
  }
}
