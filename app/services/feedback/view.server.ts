// The appraisal page's feedback panel (issue 17, part 3): what the actor may do (ask colleagues) and see
// (the aggregates, past the threshold), live while the appraisal is open, from the snapshot once signed off.
import type { Actor } from "~/auth/authorize.server";
import type { DB } from "~/db.server";
import type { AppraisalSnapshot } from "~/domain/appraisal-snapshot";
import { isLocked } from "~/domain/appraisal-workflow";
import { type FeedbackView, RELATION_LABELS, feedbackView, requestRefusal } from "~/domain/feedback";
import type { AppraisalDetail } from "~/models/appraisals.server";
import { listSkills } from "~/models/catalog.server";
import { feedbackThreshold, requestCounts, talliesOf } from "~/models/feedback.server";
import { feedbackAccess } from "./access.server";
import { requestCandidates } from "./request.server";

/** The aggregates as of now, gated by the organisation's threshold: what the page and the snapshot show. */
export async function currentFeedback(db: DB, appraisalId: number): Promise<FeedbackView> {
  const [counts, tallies, skills, threshold] = await Promise.all([
    requestCounts(db, appraisalId),
    talliesOf(db, appraisalId),
    listSkills(db),
    feedbackThreshold(db),
  ]);
  return feedbackView(counts, tallies, skills, threshold);
}

type Appraisal = Pick<AppraisalDetail, "id" | "person_id" | "state" | "review_due">;

/** Null when the actor has no part in the appraisal's feedback (an admin reading it). */
export async function appraisalFeedback(db: DB, actor: Actor, a: Appraisal, snapshot: AppraisalSnapshot | null, now: Date) {
  const access = await feedbackAccess(db, actor, a.person_id);
  if (!access || (!access.read && !access.request)) return null;
  const closed = requestRefusal({ state: a.state, reviewDue: a.review_due }, now);
  const canRequest = access.request && !closed;
  const candidates = canRequest
    ? (await requestCandidates(db, a.id, a.person_id)).open.map((c) => ({ ...c, relationLabel: RELATION_LABELS[c.relation] }))
    : [];
  // A signed-off appraisal shows what its snapshot kept; one signed off before feedback existed kept none.
  const view = access.read ? (isLocked(a.state) ? (snapshot?.feedback ?? null) : await currentFeedback(db, a.id)) : null;
  return { canRequest, closedReason: access.request ? closed : null, candidates, view };
}

export type AppraisalFeedback = NonNullable<Awaited<ReturnType<typeof appraisalFeedback>>>;
