// Ladder tracks (ADR 022): everybody climbs the shared early rungs; at the fork the ladder splits into an
// individual-contributor track and a management track. Rank is the seniority rung: one position per rank on
// a track, and a shared rung's rank belongs to the whole ladder. Pure: plain positions in, plain answers out.

export const TRACKS = ["shared", "ic", "management"] as const;
export type Track = (typeof TRACKS)[number];

export const TRACK_NAMES: Record<Track, string> = {
  shared: "Shared rungs",
  ic: "Individual contributor track",
  management: "Management track",
};

export function isTrack(value: unknown): value is Track {
  return typeof value === "string" && (TRACKS as readonly string[]).includes(value);
}

/** A position's track; one stored before tracks existed (or unknown) is a shared rung. */
export function trackOf(p: { track?: string | null }): Track {
  return isTrack(p.track) ? p.track : "shared";
}

interface Rung {
  id: number;
  rank: number;
  track?: string | null;
}

const byRung = (a: Rung, b: Rung) => a.rank - b.rank || TRACKS.indexOf(trackOf(a)) - TRACKS.indexOf(trackOf(b)) || a.id - b.id;

/**
 * The positions one step up from `currentId`, one per track open from there, lowest rank first:
 * - no (or an unknown) position: the first rung of the ladder;
 * - on a shared rung: the first rung of every track that forks below the next shared rung (at the last
 *   shared rung, the fork: the first rung of each track), otherwise the next shared rung;
 * - on a track: the next rung of that track (a person may still *target* any position; see ADR 022).
 * Empty at the top of a track.
 */
export function nextPositions<P extends Rung>(positions: P[], currentId: number | null): P[] {
  const sorted = [...positions].sort(byRung);
  const current = currentId === null ? undefined : sorted.find((p) => p.id === currentId);
  if (!current) return sorted.slice(0, 1);
  const from = trackOf(current);
  const above = sorted.filter((p) => p.rank > current.rank && (from === "shared" || trackOf(p) === from));
  const firstOf = new Map<Track, P>();
  for (const p of above) if (!firstOf.has(trackOf(p))) firstOf.set(trackOf(p), p);
  const shared = firstOf.get("shared");
  const forks = [...firstOf.values()].filter((p) => p !== shared && (!shared || p.rank < shared.rank));
  // A shared rung added above a track's rungs is not a step from below the fork: climb a track first.
  return (forks.length ? forks : shared ? [shared] : []).sort(byRung);
}

/** The live position that already holds this rung for `candidate`'s track, if any. */
export function rankClash<P extends Rung>(live: P[], candidate: { id: number | null; rank: number; track: Track }): P | null {
  return (
    live.find(
      (p) =>
        p.id !== candidate.id &&
        p.rank === candidate.rank &&
        (trackOf(p) === candidate.track || trackOf(p) === "shared" || candidate.track === "shared"),
    ) ?? null
  );
}

/** Positions grouped for a picker: one group per track that has any, in track order, each by rank. */
export function groupByTrack<P extends Rung>(positions: P[]): { track: Track; label: string; positions: P[] }[] {
  return TRACKS.map((track) => ({
    track,
    label: TRACK_NAMES[track],
    positions: positions.filter((p) => trackOf(p) === track).sort(byRung),
  })).filter((g) => g.positions.length > 0);
}

/** A picker's options with their group (for <optgroup>); one track only: no groups. */
export function trackOptions<P extends Rung & { name: string }>(
  positions: P[],
): { value: number; label: string; group?: string }[] {
  const groups = groupByTrack(positions);
  return groups.flatMap((g) =>
    g.positions.map((p) => (groups.length > 1 ? { value: p.id, label: p.name, group: g.label } : { value: p.id, label: p.name })),
  );
}
