// The rules every value typed or sent by a person or a tool must meet, whatever the channel: the evidence
// form, a CSV import and the ingest API take their date bounds, lengths and character rules from here (the
// zod schemas in app/schemas/ wrap these functions; app/schemas/rules.ts), so a value refused by one channel
// is refused by the others with the same words. Pure: `now` and the configured earliest year are passed in.
import { EMAIL_MAX } from "./limits";

/** The earliest year accepted when none is configured (EVIDENCE_EARLIEST_YEAR, see earliestYearOf). */
export const DEFAULT_EARLIEST_YEAR = 1990;
/** The configured earliest year may not go below this (older dates are typos, not work). */
export const EARLIEST_YEAR_FLOOR = 1900;

/**
 * How far ahead of the server's clock a time may be. A time with a zone (an API value with `Z` or an offset;
 * a form value, which the app reads as UTC) is an instant: only the other system's clock skew is tolerated. A
 * time written without a zone (a CSV export, an API value without an offset) is a wall-clock time in the
 * organisation's zone, stored as written: it may be up to 14 hours ahead of UTC (UTC+14) and still be past.
 */
export const CLOCK_SKEW_MS = 5 * 60_000;
export const WALL_CLOCK_AHEAD_MS = 14 * 60 * 60_000;

export interface DateBounds {
  now: Date;
  /** the first year accepted (1 January, UTC) */
  earliestYear: number;
}

/** The configured earliest year ("" or unreadable: the default), kept between the floor and `now`'s year. */
export function earliestYearOf(configured: string | undefined, now: Date): number {
  const n = Number((configured ?? "").trim());
  if (!configured?.trim() || !Number.isInteger(n)) return DEFAULT_EARLIEST_YEAR;
  return Math.min(Math.max(n, EARLIEST_YEAR_FLOOR), now.getUTCFullYear());
}

export type DateRole = "start" | "finish";
const ROLE_WORD: Record<DateRole, string> = { start: "start", finish: "finish" };

export const MESSAGES = {
  required: (what: string) => `Enter ${what}.`,
  tooLong: (max: number) => `Use at most ${max.toLocaleString("en")} characters.`,
  invisible: (what: string) => `Enter ${what}: spaces and invisible characters alone are not enough.`,
  controlSingleLine: "Remove the control characters (such as NUL) and line breaks.",
  controlMultiLine: "Remove the control characters (such as NUL); line breaks and tabs are fine.",
  brokenText: "Remove the broken characters (the text is not valid Unicode).",
  future: (role: DateRole) => `The ${ROLE_WORD[role]} date cannot be in the future.`,
  tooEarly: (role: DateRole, year: number) => `The ${ROLE_WORD[role]} date cannot be before ${year}.`,
  email: "Enter a valid email address.",
} as const;

// C0 controls, DEL and C1 controls. Tab, line feed and carriage return are allowed in multi-line text only.
// eslint-disable-next-line no-control-regex
const CONTROL_ANY = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/u;
// eslint-disable-next-line no-control-regex
const CONTROL_LINE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/u;
// A lone surrogate: JSON can carry one ("\ud800"); it is not a character and cannot be stored as UTF-8.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
// What does not show: white space (incl. U+3000, NBSP), format characters (zero-width space and joiners,
// word joiner, BOM, soft hyphen, bidi marks) and the blank "letters" some scripts have.
const INVISIBLE = /[\s\p{Cf}\p{Zs}\u115f\u1160\u3164\uffa0\u2800]|\u034f/gu;

/** Whether the text shows anything once white space and invisible characters are taken away. */
export function hasVisibleText(value: string): boolean {
  return value.replace(INVISIBLE, "") !== "";
}

/** Why the characters of a text are refused (null when fine). */
export function characterProblem(value: string, opts: { multiline?: boolean } = {}): string | null {
  if (LONE_SURROGATE.test(value)) return MESSAGES.brokenText;
  if (opts.multiline ? CONTROL_ANY.test(value) : CONTROL_LINE.test(value))
    return opts.multiline ? MESSAGES.controlMultiLine : MESSAGES.controlSingleLine;
  return null;
}

export interface TextRule {
  max: number;
  /** "a title": used in "Enter a title." */
  what: string;
  required?: boolean;
  multiline?: boolean;
}

/**
 * Why a text is refused (null when fine). Applies to the value as it will be stored (trimmed by the caller).
 * Order: empty, invisible-only, characters, length — the first problem is the one shown.
 */
export function textProblem(value: string | null | undefined, rule: TextRule): string | null {
  const v = value ?? "";
  if (v === "") return rule.required ? MESSAGES.required(rule.what) : null;
  if (!hasVisibleText(v)) return MESSAGES.invisible(rule.what);
  const chars = characterProblem(v, { multiline: rule.multiline });
  if (chars) return chars;
  if (v.length > rule.max) return MESSAGES.tooLong(rule.max);
  return null;
}

const ISO_INSTANT = /^(\d{4})-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z$/;

/**
 * Why a stored time (an ISO instant, "…Z") is refused: before 1 January of the earliest year, or later than
 * now (plus the skew a zoned time may have, or the 14 hours a wall-clock time may be ahead). Year 0000 and
 * 9999-12-31 fall outside either bound. null when fine; an unreadable value is the caller's message.
 */
export function dateProblem(iso: string, role: DateRole, bounds: DateBounds, opts: { wallClock?: boolean } = {}): string | null {
  const m = ISO_INSTANT.exec(iso);
  const t = Date.parse(iso);
  if (!m || Number.isNaN(t)) return null;
  if (Number(m[1]) < bounds.earliestYear) return MESSAGES.tooEarly(role, bounds.earliestYear);
  const ahead = opts.wallClock ? WALL_CLOCK_AHEAD_MS : CLOCK_SKEW_MS;
  if (t > bounds.now.getTime() + ahead) return MESSAGES.future(role);
  return null;
}

// A practical address check (the HTML form's own rule, as WHATWG defines type=email): a local part, "@",
// and a domain of dot-separated labels of letters, digits and hyphens.
const EMAIL =
  /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)+$/;

/** Why an email address is refused (null when fine); checked on the trimmed, lower-cased value. */
export function emailProblem(value: string): string | null {
  if (value.length > EMAIL_MAX) return MESSAGES.tooLong(EMAIL_MAX);
  if (!EMAIL.test(value)) return MESSAGES.email;
  return null;
}

/** Ids are 32-bit integers on PostgreSQL: a larger number in a URL or a form is no id, not a database error. */
export const ID_MAX = 2_147_483_647;

/** Whether a number can be a row's id (a whole number from 1 to ID_MAX). */
export function isId(n: number): boolean {
  return Number.isInteger(n) && n > 0 && n <= ID_MAX;
}

/** A URL's or a form's id ("42") as a number; null for anything else ("042" included). */
export function parseId(raw: string | null | undefined): number | null {
  if (!raw || !/^[1-9]\d{0,9}$/.test(raw)) return null;
  const n = Number(raw);
  return n <= ID_MAX ? n : null;
}

// eslint-disable-next-line no-control-regex
const UNSEARCHABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, "g");

/**
 * Search text from a query string: a filter, never refused (a bookmarked URL keeps working), so what cannot be
 * searched for is dropped — control characters (PostgreSQL refuses a NUL in text), line separators and broken
 * surrogates — and the rest trimmed to `max` characters.
 */
export function searchText(raw: string | null | undefined, max: number): string {
  const clean = (raw ?? "").replace(UNSEARCHABLE, " ").trim().slice(0, max);
  return clean.replace(LONE_SURROGATES, "").trim();
}
