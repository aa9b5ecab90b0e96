// The rules an imported or posted item must meet. Server-only: no form uses it (the API is JSON), but it is
// written like the shared form schemas, limits from app/domain/limits.ts.
// `evidenceFieldsSchema` checks the fields of one evidence item (EvidenceFields' shape) whatever their
// origin: a CSV row after normalising, or a JSON item posted to /api/v1/evidence (`ingestItemSchema`,
// which mirrors ImportItem / EvidenceFields with friendlier optional fields).
import * as z from "zod";
import { type DateBounds, MESSAGES, characterProblem } from "~/domain/input-rules";
import { dateIssue, emailRule, optionalTextRule, requiredText } from "./rules";
import { IMPACTS, OUTCOMES, PRIORITIES, WORK_ROLES } from "~/domain/mapping";
import type { EvidenceFields } from "~/domain/import/index";
import {
  EVIDENCE_LINKS_MAX,
  EVIDENCE_LINK_MAX,
  EVIDENCE_NOTES_MAX,
  EVIDENCE_TITLE_MAX,
  KIND_KEY_MAX,
  REF_MAX,
} from "~/domain/limits";

export const LIMITS = {
  title: EVIDENCE_TITLE_MAX,
  ref: REF_MAX,
  system: 32,
  notes: EVIDENCE_NOTES_MAX,
  code: REF_MAX,
  handle: REF_MAX,
  links: EVIDENCE_LINKS_MAX,
  link: EVIDENCE_LINK_MAX,
  count: 1_000,
  /** minutes: a year */
  minutes: 525_600,
  itemsPerRequest: 500,
} as const;

/** "2024-05-01T14:30:00Z", "2024-05-01T14:30+02:00", "2024-05-01 14:30", "2024-05-01" */
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** A UTC offset that exists: at most ±14:00 (UTC+14 is the widest zone), minutes below 60. */
function validOffset(zone: string | undefined): boolean {
  if (!zone || zone.toUpperCase() === "Z") return true;
  const digits = zone.slice(1).replace(":", "");
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2));
  return minutes < 60 && hours * 60 + minutes <= 14 * 60;
}

function validDateTime(v: string): boolean {
  const m = ISO.exec(v);
  if (!m) return false;
  if (!validOffset(m[7])) return false;
  const [y, mo, d, h = "0", mi = "0", s = "0"] = m.slice(1, 7) as [string, string, string, string?, string?, string?];
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)));
  return (
    date.getUTCMonth() === Number(mo) - 1 &&
    date.getUTCDate() === Number(d) &&
    Number(h) < 24 &&
    Number(mi) < 60 &&
    Number(s) < 60
  );
}

const text = (max: number, what: string) => requiredText(max, what);
const optionalText = (max: number, what: string, opts: { multiline?: boolean } = {}) =>
  optionalTextRule(max, what, opts)
    .nullish()
    .transform((v) => (v ? v : null));
const count = z.number().int("Use a whole number.").min(0, "Use 0 or more.").max(LIMITS.count, `Use at most ${LIMITS.count}.`);
const minutes = z
  .number()
  .int("Use a whole number of minutes.")
  .min(0, "Use 0 or more.")
  .max(LIMITS.minutes, "Too many minutes.");
const stored = z.string().refine(validDateTime, "Not a valid date-time.");
const link = z
  .string()
  .max(LIMITS.link, `Use at most ${LIMITS.link.toLocaleString("en")} characters.`)
  .refine((v) => characterProblem(v) === null, MESSAGES.controlSingleLine)
  .refine((v) => {
    try {
      const u = new URL(v);
      return u.protocol === "http:" || u.protocol === "https:";
    } catch {
      return false;
    }
  }, "Use an http(s) address.");

/** One evidence item's fields, as stored: the same checks for CSV rows and API items. */
export const evidenceFieldsSchema = z
  .object({
    kind: text(KIND_KEY_MAX, "a kind"),
    title: text(LIMITS.title, "a title"),
    externalRef: text(LIMITS.ref, "the external reference").nullable(),
    startedAt: stored.nullable(),
    resolvedAt: stored,
    priority: z.enum(PRIORITIES as [string, ...string[]]).nullable(),
    impact: z.enum(IMPACTS as [string, ...string[]]).nullable(),
    workRole: z.enum(WORK_ROLES as [string, ...string[]]).nullable(),
    outcome: z.enum(OUTCOMES as [string, ...string[]]).nullable(),
    afterHours: z.boolean(),
    afterHoursMinutes: minutes,
    durationMinutes: minutes,
    emergency: z.boolean(),
    addsFunctionality: z.boolean(),
    fixesSlowness: z.boolean(),
    reassignmentCount: count,
    reopenCount: count,
    problemRef: optionalText(LIMITS.ref, "the problem reference"),
    changeRef: optionalText(LIMITS.ref, "the change reference"),
    resolutionCode: optionalText(LIMITS.code, "the resolution code"),
    notes: optionalText(LIMITS.notes, "notes", { multiline: true }),
    links: z.array(link).max(LIMITS.links, `At most ${LIMITS.links} links.`),
  })
  .refine((f) => !f.startedAt || f.startedAt <= f.resolvedAt, {
    path: ["resolvedAt"],
    message: "The resolution time is before the start.",
  });

