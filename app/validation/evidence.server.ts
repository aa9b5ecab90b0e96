// Form input for evidence items, adjustments, endorsements and reviews. Server-only (zod).
import { z } from "zod";
import { clearIrrelevant } from "~/domain/evidence-fields";
import { IMPACTS, MAX_ADJUSTMENT, OUTCOMES, PRIORITIES, WORK_ROLES } from "~/domain/mapping";
import type { Adjustment } from "~/domain/types";
import type { EvidenceInput } from "~/models/evidence.server";
import { fromLocalInput, validDay } from "~/utils/evidence-format";
import type { FieldErrors } from "./form.server";

export const MAX_TITLE = 200;
export const MAX_NOTES = 20_000;
export const MAX_LINKS = 20;
export const MAX_LINK_LENGTH = 2_000;
export const MAX_REF = 80;
export const MAX_ENDORSEMENT = 280;
export const MAX_RETURN_REASON = 1_000;
/** a week: longer pieces of work are logged as several items */
export const MAX_MINUTES = 7 * 24 * 60;

const optionalText = (max: number) =>
  z
    .string()
    .optional()
    .transform((v) => (v ?? "").trim())
    .refine((v) => v.length <= max, `Use at most ${max} characters.`)
    .transform((v) => (v === "" ? null : v));

const optionalChoice = <T extends string>(values: readonly T[], label: string) =>
  z
    .string()
    .optional()
    .transform((v) => (v ?? "").trim())
    .refine((v) => v === "" || (values as readonly string[]).includes(v), `Choose a ${label} from the list.`)
    .transform((v) => (v === "" ? null : (v as T)));

const checkbox = z
  .string()
  .optional()
  .transform((v) => v === "on" || v === "1" || v === "true" || v === "yes");

const count = (max: number, label: string) =>
  z
    .string()
    .optional()
    .transform((v) => (v ?? "").trim())
    .refine((v) => v === "" || (/^\d+$/.test(v) && Number(v) <= max), `${label}: a whole number from 0 to ${max}.`)
    .transform((v) => (v === "" ? 0 : Number(v)));

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
    if (line.length > MAX_LINK_LENGTH) return { ok: false, error: `Line ${i + 1} is longer than ${MAX_LINK_LENGTH} characters.` };
    links.push(line);
  }
  if (links.length > MAX_LINKS) return { ok: false, error: `Give at most ${MAX_LINKS} links.` };
  return { ok: true, links };
}

/**
 * The evidence form. `now` bounds the resolved date (no future work); `kinds` are the known kind keys.
 * Dates arrive as datetime-local values and are read as UTC (see utils/evidence-format.ts).
 */
export function evidenceSchema(opts: { now: Date; kinds: string[] }) {
  return z
    .object({
      title: z
        .string({ message: "Enter a title." })
        .trim()
        .min(1, "Enter a title.")
        .max(MAX_TITLE, `Use at most ${MAX_TITLE} characters.`),
      kind: z
        .string({ message: "Choose a kind of work." })
        .refine((v) => opts.kinds.includes(v), "Choose a kind of work from the list."),
      externalRef: optionalText(MAX_REF),
      startedAt: z
        .string()
        .optional()
        .transform((v) => (v ?? "").trim())
        .refine((v) => v === "" || fromLocalInput(v) !== null, "Enter a date and time, or leave it empty.")
        .transform((v) => (v === "" ? null : fromLocalInput(v))),
      resolvedAt: z
        .string({ message: "Enter when the work was finished." })
        .trim()
        .min(1, "Enter when the work was finished.")
        .refine((v) => fromLocalInput(v) !== null, "Enter a date and time (YYYY-MM-DD HH:MM).")
        .transform((v) => fromLocalInput(v)!)
        .refine((iso) => new Date(iso).getTime() <= opts.now.getTime(), "The finish date cannot be in the future."),
      priority: optionalChoice(PRIORITIES, "priority"),
      impact: optionalChoice(IMPACTS, "business impact"),
      workRole: optionalChoice(WORK_ROLES, "role"),
      outcome: optionalChoice(OUTCOMES, "outcome"),
      afterHours: checkbox,
      afterHoursMinutes: count(MAX_MINUTES, "After-hours minutes"),
      durationMinutes: count(MAX_MINUTES, "Duration"),
      emergency: checkbox,
      addsFunctionality: checkbox,
      fixesSlowness: checkbox,
      reassignmentCount: count(99, "Reassignments"),
      reopenCount: count(99, "Reopens"),
      problemRef: optionalText(MAX_REF),
      changeRef: optionalText(MAX_REF),
      resolutionCode: optionalText(MAX_REF),
      notes: z
        .string()
        .optional()
        .transform((v) => (v ?? "").replace(/\r\n/g, "\n").trimEnd())
        .refine((v) => v.length <= MAX_NOTES, `Use at most ${MAX_NOTES.toLocaleString("en")} characters.`)
        .transform((v) => (v.trim() === "" ? null : v)),
      links: z
        .string()
        .optional()
        .transform((v, ctx) => {
          const parsed = parseLinks(v ?? "");
          if (!parsed.ok) {
            ctx.addIssue({ code: "custom", message: parsed.error });
            return z.NEVER;
          }
          return parsed.links;
        }),
    })
    .superRefine((v, ctx) => {
      if (v.startedAt && v.resolvedAt && v.startedAt > v.resolvedAt)
        ctx.addIssue({ code: "custom", path: ["startedAt"], message: "The start must be before the finish." });
      if (v.afterHours && v.durationMinutes > 0 && v.afterHoursMinutes > v.durationMinutes)
        ctx.addIssue({ code: "custom", path: ["afterHoursMinutes"], message: "After-hours minutes cannot exceed the duration." });
    })
    .transform((v): EvidenceInput => {
      // A duration left empty is taken from the start and finish when both are given.
      let duration = v.durationMinutes;
      if (!duration && v.startedAt) duration = Math.min(MAX_MINUTES, Math.round((Date.parse(v.resolvedAt) - Date.parse(v.startedAt)) / 60_000));
      return clearIrrelevant({ ...v, durationMinutes: duration, afterHoursMinutes: v.afterHours ? v.afterHoursMinutes : 0 });
    });
}

