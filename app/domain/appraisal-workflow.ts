// Appraisal workflow: the state machine, who may do what, and payload validation.
// Pure: no database, no Request, no clock. The caller works out who the actor is relative to the
// appraisal ("employee" = the person appraised, "manager" = a manager of that person in the reporting
// subtree, "admin" = an organisation admin) and persists the resulting state and audit entries.

import { MAX_LEVEL } from "./defaults";

export const APPRAISAL_STATES = [
  "not_started",
  "self_assessment",
  "manager_review",
  "signed_off",
  "acknowledged",
] as const;
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
}

export type TransitionResult =
  | { ok: true; state: AppraisalState }
  | { ok: false; error: string; fieldErrors?: Record<string, string> };

/**
 * Field key used in validation results: `ratings.${skill}.level`, `ratings.${skill}.comment`; plus "summary",
 * "comment", "outcome", "promotion", "reason". They are the forms' field names, so a message lands next to
 * its field without translation.
 */
export function fieldKey(skill: string, field: "level" | "comment"): string {
  return `ratings.${skill}.${field}`;
}

// ---------------------------------------------------------------------------------------------
// The table

interface EventRule {
  from: readonly AppraisalState[];
  to: AppraisalState | null; // null = state unchanged
  actors: readonly ActorKind[];
  /** shown when the state is right but the actor is not */
  actorError: string;
  /** shown when the state is wrong (and the appraisal is not locked) */
  stateError: string;
}

const RULES: Record<AppraisalEvent, EventRule> = {
  start: {
    from: ["not_started"],
    to: "self_assessment",
    actors: ["manager", "admin"],
    actorError: "Only a manager or an admin can start an appraisal",
    stateError: "This appraisal has already been started",
  },
  save_self: {
    from: ["self_assessment"],
    to: null,
    actors: ["employee"],
    actorError: "Only the employee can edit their self-assessment",
    stateError: "The self-assessment can only be edited during the self-assessment stage",
  },
  submit_self: {
    from: ["self_assessment"],
    to: "manager_review",
    actors: ["employee"],
    actorError: "Only the employee can submit their self-assessment",
    stateError: "The self-assessment can only be submitted during the self-assessment stage",
  },
  save_review: {
    from: ["manager_review"],
    to: null,
    actors: ["manager"],
    actorError: "Only the employee's manager can edit the review",
    stateError: "The review can only be edited during the manager review stage",
  },
  sign_off: {
    from: ["manager_review"],
    to: "signed_off",
    actors: ["manager"],
    actorError: "Only the employee's manager can sign off an appraisal",
    stateError: "Only an appraisal in manager review can be signed off",
  },
  acknowledge: {
    from: ["signed_off"],
    to: "acknowledged",
    actors: ["employee"],
    actorError: "Only the employee can acknowledge their appraisal",
    stateError: "Only a signed-off appraisal can be acknowledged",
  },
  reopen: {
    from: ["signed_off", "acknowledged"],
    to: "manager_review",
    actors: ["admin"],
    actorError: "Only an admin can reopen a signed-off appraisal",
    stateError: "Only a signed-off or acknowledged appraisal can be reopened",
  },
  return_to_employee: {
    from: ["manager_review"],
    to: "self_assessment",
    actors: ["manager"],
    actorError: "Only the employee's manager can return the appraisal to the employee",
    stateError: "Only an appraisal in manager review can be returned to the employee",
  },
};

function isState(s: unknown): s is AppraisalState {
  return typeof s === "string" && (APPRAISAL_STATES as readonly string[]).includes(s);
}
function isEvent(e: unknown): e is AppraisalEvent {
  return typeof e === "string" && (APPRAISAL_EVENTS as readonly string[]).includes(e);
}

export function isLocked(state: AppraisalState): boolean {
  return state === "signed_off" || state === "acknowledged";
}

export function canEditSelf(state: AppraisalState, actor: AppraisalActor): boolean {
  return state === "self_assessment" && actor.kind === "employee";
}

export function canEditReview(state: AppraisalState, actor: AppraisalActor): boolean {
  return state === "manager_review" && actor.kind === "manager";
}

/** Does the state allow the event for somebody? (Tells "wrong state" from "not yours" once refused.) */
export function stateAllows(state: AppraisalState, event: AppraisalEvent): boolean {
  return RULES[event].from.includes(state);
}

/** Events the actor may trigger in this state (payload not considered), in workflow order — for buttons. */
export function allowedEvents(state: AppraisalState, actor: AppraisalActor): AppraisalEvent[] {
  return APPRAISAL_EVENTS.filter((e) => RULES[e].from.includes(state) && RULES[e].actors.includes(actor.kind));
}

function firstError(errors: Record<string, string>): string {
  const keys = Object.keys(errors);
  const first = errors[keys[0]!]!;
  return keys.length === 1 ? first : `${first} (and ${keys.length - 1} more problem${keys.length > 2 ? "s" : ""})`;
}

