import { describe, expect, it } from "vitest";
import { calibrate, type CalibrationRating, ratingsPerAppraisal } from "../../app/domain/calibration";

const rate = (managerId: string, levels: number[]): CalibrationRating[] =>
  levels.map((level, i) => ({ managerId, managerName: managerId.toUpperCase(), personId: `${managerId}${i}`, level }));

// Hand-computed data set (14 ratings):
//   ann (lenient) 5,5,5,5   sum 20   mean 5
//   bea (harsh)   1,1,1,1   sum  4   mean 1
//   cal (normal)  3,3,3,4   sum 13   mean 3.25
//   dan (few)     2,3       sum  5   mean 2.5
// org: sum 42 / 14 = mean 3
// squared deviations from 3: ann 4×4 = 16, bea 4×4 = 16, cal 0+0+0+1 = 1, dan 1+0 = 1 → 34
// population variance 34/14 = 2.428571…, sd = √2.428571 = 1.558387…
// standard error for a manager with 4 ratings: 1.558387 / √4 = 0.779194
//   ann: delta +2    → z = 2 / 0.779194 = +2.567  (> 1.5 and ≥ 0.5 levels) → flagged lenient
//   bea: delta −2    → z = −2.567                                         → flagged harsh
//   cal: delta +0.25 → z = +0.321                                         → not flagged
//   dan: 2 ratings < minRatings 3                                          → never flagged
const DATA = [...rate("ann", [5, 5, 5, 5]), ...rate("bea", [1, 1, 1, 1]), ...rate("cal", [3, 3, 3, 4]), ...rate("dan", [2, 3])];

