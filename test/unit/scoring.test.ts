import { describe, expect, it } from "vitest";
import { DEFAULT_SCORING } from "../../app/domain/defaults";
import {
  decayFactor,
  levelFor,
  levelsOf,
  MONTH_MS,
  monthAge,
  scoreHistory,
  scoreSkills,
  toBuckets,
  type ScoreRow,
  type ScoringConfig,
  type SkillBucket,
} from "../../app/domain/scoring";

// A fixed configuration, so these tests do not move when the shipped defaults are tuned.
const CONFIG: ScoringConfig = {
  halfLifeMonths: 24,
  verifiedWeight: 1.0,
  selfReportedWeight: 0.6,
  thresholds: [
    { level: 1, minScore: 2, minItems: 1 },
    { level: 2, minScore: 8, minItems: 3 },
    { level: 3, minScore: 20, minItems: 6 },
    { level: 4, minScore: 40, minItems: 12 },
    { level: 5, minScore: 70, minItems: 20 },
    { level: 6, minScore: 110, minItems: 32 },
    { level: 7, minScore: 160, minItems: 48 },
  ],
};
const SKILLS = ["debugging", "crisis", "leadership"];
const DAY = 24 * 60 * 60 * 1000;

/** mulberry32: small, seeded, good enough to generate test cases reproducibly. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const int = (rnd: () => number, lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
const pick = <T>(rnd: () => number, xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];

/** Random evidence: each item has one date and verification, and gives points to 1-3 skills. */
function genRows(
  rnd: () => number,
  now: Date,
  opts: { firstId?: number; count?: number; maxPoints?: number; maxAgeDays?: number } = {},
): ScoreRow[] {
  const rows: ScoreRow[] = [];
  const count = opts.count ?? int(rnd, 0, 40);
  const first = opts.firstId ?? 1;
  for (let i = 0; i < count; i++) {
    const at = new Date(now.getTime() - rnd() * (opts.maxAgeDays ?? 1100) * DAY).toISOString();
    const verified = rnd() < 0.5;
    const skills = new Set(Array.from({ length: int(rnd, 1, 3) }, () => pick(rnd, SKILLS)));
    for (const skill of skills)
      rows.push({ skill, points: int(rnd, 0, opts.maxPoints ?? 8), at, verified, evidenceId: first + i });
  }
  return rows;
}

function randomNow(rnd: () => number): Date {
  return new Date(Date.UTC(2022, 0, 1) + rnd() * 4 * 365 * DAY);
}

/** Middle of a month as the scoring module defines it (halfway between its first instants of this and next month). */
function middleOf(month: string): Date {
  const [y, m] = month.split("-").map(Number);
  return new Date((Date.UTC(y, m - 1, 1) + Date.UTC(y, m, 1)) / 2);
}

function bucket(overrides: Partial<SkillBucket>): SkillBucket {
  return {
    skill: "debugging",
    month: "2024-01",
    verifiedPoints: 0,
    selfPoints: 0,
    items: 1,
    lastAt: "2024-01-10T10:00:00.000Z",
    ...overrides,
  };
}

const byName = (scores: ReturnType<typeof scoreSkills>) => Object.fromEntries(scores.map((s) => [s.skill, s]));

describe("decayFactor", () => {
  it("halves every half-life and never exceeds 1", () => {
    expect(decayFactor(0, 24)).toBe(1);
    expect(decayFactor(24, 24)).toBeCloseTo(0.5, 12);
    expect(decayFactor(48, 24)).toBeCloseTo(0.25, 12);
    expect(decayFactor(12, 24)).toBeCloseTo(Math.SQRT1_2, 12);
    expect(decayFactor(-5, 24)).toBe(1);
  });
});

