// Date reading with date-fns `parse` and explicit formats. A value with a UTC offset ("Z", "+02:00") is that
// instant; one without is a wall-clock time in the file's zone (the uploader's choice, by default the
// organisation's). Either way the result is the UTC wall clock, "YYYY-MM-DDTHH:MM:00".
import { parse } from "date-fns";
import { localToInstant } from "../zoned-time";

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

/** ISO 8601 date-time (T or space), optional seconds/fraction, optional Z or offset (group 3: honoured). */
const ISO_DATETIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{1,2}:\d{2})(?::\d{2}(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/** Minutes ahead of UTC of an ISO offset: "Z" 0, "+02:00" 120, "-0530" -330. */
function offsetOf(text: string): number {
  if (/^z$/i.test(text)) return 0;
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(text)!;
  return (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0));
}

/** A wall-clock "YYYY-MM-DDTHH:MM:00" moved by `minutes`. */
function shiftWall(wall: string, minutes: number): string {
  if (minutes === 0) return wall;
  return new Date(Date.parse(`${wall}Z`) + minutes * 60_000).toISOString().slice(0, 16) + ":00";
}
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
 * Which number comes first in a numeric date such as 03/04/2024: "dmy" (3 April, as ServiceNow and Jira
 * write by default outside the US), "mdy" (March 4), or "auto": read day first and note what the values
 * show, so that the file can be read again month first when they say so (readImport).
 */
export type DateOrder = "auto" | "dmy" | "mdy";

/** A value as it appears in the file, with its row (the same numbering as RowError.row). */
export interface DateSample {
  row: number;
  value: string;
}

/** What a file's numeric dates say about their order: counts, and the first two values of each kind. */
export interface DateOrderEvidence {
  /** first number over 12, second not: only day first reads it */
  dayFirst: number;
  /** second number over 12, first not: only month first reads it */
  monthFirst: number;
  /** both at most 12 and different: a different date each way */
  ambiguous: number;
  samples: { dayFirst: DateSample[]; monthFirst: DateSample[]; ambiguous: DateSample[] };
  /** distinct values with their own UTC offset (honoured), and without (read in the file's zone) */
  withOffset: number;
  local: number;
}

/** A numeric date's first two numbers (day and month in some order) and its year. */
const NUMERIC_DATE = /^(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})\b/;

/** Swaps d and M in a numeric format that writes the day before the month (dd-MM-yyyy → MM-dd-yyyy). */
export function monthFirstFormat(format: string): string {
  if (!/^d{1,2}[-/.]M{1,2}[-/.]/.test(format)) return format;
  return format.replace(/^(d{1,2})([-/.])(M{1,2})/, (_, d: string, sep: string, m: string) => `${m}${sep}${d}`);
}

export function emptyEvidence(): DateOrderEvidence {
  return {
    dayFirst: 0,
    monthFirst: 0,
    ambiguous: 0,
    samples: { dayFirst: [], monthFirst: [], ambiguous: [] },
    withOffset: 0,
    local: 0,
  };
}

/**
 * Month names and abbreviations in English, French, German, Spanish, Italian, Dutch and Portuguese
 * (lower case, accents removed), by month: exports follow the exporting user's language.
 * No word means two months in two of these languages, so one table serves them all.
 */
const MONTH_WORDS: readonly string[][] = [
  ["january", "jan", "janvier", "janv", "januar", "janner", "enero", "ene", "gennaio", "gen", "januari", "janeiro"],
  ["february", "feb", "fevrier", "fevr", "fev", "februar", "febrero", "febbraio", "februari", "fevereiro"],
  ["march", "mar", "mars", "marz", "maerz", "mrz", "marzo", "maart", "mrt", "marco"],
  ["april", "apr", "avril", "avr", "abril", "abr", "aprile"],
  ["may", "mai", "mayo", "maggio", "mag", "mei", "maio"],
  ["june", "jun", "juin", "juni", "junio", "giugno", "giu", "junho"],
  ["july", "jul", "juillet", "juil", "juli", "julio", "luglio", "lug", "julho"],
  ["august", "aug", "aout", "agosto", "ago", "augustus"],
  ["september", "sep", "sept", "septembre", "septiembre", "setiembre", "settembre", "set", "setembro"],
  ["october", "oct", "octobre", "oktober", "okt", "octubre", "ottobre", "ott", "outubro", "out"],
  ["november", "nov", "novembre", "noviembre", "novembro"],
  ["december", "dec", "decembre", "dezember", "dez", "diciembre", "dic", "dicembre", "dezembro"],
];
const ENGLISH_ABBREVIATIONS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const MONTH_BY_WORD = new Map(MONTH_WORDS.flatMap((words, m) => words.map((w) => [w, ENGLISH_ABBREVIATIONS[m]!] as const)));

/** After englishMonthNames: day, month name, year, with the usual separators and times. */
const MONTH_NAME_FORMATS = [
  "d MMM yyyy H:mm",
  "d MMM yyyy H:mm:ss",
  "d MMM yyyy h:mm a",
  "d MMM yyyy h:mm:ss a",
  "d MMM yyyy",
  "d-MMM-yyyy H:mm",
  "d-MMM-yyyy H:mm:ss",
  "d-MMM-yyyy h:mm a",
  "d-MMM-yy H:mm",
  "d-MMM-yyyy",
  "d/MMM/yyyy H:mm",
  "d/MMM/yy H:mm",
];

