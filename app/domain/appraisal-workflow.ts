// Appraisal workflow: the state machine (the RULES table) and who may do what; it asks appraisal-validation.ts about payloads.
// Pure: no database, no Request, no clock. The caller works out who the actor is relative to the
// appraisal ("employee" = the person appraised, "manager" = a manager of that person in the reporting
// subtree, "admin" = an organisation admin) and persists the resulting state and audit entries.

import {
  type ActorKind,
  type AppraisalActor,
  type AppraisalEvent,
  type AppraisalState,
  APPRAISAL_EVENTS,
  APPRAISAL_STATES,
  type TransitionPayload,
  type TransitionResult,
} from "./appraisal-terms";
import { validateAcknowledgement, validateReason, validateReview, validateSelfAssessment } from "./appraisal-validation";

// The vocabulary, the validation and the audit diffs live beside this module; callers import them from here.
export * from "./appraisal-terms";
export * from "./appraisal-validation";
export * from "./appraisal-diff";

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

/**
 * Events whose consequences are shown and confirmed before they happen (issue 16, point 5): a sign-off
 * locks the appraisal and freezes its snapshot; a reopen unlocks it and discards the snapshot. Asked after
 * the workflow has accepted the event, so that "not yours", "not now" and "incomplete" are said first.
 */
export const CONFIRM_FIRST: Partial<Record<AppraisalEvent, { message: string; consequence: string }>> = {
  sign_off: {
    message: "Confirm the sign-off to continue",
    consequence:
      "Signing off locks the appraisal: the ratings, the review and the period's evidence are frozen in a snapshot, and the employee is asked to acknowledge it.",
  },
  reopen: {
    message: "Confirm the reopen to continue",
    consequence:
      "Reopening unlocks the appraisal for the manager's review again and discards its snapshot and acknowledgement; the audit log keeps them.",
  },
};

/** Why the event may not happen yet: it needs a confirmation that was not given (null when it may). */
export function missingConfirmation(event: AppraisalEvent, confirmed: boolean): string | null {
  const rule = CONFIRM_FIRST[event];
  return rule && !confirmed ? rule.message : null;
}

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
    case "acknowledge": {
      const errors = validateAcknowledgement(payload.acknowledgement?.comment ?? "");
      if (errors.comment) return { ok: false, error: errors.comment, fieldErrors: errors };
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
