// The evidence forms — an item, its adjustments, an endorsement, a review — shared by the forms (HTML
// constraints, messages as you type) and the actions. Values arrive through conform's coercion: empty
// fields are undefined, numbers are numbers, a ticked checkbox is true.
import * as z from "zod";
import { clearIrrelevant } from "~/domain/evidence-fields";
import {
  ENDORSEMENT_MAX,
  EVIDENCE_COUNT_MAX,
  EVIDENCE_LINKS_MAX,
  EVIDENCE_LINK_MAX,
  EVIDENCE_MINUTES_MAX,
  EVIDENCE_NOTES_MAX,
  EVIDENCE_TITLE_MAX,
  MAX_ADJUSTMENT,
  REF_MAX,
  RETURN_REASON_MAX,
} from "~/domain/limits";
import { IMPACTS, OUTCOMES, PRIORITIES, WORK_ROLES } from "~/domain/mapping";
import type { Adjustment, EvidenceFields } from "~/domain/types";
import { fromLocalInput } from "~/utils/evidence-format";
import { type DateBounds, type DateRole, textProblem } from "~/domain/input-rules";
import { characters, dateIssue, inputBounds, optionalTextRule, requiredText, textIssue } from "./rules";

/** One http(s) URL per line; blank lines are ignored. */
export function parseLinks(text: string): { ok: true; links: string[] } | { ok: false; error: string } {
  const lines = text.split(/\r?\n/).map((l) => l.trim());
  const links: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line) continue;
    let url: URL | null = null;
    try {
      url = new URL(line);
    } catch {
      url = null;
    }
    if (!url || (url.protocol !== "http:" && url.protocol !== "https:") || !url.hostname)
      return { ok: false, error: `Line ${i + 1} is not an http(s) link: one URL per line, starting with http:// or https://.` };
    if (line.length > EVIDENCE_LINK_MAX)
      return { ok: false, error: `Line ${i + 1} is longer than ${EVIDENCE_LINK_MAX} characters.` };
    links.push(line);
  }
  if (links.length > EVIDENCE_LINKS_MAX) return { ok: false, error: `Give at most ${EVIDENCE_LINKS_MAX} links.` };
  return { ok: true, links };
}

const optionalText = (max: number, what: string) =>
  optionalTextRule(max, what)
    .optional()
    .transform((v) => v || null);

const optionalChoice = (values: readonly string[], label: string) =>
  z
    .string()
    .optional()
    .refine((v) => v === undefined || values.includes(v), `Choose a ${label} from the list.`)
    .transform((v) => v ?? null);

const count = (max: number, label: string) => {
  const message = `${label}: a whole number from 0 to ${max}.`;
  return z
    .number({ error: message })
    .int(message)
    .min(0, message)
    .max(max, message)
    .optional()
    .transform((v) => v ?? 0);
};

const flag = z
  .boolean()
  .optional()
  .transform((v) => v === true);

const dateTime = (message: string, role: DateRole, bounds: DateBounds | undefined) =>
  z
    .string({ error: message })
    .trim()
    .refine((v) => fromLocalInput(v) !== null, message)
    .superRefine((v, ctx) => dateIssue(fromLocalInput(v), role, bounds, ctx, []));

export const EVIDENCE_INTENTS = ["draft", "save", "submit"] as const;

/**
 * The evidence form. `kinds` (the known kind keys, plus a retired one the item keeps) and `now` (the date
 * bounds of app/domain/input-rules.ts: nothing in the future, nothing before the earliest year) are the
 * server's; the browser passes its kinds and no `now`, leaving those checks to the server. Dates arrive as
 * datetime-local values and are read as UTC (see utils/evidence-format.ts): zoned instants for the bounds.
 */
