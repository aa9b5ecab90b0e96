import { describe, expect, it } from "vitest";
import {
  afterHoursMinutesOf,
  busFactor,
  heatmap,
  loadByMonth,
  loadFlags,
  monthsBack,
  succession,
  type LoadItem,
  type SuccessionCandidate,
} from "../../app/domain/team";
import { DEFAULT_LOAD_THRESHOLDS } from "../../app/domain/defaults";
import type { PositionDef } from "../../app/domain/types";

const SKILLS = ["debugging", "crisis", "itil"];
const LEVELS = {
  "1": { debugging: 4, crisis: 3, itil: 1 },
  "2": { debugging: 3, crisis: 1 }, // no itil level → 0
  "3": { debugging: 2, crisis: 2, itil: 2 },
};

describe("heatmap", () => {
  it("builds rows in people order and cells in skill order, missing = 0", () => {
    const h = heatmap(
      [
        { id: 2, name: "Bo" },
        { id: 1, name: "Ana" },
        { id: 9, name: "New" },
      ],
      LEVELS,
      SKILLS,
    );
    expect(h.rows.map((r) => r.name)).toEqual(["Bo", "Ana", "New"]);
    expect(h.rows[0]!.cells).toEqual([
      { skill: "debugging", level: 3 },
      { skill: "crisis", level: 1 },
      { skill: "itil", level: 0 },
    ]);
    expect(h.rows[2]!.cells.every((c) => c.level === 0)).toBe(true);
  });
  it("column summary counts people at ≥ 3", () => {
    const h = heatmap(
      [1, 2, 3].map((id) => ({ id, name: `P${id}` })),
      LEVELS,
      SKILLS,
    );
    expect(h.minLevel).toBe(3);
    expect(h.columns).toEqual([
      { skill: "debugging", covered: 2, max: 4 }, // 4, 3
      { skill: "crisis", covered: 1, max: 3 }, // 3
      { skill: "itil", covered: 0, max: 2 },
    ]);
  });
  it("empty team", () => {
    expect(heatmap([], {}, SKILLS).columns.map((c) => c.covered)).toEqual([0, 0, 0]);
  });
});

describe("busFactor", () => {
  it("lists holders at ≥ 3 and flags skills held by at most one", () => {
    expect(busFactor(LEVELS, SKILLS)).toEqual([
      { skill: "debugging", holders: ["1", "2"], atRisk: false },
      { skill: "crisis", holders: ["1"], atRisk: true },
      { skill: "itil", holders: [], atRisk: true },
    ]);
  });
  it("custom minLevel", () => {
    expect(busFactor(LEVELS, SKILLS, 2).map((b) => [b.skill, b.holders.length, b.atRisk])).toEqual([
      ["debugging", 3, false],
      ["crisis", 2, false],
      ["itil", 1, true],
    ]);
  });
});

describe("succession", () => {
  const pos = (id: number, key: string, rank: number, isManagement: boolean): PositionDef => ({
    id,
    key,
    name: key.toUpperCase(),
    rank,
    isManagement,
    requirements: {},
  });
  const POSITIONS = [pos(4, "manager", 5, true), pos(1, "senior", 3, false), pos(3, "lead", 4, true)];
  const c = (personId: number, name: string, rank: number, lead: number, manager?: number): SuccessionCandidate => ({
    personId,
    name,
    currentPositionRank: rank,
    readiness: manager === undefined ? { 3: lead } : { 3: lead, 4: manager },
  });
  const CANDIDATES = [
    c(1, "Dana", 3, 90, 70),
    c(2, "Ali", 2, 90, 60),
    c(3, "Cleo", 4, 100, 95), // already a lead: excluded from lead, eligible for manager
    c(4, "Eve", 3, 40),
    c(5, "Bob", 1, 95, 10),
    c(6, "Max", 5, 100, 100), // already a manager: excluded from both
  ];

  it("only management positions, by rank", () => {
    expect(succession(POSITIONS, CANDIDATES).map((s) => s.positionKey)).toEqual(["lead", "manager"]);
  });
  it("nearest n by readiness, ties by name, excluding people at or above the rank", () => {
    const [lead, manager] = succession(POSITIONS, CANDIDATES);
    expect(lead!.candidates).toEqual([
      { personId: 5, name: "Bob", percent: 95 },
      { personId: 2, name: "Ali", percent: 90 }, // tie with Dana at 90 → Ali first
      { personId: 1, name: "Dana", percent: 90 },
    ]);
    expect(manager!.candidates.map((x) => [x.name, x.percent])).toEqual([
      ["Cleo", 95],
      ["Dana", 70],
      ["Ali", 60],
    ]);
  });
  it("n and missing readiness (counts as 0)", () => {
    const [, manager] = succession(POSITIONS, CANDIDATES, 10);
    expect(manager!.candidates.map((x) => x.name)).toEqual(["Cleo", "Dana", "Ali", "Bob", "Eve"]);
    expect(manager!.candidates.at(-1)).toEqual({ personId: 4, name: "Eve", percent: 0 });
    expect(succession(POSITIONS, CANDIDATES, 1)[0]!.candidates).toHaveLength(1);
    expect(succession(POSITIONS, CANDIDATES, 0)[0]!.candidates).toEqual([]);
  });
});

