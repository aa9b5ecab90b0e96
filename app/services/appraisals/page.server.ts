// The appraisal page's read model: the appraisal, what the actor may do in it, the period's matrix (live,
// or the snapshot once signed off) and the audit log with labels.
import type { Actor } from "~/auth/authorize.server";
import type { DB } from "~/db.server";
import { auditEntryView } from "~/domain/appraisal-audit";
import { parseSnapshot } from "~/domain/appraisal-snapshot";
import {
  OUTCOMES,
  PROMOTION_READINESS,
  STATE_LABELS,
  allowedEvents,
  canEditReview,
  canEditSelf,
  isLocked,
} from "~/domain/appraisal-workflow";
import { type AppraisalDetail, getAppraisal, getRatings } from "~/models/appraisals.server";
import { auditFor } from "~/models/audit.server";
import { listPositionsWithRequirements, listSkills } from "~/models/catalog.server";
import { skillLabel } from "~/domain/skill-catalogue";
import { appraisalFeedback } from "~/services/feedback/view.server";
import { periodEvidenceHref } from "~/utils/appraisal-links";
import { actorKindFor } from "./actors.server";
import { periodMatrix } from "./snapshot.server";
import { AUDIT_ENTITY } from "./start.server";
import { renderMarkdown } from "~/utils/markdown.server";
import { appraisalPageVersion } from "./version.server";

function appraisalView(a: AppraisalDetail) {
  return {
    id: a.id,
    state: a.state,
    stateLabel: STATE_LABELS[a.state],
    locked: isLocked(a.state),
    cycleId: a.cycle_id,
    cycleName: a.cycle_name,
    periodStart: a.period_start,
    periodEnd: a.period_end,
    selfDue: a.self_due,
    reviewDue: a.review_due,
    personId: a.person_id,
    personName: a.person_name,
    personPosition: a.person_position_name,
    managerName: a.manager_name,
    selfSummary: a.self_summary,
    managerComment: a.manager_comment,
    // Summaries and comments are Markdown, shown formatted like an evidence note (raw HTML neutralised).
    selfSummaryHtml: renderMarkdown(a.self_summary),
    managerCommentHtml: renderMarkdown(a.manager_comment),
    outcome: a.outcome,
    outcomeLabel: OUTCOMES.find((o) => o.key === a.outcome)?.label ?? null,
    promoPositionId: a.promo_position_id,
    promoPositionName: a.promo_position_name,
    promoReadiness: a.promo_readiness,
    promoReadinessLabel: PROMOTION_READINESS.find((o) => o.key === a.promo_readiness)?.label ?? null,
    signedOffAt: a.signed_off_at,
    acknowledgedAt: a.acknowledged_at,
    acknowledgementComment: a.acknowledgement_comment,
    acknowledgementDisagrees: a.acknowledgement_disagrees === 1,
  };
}

/** The page, or null when there is no such appraisal or the actor may not read it (the same 404). */
export async function appraisalPage(db: DB, actor: Actor, id: number, now: Date) {
  const a = await getAppraisal(db, id);
  const kind = a ? await actorKindFor(db, actor, a.person_id) : null;
  if (!a || kind === null) return null;
  const ratings = await getRatings(db, id);
  const [positions, skills, auditRows, page] = await Promise.all([
    listPositionsWithRequirements(db),
    listSkills(db, { includeRetired: true }),
    auditFor(db, AUDIT_ENTITY, id),
    appraisalPageVersion(db, a, ratings),
  ]);
  const snapshot = isLocked(a.state) ? parseSnapshot(a.snapshot_json) : null;
  const matrix = snapshot ?? (await periodMatrix(db, a, ratings, now));
  const feedback = await appraisalFeedback(db, actor, a, snapshot, now);

  const people = new Map<number, string>([[a.person_id, a.person_name]]);
  if (a.manager_id && a.manager_name) people.set(a.manager_id, a.manager_name);
  const names = {
    positions: new Map(positions.map((p) => [p.id, p.name])),
    people,
    skills: new Map(skills.map((s) => [s.key, skillLabel(s)])),
  };
  const actorPart = kind === "reader" ? null : { kind };
  return {
    appraisal: appraisalView(a),
    actorKind: actorPart?.kind ?? null,
    events: actorPart ? allowedEvents(a.state, actorPart) : [],
    canEditSelf: actorPart ? canEditSelf(a.state, actorPart) : false,
    canEditReview: actorPart ? canEditReview(a.state, actorPart) : false,
    fromSnapshot: !!snapshot,
    snapshotTakenAt: snapshot?.takenAt ?? null,
    asOf: matrix.asOf,
    // A frozen record keeps its levels; a skill's name follows the catalogue (renamed, or "(retired)").
    skills: matrix.skills.map((s) => ({ ...s, name: names.skills.get(s.key) ?? s.name })),
    evidence: matrix.evidence,
    counts: matrix.counts,
    evidenceHref: periodEvidenceHref(a.person_id, a.period_start, a.period_end),
    positions: positions.map((p) => ({ id: p.id, name: p.name })),
    audit: auditRows.map((r) => auditEntryView(r, names)),
    page,
    feedback,
  };
}

export type AppraisalPageData = NonNullable<Awaited<ReturnType<typeof appraisalPage>>>;
