// Validation of what people write in an appraisal: ratings, the self-assessment, the review, a reason.
// Pure. `complete` is the workflow's question (submitting and signing off need everything; drafts do not).
import { MAX_LEVEL } from "./defaults";
import {
  ACK_COMMENT_TOO_LONG,
  COMMENT_TOO_LONG,
  LEVEL_INVALID,
  MAX_COMMENT_LENGTH,
  MAX_SUMMARY_LENGTH,
  OUTCOMES,
  PROMOTION_READINESS,
  REASON_TOO_LONG,
  type Ratings,
  type ReviewInput,
  SUMMARY_TOO_LONG,
  fieldKey,
} from "./appraisal-terms";

/** The reason of a reopen (required) or a return to the employee (optional); both at most a comment long. */
export function validateReason(event: "reopen" | "return_to_employee", reason: string): Record<string, string> {
  const r = reason.trim();
  if (event === "reopen" && r === "") return { reason: "A reason is required to reopen an appraisal" };
  return r.length > MAX_COMMENT_LENGTH ? { reason: REASON_TOO_LONG } : {};
}

/** The employee's comment at acknowledgement: optional, at most a comment long. */
export function validateAcknowledgement(comment: string): Record<string, string> {
  return comment.trim().length > MAX_COMMENT_LENGTH ? { comment: ACK_COMMENT_TOO_LONG } : {};
}

function validateRatings(
  ratings: Ratings | null | undefined,
  skills: string[],
  complete: boolean,
  missingMessage: string,
  errors: Record<string, string>,
): void {
  const r = ratings ?? {};
  for (const skill of skills) {
    const entry = r[skill];
    const level = entry?.level;
    if (level === null || level === undefined || (typeof level === "number" && Number.isNaN(level))) {
      if (complete) errors[fieldKey(skill, "level")] = missingMessage;
    } else if (typeof level !== "number" || !Number.isInteger(level) || level < 0 || level > MAX_LEVEL) {
      errors[fieldKey(skill, "level")] = LEVEL_INVALID;
    }
    const comment = entry?.comment ?? "";
    if (typeof comment !== "string") {
      errors[fieldKey(skill, "comment")] = "Comment must be text";
    } else if (comment.length > MAX_COMMENT_LENGTH) {
      errors[fieldKey(skill, "comment")] = COMMENT_TOO_LONG;
    }
  }
  for (const key of Object.keys(r)) {
    if (!skills.includes(key)) errors[fieldKey(key, "level")] = `Unknown skill "${key}"`;
  }
}

/**
 * Validate a self-assessment. `complete: true` (default; used on submit) requires a level for every skill
 * and a non-empty summary; `complete: false` (saving a draft) only checks what is filled in.
 * Returns field → message (empty object when valid); keys as in `fieldKey`, plus "summary".
 */
export function validateSelfAssessment(
  ratings: Ratings,
  summary: string,
  skills: string[],
  opts: { complete?: boolean } = {},
): Record<string, string> {
  const complete = opts.complete ?? true;
  const errors: Record<string, string> = {};
  validateRatings(ratings, skills, complete, "Choose your level for this skill", errors);
  const s = typeof summary === "string" ? summary : "";
  if (complete && s.trim() === "") errors.summary = "Write a short summary of your period";
  else if (s.length > MAX_SUMMARY_LENGTH) errors.summary = SUMMARY_TOO_LONG;
  return errors;
}

/**
 * Validate a manager review. `complete: true` (default; used on sign-off) requires a rating for every
 * skill, an overall outcome and a promotion recommendation; `complete: false` (saving a draft) only checks
 * what is filled in. `positionIds`, when given, are the valid promotion targets.
 * Returns field → message; keys as in `fieldKey`, plus "comment", "outcome", "promotion".
 */
export function validateReview(
  review: ReviewInput,
  skills: string[],
  opts: { complete?: boolean; positionIds?: number[] } = {},
): Record<string, string> {
  const complete = opts.complete ?? true;
  const errors: Record<string, string> = {};
  validateRatings(review?.ratings, skills, complete, "Rate this skill", errors);

  const comment = review?.comment ?? "";
  if (typeof comment !== "string" || comment.length > MAX_COMMENT_LENGTH) {
    errors.comment = COMMENT_TOO_LONG;
  }

  const outcome = review?.outcome ?? null;
  if (outcome === null) {
    if (complete) errors.outcome = "Choose an overall outcome";
  } else if (!OUTCOMES.some((o) => o.key === outcome)) {
    errors.outcome = "Choose one of the listed outcomes";
  }

  const promo = review?.promotion ?? null;
  if (promo === null) {
    if (complete) errors.promotion = "Choose a promotion recommendation (a target position, or none)";
  } else if (promo.targetPositionId !== null && promo.targetPositionId !== undefined) {
    if (opts.positionIds && !opts.positionIds.includes(promo.targetPositionId)) {
      errors.promotion = "Choose one of the listed positions";
    } else if (promo.readiness === null || promo.readiness === undefined) {
      if (complete) errors.promotion = "Say when the employee will be ready for the target position";
    } else if (!PROMOTION_READINESS.some((p) => p.key === promo.readiness)) {
      errors.promotion = "Choose one of the listed readiness options";
    }
  }
  return errors;
}
