// A ladder template file (docs/ladder-template-format.md) as zod reads it: the web import, the CLI and the
// tests that prove the shipped templates valid all parse through `parseLadderTemplate`. Server-only: the
// file is never parsed in the browser. Every message names the position (or certification) and the field.
import * as z from "zod";
import { LADDER_TEMPLATE_FORMAT, LADDER_TEMPLATE_VERSION, type LadderTemplate } from "~/domain/ladder-template";
import { TRACKS } from "~/domain/ladder-tracks";
import { MAX_LEVEL, POSITION_NAME_MAX, RANK_MAX } from "~/domain/limits";

const KEY = /^[a-z0-9][a-z0-9-]{0,39}$/;
const keyMessage = "use 1 to 40 lower-case letters, digits and dashes, starting with a letter or digit";
const key = z.string({ error: "enter a key" }).regex(KEY, keyMessage);
const text = (max: number) =>
  z.string({ error: "enter a text" }).trim().min(1, "enter a text").max(max, `use at most ${max} characters`);
const levelMessage = `use a whole level from 0 to ${MAX_LEVEL}`;
const level = z.number({ error: levelMessage }).int(levelMessage).min(0, levelMessage).max(MAX_LEVEL, levelMessage);

const position = z.strictObject({
  key,
  name: text(POSITION_NAME_MAX),
  rank: z
    .number({ error: `use a whole rank from 1 to ${RANK_MAX}` })
    .int(`use a whole rank from 1 to ${RANK_MAX}`)
    .min(1, `use a whole rank from 1 to ${RANK_MAX}`)
    .max(RANK_MAX, `use a whole rank from 1 to ${RANK_MAX}`),
  track: z.enum(TRACKS, { error: `use one of ${TRACKS.join(", ")}` }),
  isManagement: z.boolean({ error: "use true or false" }),
  description: text(500).nullable().default(null),
  retired: z.boolean({ error: "use true or false" }).default(false),
  requirements: z.record(key, level, { error: "give the required level per skill key" }),
  certifications: z.array(key, { error: "list certification keys" }).max(50).default([]),
});

const certification = z.strictObject({
  key,
  name: text(120),
  issuer: text(120),
  validityMonths: z
    .number({ error: "use whole months from 1 to 240, or null" })
    .int("use whole months from 1 to 240, or null")
    .min(1, "use whole months from 1 to 240, or null")
    .max(240, "use whole months from 1 to 240, or null")
    .nullable()
    .default(null),
  description: text(500).nullable().default(null),
  skills: z.record(key, z.number({ error: "use whole points from 1 to 50" }).int().min(1).max(50)).default({}),
});

export const ladderTemplateSchema = z.strictObject({
  format: z.literal(LADDER_TEMPLATE_FORMAT),
  version: z.literal(LADDER_TEMPLATE_VERSION),
  name: text(120),
  skills: z.array(z.strictObject({ key, name: text(200) }), { error: "list the skills" }).max(200),
  certifications: z.array(certification).max(200).default([]),
  positions: z.array(position, { error: "list the positions" }).min(1, "list at least one position").max(200),
});

export type ParsedTemplate = { ok: true; value: LadderTemplate } | { ok: false; errors: string[] };

const MAX_MESSAGES = 50;

/** A name for the row a zod path points into: `Position 4 "Staff Support Engineer"`. */
function where(raw: unknown, path: PropertyKey[]): string {
  const [list, index, ...rest] = path;
  const field = rest.map(String).join(".");
  if ((list === "positions" || list === "certifications") && typeof index === "number") {
    const row = (raw as Record<string, unknown[]>)[list]?.[index] as Record<string, unknown> | undefined;
    const name = typeof row?.name === "string" ? ` "${row.name}"` : "";
    const k = typeof row?.key === "string" ? ` (${row.key})` : "";
    const noun = list === "positions" ? "Position" : "Certification";
    return `${noun} ${index + 1}${name}${k}${field ? `: ${field}` : ""}`;
  }
  return path.map(String).join(".") || "file";
}

/** The text of an uploaded template → the template, or every problem (at most 50) in words. */
export function parseLadderTemplate(textContent: string): ParsedTemplate {
  let raw: unknown;
  try {
    raw = JSON.parse(textContent.replace(/^\uFEFF/, ""));
  } catch {
    return {
      ok: false,
      errors: ["The file is not JSON: export a ladder from SupportPath, or see docs/ladder-template-format.md."],
    };
  }
  if (!raw || typeof raw !== "object" || Array.isArray(raw))
    return { ok: false, errors: ["The file is not a ladder template (a JSON object)."] };
  const head = raw as Record<string, unknown>;
  if (head.format !== LADDER_TEMPLATE_FORMAT)
    return { ok: false, errors: [`The file is not a ladder template: "format" must be "${LADDER_TEMPLATE_FORMAT}".`] };
  if (head.version !== LADDER_TEMPLATE_VERSION)
    return {
      ok: false,
      errors: [
        `Unknown format version ${JSON.stringify(head.version)}: this SupportPath reads ladder templates of version ${LADDER_TEMPLATE_VERSION}.`,
      ],
    };
  const parsed = ladderTemplateSchema.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data as LadderTemplate };
  const errors = parsed.error.issues.slice(0, MAX_MESSAGES).map((i) => `${where(raw, i.path)}: ${i.message}.`);
  return { ok: false, errors };
}
