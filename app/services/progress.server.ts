// Where a person stands and what would move them on: the matrix, the ladder and next steps together.
import type { DB } from "~/db.server";
import { type Readiness, nextPosition, nextSteps, radarData, readiness } from "~/domain/ladder";
import { nextPositions } from "~/domain/ladder-tracks";
import { type ScoringConfig, type SkillScore, levelsOf, round1, scoreHistory, scoreSkills } from "~/domain/scoring";
import type { PositionDef, Requirements } from "~/domain/types";
import { listKinds, listPositionsWithRequirements, listRules, listSkills, scoringConfig } from "~/models/catalog.server";
import { personBuckets } from "~/models/skill-months.server";
import {
  type CertificationGap,
  certificationGaps,
  withCertificationBuckets,
  withCertificationGaps,
} from "~/domain/certifications";
import { certificationEvidence, certificationToday, heldForRules, requiredCertifications } from "~/models/certifications.server";
import { getPerson } from "~/models/people.server";

export interface ProgressOptions {
  /** a chosen target position; defaults to the next position up the ladder */
  targetPositionId?: number | null;
  withHistory?: boolean;
}

/** What a gap skill still needs to reach the required level: the threshold and the distance to it. */
export interface GapNeed {
  skill: string;
  required: number;
  /** score and distinct items the required level asks for */
  minScore: number;
  minItems: number;
  score: number;
  items: number;
  /** how much is still missing (0 when that part is met) */
  scoreToGo: number;
  itemsToGo: number;
}

export type ReadinessWithCertifications = Readiness & { certificationGaps: CertificationGap[] };

function gapNeeds(r: Readiness | null, scores: SkillScore[], config: ScoringConfig): GapNeed[] {
  if (!r) return [];
  const bySkill = new Map(scores.map((s) => [s.skill, s] as const));
  const out: GapNeed[] = [];
  for (const g of r.gaps) {
    const t = config.thresholds.find((x) => x.level === g.required);
    if (!t) continue;
    const s = bySkill.get(g.skill);
    const score = s?.score ?? 0;
    const items = s?.items ?? 0;
    out.push({
      skill: g.skill,
      required: g.required,
      minScore: t.minScore,
      minItems: t.minItems,
      score,
      items,
      scoreToGo: Math.max(0, round1(t.minScore - score)),
      itemsToGo: Math.max(0, t.minItems - items),
    });
  }
  return out;
}

export async function personProgress(db: DB, personId: number, now: Date, opts: ProgressOptions = {}) {
  const person = await getPerson(db, personId);
  if (!person) return null;
  // The person's stored monthly buckets (skill_months), the rest is small catalog reads.
  const [skillDefs, config, stored, positions, rules, kinds, certified, held, requiredCerts] = await Promise.all([
    listSkills(db),
    scoringConfig(db),
    personBuckets(db, personId),
    listPositionsWithRequirements(db),
    listRules(db, { activeOnly: true }),
    listKinds(db),
    certificationEvidence(db, [personId], now),
    heldForRules(db, [personId]),
    requiredCertifications(db),
  ]);
  // Valid, verified certifications count as evidence at read time (ADR 020).
  const buckets = withCertificationBuckets(stored, certified.get(personId) ?? []);
  const today = certificationToday(now);
  const mine = held.get(personId) ?? [];
  const skills = skillDefs.map((s) => ({ key: s.key, name: s.name }));
  const order = skills.map((s) => s.key);
  const scores = scoreSkills(buckets, order, config, now);
  const levels = levelsOf(scores);
  const history = opts.withHistory ? scoreHistory(buckets, order, config, now, 24) : [];
  const skillNames = Object.fromEntries(skills.map((s) => [s.key, s.name]));
  const current = positions.find((p) => p.id === person.position_id) ?? null;
  const next = nextPosition(positions, person.position_id);
  const target = (opts.targetPositionId ? positions.find((p) => p.id === opts.targetPositionId) : null) ?? next ?? current;
  // A retired skill is no longer scored, so a requirement on it could never be met: only live skills count.
  const live = (req: Requirements): Requirements => Object.fromEntries(Object.entries(req).filter(([k]) => k in skillNames));
  // Levels decide the percentage; a required certification not held (or not verified, or expired) is a gap
  // beside them, and the position is not met while one is missing.
  const readinessFor = (p: PositionDef | null): ReadinessWithCertifications | null =>
    p
      ? withCertificationGaps(
          readiness(levels, live(p.requirements), order),
          certificationGaps(requiredCerts.get(p.id) ?? [], mine, today),
        )
      : null;
  const targetReadiness = readinessFor(target);
  return {
    person,
    skills,
    scores,
    levels,
    history,
    positions,
    current,
    next,
    target,
    nextReadiness: readinessFor(next),
    /** at the fork, the next rung of every track (ADR 022); `next` is the first of them */
    nextOptions: nextPositions(positions, person.position_id).map((position) => ({
      position,
      readiness: readinessFor(position)!,
    })),
    targetReadiness,
    nextSteps: targetReadiness ? nextSteps(targetReadiness.gaps, rules, kinds, skillNames) : [],
    radar: radarData(levels, target?.requirements ?? {}, skills),
    /** per target gap: the score and distinct items the required level asks for, and what is missing */
    targetNeeds: gapNeeds(targetReadiness, scores, config),
    /** the scoring thresholds in force, for explaining levels */
    thresholds: config.thresholds,
  };
}

export type PersonProgress = NonNullable<Awaited<ReturnType<typeof personProgress>>>;
