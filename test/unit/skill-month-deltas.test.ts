// The pure bucket differences (ADR 011): hand-computed cases, and a property — buckets built from nothing
// by differences, through random replacements, equal toBuckets (the reference aggregate) of what is left.
import { describe, expect, it } from "vitest";
import { type ScoreRow, type SkillBucket, toBuckets } from "../../app/domain/scoring";
import {
  type ItemSkill,
  type StoredBucket,
  applyDelta,
  bucketDeltas,
  bucketKeyOf,
  unitsOf,
} from "../../app/domain/skill-month-deltas";
import { between, chance, mulberry32, pick } from "../../seeds/random";

const unit = (over: Partial<ItemSkill>): ItemSkill => ({
  personId: 1,
  evidenceId: 1,
  skill: "incident",
  resolvedAt: "2026-05-10T10:00:00.000Z",
  verified: false,
  points: 3,
  ...over,
});

const stored = (over: Partial<StoredBucket>): StoredBucket => ({
  personId: 1,
  skill: "incident",
  month: "2026-05",
  verifiedPoints: 0,
  selfPoints: 0,
  items: 0,
  verifiedItems: 0,
  lastAt: "2026-05-10T10:00:00.000Z",
  ...over,
});

describe("unitsOf", () => {
  it("sums an item's counted rows per skill, as the bucket aggregate groups them, and leaves uncounted rows out", () => {
    const row = { evidence_id: 7, person_id: 1, skill_key: "incident", resolved_at: "2026-05-10", counted: 1, verified: 1 };
    expect(
      unitsOf([
        { ...row, points: 3 },
        { ...row, points: -1 },
        { ...row, skill_key: "change", points: 2, counted: 0 },
      ]),
    ).toEqual([{ personId: 1, evidenceId: 7, skill: "incident", resolvedAt: "2026-05-10", verified: true, points: 2 }]);
  });
});

describe("bucketDeltas", () => {
  it("moves points and items out of the old month and into the new one", () => {
    const before = [unit({ verified: true })];
    const after = [unit({ resolvedAt: "2026-06-01T09:00:00.000Z" })];
    const d = bucketDeltas(before, after);
    expect(d).toEqual([
      {
        personId: 1,
        skill: "incident",
        month: "2026-05",
        verifiedPoints: -3,
        selfPoints: 0,
        items: -1,
        verifiedItems: -1,
        addedLast: null,
        removedLast: "2026-05-10T10:00:00.000Z",
      },
      {
        personId: 1,
        skill: "incident",
        month: "2026-06",
        verifiedPoints: 0,
        selfPoints: 3,
        items: 1,
        verifiedItems: 0,
        addedLast: "2026-06-01T09:00:00.000Z",
        removedLast: null,
      },
    ]);
  });

  it("touches no bucket when the units did not change, and ignores units with nothing left", () => {
    expect(bucketDeltas([unit({})], [unit({})])).toEqual([]);
    expect(bucketDeltas([unit({ points: 0 })], [unit({ points: -2 })])).toEqual([]);
  });
});

describe("applyDelta", () => {
  it("drops a bucket with no item left", () => {
    const [d] = bucketDeltas([unit({})], []);
    expect(applyDelta(stored({ selfPoints: 3, items: 1 }), d!)).toEqual({ row: null, lastAtStale: false });
  });

  it("asks for last_at again only when the latest item went and nothing as late came in", () => {
    const s = stored({ selfPoints: 5, items: 2, lastAt: "2026-05-10T10:00:00.000Z" });
    const [gone] = bucketDeltas([unit({})], []);
    expect(applyDelta(s, gone!)).toMatchObject({ row: { items: 1, selfPoints: 2 }, lastAtStale: true });
    const [earlier] = bucketDeltas([unit({ resolvedAt: "2026-05-02T10:00:00.000Z" })], []);
    expect(applyDelta(s, earlier!).lastAtStale).toBe(false);
    const [edited] = bucketDeltas([unit({})], [unit({ points: 4 })]);
    expect(applyDelta(s, edited!)).toEqual({
      row: { ...s, selfPoints: 6, lastAt: "2026-05-10T10:00:00.000Z" },
      lastAtStale: false,
    });
  });
});

describe("buckets by differences", () => {
  it("equal toBuckets of the units left after random replacements", () => {
    const r = mulberry32(11);
    const instants = ["2026-04-01T00:00:00.000Z", "2026-04-20T10:00:00.000Z", "2026-05-03T08:00:00.000Z"];
    const live = new Map<number, ItemSkill[]>();
    const table = new Map<string, StoredBucket>();
    for (let step = 0; step < 2000; step++) {
      const id = between(r, 1, 30);
      const before = live.get(id) ?? [];
      const resolvedAt = pick(r, instants);
      const verified = chance(r, 0.5);
      const after = chance(r, 0.2)
        ? []
        : ["a", "b", "c"]
            .filter(() => chance(r, 0.6))
            .map((skill) => unit({ evidenceId: id, skill, resolvedAt, verified, points: between(r, -2, 4) }));
      for (const d of bucketDeltas(before, after)) {
        const { row, lastAtStale } = applyDelta(table.get(bucketKeyOf(d)) ?? null, d);
        if (!row) {
          table.delete(bucketKeyOf(d));
          continue;
        }
        if (lastAtStale) {
          // what the model looks up in the database: the latest instant with a positive unit left
          const left = [...live.entries()]
            .flatMap(([k, us]) => (k === id ? after : us))
            .filter((u) => u.skill === d.skill && u.resolvedAt.startsWith(d.month) && u.points > 0);
          row.lastAt = left
            .map((u) => u.resolvedAt)
            .sort()
            .at(-1)!;
        }
        table.set(bucketKeyOf(d), row);
      }
      live.set(id, after);
    }
    const rows: ScoreRow[] = [...live.values()]
      .flat()
      .map((u) => ({ skill: u.skill, points: u.points, at: u.resolvedAt, verified: u.verified, evidenceId: u.evidenceId }));
    const expected: SkillBucket[] = toBuckets(rows).filter((b) => b.items > 0);
    const got = [...table.values()]
      .map((b) => ({
        skill: b.skill,
        month: b.month,
        verifiedPoints: b.verifiedPoints,
        selfPoints: b.selfPoints,
        items: b.items,
        verifiedItems: b.verifiedItems,
        lastAt: b.lastAt,
      }))
      .sort((x, y) => (x.month === y.month ? x.skill.localeCompare(y.skill) : x.month.localeCompare(y.month)));
    expect(got.length).toBeGreaterThan(3);
    // toBuckets counts all points of a bucket; the stored aggregate only those of positive units
    const positive = toBuckets(rows.filter((x) => x.points > 0)).filter((b) => b.items > 0);
    expect(got).toEqual(positive.map((b) => ({ ...b })));
    expect(expected.map((b) => [b.skill, b.month, b.items])).toEqual(got.map((b) => [b.skill, b.month, b.items]));
  });
});