/**
 * Apply an event. Checks, in order: the state allows the event (locked appraisals say so), the actor may
 * trigger it, then the payload. On success returns the new state (unchanged for save_self/save_review).
 */
export function transition(
  state: AppraisalState,
  event: AppraisalEvent,
  actor: AppraisalActor,
  payload: TransitionPayload = {},
): TransitionResult {
  if (!isState(state)) return { ok: false, error: `Unknown appraisal state "${String(state)}"` };
  if (!isEvent(event)) return { ok: false, error: `Unknown action "${String(event)}"` };
  const rule = RULES[event];

  if (!rule.from.includes(state)) {
    if (isLocked(state)) {
      // reopen is the only way out of a locked appraisal; everything else is refused as locked
      return {
        ok: false,
        error:
          state === "acknowledged"
            ? "This appraisal is signed off, acknowledged and locked"
            : "This appraisal is signed off and locked",
      };
    }
    if (state === "not_started") return { ok: false, error: "This appraisal has not been started yet" };
    return { ok: false, error: rule.stateError };
  }
  if (!rule.actors.includes(actor?.kind)) return { ok: false, error: rule.actorError };

  const skills = payload.skills;
  switch (event) {
    case "save_self":
    case "submit_self": {
      const complete = event === "submit_self";
      if (!payload.self) {
        if (!complete) break; // nothing to save is harmless
        return { ok: false, error: "The self-assessment is missing" };
      }
      if (!skills) return { ok: false, error: "The list of skills is missing" };
      const errors = validateSelfAssessment(payload.self.ratings, payload.self.summary, skills, { complete });
      if (Object.keys(errors).length > 0) return { ok: false, error: firstError(errors), fieldErrors: errors };
      break;
    }
    case "save_review":
    case "sign_off": {
      const complete = event === "sign_off";
      if (!payload.review) {
        if (!complete) break;
        return { ok: false, error: "The review is missing" };
      }
      if (!skills) return { ok: false, error: "The list of skills is missing" };
      const errors = validateReview(payload.review, skills, { complete, positionIds: payload.positionIds });
      if (Object.keys(errors).length > 0) return { ok: false, error: firstError(errors), fieldErrors: errors };
      break;
    }
    case "reopen":
    case "return_to_employee": {
      const errors = validateReason(event, payload.reason ?? "");
      if (errors.reason) return { ok: false, error: errors.reason, fieldErrors: errors };
      break;
    }
    default:
      break;
  }
  return { ok: true, state: rule.to ?? state };
}

// ---------------------------------------------------------------------------------------------
// Validation

/** The reason of a reopen (required) or a return to the employee (optional); both at most a comment long. */
export function validateReason(event: "reopen" | "return_to_employee", reason: string): Record<string, string> {
  const r = reason.trim();
  if (event === "reopen" && r === "") return { reason: "A reason is required to reopen an appraisal" };
  return r.length > MAX_COMMENT_LENGTH ? { reason: REASON_TOO_LONG } : {};
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

// ---------------------------------------------------------------------------------------------
// Audit

export interface RatingChange {
  skill: string;
  field: "level" | "comment";
  before: number | string | null;
  after: number | string | null;
}

/**
 * Rating changes between two versions of a ratings map, for the audit log. A skill missing on one side
 * counts as level null and comment "". Skills in the order they first appear (before, then after);
 * level before comment.
 */
export function diffRatings(before: Ratings | null | undefined, after: Ratings | null | undefined): RatingChange[] {
  const b = before ?? {};
  const a = after ?? {};
  const skills = [...Object.keys(b), ...Object.keys(a).filter((k) => !(k in b))];
  const changes: RatingChange[] = [];
  for (const skill of skills) {
    const bl = b[skill]?.level ?? null;
    const al = a[skill]?.level ?? null;
    if (bl !== al) changes.push({ skill, field: "level", before: bl, after: al });
    const bc = b[skill]?.comment ?? "";
    const ac = a[skill]?.comment ?? "";
    if (bc !== ac) changes.push({ skill, field: "comment", before: bc, after: ac });
  }
  return changes;
}

/** Changes of scalar fields (summary, outcome, promotion target…) for the audit log; keys of both sides. */
export function diffFields(
  before: Record<string, string | number | boolean | null | undefined>,
  after: Record<string, string | number | boolean | null | undefined>,
): { field: string; before: string | number | boolean | null; after: string | number | boolean | null }[] {
  const keys = [...Object.keys(before), ...Object.keys(after).filter((k) => !(k in before))];
  const out: { field: string; before: string | number | boolean | null; after: string | number | boolean | null }[] = [];
  for (const field of keys) {
    const bv = before[field] ?? null;
    const av = after[field] ?? null;
    if (bv !== av) out.push({ field, before: bv, after: av });
  }
  return out;
}
