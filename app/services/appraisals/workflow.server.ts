// The appraisal workflow's commands: (db, actor, input, now) → Result. One path for every event: load and
// authorise (who the actor is to this appraisal), let the pure workflow decide (app/domain/appraisal-
// workflow.ts: state, actor, payload — in that order), plan the write (app/domain/appraisal-changes.ts),
// then write it in one transaction that refuses to overwrite an appraisal moved on meanwhile.
import type { Actor } from "~/auth/authorize.server";
import { type DB, inTransaction } from "~/db.server";
import { type AppraisalCommand, type EventPlan, planEvent } from "~/domain/appraisal-changes";
import {
  type ActorKind,
  type AppraisalEvent,
  type AppraisalState,
  type TransitionPayload,
  missingConfirmation,
  stateAllows,
  transition,
} from "~/domain/appraisal-workflow";
import { parseSnapshot, withAcknowledgement } from "~/domain/appraisal-snapshot";
import { type AppraisalDetail, getAppraisal, getRatings, saveRatings, updateAppraisal } from "~/models/appraisals.server";
import { recordAudit } from "~/models/audit.server";
import { listPositionsWithRequirements, listSkills } from "~/models/catalog.server";
import { expireOpenRequests } from "~/models/feedback.server";
import { type Result, conflict, forbidden, invalid, notFound, ok } from "~/utils/result";
import { actorKindFor } from "./actors.server";
import type { PageVersion } from "~/schemas/version";
import { signOffSnapshot } from "./snapshot.server";
import { staleAppraisal } from "./version.server";
import { AUDIT_ENTITY } from "./start.server";

export type { AppraisalCommand };
export type AppraisalEventInput = { appraisalId: number } & AppraisalCommand;
export type EventDone = { state: AppraisalState; event: AppraisalEvent };

/** The skills rated and the positions a promotion may target: the organisation's, as of now. */
async function workflowContext(db: DB) {
  const [skills, positions] = await Promise.all([listSkills(db), listPositionsWithRequirements(db)]);
  return { skills: skills.map((s) => s.key), positions: positions.map((p) => ({ id: p.id, name: p.name })) };
}
type Context = Awaited<ReturnType<typeof workflowContext>>;

/** The appraisal and the actor's part in it. Not readable → not found; readable but no part → forbidden. */
async function load(db: DB, actor: Actor, id: number): Promise<Result<{ a: AppraisalDetail; kind: ActorKind }>> {
  const a = await getAppraisal(db, id);
  const kind = a ? await actorKindFor(db, actor, a.person_id) : null;
  if (!a || kind === null) return notFound("No such appraisal.");
  if (kind === "reader") return forbidden("You cannot change this appraisal.");
  return ok({ a, kind });
}

/** The workflow's verdict: the new state, or why not — 409 when the state does not allow the event at all. */
function decide(state: AppraisalState, input: AppraisalEventInput, kind: ActorKind, ctx: Context): Result<AppraisalState> {
  const payload: TransitionPayload = { skills: ctx.skills, positionIds: ctx.positions.map((p) => p.id) };
  if ("self" in input) payload.self = input.self;
  if ("review" in input) payload.review = input.review;
  if ("reason" in input) payload.reason = input.reason;
  if ("acknowledgement" in input) payload.acknowledgement = input.acknowledgement;
  const res = transition(state, input.event, { kind }, payload);
  if (res.ok) {
    // Allowed and complete: a consequential event still waits for its confirmation (422, nothing written).
    const unconfirmed = missingConfirmation(input.event, "confirmed" in input && input.confirmed === true);
    return unconfirmed ? invalid({ confirm: unconfirmed }, unconfirmed) : ok(res.state);
  }
  if (res.fieldErrors && Object.keys(res.fieldErrors).length) return invalid(res.fieldErrors, res.error);
  return stateAllows(state, input.event) ? forbidden(res.error) : conflict(res.error);
}

class StaleAppraisal extends Error {}