describe("calibrate", () => {
  const res = calibrate(DATA);
  const byId = Object.fromEntries(res.managers.map((m) => [m.managerId, m]));

  it("organisation figures", () => {
    expect(res.org.count).toBe(14);
    expect(res.org.mean).toBe(3);
    expect(res.org.sd).toBeCloseTo(Math.sqrt(34 / 14), 10);
    expect(res.org.sd).toBeCloseTo(1.558387, 5);
    expect(res.org.distribution).toEqual({ 0: 0, 1: 4, 2: 1, 3: 4, 4: 1, 5: 4, 6: 0, 7: 0 });
  });

  it("manager figures", () => {
    expect(res.managers.map((m) => m.managerName)).toEqual(["ANN", "BEA", "CAL", "DAN"]);
    expect(byId.ann).toMatchObject({ count: 4, mean: 5, delta: 2 });
    expect(byId.ann!.z).toBeCloseTo(2.567, 3);
    expect(byId.bea!.z).toBeCloseTo(-2.567, 3);
    expect(byId.cal!.mean).toBe(3.25);
    expect(byId.cal!.z).toBeCloseTo(0.321, 3);
    expect(byId.cal!.distribution).toEqual({ 0: 0, 1: 0, 2: 0, 3: 3, 4: 1, 5: 0, 6: 0, 7: 0 });
  });

  it("flags the lenient and the harsh manager, explains why", () => {
    expect(byId.ann).toMatchObject({ flagged: true, direction: "lenient" });
    expect(byId.ann!.why).toBe(
      "Rates higher than the organisation: mean 5.00 vs 3.00 (+2.00 levels over 4 ratings, 2.6 standard errors; flagged beyond 1.5 standard errors and 0.5 levels)",
    );
    expect(byId.bea).toMatchObject({ flagged: true, direction: "harsh" });
    expect(byId.bea!.why).toMatch(/^Rates lower than the organisation: mean 1\.00 vs 3\.00 \(−2\.00 levels/);
  });

  it("does not flag the normal manager", () => {
    expect(byId.cal).toMatchObject({ flagged: false, direction: null, why: null });
  });

  it("never flags a manager with too few ratings, and says so", () => {
    expect(byId.dan).toMatchObject({ flagged: false, count: 2, mean: 2.5, delta: -0.5 });
    expect(byId.dan!.why).toBe("Only 2 ratings — at least 3 are needed before comparing with the organisation");
    // even an extreme one
    const r = calibrate([...DATA, ...rate("eve", [7])]);
    expect(r.managers.find((m) => m.managerId === "eve")).toMatchObject({
      flagged: false,
      why: expect.stringMatching(/^Only 1 rating —/),
    });
  });

  it("options can be changed", () => {
    // z threshold 3 → nobody passes 2.567
    expect(calibrate(DATA, { zThreshold: 3 }).managers.some((m) => m.flagged)).toBe(false);
    // minRatings 2 → dan is compared: delta −0.5, z = −0.5 / (1.558387/√2) = −0.454 → still not flagged
    const dan = calibrate(DATA, { minRatings: 2 }).managers.find((m) => m.managerId === "dan")!;
    expect(dan.z).toBeCloseTo(-0.454, 3);
    expect(dan).toMatchObject({ flagged: false, why: null });
  });

  it("a tiny difference over many ratings is not flagged (minimum delta)", () => {
    // xan: 60×4 + 40×3 → mean 3.6; yul: 40×4 + 60×3 → mean 3.4
    // org: 100×4 + 100×3 → mean 3.5, sd 0.5; SE for 100 ratings = 0.05
    // xan: delta +0.1 → z = +2 (> 1.5) but 0.1 < 0.5 levels → not flagged
    const data = [
      ...rate("xan", [...Array(60).fill(4), ...Array(40).fill(3)]),
      ...rate("yul", [...Array(40).fill(4), ...Array(60).fill(3)]),
    ];
    const r = calibrate(data);
    expect(r.org.mean).toBe(3.5);
    expect(r.org.sd).toBeCloseTo(0.5, 10);
    expect(r.managers[0]!.z).toBeCloseTo(2, 10);
    expect(r.managers.every((m) => !m.flagged)).toBe(true);
  });

  it("a large difference on a few, widely spread ratings is not flagged (z test)", () => {
    // pia: 7,0,7 → mean 14/3 = 4.667; quin: 0,7,0 → mean 7/3 = 2.333
    // org: three 7s and three 0s → mean 3.5, sd 3.5; SE for 3 ratings = 3.5/√3 = 2.0207
    // pia: delta +1.167 → z = 0.577 → not flagged
    const r = calibrate([...rate("pia", [7, 0, 7]), ...rate("quin", [0, 7, 0])]);
    expect(r.org.sd).toBeCloseTo(3.5, 10);
    expect(r.managers[0]!.z).toBeCloseTo(0.577, 3);
    expect(r.managers.every((m) => !m.flagged)).toBe(true);
  });

  it("averaged (fractional) levels go to the nearest level in distributions", () => {
    const r = calibrate(rate("ann", [3.5, 3.49, 6.6, 0.2]));
    expect(r.org.distribution).toEqual({ 0: 1, 1: 0, 2: 0, 3: 1, 4: 1, 5: 0, 6: 0, 7: 1 });
    expect(r.org.mean).toBeCloseTo((3.5 + 3.49 + 6.6 + 0.2) / 4, 10);
  });

  it("no spread and no data", () => {
    const flat = calibrate([...rate("ann", [3, 3, 3]), ...rate("bea", [3, 3, 3])]);
    expect(flat.org.sd).toBe(0);
    expect(flat.managers.every((m) => m.z === null && !m.flagged)).toBe(true);
    const empty = calibrate([]);
    expect(empty).toEqual({
      org: { mean: 0, sd: 0, count: 0, distribution: { 0: 0, 1: 0, 2: 0, 3: 0, 4: 0, 5: 0, 6: 0, 7: 0 } },
      managers: [],
    });
  });
});

describe("ratingsPerAppraisal", () => {
  it("averages each appraisal's skill ratings and credits the manager who rated; unrated skills do not count", () => {
    const rows = [
      { appraisal_id: 1, manager_id: 7, manager_name: "Daniel", person_id: 10, manager_level: 3 },
      { appraisal_id: 1, manager_id: 7, manager_name: "Daniel", person_id: 10, manager_level: 4 },
      { appraisal_id: 2, manager_id: null, manager_name: null, person_id: 11, manager_level: "2" },
      { appraisal_id: 2, manager_id: null, manager_name: null, person_id: 11, manager_level: null },
      { appraisal_id: 1, manager_id: 7, manager_name: "Daniel", person_id: 10, manager_level: 5 },
    ];
    expect(ratingsPerAppraisal(rows)).toEqual([
      { managerId: 7, managerName: "Daniel", personId: 10, level: 4 },
      { managerId: 0, managerName: "No manager", personId: 11, level: 2 },
    ]);
    expect(ratingsPerAppraisal([])).toEqual([]);
  });
});
