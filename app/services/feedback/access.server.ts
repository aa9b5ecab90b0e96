// Who the actor is to an appraisal's feedback, through the permission module (ADR 021): whether they may
// read the appraisal at all (else it does not exist for them), ask colleagues, and see the aggregates.
import type { Actor } from "~/auth/authorize.server";
import { can, canFeedback } from "~/auth/permissions";
import { relationTo } from "~/auth/relation.server";
import type { DB } from "~/db.server";

export interface FeedbackAccess {
  /** the employee or one of their managers */
  request: boolean;
  /** the aggregates: the employee and their managers, nobody else */
  read: boolean;
}

/** Null when the actor may not read the appraisal of `personId` (the same not-found as the page). */
export async function feedbackAccess(db: DB, actor: Actor, personId: number): Promise<FeedbackAccess | null> {
  const rel = await relationTo(db, actor, personId);
  if (!rel || !can(actor.role, "appraisal:read", rel)) return null;
  return { request: canFeedback(actor.role, "feedback:request", rel), read: canFeedback(actor.role, "feedback:read", rel) };
}