/**
 * Adjustment rows from the form: `adj.<skill>` (a signed whole number, blank or 0 for none) and
 * `reason.<skill>`. Returns the adjustments and the skill each came from, or field errors for
 * values that are not numbers at all (range and reason checks are the domain's validateAdjustments).
 */
export function parseAdjustments(
  form: Record<string, string>,
  skills: string[],
): { ok: true; adjustments: Adjustment[] } | { ok: false; errors: FieldErrors } {
  const adjustments: Adjustment[] = [];
  const errors: FieldErrors = {};
  for (const skill of skills) {
    const raw = (form[`adj.${skill}`] ?? "").trim().replace(/^\+/, "");
    const reason = (form[`reason.${skill}`] ?? "").trim();
    if (raw === "" || raw === "0") {
      continue;
    }
    if (!/^-?\d+$/.test(raw)) {
      errors[`adj.${skill}`] = `A whole number from -${MAX_ADJUSTMENT} to +${MAX_ADJUSTMENT}.`;
      continue;
    }
    adjustments.push({ skill, points: Number(raw), reason });
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, adjustments };
}

export const endorsementSchema = z.object({
  comment: z
    .string({ message: "Write a short comment." })
    .trim()
    .min(1, "Write a short comment.")
    .max(MAX_ENDORSEMENT, `Use at most ${MAX_ENDORSEMENT} characters.`),
});

export const returnSchema = z.object({
  reason: z
    .string({ message: "Say why the item is returned." })
    .trim()
    .min(1, "Say why the item is returned.")
    .max(MAX_RETURN_REASON, `Use at most ${MAX_RETURN_REASON} characters.`),
});

export const evidenceStatuses = ["draft", "submitted", "verified", "returned"] as const;

export interface ListFilters {
  kind: string;
  skill: string;
  status: string;
  from: string;
  to: string;
  q: string;
  page: number;
}

/**
 * The list's filters from the query string. Values that are not valid (an unknown kind, a malformed
 * date) are dropped rather than refused: a bookmarked URL keeps working after the catalog changes.
 */
export function parseListFilters(params: URLSearchParams, known: { kinds: string[]; skills: string[] }): ListFilters {
  const get = (k: string) => (params.get(k) ?? "").trim();
  const kind = get("kind");
  const skill = get("skill");
  const status = get("status");
  const page = Number(get("page") || "1");
  const day = (v: string) => (validDay(v) ? v : "");
  return {
    kind: known.kinds.includes(kind) ? kind : "",
    skill: known.skills.includes(skill) ? skill : "",
    status: (evidenceStatuses as readonly string[]).includes(status) ? status : "",
    from: day(get("from")),
    to: day(get("to")),
    q: get("q").slice(0, 100),
    page: Number.isInteger(page) && page >= 1 && page <= 100_000 ? page : 1,
  };
}
