// Where and when a person works: parsing of the stored strings, and the person → organisation fallback.
import { describe, expect, it } from "vitest";
import {
  formatClockTime,
  isTimeZone,
  organisationWorkingTime,
  parseClockTime,
  parseWorkDays,
  personWorkingTime,
} from "../../app/domain/working-time";

describe("parsing", () => {
  it("knows IANA zones and refuses made-up or overlong ones", () => {
    expect(isTimeZone("Europe/London")).toBe(true);
    expect(isTimeZone("UTC")).toBe(true);
    expect(isTimeZone("Mars/Olympus")).toBe(false);
    expect(isTimeZone("")).toBe(false);
    expect(isTimeZone("A".repeat(65))).toBe(false);
  });
  it("reads HH:MM clock times, with 24:00 only as the end of a day", () => {
    expect(parseClockTime("09:30")).toBe(570);
    expect(parseClockTime("00:00")).toBe(0);
    expect(parseClockTime("24:00")).toBe(1440);
    expect(parseClockTime("24:01")).toBeNull();
    expect(parseClockTime("9:30")).toBeNull();
    expect(parseClockTime("12:60")).toBeNull();
    expect(formatClockTime(570)).toBe("09:30");
    expect(formatClockTime(parseClockTime("17:05")!)).toBe("17:05");
  });
  it("reads ISO weekdays, sorted, refusing repeats and days outside 1–7", () => {
    expect(parseWorkDays("51234")).toEqual([1, 2, 3, 4, 5]);
    expect(parseWorkDays("")).toEqual([]);
    expect(parseWorkDays("1123")).toBeNull();
    expect(parseWorkDays("08")).toBeNull();
  });
});

describe("fallback", () => {
  const org = organisationWorkingTime("Europe/Berlin", { startHour: 8, endHour: 17, weekdaysOnly: true });
  const none = { time_zone: null, work_days: null, work_start: null, work_end: null };

  it("the organisation's settings become a complete working time; an unknown zone is UTC", () => {
    expect(org).toEqual({ zone: "Europe/Berlin", days: [1, 2, 3, 4, 5], start: 480, end: 1020 });
    expect(organisationWorkingTime("Nowhere/Else", { startHour: 0, endHour: 24, weekdaysOnly: false })).toEqual({
      zone: "UTC",
      days: [1, 2, 3, 4, 5, 6, 7],
      start: 0,
      end: 1440,
    });
  });
  it("a person with nothing stored works the organisation's time", () => {
    expect(personWorkingTime(none, org)).toEqual(org);
  });
  it("each valid stored value of the person's wins on its own", () => {
    const p = personWorkingTime({ time_zone: "Asia/Kolkata", work_days: "7123", work_start: "10:00", work_end: "18:30" }, org);
    expect(p).toEqual({ zone: "Asia/Kolkata", days: [1, 2, 3, 7], start: 600, end: 1110 });
  });
  it("hours that end before they start, or a bad zone, fall back without taking the rest with them", () => {
    const p = personWorkingTime({ time_zone: "Bad/Zone", work_days: "67", work_start: "18:00", work_end: "09:00" }, org);
    expect(p).toEqual({ zone: "Europe/Berlin", days: [6, 7], start: 480, end: 1020 });
  });
});
