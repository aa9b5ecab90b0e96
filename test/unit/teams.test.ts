// The pure rules of teams (issue 16, point 9): names compared in any case and spacing, the retired label,
// and why a team cannot be retired.
import { describe, expect, it } from "vitest";
import { retireProblem, sameTeamName, teamLabel } from "../../app/domain/teams";

describe("sameTeamName", () => {
  it("ignores case and runs of spaces", () => {
    expect(sameTeamName("Service  Desk ", "service desk")).toBe(true);
    expect(sameTeamName("Service Desk", "Service Desks")).toBe(false);
  });
});

describe("teamLabel", () => {
  it("labels a retired team", () => {
    expect(teamLabel({ name: "Night shift", retiredAt: "2026-01-01T00:00:00.000Z" })).toBe("Night shift (retired)");
    expect(teamLabel({ name: "Night shift", retiredAt: null })).toBe("Night shift");
  });
});

describe("retireProblem", () => {
  it("refuses a team with active members, naming it and how many", () => {
    expect(retireProblem({ name: "Core", retiredAt: null, activeMembers: 1 })).toBe(
      "“Core” still has 1 active member: move them to another team first.",
    );
    expect(retireProblem({ name: "Core", retiredAt: null, activeMembers: 3 })).toBe(
      "“Core” still has 3 active members: move them all to another team first.",
    );
  });
  it("refuses a team already retired and allows an empty live one", () => {
    expect(retireProblem({ name: "Core", retiredAt: "2026-01-01T00:00:00.000Z", activeMembers: 0 })).toBe(
      "“Core” is already retired.",
    );
    expect(retireProblem({ name: "Core", retiredAt: null, activeMembers: 0 })).toBeNull();
  });
});
