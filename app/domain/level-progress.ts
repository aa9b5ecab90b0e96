// How far a skill is from its next level: the score and distinct items that level asks for, and what is
// still missing. Pure; the thresholds are the scoring configuration in force (app/domain/scoring.ts).
import type { ScoringThreshold } from "./scoring";
import { round1 } from "./scoring";

export interface LevelProgress {
  /** the level above the current one, or null at the top */
  nextLevel: number | null;
  minScore: number;
  minItems: number;
  scoreToGo: number;
  itemsToGo: number;
  /** 0-100, integer: half for the score, half for the items, so either kind of progress shows */
  percent: number;
}

/** The lowest threshold above `level` (thresholds need not be sorted). */
export function nextThreshold(level: number, thresholds: ScoringThreshold[]): ScoringThreshold | null {
  let best: ScoringThreshold | null = null;
  for (const t of thresholds) if (t.level > level && (!best || t.level < best.level)) best = t;
  return best;
}

export function progressToNext(
  s: { score: number; items: number; level: number },
  thresholds: ScoringThreshold[],
): LevelProgress {
  const t = nextThreshold(s.level, thresholds);
  if (!t) return { nextLevel: null, minScore: 0, minItems: 0, scoreToGo: 0, itemsToGo: 0, percent: 100 };
  const part = (have: number, need: number) => (need <= 0 ? 1 : Math.min(1, Math.max(0, have) / need));
  const scoreToGo = Math.max(0, round1(t.minScore - s.score));
  const itemsToGo = Math.max(0, t.minItems - s.items);
  // Floor, and never 100 while something is missing: 100 would read as "reached".
  const raw = Math.floor(((part(s.score, t.minScore) + part(s.items, t.minItems)) / 2) * 100);
  const percent = scoreToGo > 0 || itemsToGo > 0 ? Math.min(99, raw) : 100;
  return { nextLevel: t.level, minScore: t.minScore, minItems: t.minItems, scoreToGo, itemsToGo, percent };
}
