// The input rules of app/domain/input-rules.ts as zod pieces, for the form schemas (shared with the browser)
// and the server-only ones (the ingest API's JSON, imported rows): one definition of "a title", "an email",
// "a date within bounds", so every channel refuses the same values with the same message.
import * as z from "zod";
import {
  type DateBounds,
  type DateRole,
  type TextRule,
  characterProblem,
  dateProblem,
  earliestYearOf,
  emailProblem,
  textProblem,
} from "~/domain/input-rules";

/** A required one-line text, trimmed: "Enter <what>." when missing, then the character and length rules. */
export function requiredText(max: number, what: string) {
  const rule: TextRule = { max, what, required: true };
  return z
    .string({ error: `Enter ${what}.` })
    .trim()
    .max(max, `Use at most ${max.toLocaleString("en")} characters.`)
    .superRefine((v, ctx) => {
      const problem = textProblem(v, rule);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    });
}

/** An optional one-line (or, with `multiline`, multi-line) text, trimmed; "" becomes null. */
export function optionalTextRule(max: number, what: string, opts: { multiline?: boolean } = {}) {
  const rule: TextRule = { max, what, multiline: opts.multiline };
  return z
    .string()
    .trim()
    .max(max, `Use at most ${max.toLocaleString("en")} characters.`)
    .superRefine((v, ctx) => {
      const problem = textProblem(v, rule);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    });
}

/** A refinement for a text already shaped by its schema (a multi-line note, an unchecked string). */
export function textIssue(value: string | null | undefined, rule: TextRule, ctx: z.RefinementCtx, path?: PropertyKey[]) {
  const problem = textProblem(value, rule);
  if (problem) ctx.addIssue({ code: "custom", message: problem, ...(path ? { path } : {}) });
}

/** An email address: trimmed, lower-cased, at most 254 characters, of the form the HTML input accepts. */
export function emailRule() {
  return z
    .string({ error: "Enter a valid email address." })
    .trim()
    .toLowerCase()
    .superRefine((v, ctx) => {
      const problem = emailProblem(v);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    });
}

/** Adds the date-bound issue of a stored time (ISO instant) at `path`, if any. */
export function dateIssue(
  iso: string | null | undefined,
  role: DateRole,
  bounds: DateBounds | undefined,
  ctx: z.RefinementCtx,
  path: PropertyKey[],
  opts: { wallClock?: boolean } = {},
) {
  if (!iso || !bounds) return;
  const problem = dateProblem(iso, role, bounds, opts);
  if (problem) ctx.addIssue({ code: "custom", path, message: problem });
}

/** The environment variable that moves the earliest accepted year (default 1990). */
export const EARLIEST_YEAR_ENV = "EVIDENCE_EARLIEST_YEAR";

/**
 * The date bounds at `now` on the server: the earliest year from EVIDENCE_EARLIEST_YEAR. Read through
 * globalThis so that this module stays importable by the browser (which has no process and checks no bounds).
 */
export function inputBounds(now: Date): DateBounds {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  return { now, earliestYear: earliestYearOf(env?.[EARLIEST_YEAR_ENV], now) };
}

/** The character rules alone, for a schema that keeps its own messages for the rest: `.superRefine(characters())`. */
export function characters(opts: { multiline?: boolean } = {}) {
  return (v: string, ctx: z.RefinementCtx) => {
    const problem = characterProblem(v, opts);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  };
}