export function evidenceSchema(opts: { kinds?: readonly string[]; now?: Date; bounds?: DateBounds } = {}) {
  const bounds = opts.bounds ?? (opts.now ? inputBounds(opts.now) : undefined);
  return z
    .object({
      intent: z.enum(EVIDENCE_INTENTS, { error: "Unknown action." }).default("draft"),
      title: requiredText(EVIDENCE_TITLE_MAX, "a title"),
      kind: z
        .string({ error: "Choose a kind of work." })
        .refine((v) => !opts.kinds || opts.kinds.includes(v), "Choose a kind of work from the list."),
      externalRef: optionalText(REF_MAX, "the external reference"),
      startedAt: dateTime("Enter a date and time, or leave it empty.", "start", bounds).optional(),
      resolvedAt: dateTime("Enter a date and time (YYYY-MM-DD HH:MM).", "finish", bounds),
      priority: optionalChoice(PRIORITIES, "priority"),
      impact: optionalChoice(IMPACTS, "business impact"),
      workRole: optionalChoice(WORK_ROLES, "role"),
      outcome: optionalChoice(OUTCOMES, "outcome"),
      afterHours: flag,
      afterHoursMinutes: count(EVIDENCE_MINUTES_MAX, "After-hours minutes"),
      durationMinutes: count(EVIDENCE_MINUTES_MAX, "Duration"),
      emergency: flag,
      addsFunctionality: flag,
      fixesSlowness: flag,
      reassignmentCount: count(EVIDENCE_COUNT_MAX, "Reassignments"),
      reopenCount: count(EVIDENCE_COUNT_MAX, "Reopens"),
      problemRef: optionalText(REF_MAX, "the problem reference"),
      changeRef: optionalText(REF_MAX, "the change reference"),
      resolutionCode: optionalText(REF_MAX, "the resolution code"),
      notes: z
        .string()
        .optional()
        .transform((v) => (v ?? "").replace(/\r\n/g, "\n").trimEnd())
        .superRefine((v, ctx) => {
          // Blank notes are "no notes"; otherwise the multi-line text rules (line breaks and tabs allowed).
          const problem = v.trim() === "" ? null : textProblem(v, { max: EVIDENCE_NOTES_MAX, what: "notes", multiline: true });
          if (problem) ctx.addIssue({ code: "custom", message: problem });
        })
        .transform((v) => (v.trim() === "" ? null : v)),
      links: z
        .string()
        .optional()
        .transform((v, ctx) => {
          const parsed = parseLinks(v ?? "");
          if (!parsed.ok) {
            ctx.issues.push({ code: "custom", message: parsed.error, input: v });
            return z.NEVER;
          }
          return parsed.links;
        }),
    })
    .superRefine((v, ctx) => {
      const started = v.startedAt ? fromLocalInput(v.startedAt) : null;
      const resolved = fromLocalInput(v.resolvedAt);
      if (started && resolved && started > resolved)
        ctx.addIssue({ code: "custom", path: ["startedAt"], message: "The start must be before the finish." });
      if (v.afterHours && v.durationMinutes > 0 && v.afterHoursMinutes > v.durationMinutes)
        ctx.addIssue({ code: "custom", path: ["afterHoursMinutes"], message: "After-hours minutes cannot exceed the duration." });
    });
}

export type EvidenceValues = z.output<ReturnType<typeof evidenceSchema>>;

/**
 * The form's values as an item's fields (a transform on the schema itself would hide its shape from
 * conform's getZodConstraint): dates as instants, a missing duration from start and finish, details that
 * do not apply to the kind cleared.
 */
export function evidenceInputOf({ intent, ...v }: EvidenceValues): {
  intent: (typeof EVIDENCE_INTENTS)[number];
  fields: EvidenceFields;
} {
  const startedAt = v.startedAt ? fromLocalInput(v.startedAt) : null;
  const resolvedAt = fromLocalInput(v.resolvedAt)!;
  // A duration left empty is taken from the start and finish when both are given.
  let duration = v.durationMinutes;
  if (!duration && startedAt)
    duration = Math.min(EVIDENCE_MINUTES_MAX, Math.round((Date.parse(resolvedAt) - Date.parse(startedAt)) / 60_000));
  const fields = {
    ...v,
    startedAt,
    resolvedAt,
    durationMinutes: duration,
    afterHoursMinutes: v.afterHours ? v.afterHoursMinutes : 0,
  };
  return { intent, fields: clearIrrelevant(fields) };
}

/**
 * Adjustments: `adj.<skill>` (a signed whole number; blank or 0 for none) and `reason.<skill>`. The range,
 * the reason and "never below 0" are the domain's validateAdjustments, which needs the rules' points.
 */
export const adjustSchema = z
  .object({
    adj: z.record(z.string(), z.string()).optional(),
    reason: z.record(z.string(), z.string().superRefine(characters())).optional(),
  })
  .superRefine((v, ctx) => {
    for (const [skill, raw] of Object.entries(v.adj ?? {})) {
      const text = raw.trim().replace(/^\+/, "");
      if (text !== "" && !/^-?\d+$/.test(text))
        ctx.addIssue({
          code: "custom",
          path: ["adj", skill],
          message: `A whole number from -${MAX_ADJUSTMENT} to +${MAX_ADJUSTMENT}.`,
        });
    }
  });

/** The adjustments the form holds (blank and 0 are "none"). */
export function adjustmentsOf(v: z.output<typeof adjustSchema>): Adjustment[] {
  return Object.entries(v.adj ?? {}).flatMap(([skill, raw]) => {
    const text = raw.trim().replace(/^\+/, "");
    return text === "" || Number(text) === 0 ? [] : [{ skill, points: Number(text), reason: (v.reason?.[skill] ?? "").trim() }];
  });
}

export const endorsementSchema = z.object({
  comment: z
    .string({ error: "Write a short comment." })
    .trim()
    .min(1, "Write a short comment.")
    .max(ENDORSEMENT_MAX, `Use at most ${ENDORSEMENT_MAX} characters.`)
    .superRefine((v, ctx) => textIssue(v, { max: ENDORSEMENT_MAX, what: "a short comment", multiline: true }, ctx)),
});

export const returnSchema = z.object({
  reason: z
    .string({ error: "Say why the item is returned." })
    .trim()
    .min(1, "Say why the item is returned.")
    .max(RETURN_REASON_MAX, `Use at most ${RETURN_REASON_MAX} characters.`)
    .superRefine((v, ctx) => textIssue(v, { max: RETURN_REASON_MAX, what: "why the item is returned", multiline: true }, ctx)),
});
