// The appraisal workflow's vocabulary: states, events, outcomes, the limits and messages of what people
// write, and the shapes of a self-assessment and a review. Pure data; app/domain/appraisal-workflow.ts
// re-exports it beside the rules.
import { MAX_LEVEL } from "./defaults";

export const APPRAISAL_STATES = ["not_started", "self_assessment", "manager_review", "signed_off", "acknowledged"] as const;
export type AppraisalState = (typeof APPRAISAL_STATES)[number];

export const APPRAISAL_EVENTS = [
  "start",
  "save_self",
  "submit_self",
  "save_review",
  "sign_off",
  "acknowledge",
  "reopen",
  "return_to_employee",
] as const;
export type AppraisalEvent = (typeof APPRAISAL_EVENTS)[number];

export type ActorKind = "employee" | "manager" | "admin";
export interface AppraisalActor {
  kind: ActorKind;
}

export const STATE_LABELS: Record<AppraisalState, string> = {
  not_started: "Not started",
  self_assessment: "Self-assessment",
  manager_review: "Manager review",
  signed_off: "Signed off",
  acknowledged: "Acknowledged",
};

export const EVENT_LABELS: Record<AppraisalEvent, string> = {
  start: "Start appraisal",
  save_self: "Save self-assessment",
  submit_self: "Submit self-assessment",
  save_review: "Save review",
  sign_off: "Sign off",
  acknowledge: "Acknowledge",
  reopen: "Reopen",
  return_to_employee: "Return to employee",
};

export const OUTCOMES = [
  { key: "exceeds", label: "Exceeds expectations" },
  { key: "meets", label: "Meets expectations" },
  { key: "partially_meets", label: "Partially meets expectations" },
  { key: "does_not_meet", label: "Does not meet expectations" },
] as const;
export type AppraisalOutcome = (typeof OUTCOMES)[number]["key"];

export const PROMOTION_READINESS = [
  { key: "ready_now", label: "Ready now" },
  { key: "6_12_months", label: "Ready in 6–12 months" },
  { key: "not_yet", label: "Not yet" },
] as const;
export type PromotionReadiness = (typeof PROMOTION_READINESS)[number]["key"];

export const MAX_COMMENT_LENGTH = 2000;
export const MAX_SUMMARY_LENGTH = 5000;

// Messages the shared form schemas (app/schemas/appraisal.ts) give for the same limits, so the field
// says the same thing whether the browser, the schema or this module caught it.
export const COMMENT_TOO_LONG = `Comment must be at most ${MAX_COMMENT_LENGTH} characters`;
export const SUMMARY_TOO_LONG = `Summary must be at most ${MAX_SUMMARY_LENGTH} characters`;
export const REASON_TOO_LONG = `The reason must be at most ${MAX_COMMENT_LENGTH} characters`;
export const ACK_COMMENT_TOO_LONG = `Your comment must be at most ${MAX_COMMENT_LENGTH} characters`;
export const LEVEL_INVALID = `Level must be a whole number from 0 to ${MAX_LEVEL}`;

/** One skill's rating (self or manager): level 0-7 (null = not rated yet) and a comment. */
export interface SkillRating {
  level: number | null;
  comment: string;
}
export type Ratings = Record<string, SkillRating>;

export interface SelfAssessmentInput {
  ratings: Ratings;
  summary: string;
}

/**
 * Promotion recommendation. `targetPositionId: null` means "no promotion recommended" (readiness is then
 * ignored); otherwise readiness is required. The recommendation itself being null/undefined means the
 * manager has not chosen yet.
 */
export interface PromotionRecommendation {
  targetPositionId: number | null;
  readiness: PromotionReadiness | null;
}

export interface ReviewInput {
  ratings: Ratings;
  /** overall manager comment (optional) */
  comment?: string;
  outcome: AppraisalOutcome | null;
  promotion: PromotionRecommendation | null;
}

export interface TransitionPayload {
  /** active skill keys of the organisation; needed by save_self, submit_self, save_review, sign_off */
  skills?: string[];
  /** save_self, submit_self */
  self?: SelfAssessmentInput;
  /** save_review, sign_off */
  review?: ReviewInput;
  /** reopen (required), return_to_employee (optional) */
  reason?: string;
  /** when given, sign_off checks that the target position is one of these */
  positionIds?: number[];
  /** acknowledge: the employee's optional comment, and whether they disagree */
  acknowledgement?: AcknowledgementInput;
}

/** What the employee may add when acknowledging: a comment, and that they disagree (issue 16, point 5). */
export interface AcknowledgementInput {
  comment: string;
  disagrees: boolean;
}

export type TransitionResult =
  { ok: true; state: AppraisalState } | { ok: false; error: string; fieldErrors?: Record<string, string> };

/**
 * Field key used in validation results: `ratings.${skill}.level`, `ratings.${skill}.comment`; plus "summary",
 * "comment", "outcome", "promotion", "reason". They are the forms' field names, so a message lands next to
 * its field without translation.
 */
export function fieldKey(skill: string, field: "level" | "comment"): string {
  return `ratings.${skill}.${field}`;
}
