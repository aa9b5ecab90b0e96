// What an accepted appraisal event writes: the columns to patch, the ratings to store and the audit
// entry's before/after. Pure: the service loads the appraisal, calls this, adds the sign-off snapshot and
// writes it all in one transaction. Audit keys: "self.<skill>.level", "manager_comment", "state"…
import { diffFields, diffRatings } from "./appraisal-diff";
import type {
  AcknowledgementInput,
  AppraisalEvent,
  AppraisalState,
  Ratings,
  ReviewInput,
  SelfAssessmentInput,
} from "./appraisal-terms";

/**
 * What the actor asks the workflow to do, with what the event needs (the commands' input). `confirmed`:
 * the actor confirmed the consequences (sign-off and reopen are refused without it, CONFIRM_FIRST).
 */
export type AppraisalCommand =
  | { event: "save_self" | "submit_self"; self: SelfAssessmentInput }
  | { event: "save_review" | "sign_off"; review: ReviewInput; confirmed?: boolean }
  | { event: "reopen" | "return_to_employee"; reason: string; confirmed?: boolean }
  | { event: "acknowledge"; acknowledgement?: AcknowledgementInput };

/** The stored columns of an appraisal that events change. */
export interface AppraisalFields {
  state: AppraisalState;
  manager_id: number | null;
  self_summary: string | null;
  manager_comment: string | null;
  outcome: string | null;
  promo_position_id: number | null;
  promo_readiness: string | null;
}

export type AppraisalFieldPatch = Partial<AppraisalFields> & {
  snapshot_json?: string | null;
  signed_off_at?: string | null;
  acknowledged_at?: string | null;
  acknowledgement_comment?: string | null;
  acknowledgement_disagrees?: number;
};

type Scalar = string | number | boolean | null;
export interface Changes {
  before: Record<string, Scalar>;
  after: Record<string, Scalar>;
}

export interface EventPlan {
  patch: AppraisalFieldPatch;
  /** the side's ratings to store (every listed skill), or null when the event rates nothing */
  ratings: { side: "self" | "manager"; ratings: Ratings } | null;
  audit: (Changes & { reason: string | null }) | null;
}

export interface EventToPlan {
  event: AppraisalEvent;
  from: AppraisalState;
  to: AppraisalState;
  current: AppraisalFields;
  stored: { self: Ratings; manager: Ratings };
  skills: string[];
  actorId: number;
  self?: SelfAssessmentInput;
  review?: ReviewInput;
  reason?: string;
  acknowledgement?: AcknowledgementInput;
  now: Date;
}

/** Only the skills listed: the ratings as stored, missing ones as "not rated". */
export function pickRatings(r: Ratings, skills: string[]): Ratings {
  const out: Ratings = {};
  for (const s of skills) out[s] = { level: r[s]?.level ?? null, comment: r[s]?.comment ?? "" };
  return out;
}

export function ratingChanges(side: "self" | "manager", before: Ratings, after: Ratings): Changes {
  const out: Changes = { before: {}, after: {} };
  for (const c of diffRatings(before, after)) {
    out.before[`${side}.${c.skill}.${c.field}`] = c.before;
    out.after[`${side}.${c.skill}.${c.field}`] = c.after;
  }
  return out;
}

export function fieldChanges(before: Record<string, Scalar>, after: Record<string, Scalar>): Changes {
  const out: Changes = { before: {}, after: {} };
  for (const c of diffFields(before, after)) {
    out.before[c.field] = c.before;
    out.after[c.field] = c.after;
  }
  return out;
}

function merge(into: Changes, c: Changes) {
  Object.assign(into.before, c.before);
  Object.assign(into.after, c.after);
}

/** The review's columns. Readiness "none" records that the manager chose "no promotion" (not "not chosen yet"). */
export function reviewFields(r: ReviewInput, actorId: number): Omit<AppraisalFields, "state" | "self_summary"> {
  return {
    manager_comment: r.comment || null,
    outcome: r.outcome,
    promo_position_id: r.promotion?.targetPositionId ?? null,
    promo_readiness: r.promotion ? (r.promotion.targetPositionId ? r.promotion.readiness : "none") : null,
    manager_id: actorId,
  };
}

/** The review as the audit shows it: promotion target 0 = "no promotion", readiness only with a target. */
function reviewAudit(f: Omit<AppraisalFields, "state" | "self_summary">): Record<string, Scalar> {
  return {
    manager_comment: f.manager_comment ?? "",
    outcome: f.outcome,
    promo_position_id: f.promo_position_id ?? (f.promo_readiness === "none" ? 0 : null),
    promo_readiness: f.promo_readiness === "none" ? null : f.promo_readiness,
    manager_id: f.manager_id,
  };
}

/** Events that leave an audit entry even when no field changed: they are decisions in themselves. */
const ALWAYS_AUDITED: readonly AppraisalEvent[] = ["reopen", "return_to_employee", "acknowledge"];
const WITH_REASON: readonly AppraisalEvent[] = ["reopen", "return_to_employee"];

export function planEvent(e: EventToPlan): EventPlan {
  const patch: AppraisalFieldPatch = {};
  const changes: Changes = { before: {}, after: {} };
  let ratings: EventPlan["ratings"] = null;

  if (e.self) {
    merge(changes, ratingChanges("self", pickRatings(e.stored.self, e.skills), e.self.ratings));
    merge(changes, fieldChanges({ self_summary: e.current.self_summary ?? "" }, { self_summary: e.self.summary }));
    ratings = { side: "self", ratings: e.self.ratings };
    patch.self_summary = e.self.summary || null;
  }
  if (e.review) {
    const next = reviewFields(e.review, e.actorId);
    merge(changes, ratingChanges("manager", pickRatings(e.stored.manager, e.skills), e.review.ratings));
    merge(changes, fieldChanges(reviewAudit(e.current), reviewAudit(next)));
    ratings = { side: "manager", ratings: e.review.ratings };
    Object.assign(patch, next);
  }
  if (e.to !== e.from) {
    merge(changes, { before: { state: e.from }, after: { state: e.to } });
    patch.state = e.to;
  }
  if (e.event === "sign_off") patch.signed_off_at = e.now.toISOString();
  if (e.event === "acknowledge") {
    patch.acknowledged_at = e.now.toISOString();
    // The employee's own words, kept beside the acknowledgement; the audit entry records them too.
    const comment = e.acknowledgement?.comment.trim() || null;
    const disagrees = e.acknowledgement?.disagrees ?? false;
    patch.acknowledgement_comment = comment;
    patch.acknowledgement_disagrees = disagrees ? 1 : 0;
    if (comment || disagrees)
      merge(changes, { before: {}, after: { acknowledgement_comment: comment ?? "", acknowledgement_disagrees: disagrees } });
  }
  if (e.event === "reopen")
    Object.assign(patch, {
      snapshot_json: null,
      signed_off_at: null,
      acknowledged_at: null,
      acknowledgement_comment: null,
      acknowledgement_disagrees: 0,
    });

  const changed = Object.keys(changes.before).length > 0 || Object.keys(changes.after).length > 0;
  const audit =
    changed || ALWAYS_AUDITED.includes(e.event)
      ? { ...changes, reason: WITH_REASON.includes(e.event) ? (e.reason ?? "").trim() || null : null }
      : null;
  return { patch, ratings, audit };
}