describe("monthAge", () => {
  it("counts from the middle of the month and is never negative", () => {
    expect(monthAge("2024-01", middleOf("2024-01"))).toBe(0);
    expect(monthAge("2024-01", new Date("2024-01-02T00:00:00Z"))).toBe(0);
    expect(monthAge("2024-01", new Date("2023-05-01T00:00:00Z"))).toBe(0);
    expect(monthAge("2024-01", new Date(middleOf("2024-01").getTime() + 6 * MONTH_MS))).toBeCloseTo(6, 9);
    // a year later is twelve months, give or take the month lengths
    expect(monthAge("2023-06", middleOf("2024-06"))).toBeGreaterThan(11.95);
    expect(monthAge("2023-06", middleOf("2024-06"))).toBeLessThan(12.05);
  });
});

describe("levelFor", () => {
  const T = CONFIG.thresholds;
  it("needs both the score and the distinct items", () => {
    expect(levelFor(0, 0, T)).toBe(0);
    expect(levelFor(1.9, 5, T)).toBe(0);
    expect(levelFor(2, 1, T)).toBe(1);
    expect(levelFor(8, 2, T)).toBe(1); // level 2 needs 3 items
    expect(levelFor(8, 3, T)).toBe(2);
    expect(levelFor(69.9, 100, T)).toBe(4);
    expect(levelFor(70, 20, T)).toBe(5);
    expect(levelFor(1_000_000, 1, T)).toBe(1);
    expect(levelFor(0, 1000, T)).toBe(0);
    expect(levelFor(1000, 1000, T)).toBe(7);
  });
  it("is 0 without thresholds", () => {
    expect(levelFor(100, 100, [])).toBe(0);
  });
});

describe("toBuckets", () => {
  it("groups by skill and month, splits verified from self-reported, counts distinct items", () => {
    const rows: ScoreRow[] = [
      { skill: "crisis", points: 4, at: "2024-03-05T10:00:00Z", verified: true, evidenceId: 1 },
      { skill: "crisis", points: 1, at: "2024-03-05T10:00:00Z", verified: true, evidenceId: 1 },
      { skill: "crisis", points: 2, at: "2024-03-20T10:00:00Z", verified: false, evidenceId: 2 },
      { skill: "crisis", points: 3, at: "2024-04-01T00:00:00Z", verified: false, evidenceId: 3 },
      { skill: "debugging", points: 2, at: "2024-03-05T10:00:00Z", verified: true, evidenceId: 1 },
    ];
    expect(toBuckets(rows)).toEqual([
      {
        skill: "crisis",
        month: "2024-03",
        verifiedPoints: 5,
        selfPoints: 2,
        items: 2,
        verifiedItems: 1,
        lastAt: "2024-03-20T10:00:00Z",
      },
      {
        skill: "debugging",
        month: "2024-03",
        verifiedPoints: 2,
        selfPoints: 0,
        items: 1,
        verifiedItems: 1,
        lastAt: "2024-03-05T10:00:00Z",
      },
      {
        skill: "crisis",
        month: "2024-04",
        verifiedPoints: 0,
        selfPoints: 3,
        items: 1,
        verifiedItems: 0,
        lastAt: "2024-04-01T00:00:00Z",
      },
    ]);
  });

  it("does not count an item adjusted down to nothing", () => {
    const rows: ScoreRow[] = [
      { skill: "crisis", points: 2, at: "2024-03-05T10:00:00Z", verified: false, evidenceId: 1 },
      { skill: "crisis", points: -2, at: "2024-03-05T10:00:00Z", verified: false, evidenceId: 1 },
      { skill: "crisis", points: 0, at: "2024-03-06T10:00:00Z", verified: false, evidenceId: 2 },
    ];
    expect(toBuckets(rows)).toMatchObject([{ skill: "crisis", selfPoints: 0, items: 0 }]);
  });
});

