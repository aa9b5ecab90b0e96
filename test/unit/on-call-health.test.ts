import { describe, expect, it } from "vitest";
import type { WorkItem } from "../../app/domain/after-hours";
import { localMonthsBack, personHealth, teamHealth, type HealthThresholds } from "../../app/domain/on-call-health";
import type { WorkingTime } from "../../app/domain/working-time";

const LONDON: WorkingTime = { zone: "Europe/London", days: [1, 2, 3, 4, 5], start: 540, end: 1020 };
const KOLKATA: WorkingTime = { ...LONDON, zone: "Asia/Kolkata" };
const T: HealthThresholds = {
  afterHoursHoursPerMonth: 20,
  interruptionsPerMonth: 15,
  sleepInterruptionsPerMonth: 4,
  consecutiveNights: 2,
  minRestHours: 11,
  shortRestNightsPerMonth: 0,
};
const MONTHS = ["2026-01", "2026-02", "2026-03"];
/** a 20-minute incident at 03:00 UTC on a date: two sleep-hour interruptions in London, one night */
const night = (date: string, kind = "incident"): WorkItem => ({
  kind,
  startedAt: `${date}T03:00:00Z`,
  resolvedAt: `${date}T03:20:00Z`,
});
const daytime = (date: string, kind: string): WorkItem => ({
  kind,
  startedAt: `${date}T10:00:00Z`,
  resolvedAt: `${date}T11:00:00Z`,
});

describe("a person's months", () => {
  it("counts interruptions, sleep-hour ones, worked hours and the rest left, in the person's local month", () => {
    const h = personHealth([night("2026-02-03"), daytime("2026-02-04", "incident")], LONDON, MONTHS, T);
    expect(h.months.map((m) => [m.month, m.interruptions, m.sleepInterruptions])).toEqual([
      ["2026-01", 0, 0],
      ["2026-02", 2, 2],
      ["2026-03", 0, 0],
    ]);
    const feb = h.months[1]!;
    expect(feb.workedHours).toBe(0.3);
    expect(feb.shortestRestHours).toBe(5.7);
    expect(feb.flags.map((f) => f.metric)).toEqual(["shortRests"]);
    expect(feb.flags[0]!.reason).toBe(
      "1 night left less than 11 h of rest before the next working day, more than 0 (shortest 5.7 h).",
    );
  });

  it("places an instant in the month of the person's own wall clock", () => {
    // 2026-01-31T20:00Z is already 1 February in Kolkata (01:30 IST)
    const item: WorkItem = { kind: "incident", startedAt: "2026-01-31T20:00:00Z", resolvedAt: "2026-01-31T20:10:00Z" };
    expect(personHealth([item], LONDON, MONTHS, T).months.map((m) => m.interruptions)).toEqual([2, 0, 0]);
    expect(personHealth([item], KOLKATA, MONTHS, T).months.map((m) => m.interruptions)).toEqual([0, 2, 0]);
  });

  it("runs of interrupted nights are counted across a month's end and credited to the month they end in", () => {
    const h = personHealth(
      ["2026-01-30", "2026-01-31", "2026-02-01", "2026-02-03"].map((d) => night(d)),
      LONDON,
      MONTHS,
      T,
    );
    // nights of 29, 30, 31 January (the 03:00 interruptions belong to the night before) and 2 February
    expect(h.months.map((m) => m.longestNightRun)).toEqual([3, 1, 0]);
    expect(h.months[0]!.flags.map((f) => f.metric)).toContain("longestNightRun");
  });

  it("an on-call week counts its cover apart from its work", () => {
    const week: WorkItem = {
      kind: "on_call",
      startedAt: "2026-03-02T09:00:00Z",
      resolvedAt: "2026-03-09T09:00:00Z",
      statedMinutes: 150,
    };
    const mar = personHealth([week], LONDON, MONTHS, T).months[2]!;
    expect(mar).toMatchObject({ onCallHours: 168, workedHours: 2.5, interruptions: 0, flags: [] });
  });

  it("flags two months running and a rising trend", () => {
    const many = (month: string) => Array.from({ length: 8 }, (_, i) => night(`${month}-${String(2 * i + 2).padStart(2, "0")}`));
    const h = personHealth([...many("2026-02"), ...many("2026-03")], LONDON, ["2025-10", "2025-11", "2025-12", ...MONTHS], T);
    expect(h.months.slice(-2).every((m) => m.flags.some((f) => f.metric === "sleepInterruptions"))).toBe(true);
    expect(h.twoMonthsRunning).toBe(true);
    expect(h.trend).toBe("rising");
    expect(personHealth([night("2026-02-03")], LONDON, ["2025-10", "2025-11", "2025-12", ...MONTHS], T)).toMatchObject({
      twoMonthsRunning: false,
      trend: "steady",
    });
  });

  it("toil is reactive against improvement items per quarter, against the 50 % cap", () => {
    const items = [
      ...["2026-01-05", "2026-01-06", "2026-02-02"].map((d) => daytime(d, "incident")),
      daytime("2026-02-03", "problem"),
      daytime("2026-02-04", "knowledge"), // neither: not in the ratio
      daytime("2026-04-01", "refactoring"), // outside the months shown
    ];
    expect(personHealth(items, LONDON, MONTHS, T).toil).toEqual([
      { quarter: "2026-Q1", reactive: 3, improvement: 1, ratio: 0.75, overCap: true },
    ]);
  });
});

describe("the team", () => {
  const member = (personId: number, name: string, items: WorkItem[], workingTime = LONDON) => ({
    personId,
    name,
    workingTime,
    items,
  });

  it("lists who is over a threshold two months running first, and says how concentrated the interruptions are", () => {
    const heavy = ["2026-02", "2026-03"].flatMap((m) => [2, 4, 6].map((d) => night(`${m}-0${d}`)));
    const team = teamHealth([member(1, "Ada", [night("2026-01-06")]), member(2, "Ben", heavy), member(3, "Cy", [])], MONTHS, T);
    expect(team.people.map((p) => [p.name, p.twoMonthsRunning])).toEqual([
      ["Ben", true],
      ["Ada", false],
      ["Cy", false],
    ]);
    expect(team.concentration).toMatchObject({ name: "Ben", interruptions: 12, total: 14 });
    expect(team.concentration!.share).toBeCloseTo(12 / 14);
    expect(teamHealth([member(3, "Cy", [])], MONTHS, T).concentration).toBeNull();
  });
});

describe("local months", () => {
  it("end with the month the viewer's wall clock is in", () => {
    const now = new Date("2026-02-28T23:30:00Z");
    expect(localMonthsBack(now, "Europe/London", 2)).toEqual(["2026-01", "2026-02"]);
    expect(localMonthsBack(now, "Asia/Kolkata", 2)).toEqual(["2026-02", "2026-03"]);
  });
});