/**
 * The value with its month name (any language of MONTH_WORDS) written as English's three letters, the
 * day's dot ("12. März") and Spanish/Portuguese "de" dropped; null when the value names no month.
 */
export function englishMonthNames(value: string): string | null {
  if (!/\p{L}{3}/u.test(value)) return null; // digits, separators and AM/PM only
  let named = false;
  const out = value
    .replace(/(\p{L}+)\.?/gu, (word: string, letters: string) => {
      const key = letters.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
      if (key === "de" || key === "del") return "";
      const english = MONTH_BY_WORD.get(key);
      if (!english) return word;
      named = true;
      return english;
    })
    .replace(/^(\d{1,2})\.\s*/, "$1 ")
    .replace(/\s*,\s*/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return named ? out : null;
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
  private readonly namedFormats: string[];
  private last = 0;
  private lastNamed = 0;
  private readonly hourOffsets = new Map<string, number | null>();
  /** what the values said about their order (order "auto"; each distinct value counted once) */
  readonly evidence: DateOrderEvidence = emptyEvidence();

  constructor(
    formats: string[],
    readonly expected: string,
    readonly order: DateOrder = "dmy",
    /** the IANA zone of values without an offset */
    readonly zone = "UTC",
  ) {
    this.formats = order === "mdy" ? formats.map(monthFirstFormat) : formats;
    this.namedFormats = [...this.formats, ...MONTH_NAME_FORMATS];
  }

  /** "YYYY-MM-DDTHH:MM:00", or null when the value cannot be read with any format. `row`: for the evidence's samples. */
  read(value: string, row = 0): string | null {
    const hit = this.cache.get(value);
    if (hit !== undefined) return hit === false ? null : hit;
    if (this.order === "auto") this.observe(value, row);
    const result = this.readUncached(value);
    this.cache.set(value, result ?? false);
    return result;
  }

  /** The same value read day first and month first (for showing an ambiguous date both ways). */
  static bothWays(formats: string[], value: string): { dayFirst: string | null; monthFirst: string | null } {
    return {
      dayFirst: new DateReader(formats, "", "dmy").read(value),
      monthFirst: new DateReader(formats, "", "mdy").read(value),
    };
  }

  private observe(value: string, row: number) {
    const m = NUMERIC_DATE.exec(value);
    if (!m) return;
    const [a, b] = [Number(m[1]), Number(m[3])];
    const kind =
      a > 12 && b <= 12 ? "dayFirst" : b > 12 && a <= 12 ? "monthFirst" : a <= 12 && b <= 12 && a !== b ? "ambiguous" : null;
    if (!kind) return;
    this.evidence[kind]++;
    const samples = this.evidence.samples[kind];
    if (samples.length < 2) samples.push({ row, value });
  }

  private readUncached(value: string): string | null {
    const iso = ISO_DATETIME.exec(value);
    if (iso) {
      const wall = this.tryFormat(`${iso[1]} ${iso[2]}`, ISO_FORMAT);
      if (wall === null || !iso[3]) return this.fromZone(wall);
      this.evidence.withOffset++;
      return shiftWall(wall, -offsetOf(iso[3]));
    }
    const named = englishMonthNames(value);
    return this.fromZone(
      named === null ? this.tryEach(value, this.formats, "last") : this.tryEach(named, this.namedFormats, "lastNamed"),
    );
  }

  /** A wall-clock time in the file's zone → the UTC wall clock (a DST gap moves it forward, an overlap takes the earlier). */
  private fromZone(wall: string | null): string | null {
    if (wall === null) return null;
    this.evidence.local++;
    if (this.zone === "UTC") return wall;
    const offset = this.hourOffset(wall.slice(0, 13));
    if (offset !== null) return shiftWall(wall, -offset);
    const instant = localToInstant(wall.slice(0, 16), this.zone);
    return instant ? `${instant.iso.slice(0, 16)}:00` : null;
  }

  /**
   * The zone's offset for a whole local hour ("YYYY-MM-DDTHH"), or null when a change falls in it: Intl is
   * ~20 µs a value, and a large log has a hundred thousand distinct times but few distinct hours. When :00
   * and :59 both exist once at the same offset, no change lies between (there is at most one a day).
   */
  private hourOffset(hour: string): number | null {
    let offset = this.hourOffsets.get(hour);
    if (offset === undefined) {
      const at = (minute: string) => {
        const local = `${hour}:${minute}`;
        const r = localToInstant(local, this.zone);
        return r?.resolution === "exact" ? (Date.parse(`${local}Z`) - Date.parse(r.iso)) / 60_000 : null;
      };
      const first = at("00");
      offset = first !== null && first === at("59") ? first : null;
      this.hourOffsets.set(hour, offset);
    }
    return offset;
  }

  /** Starts from the format that read the previous value: an export writes every date alike. */
  private tryEach(value: string, formats: string[], last: "last" | "lastNamed"): string | null {
    const n = formats.length;
    for (let k = 0; k < n; k++) {
      const i = (this[last] + k) % n;
      const result = this.tryFormat(value, formats[i]!);
      if (result !== null) {
        this[last] = i;
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
