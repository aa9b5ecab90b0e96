// How one write changes the stored monthly buckets (skill_months, ADR 005 amended by ADR 011). Pure.
//
// The bucket aggregate (skillBuckets in app/models/scores.server.ts) first sums each item's counted
// contributions per (person, item, skill, resolved_at, verified) — a "unit" here — and a unit is in its
// (person, skill, month) bucket only when that sum is positive. Buckets are per month, not cumulative (the
// dashboard and the team view sum them with the decay), so a write changes exactly the buckets of the units
// it removes and adds: their points, items and verified items move by the difference. Only the latest
// instant (last_at) cannot always be moved by a difference: when the unit that held it goes, the next
// latest has to be looked up (lastAtStale), one index seek in the database.

/** One item's counted, summed contributions to one skill: what the bucket aggregate groups first. */
export interface ItemSkill {
  personId: number;
  evidenceId: number;
  skill: string;
  /** ISO instant of the item (its bucket's month is the first 7 characters) */
  resolvedAt: string;
  verified: boolean;
  /** net points (adjustments included); the unit is in its bucket only when > 0 */
  points: number;
}

export interface BucketKey {
  personId: number;
  skill: string;
  /** YYYY-MM */
  month: string;
}

export interface BucketDelta extends BucketKey {
  verifiedPoints: number;
  selfPoints: number;
  items: number;
  verifiedItems: number;
  /** latest instant among the units this write puts in the bucket, null if none */
  addedLast: string | null;
  /** latest instant among the units this write takes out of the bucket, null if none */
  removedLast: string | null;
}

export interface StoredBucket extends BucketKey {
  verifiedPoints: number;
  selfPoints: number;
  items: number;
  verifiedItems: number;
  lastAt: string;
}

/** A contribution row as stored (the columns the bucket aggregate reads). */
export interface ContributionLike {
  evidence_id: number;
  person_id: number;
  skill_key: string;
  resolved_at: string;
  counted: number;
  verified: number;
  points: number;
}

export function bucketKeyOf(k: BucketKey): string {
  return `${k.personId}\u0000${k.skill}\u0000${k.month}`;
}

function unitKey(u: ItemSkill): string {
  return `${u.personId}\u0000${u.evidenceId}\u0000${u.skill}\u0000${u.resolvedAt}\u0000${u.verified ? 1 : 0}`;
}

/** The units of some contribution rows, grouped as the bucket aggregate groups them (counted rows only). */
export function unitsOf(rows: ContributionLike[]): ItemSkill[] {
  const out = new Map<string, ItemSkill>();
  for (const r of rows) {
    if (r.counted !== 1) continue;
    const unit: ItemSkill = {
      personId: r.person_id,
      evidenceId: r.evidence_id,
      skill: r.skill_key,
      resolvedAt: r.resolved_at,
      verified: r.verified === 1,
      points: 0,
    };
    const key = unitKey(unit);
    const hit = out.get(key) ?? unit;
    hit.points += r.points;
    out.set(key, hit);
  }
  return [...out.values()];
}

const maxOf = (a: string | null, b: string): string => (a === null || b > a ? b : a);

/**
 * The change to each bucket when the units `before` are replaced by `after` (the same items before and
 * after the write). Units that did not change cancel out, so an edit that leaves the skills alone touches no bucket.
 */
export function bucketDeltas(before: ItemSkill[], after: ItemSkill[]): BucketDelta[] {
  const unchanged = new Set<string>();
  const afterByKey = new Map(after.map((u) => [unitKey(u), u]));
  for (const u of before) {
    const a = afterByKey.get(unitKey(u));
    if (a && a.points === u.points) unchanged.add(unitKey(u));
  }
  const deltas = new Map<string, BucketDelta>();
  const apply = (u: ItemSkill, sign: 1 | -1) => {
    if (u.points <= 0 || unchanged.has(unitKey(u))) return;
    const key: BucketKey = { personId: u.personId, skill: u.skill, month: u.resolvedAt.slice(0, 7) };
    const k = bucketKeyOf(key);
    const d = deltas.get(k) ?? {
      ...key,
      verifiedPoints: 0,
      selfPoints: 0,
      items: 0,
      verifiedItems: 0,
      addedLast: null,
      removedLast: null,
    };
    if (u.verified) d.verifiedPoints += sign * u.points;
    else d.selfPoints += sign * u.points;
    d.items += sign;
    if (u.verified) d.verifiedItems += sign;
    if (sign > 0) d.addedLast = maxOf(d.addedLast, u.resolvedAt);
    else d.removedLast = maxOf(d.removedLast, u.resolvedAt);
    deltas.set(k, d);
  };
  for (const u of before) apply(u, -1);
  for (const u of after) apply(u, 1);
  return [...deltas.values()];
}

/**
 * A stored bucket moved by a delta: null when no item is left in it (the row goes), otherwise the new row
 * and whether its last_at must be looked up again (the unit that held the latest instant went, and no
 * added unit is as late).
 */
export function applyDelta(stored: StoredBucket | null, d: BucketDelta): { row: StoredBucket | null; lastAtStale: boolean } {
  const items = (stored?.items ?? 0) + d.items;
  if (items <= 0) return { row: null, lastAtStale: false };
  const row: StoredBucket = {
    personId: d.personId,
    skill: d.skill,
    month: d.month,
    verifiedPoints: (stored?.verifiedPoints ?? 0) + d.verifiedPoints,
    selfPoints: (stored?.selfPoints ?? 0) + d.selfPoints,
    items,
    verifiedItems: (stored?.verifiedItems ?? 0) + d.verifiedItems,
    lastAt: stored?.lastAt ?? d.addedLast ?? "",
  };
  if (d.addedLast !== null && d.addedLast >= row.lastAt) return { row: { ...row, lastAt: d.addedLast }, lastAtStale: false };
  const lostLatest = stored !== null && d.removedLast !== null && d.removedLast >= stored.lastAt;
  return { row, lastAtStale: lostLatest || row.lastAt === "" };
}
