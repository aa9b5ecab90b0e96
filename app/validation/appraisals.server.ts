// Input shapes of the appraisals area: the cycle form (zod) and the appraisal forms (parsed into the
// workflow's payload types; the workflow module itself validates levels, comments and completeness).
import { z } from "zod";
import type {
  AppraisalOutcome,
  PromotionReadiness,
  PromotionRecommendation,
  Ratings,
  ReviewInput,
  SelfAssessmentInput,
} from "~/domain/appraisal-workflow";

function isRealDate(v: string): boolean {
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

const day = (label: string) =>
  z
    .string({ message: `Enter the ${label}.` })
    .trim()
    .min(1, `Enter the ${label}.`)
    .regex(/^\d{4}-\d{2}-\d{2}$/, `Enter the ${label} as a date (YYYY-MM-DD).`)
    .refine(isRealDate, `Enter a real calendar date for the ${label}.`);

export const cycleSchema = z
  .object({
    name: z.string({ message: "Enter a name." }).trim().min(1, "Enter a name.").max(120, "Use at most 120 characters."),
    periodStart: day("start of the period"),
    periodEnd: day("end of the period"),
    selfDue: day("self-assessment due date"),
    reviewDue: day("review due date"),
  })
  .superRefine((v, ctx) => {
    // ISO dates compare correctly as strings.
    if (v.periodEnd <= v.periodStart) {
      ctx.addIssue({ code: "custom", path: ["periodEnd"], message: "The period must end after it starts." });
    }
    if (v.selfDue <= v.periodStart) {
      ctx.addIssue({ code: "custom", path: ["selfDue"], message: "The self-assessment due date must be after the start of the period." });
    }
    if (v.reviewDue <= v.periodStart) {
      ctx.addIssue({ code: "custom", path: ["reviewDue"], message: "The review due date must be after the start of the period." });
    } else if (v.reviewDue < v.selfDue) {
      ctx.addIssue({ code: "custom", path: ["reviewDue"], message: "The review is due on or after the self-assessment due date." });
    }
  });

export type CycleInput = z.infer<typeof cycleSchema>;

/** Form field names of one skill's rating (the same keys the workflow uses for its field errors). */
export const levelField = (skill: string) => `${skill}.level`;
export const commentField = (skill: string) => `${skill}.comment`;

/** "" → null (not rated yet); anything that is not a whole number stays invalid so the workflow reports it. */
function parseLevel(raw: string | undefined): number | null {
  const v = (raw ?? "").trim();
  if (v === "") return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : -1;
}

export function parseRatings(form: Record<string, string>, skills: string[]): Ratings {
  const out: Ratings = {};
  for (const skill of skills) {
    out[skill] = { level: parseLevel(form[levelField(skill)]), comment: (form[commentField(skill)] ?? "").trim() };
  }
  return out;
}

export function parseSelfAssessment(form: Record<string, string>, skills: string[]): SelfAssessmentInput {
  return { ratings: parseRatings(form, skills), summary: (form.summary ?? "").trim() };
}

/**
 * The promotion field: "" = not chosen yet, "none" = no promotion recommended, otherwise a position id
 * (an unparseable value becomes id -1 so that the workflow refuses it as "not one of the listed positions").
 */
export function parsePromotion(form: Record<string, string>): PromotionRecommendation | null {
  const target = (form.promoPositionId ?? "").trim();
  if (target === "") return null;
  if (target === "none") return { targetPositionId: null, readiness: null };
  const id = Number(target);
  const readiness = (form.promoReadiness ?? "").trim();
  return {
    targetPositionId: Number.isInteger(id) && id > 0 ? id : -1,
    readiness: readiness === "" ? null : (readiness as PromotionReadiness),
  };
}

export function parseReview(form: Record<string, string>, skills: string[]): ReviewInput {
  const outcome = (form.outcome ?? "").trim();
  return {
    ratings: parseRatings(form, skills),
    comment: (form.comment ?? "").trim(),
    outcome: outcome === "" ? null : (outcome as AppraisalOutcome),
    promotion: parsePromotion(form),
  };
}
