// Certification forms (issue 17, part 2): the admins' catalogue entry and the record a person keeps of a
// certification they hold. The catalogue's points are one field per live skill (`points.<skill>`), as the
// ladder's required levels are; the attachment is a file part checked by the command (type, size, bytes).
import * as z from "zod";
import { EARLIEST_DAY, LATEST_DAY, isCalendarDay } from "~/domain/calendar";
import { ID_MAX } from "~/domain/input-rules";
import { optionalTextRule, requiredText, textIssue } from "./rules";

export const CERTIFICATION_NAME_MAX = 120;
export const ISSUER_MAX = 120;
export const CERTIFICATION_DESCRIPTION_MAX = 2_000;
export const VALIDITY_MONTHS_MAX = 240;
export const CERTIFICATION_POINTS_MAX = 20;
export const CREDENTIAL_MAX = 120;
export const CERTIFICATION_LINK_MAX = 2_000;
export const CERTIFICATION_RETURN_MAX = 1_000;

const pointsMessage = `Enter whole points from 0 to ${CERTIFICATION_POINTS_MAX}.`;
const points = z
  .number({ error: (issue) => (issue.input === undefined ? pointsMessage : pointsMessage) })
  .int(pointsMessage)
  .min(0, pointsMessage)
  .max(CERTIFICATION_POINTS_MAX, pointsMessage)
  .default(0);

const positionId = z
  .number({ error: "Choose positions from the list." })
  .int("Choose positions from the list.")
  .positive("Choose positions from the list.")
  .max(ID_MAX, "Choose positions from the list.");

const optionalText = (max: number, what: string, opts: { multiline?: boolean } = {}) =>
  optionalTextRule(max, what, opts)
    .optional()
    .transform((v) => v || null);

/** A day the product accepts (YYYY-MM-DD, between 2000 and 2100). */
function day(what: string) {
  return z
    .string({ error: `Enter ${what}.` })
    .trim()
    .refine(isCalendarDay, "Enter a valid date (YYYY-MM-DD).")
    .refine((v) => !isCalendarDay(v) || (v >= EARLIEST_DAY && v <= LATEST_DAY), "Choose a date between 2000 and 2100.");
}

/** The catalogue entry (admins). `skillKeys`: the live skills, one points field each. */
export function certificationSchema(skillKeys: readonly string[]) {
  return z.object({
    name: requiredText(CERTIFICATION_NAME_MAX, "a name"),
    key: z
      .string({ error: "Enter a key." })
      .trim()
      .toLowerCase()
      .regex(/^[a-z0-9][a-z0-9_-]{1,39}$/, "Use 2 to 40 lower-case letters, digits, - or _ (for example itil4-foundation)."),
    issuer: requiredText(ISSUER_MAX, "the issuer"),
    validityMonths: z
      .number({ error: `Enter a whole number of months from 1 to ${VALIDITY_MONTHS_MAX}, or leave it empty.` })
      .int(`Enter a whole number of months from 1 to ${VALIDITY_MONTHS_MAX}, or leave it empty.`)
      .min(1, `Enter a whole number of months from 1 to ${VALIDITY_MONTHS_MAX}, or leave it empty.`)
      .max(VALIDITY_MONTHS_MAX, `Enter a whole number of months from 1 to ${VALIDITY_MONTHS_MAX}, or leave it empty.`)
      .optional()
      .transform((v) => v ?? null),
    description: optionalText(CERTIFICATION_DESCRIPTION_MAX, "a description", { multiline: true }),
    points: z.object(Object.fromEntries(skillKeys.map((k) => [k, points]))).default({}),
    positions: z
      .array(positionId, { error: "Choose positions from the list." })
      .default([])
      .transform((ids) => [...new Set(ids)]),
    retired: z.boolean().default(false),
  });
}

export type CertificationValues = z.infer<ReturnType<typeof certificationSchema>>;

/** A link to the credential: http or https only (no javascript:, data: or file: link is ever shown). */
const link = z
  .string()
  .trim()
  .max(CERTIFICATION_LINK_MAX, `Use at most ${CERTIFICATION_LINK_MAX.toLocaleString("en")} characters.`)
  .refine((v) => {
    if (!v) return true;
    try {
      const u = new URL(v);
      return (u.protocol === "http:" || u.protocol === "https:") && !!u.hostname;
    } catch {
      return false;
    }
  }, "Enter a link starting with https:// or http://.")
  .optional()
  .transform((v) => v || null);

/** The record a person keeps: which certification, when, and the proof (a link, an attachment, or both). */
export const heldSchema = z
  .object({
    certificationId: z
      .number({ error: "Choose a certification from the list." })
      .int("Choose a certification from the list.")
      .positive("Choose a certification from the list.")
      .max(ID_MAX, "Choose a certification from the list."),
    issuedOn: day("the day it was issued"),
    expiresOn: day("the expiry day")
      .optional()
      .transform((v) => v ?? null),
    credentialRef: optionalText(CREDENTIAL_MAX, "a credential id"),
    linkUrl: link,
    removeAttachment: z.boolean().default(false),
  })
  .refine((v) => v.expiresOn === null || v.expiresOn > v.issuedOn, {
    path: ["expiresOn"],
    message: "The expiry must be after the day it was issued.",
  });

export type HeldValues = z.infer<typeof heldSchema>;

/** The manager's review: verify, or return with the reason. */
export const certificationReviewSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("verify") }),
  z.object({
    intent: z.literal("return"),
    reason: z
      .string({ error: "Say why the certification is returned." })
      .trim()
      .min(1, "Say why the certification is returned.")
      .max(CERTIFICATION_RETURN_MAX, `Use at most ${CERTIFICATION_RETURN_MAX} characters.`)
      .superRefine((v, ctx) =>
        textIssue(v, { max: CERTIFICATION_RETURN_MAX, what: "why the certification is returned", multiline: true }, ctx),
      ),
  }),
]);
