// The shared clock: the real time by default; with SUPPORTPATH_CLOCK, the given instant at the process's
// start, running on from there. The setting is read when the module loads, so each case loads it afresh.
import { afterEach, describe, expect, it, vi } from "vitest";
import { parseClockSetting } from "../../app/clock.server";

const saved = process.env.SUPPORTPATH_CLOCK;
afterEach(() => {
  if (saved === undefined) delete process.env.SUPPORTPATH_CLOCK;
  else process.env.SUPPORTPATH_CLOCK = saved;
  vi.resetModules();
});

async function loadClock(setting: string | undefined) {
  if (setting === undefined) delete process.env.SUPPORTPATH_CLOCK;
  else process.env.SUPPORTPATH_CLOCK = setting;
  vi.resetModules();
  return import("../../app/clock.server");
}

describe("parseClockSetting", () => {
  it("reads an ISO instant with a zone, and nothing when unset", () => {
    expect(parseClockSetting(undefined)).toBeNull();
    expect(parseClockSetting("")).toBeNull();
    expect(parseClockSetting("2026-11-28T10:30:00Z")).toBe(Date.UTC(2026, 10, 28, 10, 30));
    expect(parseClockSetting("2028-02-29T12:00Z")).toBe(Date.UTC(2028, 1, 29, 12, 0));
    expect(parseClockSetting("2026-03-29T02:30:00.250+02:00")).toBe(Date.UTC(2026, 2, 29, 0, 30, 0, 250));
  });

  it("refuses a value without a zone (it would be read in local time) or that is no instant", () => {
    for (const bad of ["2026-11-28T10:30:00", "2026-11-28", "tomorrow", "2026-02-30T10:00:00Z", "1796157964649"]) {
      expect(() => parseClockSetting(bad), bad).toThrow(/SUPPORTPATH_CLOCK=.* is not an ISO instant with a zone/);
    }
  });
});

describe("now", () => {
  it("is the real time when SUPPORTPATH_CLOCK is unset", async () => {
    const clock = await loadClock(undefined);
    expect(clock.clockSetting()).toBeNull();
    const before = Date.now();
    const t = clock.nowMs();
    expect(t).toBeGreaterThanOrEqual(before);
    expect(t).toBeLessThanOrEqual(Date.now());
  });

  it("starts at the set instant when the process starts and runs on in real time", async () => {
    const start = Date.UTC(2026, 10, 28, 10, 30);
    const clock = await loadClock("2026-11-28T10:30:00Z");
    expect(clock.clockSetting()).toBe("2026-11-28T10:30:00.000Z");
    const a = clock.nowMs();
    // this process started performance.now() ms ago, at the set instant
    expect(a).toBeGreaterThanOrEqual(start);
    expect(a - start).toBeLessThanOrEqual(Math.ceil(performance.now()) + 1);
    await new Promise((r) => setTimeout(r, 20));
    const b = clock.now();
    expect(b.getTime() - a).toBeGreaterThanOrEqual(15);
    expect(b.getTime() - a).toBeLessThan(5_000);
  });

  it("gives the same time to every copy of the module in one process", async () => {
    const one = await loadClock("2028-02-29T12:00:00Z");
    await new Promise((r) => setTimeout(r, 20));
    vi.resetModules();
    const two = await import("../../app/clock.server");
    expect(two).not.toBe(one);
    expect(Math.abs(two.nowMs() - one.nowMs())).toBeLessThanOrEqual(1);
  });
});
