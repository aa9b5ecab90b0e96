// Differences between two versions of an appraisal's ratings and fields, for the audit log. Pure.
import type { Ratings } from "./appraisal-terms";

export interface RatingChange {
  skill: string;
  field: "level" | "comment";
  before: number | string | null;
  after: number | string | null;
}

/**
 * Rating changes between two versions of a ratings map, for the audit log. A skill missing on one side
 * counts as level null and comment "". Skills in the order they first appear (before, then after);
 * level before comment.
 */
export function diffRatings(before: Ratings | null | undefined, after: Ratings | null | undefined): RatingChange[] {
  const b = before ?? {};
  const a = after ?? {};
  const skills = [...Object.keys(b), ...Object.keys(a).filter((k) => !(k in b))];
  const changes: RatingChange[] = [];
  for (const skill of skills) {
    const bl = b[skill]?.level ?? null;
    const al = a[skill]?.level ?? null;
    if (bl !== al) changes.push({ skill, field: "level", before: bl, after: al });
    const bc = b[skill]?.comment ?? "";
    const ac = a[skill]?.comment ?? "";
    if (bc !== ac) changes.push({ skill, field: "comment", before: bc, after: ac });
  }
  return changes;
}

/** Changes of scalar fields (summary, outcome, promotion target…) for the audit log; keys of both sides. */
export function diffFields(
  before: Record<string, string | number | boolean | null | undefined>,
  after: Record<string, string | number | boolean | null | undefined>,
): { field: string; before: string | number | boolean | null; after: string | number | boolean | null }[] {
  const keys = [...Object.keys(before), ...Object.keys(after).filter((k) => !(k in before))];
  const out: { field: string; before: string | number | boolean | null; after: string | number | boolean | null }[] = [];
  for (const field of keys) {
    const bv = before[field] ?? null;
    const av = after[field] ?? null;
    if (bv !== av) out.push({ field, before: bv, after: av });
  }
  return out;
}