describe("scoreSkills", () => {
  const now = new Date("2025-06-15T12:00:00Z");

  it("returns every requested skill in order, including ones without evidence", () => {
    const scores = scoreSkills(
      [bucket({ skill: "crisis", verifiedPoints: 5 }), bucket({ skill: "cooking", verifiedPoints: 9 })],
      ["leadership", "crisis"],
      CONFIG,
      now,
    );
    expect(scores.map((s) => s.skill)).toEqual(["leadership", "crisis"]);
    expect(scores[0]).toEqual({
      skill: "leadership",
      score: 0,
      rawPoints: 0,
      items: 0,
      lastEvidenceAt: null,
      level: 0,
      trend: 0,
    });
    expect(scores[1].score).toBeGreaterThan(0);
  });

  it("a half-life later the score is half", () => {
    const b = [bucket({ month: "2023-01", verifiedPoints: 10, lastAt: "2023-01-10T00:00:00Z" })];
    const mid = middleOf("2023-01");
    expect(scoreSkills(b, ["debugging"], CONFIG, mid)[0].score).toBe(10);
    const later = new Date(mid.getTime() + CONFIG.halfLifeMonths * MONTH_MS);
    expect(scoreSkills(b, ["debugging"], CONFIG, later)[0].score).toBe(5);
    const custom = { ...CONFIG, halfLifeMonths: 6 };
    expect(scoreSkills(b, ["debugging"], custom, new Date(mid.getTime() + 6 * MONTH_MS))[0].score).toBe(5);
  });

  it("verified evidence weighs more than self-reported evidence", () => {
    const verified = scoreSkills(
      [bucket({ month: "2025-06", verifiedPoints: 10, lastAt: "2025-06-01T00:00:00Z" })],
      ["debugging"],
      CONFIG,
      now,
    )[0];
    const self = scoreSkills(
      [bucket({ month: "2025-06", selfPoints: 10, lastAt: "2025-06-01T00:00:00Z" })],
      ["debugging"],
      CONFIG,
      now,
    )[0];
    expect(verified.score).toBe(10 * CONFIG.verifiedWeight);
    expect(self.score).toBe(10 * CONFIG.selfReportedWeight);
    expect(verified.score).toBeGreaterThan(self.score);
    expect(verified.rawPoints).toBe(self.rawPoints);
  });

  it("ignores buckets of months that have not started yet", () => {
    const b = [bucket({ month: "2025-07", verifiedPoints: 50, items: 5, lastAt: "2025-07-02T00:00:00Z" })];
    const before = scoreSkills(b, ["debugging"], CONFIG, new Date("2025-06-30T23:59:59Z"))[0];
    expect(before).toMatchObject({ score: 0, items: 0, rawPoints: 0, lastEvidenceAt: null, level: 0 });
    const after = scoreSkills(b, ["debugging"], CONFIG, new Date("2025-07-01T00:00:00Z"))[0];
    expect(after).toMatchObject({ score: 50, items: 5, rawPoints: 50, lastEvidenceAt: "2025-07-02T00:00:00Z" });
  });

  it("reports raw points, items, verified items and the latest evidence date", () => {
    const b = [
      bucket({ month: "2024-11", verifiedPoints: 4, selfPoints: 2, items: 2, verifiedItems: 1, lastAt: "2024-11-20T09:00:00Z" }),
      bucket({ month: "2025-02", selfPoints: 3, items: 1, verifiedItems: 0, lastAt: "2025-02-03T09:00:00Z" }),
      bucket({ month: "2024-05", verifiedPoints: 1, items: 1, verifiedItems: 1, lastAt: "2024-05-30T09:00:00Z" }),
    ];
    const s = scoreSkills(b, ["debugging"], CONFIG, now)[0];
    expect(s).toMatchObject({ rawPoints: 10, items: 4, verifiedItems: 2, lastEvidenceAt: "2025-02-03T09:00:00Z" });
    expect(s.score).toBeLessThan(4 + 2 * 0.6 + 3 * 0.6 + 1); // decayed
    expect(s.score).toBeGreaterThan(0);
  });

  it("rounds to one decimal and judges the level on that score", () => {
    const b = [bucket({ month: "2025-06", verifiedPoints: 1, selfPoints: 1.66, items: 1, lastAt: "2025-06-01T00:00:00Z" })];
    const s = scoreSkills(b, ["debugging"], CONFIG, now)[0];
    expect(s.score).toBe(2); // 1 + 0.996
    expect(s.level).toBe(1);
  });

  describe("trend", () => {
    it("is positive when evidence arrived within the last 90 days", () => {
      const b = [
        bucket({ month: "2023-01", verifiedPoints: 10, lastAt: "2023-01-10T00:00:00Z" }),
        bucket({ month: "2025-05", verifiedPoints: 6, lastAt: "2025-05-10T00:00:00Z" }),
      ];
      const s = scoreSkills(b, ["debugging"], CONFIG, now)[0];
      expect(s.trend).toBeGreaterThan(5);
    });

    it("is negative (decay only) without recent evidence", () => {
      const b = [bucket({ month: "2023-01", verifiedPoints: 10, lastAt: "2023-01-10T00:00:00Z" })];
      const s = scoreSkills(b, ["debugging"], CONFIG, now)[0];
      const past = new Date(now.getTime() - 90 * DAY);
      const expected = 10 * (decayFactor(monthAge("2023-01", now), 24) - decayFactor(monthAge("2023-01", past), 24));
      expect(expected).toBeLessThan(-0.05);
      expect(s.trend).toBeCloseTo(expected, 1);
    });

    it("counts a month that was still running 90 days ago as new", () => {
      // 90 days before 2025-06-15 is 2025-03-17: March had not ended and its last item came later.
      const b = [bucket({ month: "2025-03", verifiedPoints: 8, lastAt: "2025-03-28T00:00:00Z" })];
      expect(scoreSkills(b, ["debugging"], CONFIG, now)[0].trend).toBeGreaterThan(7);
    });

    it("does not count as growth a bucket whose items were all before the earlier date", () => {
      const b = [bucket({ month: "2025-03", verifiedPoints: 8, lastAt: "2025-03-02T00:00:00Z" })];
      const s = scoreSkills(b, ["debugging"], CONFIG, now)[0];
      expect(s.trend).toBeLessThanOrEqual(0);
    });
  });
});

