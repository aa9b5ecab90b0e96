// Asking colleagues for feedback on an appraisal (issue 17, part 3): the employee or their manager chooses
// active colleagues (never the employee), each asked once; the relation is read from the org tree. One
// transaction writes the requests and one audit entry that counts them without naming anyone (ADR 021).
import { type Actor, auditActorId } from "~/auth/authorize.server";
import { type DB, inTransaction } from "~/db.server";
import { type OrgPosition, RELATIONS, type Relation, relationOf, requestRefusal, respondentRefusal } from "~/domain/feedback";
import { getAppraisal } from "~/models/appraisals.server";
import { recordAudit } from "~/models/audit.server";
import { constraintViolation } from "~/models/constraint-errors.server";
import { askedIds, feedbackCandidates, insertRequests } from "~/models/feedback.server";
import { type Result, conflict, forbidden, invalid, notFound, ok } from "~/utils/result";
import { feedbackAccess } from "./access.server";

export const FEEDBACK_AUDIT_ENTITY = "feedback";

type People = Awaited<ReturnType<typeof feedbackCandidates>>["people"];

/** Is `ancestor` above `personId` in the reporting line? (Walks manager links; a cycle cannot loop it.) */
function manages(byId: Map<number, People[number]>, ancestor: number, personId: number): boolean {
  const seen = new Set<number>();
  for (let m = byId.get(personId)?.manager_id ?? null; m !== null && !seen.has(m); m = byId.get(m)?.manager_id ?? null) {
    if (m === ancestor) return true;
    seen.add(m);
  }
  return false;
}

/** The colleagues who may still be asked about the appraisal of `subjectId`, each with their relation. */
export async function requestCandidates(db: DB, appraisalId: number, subjectId: number) {
  const [{ people, subject }, asked] = await Promise.all([feedbackCandidates(db, subjectId), askedIds(db, appraisalId)]);
  const byId = new Map(people.map((p) => [p.id, p]));
  const position = (id: number): OrgPosition => ({
    managesSubject: manages(byId, id, subjectId),
    reportsToSubject: manages(byId, subjectId, id),
    sameTeam: subject?.team_id != null && byId.get(id)?.team_id === subject.team_id,
  });
  const open = people
    .filter((p) => respondentRefusal({ id: p.id, active: !!p.active }, subjectId, asked) === null)
    .map((p) => ({ id: p.id, name: p.name, team: p.team_name, relation: relationOf(position(p.id)) }));
  return { open, byId, asked, relationFor: (id: number) => relationOf(position(id)) };
}

export interface RequestInput {
  appraisalId: number;
  respondentIds: number[];
}

/** Asks the chosen colleagues. 404 out of reach, 403 not the employee or a manager, 409 closed, 422 a bad choice. */
export async function requestFeedback(db: DB, actor: Actor, input: RequestInput, now: Date): Promise<Result<{ asked: number }>> {
  const a = await getAppraisal(db, input.appraisalId);
  const access = a ? await feedbackAccess(db, actor, a.person_id) : null;
  if (!a || !access) return notFound("No such appraisal.");
  if (!access.request) return forbidden("Only the employee or their manager can ask for feedback.");
  const closed = requestRefusal({ state: a.state, reviewDue: a.review_due }, now);
  if (closed) return conflict(closed);

  const { byId, asked, relationFor } = await requestCandidates(db, a.id, a.person_id);
  const ids = [...new Set(input.respondentIds)];
  for (const id of ids) {
    const p = byId.get(id);
    const refusal = respondentRefusal(p ? { id: p.id, active: !!p.active } : undefined, a.person_id, asked, p?.name);
    if (refusal) return invalid({ respondents: refusal });
  }
  if (!ids.length) return invalid({ respondents: "Choose at least one colleague." });

  const rows = ids.map((id) => ({ respondentId: id, relation: relationFor(id) }));
  const relations = Object.fromEntries(RELATIONS.map((r: Relation) => [r, rows.filter((x) => x.relation === r).length]));
  try {
    await inTransaction(db, async (tx) => {
      await insertRequests(tx, a.id, actor.id, rows, now);
      // Counts only: the subject's own data download carries this entry, and it must name nobody.
      await recordAudit(
        tx,
        {
          actorId: auditActorId(actor),
          action: "feedback_request",
          entity: FEEDBACK_AUDIT_ENTITY,
          entityId: a.id,
          subjectPersonId: a.person_id,
          after: { asked: rows.length, relations },
        },
        now,
      );
    });
  } catch (e) {
    // the unique (appraisal, respondent) pair: someone asked the same colleague meanwhile
    if (constraintViolation(e)?.kind === "unique") return conflict("Some of them were asked meanwhile: reload the page.");
    throw e;
  }
  return ok({ asked: rows.length });
}
