import { describe, expect, it } from "vitest";
import { DEFAULT_AFTER_HOURS_RULES, itemAfterHours, workingPeriods, type WorkItem } from "../../app/domain/after-hours";
import type { WorkingTime } from "../../app/domain/working-time";

// 09:00–17:00 Monday to Friday; every date below is fixed, so the tests hold on any day and in any process zone.
const wt = (zone: string, days = [1, 2, 3, 4, 5]): WorkingTime => ({ zone, days, start: 9 * 60, end: 17 * 60 });
const LONDON = wt("Europe/London");
const item = (startedAt: string | null, resolvedAt: string, extra: Partial<WorkItem> = {}): WorkItem => ({
  kind: "incident",
  startedAt,
  resolvedAt,
  ...extra,
});

describe("interruptions and worked time", () => {
  it("a ticket open over four nights with no event in them costs nothing out of hours", () => {
    // Monday 2026-01-12 10:00 → Friday 16 15:00 GMT
    const r = itemAfterHours(item("2026-01-12T10:00:00Z", "2026-01-16T15:00:00Z"), LONDON);
    expect(r).toMatchObject({ interruptions: [], workedMinutes: 0, afterHours: false });
  });

  it("an incident opened at 23:00 and resolved at 01:30 is two sleep-hour interruptions and 2.5 h worked", () => {
    const r = itemAfterHours(item("2026-01-13T23:00:00Z", "2026-01-14T01:30:00Z"), LONDON);
    expect(r.interruptions.map((i) => [i.kind, i.sleep, i.night])).toEqual([
      ["opened", true, "2026-01-13"],
      ["resolved", true, "2026-01-13"],
    ]);
    expect(r.workedMinutes).toBe(150);
    expect(r.weightedMinutes).toBe(225); // all of it in the sleep window: × 1.5
    expect(r.afterHours).toBe(true);
  });

  it("a resolution at 19:00 of a ticket opened that morning credits the follow-up before it, not the evening", () => {
    const r = itemAfterHours(item("2026-01-13T10:00:00Z", "2026-01-13T19:00:00Z"), LONDON);
    expect(r.interruptions).toHaveLength(1);
    expect(r.interruptions[0]).toMatchObject({ kind: "resolved", sleep: false, night: null, restHours: null });
    expect(r.workedMinutes).toBe(DEFAULT_AFTER_HOURS_RULES.followUpMinutes);
    expect(r.weightedMinutes).toBe(30);
  });

  it("a Friday-night opening resolved on Monday is one interruption and never the whole weekend", () => {
    const r = itemAfterHours(item("2026-01-16T23:00:00Z", "2026-01-19T10:00:00Z"), LONDON);
    expect(r.interruptions).toHaveLength(1);
    expect(r.workedMinutes).toBe(30);
    // Monday starts at 09:00: 10 h of rest after the 23:00 interruption would be wrong, it is Saturday next
    expect(r.interruptions[0]!.restHours).toBe(58);
  });

  it("work on a non-working day weighs twice", () => {
    // Saturday 2026-01-17 14:00–15:00
    const r = itemAfterHours(item("2026-01-17T14:00:00Z", "2026-01-17T15:00:00Z"), LONDON);
    expect(r.interruptions.every((i) => i.offDay && !i.sleep)).toBe(true);
    expect(r.workedMinutes).toBe(60);
    expect(r.weightedMinutes).toBe(120);
  });

  it("events in the same minute count once, and events inside working hours not at all", () => {
    const r = itemAfterHours(
      item("2026-01-13T20:00:00Z", "2026-01-14T11:00:00Z", {
        events: [
          { at: "2026-01-13T20:00:30Z", kind: "assigned" },
          { at: "2026-01-13T20:40:00Z", kind: "state" },
          { at: "2026-01-14T10:00:00Z", kind: "state" },
        ],
      }),
      LONDON,
    );
    expect(r.interruptions.map((i) => i.kind)).toEqual(["opened", "state"]);
    // 20:00 → 20:40 plus the follow-up after the last event of the evening
    expect(r.workedMinutes).toBe(70);
  });

  it("a rest gap is the time from a night interruption to the next working period", () => {
    const r = itemAfterHours(item("2026-01-14T03:00:00Z", "2026-01-14T03:20:00Z"), LONDON);
    expect(r.interruptions.map((i) => [i.sleep, i.restHours, i.night])).toEqual([
      [true, 6, "2026-01-13"],
      [true, 5.7, "2026-01-13"],
    ]);
    expect(r.workedMinutes).toBe(20);
  });

  it("a stated figure is believed up to what the times allow", () => {
    const within = itemAfterHours(item("2026-01-13T18:00:00Z", "2026-01-13T19:00:00Z", { statedMinutes: 45 }), LONDON);
    expect(within.workedMinutes).toBe(45);
    const over = itemAfterHours(item("2026-01-13T18:00:00Z", "2026-01-13T19:00:00Z", { statedMinutes: 600 }), LONDON);
    expect(over.workedMinutes).toBe(60);
    const daytime = itemAfterHours(item("2026-01-13T10:00:00Z", "2026-01-13T11:00:00Z", { statedMinutes: 600 }), LONDON);
    expect(daytime).toMatchObject({ workedMinutes: 0, afterHours: false });
  });
});