describe("scoreHistory", () => {
  const now = new Date("2025-06-15T12:00:00Z");

  it("has one entry per month, oldest first, ending with the current month", () => {
    const h = scoreHistory([], SKILLS, CONFIG, now);
    expect(h).toHaveLength(24);
    expect(h[0].month).toBe("2023-07");
    expect(h[23].month).toBe("2025-06");
    expect(h[23].scores).toEqual({ debugging: 0, crisis: 0, leadership: 0 });
    expect(scoreHistory([], SKILLS, CONFIG, now, 3).map((e) => e.month)).toEqual(["2025-04", "2025-05", "2025-06"]);
    expect(scoreHistory([], SKILLS, CONFIG, new Date("2025-01-10T00:00:00Z"), 2).map((e) => e.month)).toEqual([
      "2024-12",
      "2025-01",
    ]);
  });

  it("shows evidence from its month on, evaluated at each month's end", () => {
    const b = [bucket({ skill: "crisis", month: "2024-10", verifiedPoints: 10, lastAt: "2024-10-03T00:00:00Z" })];
    const h = Object.fromEntries(scoreHistory(b, SKILLS, CONFIG, now).map((e) => [e.month, e.scores]));
    expect(h["2024-09"].crisis).toBe(0);
    // end of October is half a month after its middle
    expect(h["2024-10"].crisis).toBeCloseTo(10 * decayFactor((0.5 * (31 * DAY)) / MONTH_MS, 24), 1);
    expect(h["2024-11"].crisis).toBeLessThan(h["2024-10"].crisis);
    expect(h["2024-10"].debugging).toBe(0);
  });

  it("ends with the same scores as scoreSkills at now", () => {
    const rnd = prng(7);
    for (let i = 0; i < 50; i++) {
      const n = randomNow(rnd);
      const buckets = toBuckets(genRows(rnd, n));
      const h = scoreHistory(buckets, SKILLS, CONFIG, n);
      const s = scoreSkills(buckets, SKILLS, CONFIG, n);
      for (const sk of s) expect(h[h.length - 1].scores[sk.skill]).toBe(sk.score);
    }
  });
});

