import { describe, expect, it } from "vitest";
import { hasChartData, partialLabel, partialMonth } from "../../app/domain/chart-months";

const MONTHS = ["2026-10", "2026-11", "2026-12"];

describe("partialMonth", () => {
  it("is the month that `now` falls in, when the chart shows it", () => {
    expect(partialMonth(MONTHS, new Date("2026-12-02T16:44:00Z"))).toBe("2026-12");
  });

  it("is null once the chart's last month is over", () => {
    expect(partialMonth(MONTHS, new Date("2027-01-01T00:00:00Z"))).toBeNull();
  });

  it("reads the month in UTC, as the buckets do, whatever the local time zone", () => {
    // the last minute of November in UTC, already December east of Greenwich
    expect(partialMonth(MONTHS, new Date("2026-11-30T23:59:00Z"))).toBe("2026-11");
    // the first minute of December in UTC, still November west of Greenwich
    expect(partialMonth(MONTHS, new Date("2026-12-01T00:00:00Z"))).toBe("2026-12");
  });

  it("is null for a chart without months", () => {
    expect(partialMonth([], new Date("2026-12-02T00:00:00Z"))).toBeNull();
  });
});

describe("partialLabel", () => {
  it("labels only the running month", () => {
    expect(partialLabel("Dec 2026", true)).toBe("Dec 2026 so far");
    expect(partialLabel("Nov 2026", false)).toBe("Nov 2026");
  });
});

describe("hasChartData", () => {
  it("is false for zeros only, or no series", () => {
    expect(hasChartData([])).toBe(false);
    expect(hasChartData([[0, 0], [0]])).toBe(false);
  });

  it("is true as soon as one value is not zero", () => {
    expect(
      hasChartData([
        [0, 0],
        [0, 0.1],
      ]),
    ).toBe(true);
  });
});
