// The certification rules (issue 17, part 2): validity windows, the day in any zone, points as evidence
// only while valid, readiness gaps and the expiry list. Plain data; `today` is passed in.
import { describe, expect, it } from "vitest";
import {
  type HeldCertification,
  addMonthsToDay,
  certificationBuckets,
  certificationGaps,
  countsOn,
  dayOf,
  defaultExpiry,
  expiringOn,
  validityOn,
  withCertificationBuckets,
  withCertificationGaps,
} from "../../app/domain/certifications";

const held = (over: Partial<HeldCertification> = {}): HeldCertification => ({
  id: 1,
  certificationId: 7,
  status: "verified",
  issuedOn: "2026-01-15",
  expiresOn: "2027-01-15",
  ...over,
});

describe("validity", () => {
  it("adds calendar months, clamping to the target month's last day", () => {
    expect(addMonthsToDay("2026-01-31", 1)).toBe("2026-02-28");
    expect(addMonthsToDay("2028-01-31", 1)).toBe("2028-02-29");
    expect(addMonthsToDay("2026-03-15", 36)).toBe("2029-03-15");
    expect(defaultExpiry("2026-03-15", 12)).toBe("2027-03-15");
    expect(defaultExpiry("2026-03-15", null)).toBeNull();
  });

  it("is valid from the issued day to the day before expiry", () => {
    const h = held();
    expect(validityOn(h, "2026-01-14").state).toBe("not_yet_valid");
    expect(validityOn(h, "2026-01-15").state).toBe("valid");
    expect(validityOn(h, "2026-11-15").state).toBe("valid");
    expect(validityOn(h, "2026-11-16")).toEqual({ state: "expiring", daysLeft: 60 });
    expect(validityOn(h, "2027-01-14")).toEqual({ state: "expiring", daysLeft: 1 });
    expect(validityOn(h, "2027-01-15")).toEqual({ state: "expired", daysLeft: 0 });
    expect(validityOn(held({ expiresOn: null }), "2099-01-01")).toEqual({ state: "valid", daysLeft: null });
  });

  it("takes the day in the given zone, whatever the process's zone", () => {
    const instant = new Date("2027-01-14T23:30:00Z");
    expect(dayOf(instant, "UTC")).toBe("2027-01-14");
    expect(dayOf(instant, "Europe/Berlin")).toBe("2027-01-15");
    expect(dayOf(instant, "America/Los_Angeles")).toBe("2027-01-14");
    expect(dayOf(new Date("2027-01-15T00:00:00Z"), "UTC")).toBe("2027-01-15");
    expect(countsOn(held(), dayOf(instant, "UTC"))).toBe(true);
    expect(countsOn(held(), dayOf(instant, "Europe/Berlin"))).toBe(false);
  });
});

describe("counting as evidence", () => {
  const skills = [
    { certificationId: 7, skill: "itil", points: 4 },
    { certificationId: 7, skill: "communication", points: 0 },
  ];

  it("counts only verified records inside their window", () => {
    expect(countsOn(held(), "2026-06-01")).toBe(true);
    expect(countsOn(held({ status: "submitted" }), "2026-06-01")).toBe(false);
    expect(countsOn(held({ status: "returned" }), "2026-06-01")).toBe(false);
    expect(countsOn(held(), "2027-01-15")).toBe(false);
    expect(countsOn(held(), "2026-01-14")).toBe(false);
  });

  it("adds its points in the issued month, once for overlapping renewals, none for zero points", () => {
    const renewal = held({ id: 2, issuedOn: "2026-12-01", expiresOn: "2027-12-01" });
    const buckets = certificationBuckets([held(), renewal], skills, "2026-12-10");
    expect(buckets).toEqual([
      {
        skill: "itil",
        month: "2026-12",
        verifiedPoints: 4,
        selfPoints: 0,
        items: 1,
        verifiedItems: 1,
        lastAt: "2026-12-01T00:00:00.000Z",
      },
    ]);
    expect(certificationBuckets([held()], skills, "2027-01-15")).toEqual([]);
  });

  it("merges with the stored buckets per skill and month", () => {
    const stored = [
      { skill: "itil", month: "2026-01", verifiedPoints: 2, selfPoints: 1, items: 2, lastAt: "2026-01-20T10:00:00.000Z" },
    ];
    const merged = withCertificationBuckets(stored, certificationBuckets([held()], skills, "2026-02-01"));
    expect(merged).toHaveLength(1);
    expect(merged[0]).toMatchObject({ verifiedPoints: 6, selfPoints: 1, items: 3, lastAt: "2026-01-20T10:00:00.000Z" });
    expect(stored[0]!.verifiedPoints).toBe(2);
  });
});

describe("readiness gaps", () => {
  const required = [{ id: 7, name: "ITIL 4 Foundation" }];
  const reasons = (h: HeldCertification[], today: string) =>
    certificationGaps(required, h, today).map((g) => [g.reason, g.blocking]);

  it("names why a required certification is missing", () => {
    expect(reasons([], "2026-06-01")).toEqual([["missing", true]]);
    expect(reasons([held({ status: "submitted" })], "2026-06-01")).toEqual([["not_verified", true]]);
    expect(reasons([held({ status: "returned" })], "2026-06-01")).toEqual([["returned", true]]);
    expect(reasons([held()], "2027-02-01")).toEqual([["expired", true]]);
    expect(reasons([held()], "2027-01-01")).toEqual([["expiring", false]]);
    expect(reasons([held()], "2026-06-01")).toEqual([]);
    expect(
      reasons([held(), held({ id: 2, status: "submitted", issuedOn: "2027-01-10", expiresOn: null })], "2027-02-01"),
    ).toEqual([["not_verified", true]]);
  });

  it("makes readiness unmet while a blocking gap remains", () => {
    expect(withCertificationGaps({ met: true }, certificationGaps(required, [], "2026-06-01")).met).toBe(false);
    expect(withCertificationGaps({ met: true }, certificationGaps(required, [held()], "2027-01-01")).met).toBe(true);
    expect(withCertificationGaps({ met: false }, []).met).toBe(false);
  });
});

describe("expiring list", () => {
  const row = (over: Partial<HeldCertification>) => ({ ...held(over), personId: 1, personName: "Ben", name: "ITIL" });

  it("lists verified records expiring within 60 days or expired, unless renewed, soonest first", () => {
    const list = expiringOn(
      [
        row({ id: 1, expiresOn: "2026-12-20" }),
        row({ id: 2, certificationId: 8, issuedOn: "2024-01-01", expiresOn: "2026-11-01" }),
        row({ id: 3, certificationId: 9, expiresOn: "2027-06-01" }),
        row({ id: 4, certificationId: 10, status: "submitted", expiresOn: "2026-12-01" }),
        row({ id: 5, certificationId: 11, issuedOn: "2023-01-01", expiresOn: "2026-01-01" }),
        row({ id: 6, certificationId: 11, issuedOn: "2026-01-01", expiresOn: "2029-01-01" }),
      ],
      "2026-12-01",
    );
    expect(list.map((e) => [e.id, e.state, e.daysLeft])).toEqual([
      [2, "expired", -30],
      [1, "expiring", 19],
    ]);
  });
});
