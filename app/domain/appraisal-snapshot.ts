// The record frozen at sign-off: the period's matrix, its evidence and the review, stored as JSON on the
// appraisal so that evidence logged or changed later never rewrites a signed-off appraisal. Pure.
import type { FeedbackView } from "./feedback";

export interface SnapshotSkill {
  key: string;
  name: string;
  /** evidence-derived, as of the end of the period */
  level: number;
  score: number;
  items: number;
  self: { level: number | null; comment: string };
  manager: { level: number | null; comment: string };
  evidence: { id: number; title: string }[];
}

export interface SnapshotEvidence {
  id: number;
  title: string;
  kind: string;
  kindName: string | null;
  resolvedAt: string;
  status: string;
  priority: string | null;
  externalRef: string | null;
}

/** The live matrix of a period: what the page shows until sign-off, and what the snapshot freezes. */
export interface PeriodMatrix {
  asOf: string;
  skills: SnapshotSkill[];
  evidence: SnapshotEvidence[];
  counts: { total: number; verified: number; submitted: number };
}

export interface AppraisalSnapshot extends PeriodMatrix {
  version: 1;
  takenAt: string;
  period: { start: string; end: string };
  selfSummary: string | null;
  managerComment: string | null;
  outcome: string | null;
  promotion: { positionId: number | null; positionName: string | null; readiness: string | null };
  /** colleagues' feedback as it stood at sign-off (issue 17, part 3): counts, and aggregates past the threshold */
  feedback?: FeedbackView;
  /** the employee's acknowledgement, added to the record when they acknowledge (issue 16, point 5) */
  acknowledgement?: SnapshotAcknowledgement;
}

export interface SnapshotAcknowledgement {
  at: string;
  comment: string | null;
  disagrees: boolean;
}

/** The record with the employee's acknowledgement kept in it: what was signed off stays as it was. */
export function withAcknowledgement(s: AppraisalSnapshot, ack: SnapshotAcknowledgement): AppraisalSnapshot {
  return { ...s, acknowledgement: ack };
}

/** The review as it stands once the sign-off's own changes are applied. */
export interface SignedOffReview {
  period: { start: string; end: string };
  selfSummary: string | null;
  managerComment: string | null;
  outcome: string | null;
  promotion: { positionId: number | null; positionName: string | null; readiness: string | null };
}

export function buildSnapshot(
  matrix: PeriodMatrix,
  review: SignedOffReview,
  now: Date,
  feedback?: FeedbackView,
): AppraisalSnapshot {
  return {
    version: 1,
    takenAt: now.toISOString(),
    asOf: matrix.asOf,
    period: review.period,
    skills: matrix.skills,
    evidence: matrix.evidence,
    counts: matrix.counts,
    selfSummary: review.selfSummary,
    managerComment: review.managerComment,
    outcome: review.outcome,
    promotion: review.promotion,
    ...(feedback ? { feedback } : {}),
  };
}

/** The stored snapshot, or null when there is none or it is not one this version can read. */
export function parseSnapshot(json: string | null): AppraisalSnapshot | null {
  if (!json) return null;
  try {
    const s = JSON.parse(json) as AppraisalSnapshot;
    return s && s.version === 1 && Array.isArray(s.skills) ? s : null;
  } catch {
    return null;
  }
}
