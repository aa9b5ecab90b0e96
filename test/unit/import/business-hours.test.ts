import { describe, expect, it } from "vitest";
import {
  afterHoursMinutes,
  afterHoursOf,
  durationMinutes,
  isOutsideBusinessHours,
} from "../../../app/domain/import/business-hours";
import { DEFAULT_BUSINESS_HOURS } from "../../../app/domain/defaults";

const bh = DEFAULT_BUSINESS_HOURS; // 08:00-18:00, weekdays only
const allWeek = { ...bh, weekdaysOnly: false };

// 2024-03-11 is a Monday; 2024-03-15 a Friday; 2024-03-16/17 the weekend.
describe("isOutsideBusinessHours", () => {
  it("uses [startHour, endHour) on weekdays", () => {
    expect(isOutsideBusinessHours("2024-03-11T07:59:00", bh)).toBe(true);
    expect(isOutsideBusinessHours("2024-03-11T08:00:00", bh)).toBe(false);
    expect(isOutsideBusinessHours("2024-03-11T17:59:00", bh)).toBe(false);
    expect(isOutsideBusinessHours("2024-03-11T18:00:00", bh)).toBe(true);
  });

  it("treats Saturday and Sunday as outside only when weekdaysOnly", () => {
    expect(isOutsideBusinessHours("2024-03-16T12:00:00", bh)).toBe(true);
    expect(isOutsideBusinessHours("2024-03-17T12:00:00", bh)).toBe(true);
    expect(isOutsideBusinessHours("2024-03-16T12:00:00", allWeek)).toBe(false);
  });
});

describe("afterHoursMinutes", () => {
  it("is 0 inside business hours, or when an end is missing or reversed", () => {
    expect(afterHoursMinutes("2024-03-11T09:00:00", "2024-03-11T17:00:00", bh)).toBe(0);
    expect(afterHoursMinutes(null, "2024-03-11T17:00:00", bh)).toBe(0);
    expect(afterHoursMinutes("2024-03-11T19:00:00", "2024-03-11T18:30:00", bh)).toBe(0);
  });

  it("counts both ends of a day", () => {
    expect(afterHoursMinutes("2024-03-11T07:00:00", "2024-03-11T19:00:00", bh)).toBe(120);
  });

  it("counts a span crossing midnight", () => {
    // Thursday 23:30 → Friday 00:45
    expect(afterHoursMinutes("2024-03-14T23:30:00", "2024-03-15T00:45:00", bh)).toBe(75);
    // Thursday 17:00 → Friday 09:00: 18:00-24:00 + 00:00-08:00
    expect(afterHoursMinutes("2024-03-14T17:00:00", "2024-03-15T09:00:00", bh, Infinity)).toBe(6 * 60 + 8 * 60);
  });

  it("counts a weekend whole, and caps at 24 h per item", () => {
    // Friday 17:00 → Monday 09:00: 6 h Friday + 48 h weekend + 8 h Monday
    expect(afterHoursMinutes("2024-03-15T17:00:00", "2024-03-18T09:00:00", bh, Infinity)).toBe((6 + 48 + 8) * 60);
    expect(afterHoursMinutes("2024-03-15T17:00:00", "2024-03-18T09:00:00", bh)).toBe(24 * 60);
    // Saturday 10:00 → 12:00 is after hours only when weekends are
    expect(afterHoursMinutes("2024-03-16T10:00:00", "2024-03-16T12:00:00", bh)).toBe(120);
    expect(afterHoursMinutes("2024-03-16T10:00:00", "2024-03-16T12:00:00", allWeek)).toBe(0);
  });

  it("is 0 when every hour of every day is business time", () => {
    expect(
      afterHoursMinutes("2024-03-01T00:00:00", "2025-03-01T00:00:00", { startHour: 0, endHour: 24, weekdaysOnly: false }),
    ).toBe(0);
  });
});

describe("afterHoursOf / durationMinutes", () => {
  it("flags a resolved item opened or resolved outside business hours; unresolved items never", () => {
    expect(afterHoursOf(true, "2024-03-11T09:00:00", "2024-03-11T18:30:00", bh)).toEqual({
      afterHours: true,
      afterHoursMinutes: 30,
    });
    expect(afterHoursOf(true, "2024-03-11T09:00:00", "2024-03-11T10:00:00", bh)).toEqual({
      afterHours: false,
      afterHoursMinutes: 0,
    });
    expect(afterHoursOf(false, "2024-03-16T09:00:00", null, bh)).toEqual({ afterHours: false, afterHoursMinutes: 0 });
  });

  it("measures durations in whole minutes, across months", () => {
    expect(durationMinutes("2016-02-29T23:00:00", "2016-03-01T01:30:00")).toBe(150);
    expect(durationMinutes("2016-03-01T01:30:00", "2016-02-29T23:00:00")).toBe(0);
  });
});