async function write(
  db: DB,
  actor: Actor,
  a: AppraisalDetail,
  input: AppraisalEventInput,
  to: AppraisalState,
  ctx: Context,
  now: Date,
  expectedVersion: number,
) {
  await inTransaction(db, async (tx) => {
    const plan: EventPlan = planEvent({
      event: input.event,
      from: a.state,
      to,
      current: a,
      stored: await getRatings(tx, a.id),
      skills: ctx.skills,
      actorId: actor.id,
      self: "self" in input ? input.self : undefined,
      review: "review" in input ? input.review : undefined,
      reason: "reason" in input ? input.reason : undefined,
      acknowledgement: "acknowledgement" in input ? input.acknowledgement : undefined,
      now,
    });
    if (plan.ratings) await saveRatings(tx, a.id, plan.ratings.side, plan.ratings.ratings);
    if (input.event === "sign_off") {
      // colleagues not yet answered are asked no more (issue 17, part 3): their requests expire with it
      await expireOpenRequests(tx, a.id);
      const fresh = { ...a, ...plan.patch };
      plan.patch.snapshot_json = await signOffSnapshot(
        tx,
        a,
        {
          selfSummary: fresh.self_summary ?? null,
          managerComment: fresh.manager_comment ?? null,
          outcome: fresh.outcome ?? null,
          promotion: {
            positionId: fresh.promo_position_id ?? null,
            positionName: ctx.positions.find((p) => p.id === fresh.promo_position_id)?.name ?? null,
            readiness: fresh.promo_readiness ?? null,
          },
        },
        now,
      );
    }
    if (input.event === "acknowledge") {
      // The acknowledgement is kept with the signed-off record it answers.
      const snapshot = parseSnapshot(a.snapshot_json);
      if (snapshot)
        plan.patch.snapshot_json = JSON.stringify(
          withAcknowledgement(snapshot, {
            at: now.toISOString(),
            comment: plan.patch.acknowledgement_comment ?? null,
            disagrees: plan.patch.acknowledgement_disagrees === 1,
          }),
        );
    }
    // Written only if nobody moved the appraisal on since it was read (two tabs, two instances).
    if (!(await updateAppraisal(tx, a.id, plan.patch, now, a.state, expectedVersion))) throw new StaleAppraisal();
    if (plan.audit) {
      const { before, after, reason } = plan.audit;
      await recordAudit(
        tx,
        {
          actorId: actor.id,
          action: input.event,
          entity: AUDIT_ENTITY,
          entityId: a.id,
          subjectPersonId: a.person_id,
          before,
          after,
          reason,
        },
        now,
      );
    }
  });
}

/**
 * Applies one event of the appraisal workflow. Refusals change nothing: not found when the actor may not
 * see the appraisal, conflict when its state does not allow the event (locked, not yet…) or it changed
 * meanwhile, forbidden when the state allows it but not for this actor, invalid for the payload. A form
 * sent from a page loaded before the appraisal's last change (`page`, ADR 017) is refused with what changed.
 */
export async function applyAppraisalEvent(
  db: DB,
  actor: Actor,
  input: AppraisalEventInput,
  now: Date,
  page: PageVersion | null = null,
): Promise<Result<EventDone>> {
  const loaded = await load(db, actor, input.appraisalId);
  if (loaded.kind !== "ok") return loaded;
  const { a, kind } = loaded.value;
  if (page && page.version !== a.version) return staleAppraisal(db, a.id, page, actor.id);
  const ctx = await workflowContext(db);
  const decided = decide(a.state, input, kind, ctx);
  if (decided.kind !== "ok") return decided;
  try {
    await write(db, actor, a, input, decided.value, ctx, now, page?.version ?? a.version);
  } catch (e) {
    if (e instanceof StaleAppraisal)
      return page
        ? staleAppraisal(db, a.id, page, actor.id)
        : conflict("This appraisal was changed meanwhile: reload the page and try again.");
    throw e;
  }
  return ok({ state: decided.value, event: input.event });
}
