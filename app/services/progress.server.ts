// Where a person stands and what would move them on: the matrix, the ladder and next steps together.
import type { DB } from "~/db.server";
import { type Readiness, nextPosition, nextSteps, radarData, readiness } from "~/domain/ladder";
import type { PositionDef } from "~/domain/types";
import { listKinds, listPositionsWithRequirements, listRules } from "~/models/catalog.server";
import { getPerson } from "~/models/people.server";
import { personMatrix } from "~/models/scores.server";

export interface ProgressOptions {
  /** a chosen target position; defaults to the next position up the ladder */
  targetPositionId?: number | null;
  withHistory?: boolean;
}

export async function personProgress(db: DB, personId: number, now: Date, opts: ProgressOptions = {}) {
  const person = await getPerson(db, personId);
  if (!person) return null;
  const [matrix, positions, rules, kinds] = await Promise.all([
    personMatrix(db, personId, now, opts.withHistory ?? false),
    listPositionsWithRequirements(db),
    listRules(db, { activeOnly: true }),
    listKinds(db),
  ]);
  const order = matrix.skills.map((s) => s.key);
  const skillNames = Object.fromEntries(matrix.skills.map((s) => [s.key, s.name]));
  const current = positions.find((p) => p.id === person.position_id) ?? null;
  const next = nextPosition(positions, person.position_id);
  const target = (opts.targetPositionId ? positions.find((p) => p.id === opts.targetPositionId) : null) ?? next ?? current;
  const readinessFor = (p: PositionDef | null): Readiness | null => (p ? readiness(matrix.levels, p.requirements, order) : null);
  const targetReadiness = readinessFor(target);
  return {
    person,
    ...matrix,
    positions,
    current,
    next,
    target,
    nextReadiness: readinessFor(next),
    targetReadiness,
    nextSteps: targetReadiness ? nextSteps(targetReadiness.gaps, rules, kinds, skillNames) : [],
    radar: radarData(matrix.levels, target?.requirements ?? {}, matrix.skills),
  };
}

export type PersonProgress = NonNullable<Awaited<ReturnType<typeof personProgress>>>;
