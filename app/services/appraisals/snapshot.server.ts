// The period's matrix — evidence-derived levels as of the period's end beside both sides' ratings, and the
// period's evidence — computed live for an open appraisal and frozen into the snapshot at sign-off.
import type { DB } from "~/db.server";
import { dayAfter, periodAsOf } from "~/domain/appraisal-period";
import { type PeriodMatrix, type SnapshotEvidence, type SnapshotSkill, buildSnapshot } from "~/domain/appraisal-snapshot";
import type { Ratings } from "~/domain/appraisal-workflow";
import { scoreSkills } from "~/domain/scoring";
import { type AppraisalDetail, getRatings, periodEvidence, periodSkillItems } from "~/models/appraisals.server";
import { listSkills, scoringConfig } from "~/models/catalog.server";
import { skillBuckets } from "~/models/scores.server";
import { currentFeedback } from "~/services/feedback/view.server";

type Period = Pick<AppraisalDetail, "person_id" | "period_start" | "period_end">;

export async function periodMatrix(
  db: DB,
  a: Period,
  ratings: { self: Ratings; manager: Ratings },
  now: Date,
): Promise<PeriodMatrix> {
  const from = a.period_start;
  const to = dayAfter(a.period_end);
  const asOf = periodAsOf(a.period_end, now);
  const [skills, config, buckets, evidence, skillItems] = await Promise.all([
    listSkills(db),
    scoringConfig(db),
    skillBuckets(db, [a.person_id], { to: asOf.toISOString() < to ? asOf.toISOString() : to }),
    periodEvidence(db, a.person_id, from, to),
    periodSkillItems(db, a.person_id, from, to),
  ]);
  const scores = scoreSkills(
    buckets.get(a.person_id) ?? [],
    skills.map((s) => s.key),
    config,
    asOf,
  );
  const titleOf = new Map(evidence.map((e) => [e.id, e.title]));
  const rated = (r: Ratings, key: string) => ({ level: r[key]?.level ?? null, comment: r[key]?.comment ?? "" });
  const rows: SnapshotSkill[] = skills.map((s, i) => ({
    key: s.key,
    name: s.name,
    level: scores[i]!.level,
    score: scores[i]!.score,
    items: scores[i]!.items,
    self: rated(ratings.self, s.key),
    manager: rated(ratings.manager, s.key),
    evidence: skillItems
      .filter((x) => x.skill === s.key && titleOf.has(x.evidenceId))
      .map((x) => ({ id: x.evidenceId, title: titleOf.get(x.evidenceId)! })),
  }));
  const list: SnapshotEvidence[] = evidence.map((e) => ({
    id: e.id,
    title: e.title,
    kind: e.kind,
    kindName: e.kind_name,
    resolvedAt: e.resolved_at,
    status: e.status,
    priority: e.priority,
    externalRef: e.external_ref,
  }));
  const verified = list.filter((e) => e.status === "verified").length;
  return {
    asOf: asOf.toISOString(),
    skills: rows,
    evidence: list,
    counts: { total: list.length, verified, submitted: list.length - verified },
  };
}

/** The reviewed appraisal's snapshot as JSON, taken inside the sign-off's transaction (ratings just written). */
export async function signOffSnapshot(
  tx: DB,
  a: Period & { id: number },
  review: {
    selfSummary: string | null;
    managerComment: string | null;
    outcome: string | null;
    promotion: { positionId: number | null; positionName: string | null; readiness: string | null };
  },
  now: Date,
): Promise<string> {
  const matrix = await periodMatrix(tx, a, await getRatings(tx, a.id), now);
  // colleagues' feedback is kept as the page showed it: aggregates only, and only past the threshold
  const feedback = await currentFeedback(tx, a.id);
  return JSON.stringify(
    buildSnapshot(matrix, { period: { start: a.period_start, end: a.period_end }, ...review }, now, feedback),
  );
}