describe("monthsBack", () => {
  it("oldest first and includes the current month", () => {
    expect(monthsBack(new Date("2024-03-15T12:00:00Z"), 3)).toEqual(["2024-01", "2024-02", "2024-03"]);
  });
  it("crosses year boundaries", () => {
    expect(monthsBack(new Date("2024-02-01T00:00:00Z"), 4)).toEqual(["2023-11", "2023-12", "2024-01", "2024-02"]);
    expect(monthsBack(new Date("2024-12-31T23:59:59Z"), 13)[0]).toBe("2023-12");
  });
  it("n of 0 or 1", () => {
    expect(monthsBack(new Date("2024-05-31T00:00:00Z"), 0)).toEqual([]);
    expect(monthsBack(new Date("2024-05-31T00:00:00Z"), 1)).toEqual(["2024-05"]);
  });
});

const item = (over: Partial<LoadItem>): LoadItem => ({
  personId: 1,
  kind: "incident",
  priority: null,
  afterHours: false,
  afterHoursMinutes: 0,
  durationMinutes: 60,
  at: "2024-02-10T10:00:00Z",
  ...over,
});

describe("afterHoursMinutesOf", () => {
  it("follows the documented rule", () => {
    expect(afterHoursMinutesOf(item({ afterHours: true, afterHoursMinutes: 45 }))).toBe(45);
    expect(afterHoursMinutesOf(item({ afterHours: false, afterHoursMinutes: 45 }))).toBe(0); // not flagged
    expect(afterHoursMinutesOf(item({ afterHours: true, afterHoursMinutes: 0, durationMinutes: 90 }))).toBe(0); // incident: no guess
    // a shift is cover, not work: with no minutes said to be worked it adds none (issue 13: a week was 168 h)
    expect(afterHoursMinutesOf(item({ kind: "on_call", afterHours: true, afterHoursMinutes: 0, durationMinutes: 720 }))).toBe(0);
    expect(afterHoursMinutesOf(item({ kind: "on_call", afterHours: true, afterHoursMinutes: 300, durationMinutes: 720 }))).toBe(
      300,
    );
    expect(afterHoursMinutesOf(item({ kind: "on_call", afterHours: false, durationMinutes: 720 }))).toBe(0);
  });
});