describe("on-call shifts", () => {
  // Monday 2026-01-12 09:00 → Monday 19 09:00: a week of cover
  const week = (extra: Partial<WorkItem>) => item("2026-01-12T09:00:00Z", "2026-01-19T09:00:00Z", { kind: "on_call", ...extra });

  it("a week on call records 168 hours of cover and only the hours said to be worked", () => {
    const r = itemAfterHours(week({ statedMinutes: 180 }), LONDON);
    expect(r.shiftMinutes).toBe(168 * 60);
    expect(r.workedMinutes).toBe(180);
    expect(r.interruptions).toEqual([]);
    expect(r.afterHours).toBe(true);
  });

  it("a quiet week on call is cover without work, and does not count as after hours", () => {
    expect(itemAfterHours(week({}), LONDON)).toMatchObject({ shiftMinutes: 168 * 60, workedMinutes: 0, afterHours: false });
  });

  it("a shift's pages are its interruptions and its work when nothing is said", () => {
    const r = itemAfterHours(week({ events: [{ at: "2026-01-14T03:00:00Z", kind: "page" }] }), LONDON);
    expect(r.interruptions.map((i) => [i.kind, i.sleep])).toEqual([["page", true]]);
    expect(r.workedMinutes).toBe(30);
  });

  it("a stated figure for a shift is capped by the shift's non-working time", () => {
    // Monday 17:00 → Tuesday 09:00: 16 h of non-working time
    const night = item("2026-01-12T17:00:00Z", "2026-01-13T09:00:00Z", { kind: "on_call", statedMinutes: 24 * 60 });
    expect(itemAfterHours(night, LONDON).workedMinutes).toBe(16 * 60);
  });
});

describe("the owner's zone, across daylight-saving changes", () => {
  const at = (iso: string, zone: string) => itemAfterHours(item(null, iso), wt(zone)).interruptions.length;

  it("New York: 13:30 UTC is 08:30 before the spring change and 09:30 after it", () => {
    expect(at("2026-03-02T13:30:00Z", "America/New_York")).toBe(1);
    expect(at("2026-03-09T13:30:00Z", "America/New_York")).toBe(0);
  });

  it("New York: 21:30 UTC is 17:30 before the autumn change and 16:30 after it", () => {
    expect(at("2026-10-26T21:30:00Z", "America/New_York")).toBe(1);
    expect(at("2026-11-02T21:30:00Z", "America/New_York")).toBe(0);
  });

  it("London: 08:30 UTC is 09:30 on summer time and 08:30 after the autumn change", () => {
    expect(at("2026-10-19T08:30:00Z", "Europe/London")).toBe(0);
    expect(at("2026-10-26T08:30:00Z", "Europe/London")).toBe(1);
    expect(at("2026-03-23T08:30:00Z", "Europe/London")).toBe(1);
    expect(at("2026-03-30T08:30:00Z", "Europe/London")).toBe(0);
  });

  it("Kolkata has no change: 03:15 UTC is 08:45 and 03:45 UTC is 09:15 all year", () => {
    for (const day of ["2026-01-13", "2026-03-31", "2026-07-14", "2026-10-27"]) {
      expect(at(`${day}T03:15:00Z`, "Asia/Kolkata")).toBe(1);
      expect(at(`${day}T03:45:00Z`, "Asia/Kolkata")).toBe(0);
    }
  });

  it("the same instant is a sleep-hour interruption in one zone and a working minute in another", () => {
    const r = (zone: string) => itemAfterHours(item("2026-07-14T08:00:00Z", "2026-07-14T08:30:00Z"), wt(zone));
    expect(r("Europe/London").afterHours).toBe(false); // 09:00–09:30 BST
    expect(r("America/New_York").interruptions.every((i) => i.sleep)).toBe(true); // 04:00–04:30 EDT
  });

  it("the working periods of a change day are the right length", () => {
    // the Monday after each 2026 change in London is eight hours long; a day of 23 or 25 hours does not leak in
    for (const [from, to] of [
      ["2026-03-30T00:00:00Z", "2026-03-30T23:00:00Z"],
      ["2026-10-26T00:00:00Z", "2026-10-26T23:00:00Z"],
    ] as const) {
      const periods = workingPeriods(Date.parse(from), Date.parse(to), LONDON).filter(
        ([a]) => a >= Date.parse(from) && a < Date.parse(to),
      );
      expect(periods.map(([a, b]) => (b - a) / 3_600_000)).toEqual([8]);
    }
  });
});
