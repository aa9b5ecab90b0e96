// Answering a feedback request (issue 17, part 3): only the person asked sees or answers it; an answer is
// added to the appraisal's tallies and the request only records that it was answered, in one transaction,
// so no row anywhere says who gave which level or wrote which comment (ADR 021). Expired: 409.
import { type Actor, auditActorId } from "~/auth/authorize.server";
import { SELF, canFeedback } from "~/auth/permissions";
import { type DB, inTransaction } from "~/db.server";
import { FEEDBACK_LEVELS, RELATION_LABELS, type SkillAnswer, answerRefusal, effectiveStatus } from "~/domain/feedback";
import { recordAudit } from "~/models/audit.server";
import { listSkills } from "~/models/catalog.server";
import { addAnswer, closeRequest, openRequestsFor, requestForRespondent } from "~/models/feedback.server";
import { type Result, conflict, notFound, ok } from "~/utils/result";

export const REQUEST_AUDIT_ENTITY = "feedback_request";

type Request = NonNullable<Awaited<ReturnType<typeof requestForRespondent>>>;

const asAppraisal = (r: Request) => ({ state: r.state, reviewDue: r.review_due });

function requestView(r: Request, now: Date) {
  return {
    id: r.id,
    appraisalId: r.appraisal_id,
    personName: r.person_name,
    cycleName: r.cycle_name,
    reviewDue: r.review_due,
    relation: r.relation,
    relationLabel: RELATION_LABELS[r.relation],
    askedOn: r.created_at.slice(0, 10),
    status: effectiveStatus(r.status, asAppraisal(r), now),
  };
}

/** The respondent's open requests (the /feedback page). */
export async function myFeedbackRequests(db: DB, actor: Actor, now: Date) {
  if (!canFeedback(actor.role, "feedback:answer", SELF)) return [];
  return (await openRequestsFor(db, actor.id, now)).map((r) => requestView(r, now));
}

/** One request as its respondent sees it, with the skills to answer on; null for anyone else (404). */
export async function feedbackRequestPage(db: DB, actor: Actor, requestId: number, now: Date) {
  if (!canFeedback(actor.role, "feedback:answer", SELF)) return null;
  const r = await requestForRespondent(db, requestId, actor.id);
  if (!r) return null;
  const skills = await listSkills(db);
  return {
    request: requestView(r, now),
    refusal: answerRefusal(r.status, asAppraisal(r), now),
    skills: skills.map((s) => ({ key: s.key, name: s.name })),
    levels: [...FEEDBACK_LEVELS],
  };
}

export type AnswerInput = { requestId: number } & ({ decline: true } | { decline: false; answers: Record<string, SkillAnswer> });

/**
 * Answers or declines. Not the respondent: not found. No longer open (expired with the cycle or the sign-off,
 * answered in another tab): 409 with the reason, nothing written.
 */
export async function answerFeedback(db: DB, actor: Actor, input: AnswerInput, now: Date): Promise<Result<{ status: string }>> {
  if (!canFeedback(actor.role, "feedback:answer", SELF)) return notFound("No such request.");
  const r = await requestForRespondent(db, input.requestId, actor.id);
  if (!r) return notFound("No such request.");
  const refusal = answerRefusal(r.status, asAppraisal(r), now);
  if (refusal) return conflict(refusal);
  const status = input.decline ? ("declined" as const) : ("answered" as const);
  const done = await inTransaction(db, async (tx) => {
    if (!(await closeRequest(tx, r.id, status))) return false;
    if (!input.decline) await addAnswer(tx, r.appraisal_id, input.answers);
    // The respondent's own act, filed under them: it says that they answered, never what, and it is not
    // among the entries about the person appraised.
    await recordAudit(
      tx,
      {
        actorId: auditActorId(actor),
        action: input.decline ? "feedback_decline" : "feedback_answer",
        entity: REQUEST_AUDIT_ENTITY,
        entityId: r.id,
        subjectPersonId: actor.id,
        after: { status },
      },
      now,
    );
    return true;
  });
  if (!done) return conflict("This request was answered or declined meanwhile.");
  return ok({ status });
}