/** One item posted to the ingest API. */
export const ingestItemSchema = z
  .strictObject({
    system: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, "Use letters, digits, '.', '_' or '-'.")
      .max(LIMITS.system, `Use at most ${LIMITS.system} characters.`)
      .optional(),
    externalRef: text(LIMITS.ref, "the external reference (the ticket number)"),
    title: text(LIMITS.title, "a title"),
    kind: text(KIND_KEY_MAX, "a kind").default("incident"),
    handle: text(LIMITS.handle, "a handle").optional(),
    email: emailRule().optional(),
    startedAt: z.string().trim().refine(validDateTime, "Use an ISO 8601 date-time, e.g. 2024-05-01T14:30:00Z.").nullish(),
    resolvedAt: z
      .string({ error: "Enter the resolution time (only resolved tickets are evidence)." })
      .trim()
      .refine(validDateTime, "Use an ISO 8601 date-time, e.g. 2024-05-01T14:30:00Z."),
    priority: z.enum(PRIORITIES as [string, ...string[]], { error: "Use P1, P2, P3 or P4." }).nullish(),
    impact: z.enum(IMPACTS as [string, ...string[]], { error: "Use low, medium, high or critical." }).nullish(),
    workRole: z.enum(WORK_ROLES as [string, ...string[]], { error: "Use lead, contributor or reviewer." }).nullish(),
    outcome: z.enum(OUTCOMES as [string, ...string[]], { error: "Use resolved, workaround or escalated." }).nullish(),
    afterHours: z.boolean().optional(),
    afterHoursMinutes: minutes.optional(),
    durationMinutes: minutes.optional(),
    emergency: z.boolean().default(false),
    addsFunctionality: z.boolean().default(false),
    fixesSlowness: z.boolean().default(false),
    reassignmentCount: count.default(0),
    reopenCount: count.default(0),
    problemRef: optionalText(LIMITS.ref, "the problem reference"),
    changeRef: optionalText(LIMITS.ref, "the change reference"),
    resolutionCode: optionalText(LIMITS.code, "the resolution code"),
    notes: optionalText(LIMITS.notes, "notes", { multiline: true }),
    links: z.array(link).max(LIMITS.links, `At most ${LIMITS.links} links.`).default([]),
  })
  .superRefine((v, ctx) => {
    if (!v.handle && !v.email) ctx.addIssue({ code: "custom", path: ["handle"], message: "Give the person's handle or email." });
  });

export type IngestItem = z.infer<typeof ingestItemSchema>;

export interface ItemError {
  index: number;
  field: string;
  message: string;
}

function issuesOf(index: number, error: z.ZodError): ItemError[] {
  const out: ItemError[] = [];
  const seen = new Set<string>();
  for (const issue of error.issues) {
    const field = issue.path.length ? issue.path.join(".") : "item";
    if (seen.has(field)) continue;
    seen.add(field);
    const message = issue.code === "unrecognized_keys" ? `Unknown field(s): ${issue.keys.join(", ")}.` : issue.message;
    out.push({ index, field, message });
  }
  return out;
}

/** A request body: one item, or `{ items: [...] }`. */
export function parseIngestBody(body: unknown): { ok: true; items: IngestItem[] } | { ok: false; errors: ItemError[] } {
  let raw: unknown[];
  if (body && typeof body === "object" && !Array.isArray(body) && "items" in body) {
    const list = (body as { items: unknown }).items;
    if (!Array.isArray(list))
      return { ok: false, errors: [{ index: -1, field: "items", message: "items must be an array of items." }] };
    if (list.length === 0) return { ok: false, errors: [{ index: -1, field: "items", message: "items is empty." }] };
    if (list.length > LIMITS.itemsPerRequest) {
      return {
        ok: false,
        errors: [{ index: -1, field: "items", message: `At most ${LIMITS.itemsPerRequest} items per request.` }],
      };
    }
    const extra = Object.keys(body).filter((k) => k !== "items");
    if (extra.length)
      return {
        ok: false,
        errors: [{ index: -1, field: extra[0]!, message: `Unknown field(s) beside items: ${extra.join(", ")}.` }],
      };
    raw = list;
  } else if (body && typeof body === "object" && !Array.isArray(body)) {
    raw = [body];
  } else {
    return { ok: false, errors: [{ index: -1, field: "body", message: 'Send one item (a JSON object) or { "items": [ … ] }.' }] };
  }
  const items: IngestItem[] = [];
  const errors: ItemError[] = [];
  raw.forEach((r, index) => {
    const parsed = ingestItemSchema.safeParse(r);
    if (parsed.success) items.push(parsed.data);
    else errors.push(...issuesOf(index, parsed.error));
  });
  return errors.length ? { ok: false, errors } : { ok: true, items };
}

/** Whether a time was written without a zone (a wall-clock time, stored as written): see input-rules.ts. */
export interface WallClockTimes {
  startedAt: boolean;
  resolvedAt: boolean;
}

/**
 * Problems with one item's fields (null when none): the kind, the field rules, and the date bounds at
 * `bounds.now` (a CSV row's times are wall-clock times; an API item's are when written without a zone).
 */
export function checkEvidenceFields(
  fields: EvidenceFields,
  kinds: Set<string>,
  bounds: DateBounds,
  wallClock: WallClockTimes,
): { field: string; message: string } | null {
  if (!kinds.has(fields.kind)) return { field: "kind", message: `Unknown kind "${fields.kind}".` };
  const parsed = evidenceFieldsSchema
    .superRefine((f, ctx) => {
      dateIssue(f.startedAt, "start", bounds, ctx, ["startedAt"], { wallClock: wallClock.startedAt });
      dateIssue(f.resolvedAt, "finish", bounds, ctx, ["resolvedAt"], { wallClock: wallClock.resolvedAt });
    })
    .safeParse(fields);
  if (parsed.success) return null;
  const issue = parsed.error.issues[0]!;
  return { field: issue.path.join(".") || "item", message: issue.message };
}
