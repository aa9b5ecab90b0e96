// The appraisal page's forms, shared by the forms and the action. They give the submission its shape
// (a level is a number or "not rated", text is trimmed and within the domain's limits, choices are from
// the domain's lists). What the workflow decides — who may act in which state, what a submission must
// be complete with, a reopen's reason — stays in app/domain/appraisal-workflow.ts, which the command asks;
// that keeps "not yours" (403) and "not now" (409) ahead of "incomplete" (422), as the workflow orders them.
//
// Field names: `ratings.<skill>.level`, `ratings.<skill>.comment` (the workflow's fieldKey), `summary`,
// `comment`, `outcome`, `promotion` ("" not chosen, "none", or a position id), `promoReadiness`, `reason`,
// `confirm` ("yes" once the consequences of a sign-off or reopen were shown), `disagree` (a checkbox).
import { parseWithZod } from "@conform-to/zod/v4";
import * as z from "zod";
import { characters } from "./rules";
import type { AppraisalCommand } from "~/domain/appraisal-changes";
import {
  ACK_COMMENT_TOO_LONG,
  COMMENT_TOO_LONG,
  LEVEL_INVALID,
  OUTCOMES,
  PROMOTION_READINESS,
  REASON_TOO_LONG,
  type ReviewInput,
  SUMMARY_TOO_LONG,
  type SelfAssessmentInput,
} from "~/domain/appraisal-workflow";
import { MAX_COMMENT_LENGTH, MAX_SUMMARY_LENGTH } from "~/domain/limits";

const text = (max: number, tooLong: string) =>
  z
    .string()
    .trim()
    .max(max, tooLong)
    .superRefine(characters({ multiline: true }))
    .default("");

/** "yes" when the person confirmed a consequential event; anything else is no confirmation (the command asks). */
const confirm = z
  .string()
  .optional()
  .transform((v) => v === "yes");

const rating = z
  .object({
    level: z.number({ error: LEVEL_INVALID }).optional(),
    comment: text(MAX_COMMENT_LENGTH, COMMENT_TOO_LONG),
  })
  .optional();

/** One rating per listed skill; a skill left out is "not rated" with no comment. */
function ratingsSchema(skills: readonly string[]) {
  return z
    .object(Object.fromEntries(skills.map((k) => [k, rating])))
    .default({})
    .transform((r) => Object.fromEntries(skills.map((k) => [k, { level: r[k]?.level ?? null, comment: r[k]?.comment ?? "" }])));
}

export const SELF_INTENTS = ["save_self", "submit_self"] as const;
export const REVIEW_INTENTS = ["save_review", "sign_off"] as const;
export const REASON_INTENTS = ["reopen", "return_to_employee"] as const;

/** The employee's self-assessment: save a draft or submit it (completeness is the workflow's check). */
export function selfAssessmentSchema(skills: readonly string[]) {
  return z.object({
    intent: z.enum(SELF_INTENTS),
    ratings: ratingsSchema(skills),
    summary: text(MAX_SUMMARY_LENGTH, SUMMARY_TOO_LONG),
  });
}

const outcomeKeys = OUTCOMES.map((o) => o.key) as [(typeof OUTCOMES)[number]["key"], ...(typeof OUTCOMES)[number]["key"][]];
const readinessKeys = PROMOTION_READINESS.map((o) => o.key) as [
  (typeof PROMOTION_READINESS)[number]["key"],
  ...(typeof PROMOTION_READINESS)[number]["key"][],
];
const POSITION_ERROR = "Choose one of the listed positions";

/** The manager's review: save a draft or sign off (completeness and the listed positions are the workflow's checks). */
export function reviewSchema(skills: readonly string[]) {
  return z.object({
    intent: z.enum(REVIEW_INTENTS),
    ratings: ratingsSchema(skills),
    comment: text(MAX_COMMENT_LENGTH, COMMENT_TOO_LONG),
    outcome: z.enum(outcomeKeys, { error: "Choose one of the listed outcomes" }).optional(),
    promotion: z.union([z.literal("none"), z.string().regex(/^\d{1,9}$/, POSITION_ERROR)], { error: POSITION_ERROR }).optional(),
    promoReadiness: z.enum(readinessKeys, { error: "Choose one of the listed readiness options" }).optional(),
    confirm,
  });
}

/** Reopen (an admin, reason required) or return to the employee (the manager, reason optional). */
export const reasonSchema = z.object({
  intent: z.enum(REASON_INTENTS),
  reason: text(MAX_COMMENT_LENGTH, REASON_TOO_LONG),
  confirm,
});

/** The acknowledgement: an optional comment, and a checkbox to say the employee disagrees. */
export const acknowledgeSchema = z.object({
  intent: z.literal("acknowledge"),
  comment: text(MAX_COMMENT_LENGTH, ACK_COMMENT_TOO_LONG),
  disagree: z.boolean().default(false),
});

type ReviewValues = z.output<ReturnType<typeof reviewSchema>>;

/** The review form's values as the workflow's review: "none" = no promotion (readiness then means nothing). */
export function reviewInput(v: Omit<ReviewValues, "intent" | "confirm">): ReviewInput {
  const promotion =
    v.promotion === undefined
      ? null // not chosen yet
      : v.promotion === "none"
        ? { targetPositionId: null, readiness: null }
        : { targetPositionId: Number(v.promotion), readiness: v.promoReadiness ?? null };
  return { ratings: v.ratings, comment: v.comment, outcome: v.outcome ?? null, promotion };
}

/**
 * The submission of whichever of the page's forms posted, parsed with that form's schema, and the workflow
 * command it asks for; null for an intent the page does not have. (conform's parse needs a plain object
 * schema, so the form's values become the command here rather than in a zod transform.)
 */
export function parseAppraisalEvent(formData: FormData, skills: readonly string[]) {
  const intent = formData.get("intent");
  const parse = <S extends z.ZodType<Record<string, unknown>>>(schema: S, command: (v: z.output<S>) => AppraisalCommand) => {
    const submission = parseWithZod(formData, { schema });
    return { submission, command: submission.status === "success" ? command(submission.value) : null };
  };
  if (SELF_INTENTS.includes(intent as never)) {
    return parse(selfAssessmentSchema(skills), ({ intent, ratings, summary }) => ({
      event: intent,
      self: { ratings, summary } satisfies SelfAssessmentInput,
    }));
  }
  if (REVIEW_INTENTS.includes(intent as never))
    return parse(reviewSchema(skills), ({ intent, confirm, ...v }) => ({
      event: intent,
      review: reviewInput(v),
      confirmed: confirm,
    }));
  if (REASON_INTENTS.includes(intent as never))
    return parse(reasonSchema, ({ intent, reason, confirm }) => ({ event: intent, reason, confirmed: confirm }));
  if (intent === "acknowledge")
    return parse(acknowledgeSchema, ({ comment, disagree }) => ({
      event: "acknowledge",
      acknowledgement: { comment, disagrees: disagree },
    }));
  return null;
}