describe("levelsOf", () => {
  it("maps skills to levels", () => {
    const now = new Date("2025-06-15T12:00:00Z");
    const b = [bucket({ skill: "crisis", month: "2025-06", verifiedPoints: 9, items: 3, lastAt: "2025-06-01T00:00:00Z" })];
    expect(levelsOf(scoreSkills(b, ["crisis", "debugging"], CONFIG, now))).toEqual({ crisis: 2, debugging: 0 });
  });
});

describe("properties", () => {
  const CASES = 300;

  it("adding evidence never lowers a score or a level at the same moment", () => {
    const rnd = prng(20240601);
    for (let c = 0; c < CASES; c++) {
      const now = randomNow(rnd);
      const base = genRows(rnd, now);
      // new items, some in the future of `now`, plus extra non-negative points on existing items
      const extra = genRows(rnd, new Date(now.getTime() + 60 * DAY), { firstId: 1000, count: int(rnd, 1, 10), maxAgeDays: 1200 });
      for (const row of base) if (rnd() < 0.2) extra.push({ ...row, points: int(rnd, 0, 5) });
      const before = byName(scoreSkills(toBuckets(base), SKILLS, CONFIG, now));
      const after = byName(scoreSkills(toBuckets([...base, ...extra]), SKILLS, CONFIG, now));
      for (const skill of SKILLS) {
        expect(after[skill].score, `case ${c} ${skill}`).toBeGreaterThanOrEqual(before[skill].score);
        expect(after[skill].level, `case ${c} ${skill}`).toBeGreaterThanOrEqual(before[skill].level);
        expect(after[skill].items).toBeGreaterThanOrEqual(before[skill].items);
      }
    }
  });

  it("moving now forward never raises a score without new evidence", () => {
    const rnd = prng(42);
    for (let c = 0; c < CASES; c++) {
      const now = randomNow(rnd);
      const buckets = toBuckets(genRows(rnd, now));
      const later = new Date(now.getTime() + rnd() * 40 * MONTH_MS);
      const a = byName(scoreSkills(buckets, SKILLS, CONFIG, now));
      const b = byName(scoreSkills(buckets, SKILLS, CONFIG, later));
      for (const skill of SKILLS) {
        expect(b[skill].score, `case ${c} ${skill}`).toBeLessThanOrEqual(a[skill].score);
        expect(b[skill].level).toBeLessThanOrEqual(a[skill].level);
      }
    }
  });

  it("a level is never reached without its score and its minimum of distinct items", () => {
    const rnd = prng(777);
    const T = CONFIG.thresholds;
    for (let c = 0; c < CASES; c++) {
      const now = randomNow(rnd);
      // few items with enormous points: score is never the limiting factor
      const rows = genRows(rnd, now, { count: int(rnd, 0, 60), maxPoints: int(rnd, 1, 2) === 1 ? 10 : 100_000, maxAgeDays: 400 });
      const scores = scoreSkills(toBuckets(rows), SKILLS, CONFIG, now);
      for (const s of scores) {
        const distinct = new Set(rows.filter((r) => r.skill === s.skill && r.points > 0).map((r) => r.evidenceId)).size;
        expect(s.items).toBe(distinct);
        if (s.level > 0) {
          const t = T.find((x) => x.level === s.level)!;
          expect(s.items, `case ${c}`).toBeGreaterThanOrEqual(t.minItems);
          expect(s.score, `case ${c}`).toBeGreaterThanOrEqual(t.minScore);
        }
        const next = T.find((x) => x.level === s.level + 1);
        if (next) expect(s.score >= next.minScore && s.items >= next.minItems, `case ${c}`).toBe(false);
      }
    }
  });

  it("one huge item cannot make anyone level 5, nor can 19", () => {
    const now = new Date("2025-06-15T12:00:00Z");
    const one = toBuckets([{ skill: "crisis", points: 1e9, at: "2025-06-01T00:00:00Z", verified: true, evidenceId: 1 }]);
    expect(scoreSkills(one, ["crisis"], CONFIG, now)[0].level).toBe(1);
    const nineteen = toBuckets(
      Array.from({ length: 19 }, (_, i) => ({
        skill: "crisis",
        points: 1e6,
        at: "2025-06-01T00:00:00Z",
        verified: true,
        evidenceId: i + 1,
      })),
    );
    expect(scoreSkills(nineteen, ["crisis"], CONFIG, now)[0].level).toBe(4);
    const twenty = toBuckets(
      Array.from({ length: 20 }, (_, i) => ({
        skill: "crisis",
        points: 1e6,
        at: "2025-06-01T00:00:00Z",
        verified: true,
        evidenceId: i + 1,
      })),
    );
    expect(scoreSkills(twenty, ["crisis"], CONFIG, now)[0].level).toBe(5);
  });
});

