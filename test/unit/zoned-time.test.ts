// Zone arithmetic at the daylight-saving changes, every expected value computed by hand from the published
// rules: the EU changes at 01:00 UTC on the last Sunday of March and October (29 March and 25 October 2026),
// the US at 02:00 local on the second Sunday of March and the first of November (8 March and 1 November 2026),
// and India keeps +05:30 all year.
import { describe, expect, it } from "vitest";
import { formatInZone, instantToLocalInput, localToInstant, offsetMinutes } from "../../app/domain/zoned-time";

const at = (local: string, zone: string) => localToInstant(local, zone);

describe("Europe/London", () => {
  const z = "Europe/London";
  it("spring: before the change is GMT, the missing hour moves forward, after is BST", () => {
    expect(at("2026-03-29T00:30", z)).toEqual({ iso: "2026-03-29T00:30:00.000Z", resolution: "exact" });
    expect(at("2026-03-29T01:30", z)).toEqual({ iso: "2026-03-29T01:30:00.000Z", resolution: "moved-forward" });
    expect(instantToLocalInput("2026-03-29T01:30:00.000Z", z)).toBe("2026-03-29T02:30");
    expect(at("2026-03-29T02:00", z)).toEqual({ iso: "2026-03-29T01:00:00.000Z", resolution: "exact" });
  });
  it("autumn: the repeated hour takes the earlier (BST) instant; both instants read back as 01:30", () => {
    expect(at("2026-10-25T01:30", z)).toEqual({ iso: "2026-10-25T00:30:00.000Z", resolution: "earlier-of-two" });
    expect(instantToLocalInput("2026-10-25T00:30:00.000Z", z)).toBe("2026-10-25T01:30");
    expect(instantToLocalInput("2026-10-25T01:30:00.000Z", z)).toBe("2026-10-25T01:30");
    expect(at("2026-10-25T02:00", z)).toEqual({ iso: "2026-10-25T02:00:00.000Z", resolution: "exact" });
    expect(offsetMinutes(Date.parse("2026-10-25T00:59:00Z"), z)).toBe(60);
    expect(offsetMinutes(Date.parse("2026-10-25T01:00:00Z"), z)).toBe(0);
  });
});

describe("America/New_York", () => {
  const z = "America/New_York";
  it("spring: 02:00–02:59 does not exist and moves forward an hour", () => {
    expect(at("2026-03-08T01:59", z)).toEqual({ iso: "2026-03-08T06:59:00.000Z", resolution: "exact" });
    expect(at("2026-03-08T02:30", z)).toEqual({ iso: "2026-03-08T07:30:00.000Z", resolution: "moved-forward" });
    expect(instantToLocalInput("2026-03-08T07:30:00.000Z", z)).toBe("2026-03-08T03:30");
    expect(at("2026-03-08T03:00", z)).toEqual({ iso: "2026-03-08T07:00:00.000Z", resolution: "exact" });
  });
  it("autumn: 01:30 happens twice, the earlier (EDT) instant is taken", () => {
    expect(at("2026-11-01T01:30", z)).toEqual({ iso: "2026-11-01T05:30:00.000Z", resolution: "earlier-of-two" });
    expect(instantToLocalInput("2026-11-01T06:30:00.000Z", z)).toBe("2026-11-01T01:30");
    expect(at("2026-11-01T02:00", z)).toEqual({ iso: "2026-11-01T07:00:00.000Z", resolution: "exact" });
    expect(offsetMinutes(Date.parse("2026-07-01T12:00:00Z"), z)).toBe(-240);
    expect(offsetMinutes(Date.parse("2026-12-01T12:00:00Z"), z)).toBe(-300);
  });
});

describe("Asia/Kolkata (no daylight saving)", () => {
  const z = "Asia/Kolkata";
  it("is +05:30 on the European and American change days and across a year end", () => {
    expect(at("2026-03-29T09:00", z)).toEqual({ iso: "2026-03-29T03:30:00.000Z", resolution: "exact" });
    expect(at("2026-11-01T01:30", z)).toEqual({ iso: "2026-10-31T20:00:00.000Z", resolution: "exact" });
    expect(at("2026-01-01T00:00", z)).toEqual({ iso: "2025-12-31T18:30:00.000Z", resolution: "exact" });
    expect(formatInZone("2025-12-31T18:30:00.000Z", z)).toBe("2026-01-01 00:00 Asia/Kolkata");
  });
});

describe("one instant, two viewers", () => {
  it("names each viewer's zone", () => {
    const iso = at("2026-06-15T09:00", "Europe/London")!.iso;
    expect(iso).toBe("2026-06-15T08:00:00.000Z");
    expect(formatInZone(iso, "Europe/London")).toBe("2026-06-15 09:00 Europe/London");
    expect(formatInZone(iso, "America/New_York")).toBe("2026-06-15 04:00 America/New_York");
    expect(formatInZone(null, "UTC")).toBe("—");
  });
});

describe("invalid input", () => {
  it("refuses values that are not real dates and times", () => {
    for (const v of ["2026-02-30T10:00", "2026-03-01T24:00", "2026-03-01 10:00", "2026-03-01T10:60", ""])
      expect(at(v, "UTC")).toBeNull();
  });
});