describe("loadByMonth", () => {
  const months = ["2024-01", "2024-02"];
  const items: LoadItem[] = [
    item({ personId: 1, priority: "P1", afterHours: true, afterHoursMinutes: 90, at: "2024-01-05T22:00:00Z" }), // 1.5 h
    item({
      personId: 1,
      kind: "on_call",
      afterHours: true,
      afterHoursMinutes: 120,
      durationMinutes: 720,
      at: "2024-01-06T18:00:00Z",
    }), // 2 h worked, 1 shift
    item({ personId: 1, priority: "P1", at: "2024-02-01T09:00:00Z" }),
    item({ personId: 2, kind: "on_call", afterHours: false, at: "2024-02-03" }), // shift, no hours
    item({ personId: 1, priority: "P1", at: "2023-12-31T23:00:00Z" }), // outside the window
    item({ personId: 3, priority: "P2", at: "not a date" }), // unreadable → ignored
  ];
  it("sums per person per month", () => {
    expect(loadByMonth(items, months)).toEqual([
      {
        personId: 1,
        months: [
          { month: "2024-01", afterHoursHours: 3.5, p1Count: 1, onCallShifts: 1 },
          { month: "2024-02", afterHoursHours: 0, p1Count: 1, onCallShifts: 0 },
        ],
      },
      {
        personId: 2,
        months: [
          { month: "2024-01", afterHoursHours: 0, p1Count: 0, onCallShifts: 0 },
          { month: "2024-02", afterHoursHours: 0, p1Count: 0, onCallShifts: 1 },
        ],
      },
    ]);
  });
  it("month is taken as written in the ISO string (no time-zone shift)", () => {
    const r = loadByMonth([item({ priority: "P1", at: "2024-01-31T23:30:00-05:00" })], months);
    expect(r[0]!.months[0]!.p1Count).toBe(1);
  });
  it("personIds adds people with nothing logged", () => {
    const r = loadByMonth([], months, [7]);
    expect(r).toEqual([
      { personId: 7, months: months.map((month) => ({ month, afterHoursHours: 0, p1Count: 0, onCallShifts: 0 })) },
    ]);
  });
  it("a grouped row (count, summed minutes) gives the same figures as its items one by one", () => {
    const oneByOne: LoadItem[] = [
      item({ kind: "on_call", afterHours: true, afterHoursMinutes: 60, durationMinutes: 600, at: "2024-01-02T20:00:00Z" }),
      item({ kind: "on_call", afterHours: true, afterHoursMinutes: 0, durationMinutes: 480, at: "2024-01-09T20:00:00Z" }),
      item({ priority: "P1", afterHours: true, afterHoursMinutes: 30, at: "2024-01-03T23:00:00Z" }),
      item({ priority: "P1", afterHours: true, afterHoursMinutes: 90, at: "2024-01-04T23:00:00Z" }),
      item({ priority: "P1", afterHours: true, afterHoursMinutes: 60, at: "2024-01-05T23:00:00Z" }),
      item({ afterHours: true, afterHoursMinutes: 0, durationMinutes: 999, at: "2024-01-06T23:00:00Z" }),
    ];
    const grouped: LoadItem[] = [
      item({ kind: "on_call", afterHours: true, afterHoursMinutes: 60, durationMinutes: 1080, at: "2024-01", count: 2 }),
      item({ priority: "P1", afterHours: true, afterHoursMinutes: 180, durationMinutes: 180, at: "2024-01", count: 3 }),
      item({ afterHours: true, afterHoursMinutes: 0, durationMinutes: 999, at: "2024-01", count: 1 }),
    ];
    const expected = [
      {
        personId: 1,
        months: [
          { month: "2024-01", afterHoursHours: 4, p1Count: 3, onCallShifts: 2 },
          { month: "2024-02", afterHoursHours: 0, p1Count: 0, onCallShifts: 0 },
        ],
      },
    ];
    expect(loadByMonth(oneByOne, months)).toEqual(expected);
    expect(loadByMonth(grouped, months)).toEqual(expected);
  });
});

describe("loadFlags", () => {
  const t = DEFAULT_LOAD_THRESHOLDS; // 20 h, 4 P1, 8 shifts
  it("flags strictly greater values only", () => {
    const load = [
      {
        personId: 1,
        months: [
          { month: "2024-01", afterHoursHours: 20, p1Count: 4, onCallShifts: 8 }, // exactly at thresholds → fine
          { month: "2024-02", afterHoursHours: 20.5, p1Count: 5, onCallShifts: 8 },
        ],
      },
      { personId: 2, months: [{ month: "2024-01", afterHoursHours: 3, p1Count: 0, onCallShifts: 9 }] },
      { personId: 3, months: [{ month: "2024-01", afterHoursHours: 0, p1Count: 0, onCallShifts: 0 }] },
    ];
    expect(loadFlags(load, t)).toEqual([
      {
        personId: 1,
        flagged: true,
        months: [
          {
            month: "2024-02",
            over: [
              { metric: "afterHoursHours", value: 20.5, threshold: 20 },
              { metric: "p1Count", value: 5, threshold: 4 },
            ],
          },
        ],
      },
      { personId: 2, flagged: true, months: [{ month: "2024-01", over: [{ metric: "onCallShifts", value: 9, threshold: 8 }] }] },
      { personId: 3, flagged: false, months: [] },
    ]);
  });
  it("works end to end with loadByMonth", () => {
    const shifts = Array.from({ length: 9 }, (_, i) =>
      item({
        kind: "on_call",
        afterHours: true,
        afterHoursMinutes: 180,
        durationMinutes: 720,
        at: `2024-02-${String(i + 1).padStart(2, "0")}T20:00:00Z`,
      }),
    ); // 9 shifts, 27 h worked in them
    const [flags] = loadFlags(loadByMonth(shifts, ["2024-02"]), t);
    expect(flags!.flagged).toBe(true);
    expect(flags!.months[0]!.over.map((o) => o.metric)).toEqual(["afterHoursHours", "onCallShifts"]);
  });
});