describe("properties with the shipped configuration", () => {
  // The same laws must hold for the thresholds and weights an organisation actually starts with.
  const SHIPPED: ScoringConfig = DEFAULT_SCORING;
  const CASES = 200;

  it("adding evidence never lowers a score or level; moving now forward never raises one", () => {
    const rnd = prng(9001);
    for (let c = 0; c < CASES; c++) {
      const now = randomNow(rnd);
      const base = genRows(rnd, now, { count: int(rnd, 0, 120) });
      const extra = genRows(rnd, now, { firstId: 5000, count: int(rnd, 1, 30) });
      const before = byName(scoreSkills(toBuckets(base), SKILLS, SHIPPED, now));
      const after = byName(scoreSkills(toBuckets([...base, ...extra]), SKILLS, SHIPPED, now));
      const later = byName(scoreSkills(toBuckets(base), SKILLS, SHIPPED, new Date(now.getTime() + rnd() * 24 * MONTH_MS)));
      for (const skill of SKILLS) {
        expect(after[skill].score, `case ${c} ${skill}`).toBeGreaterThanOrEqual(before[skill].score);
        expect(after[skill].level, `case ${c} ${skill}`).toBeGreaterThanOrEqual(before[skill].level);
        expect(later[skill].score, `case ${c} ${skill}`).toBeLessThanOrEqual(before[skill].score);
        expect(later[skill].level, `case ${c} ${skill}`).toBeLessThanOrEqual(before[skill].level);
      }
    }
  });

  it("every level reached has its distinct-item minimum, whatever the points", () => {
    const rnd = prng(31337);
    for (let c = 0; c < CASES; c++) {
      const now = randomNow(rnd);
      const rows = genRows(rnd, now, { count: int(rnd, 0, 100), maxPoints: 1_000_000, maxAgeDays: 200 });
      for (const s of scoreSkills(toBuckets(rows), SKILLS, SHIPPED, now)) {
        for (const t of SHIPPED.thresholds) {
          if (s.level >= t.level)
            expect(s.items, `case ${c}: level ${s.level} with ${s.items} items`).toBeGreaterThanOrEqual(t.minItems);
        }
      }
    }
  });

  it("adding evidence never lowers any month of the 24-month history", () => {
    const rnd = prng(4242);
    for (let c = 0; c < 100; c++) {
      const now = randomNow(rnd);
      const base = genRows(rnd, now);
      const extra = genRows(rnd, now, { firstId: 9000, count: int(rnd, 1, 10), maxAgeDays: 800 });
      const a = scoreHistory(toBuckets(base), SKILLS, SHIPPED, now);
      const b = scoreHistory(toBuckets([...base, ...extra]), SKILLS, SHIPPED, now);
      expect(b.map((e) => e.month)).toEqual(a.map((e) => e.month));
      for (let i = 0; i < a.length; i++) {
        for (const skill of SKILLS)
          expect(b[i]!.scores[skill], `case ${c} ${a[i]!.month} ${skill}`).toBeGreaterThanOrEqual(a[i]!.scores[skill]!);
      }
    }
  });

  it("month parsing is stable: the same month gives the same bounds on every call", () => {
    expect(monthAge("2024-02", new Date("2024-03-01T00:00:00Z"))).toBe(monthAge("2024-02", new Date("2024-03-01T00:00:00Z")));
    expect(() => monthAge("2024-2", new Date("2024-03-01T00:00:00Z"))).toThrow(/Invalid month/);
    expect(() => monthAge("2024-02", new Date("2024-03-01T00:00:00Z"))).not.toThrow();
  });
});
