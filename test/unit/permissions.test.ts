import { describe, expect, it } from "vitest";
import { type Action, GRANTS, NO_RELATION, type Relation, SELF, can, hasAnyScope, widestScope } from "../../app/auth/permissions";
import { safeRedirect } from "../../app/auth/throttle";
import { normaliseHandle, subtreeOf, wouldCreateCycle } from "../../app/domain/org-tree";

const teammate: Relation = { self: false, sameTeam: true, inSubtree: false };
const report: Relation = { self: false, sameTeam: false, inSubtree: true };
const stranger = NO_RELATION;

describe("permissions", () => {
  it("an engineer reaches their own data only, plus endorsing and reading teammates' evidence", () => {
    expect(can("engineer", "dashboard:read", SELF)).toBe(true);
    expect(can("engineer", "evidence:write", SELF)).toBe(true);
    expect(can("engineer", "dashboard:read", teammate)).toBe(false);
    expect(can("engineer", "evidence:write", teammate)).toBe(false);
    expect(can("engineer", "evidence:endorse", teammate)).toBe(true);
    expect(can("engineer", "evidence:endorse", SELF)).toBe(false);
    expect(can("engineer", "evidence:read", stranger)).toBe(false);
    expect(can("engineer", "evidence:verify", report)).toBe(false);
  });

  it("a manager reads and appraises the whole subtree, not other teams", () => {
    for (const a of ["dashboard:read", "evidence:read", "evidence:verify", "appraisal:rate", "portfolio:export"] as Action[]) {
      expect(can("manager", a, report)).toBe(true);
      expect(can("manager", a, stranger)).toBe(false);
    }
    expect(can("manager", "evidence:verify", SELF)).toBe(false);
    expect(can("manager", "appraisal:rate", SELF)).toBe(false);
    expect(can("manager", "people:manage", stranger)).toBe(false);
  });

  it("an admin manages the organisation but does not rate appraisals outside a reporting line", () => {
    expect(can("admin", "people:manage", stranger)).toBe(true);
    expect(can("admin", "dashboard:read", stranger)).toBe(true);
    expect(can("admin", "appraisal:reopen", stranger)).toBe(true);
    expect(can("admin", "appraisal:rate", stranger)).toBe(false);
    expect(can("admin", "evidence:write", stranger)).toBe(false);
  });

  it("only a manager or admin sees the team view; only an admin the admin pages", () => {
    expect(hasAnyScope("engineer", "team:read")).toBe(false);
    expect(hasAnyScope("manager", "team:read")).toBe(true);
    expect(hasAnyScope("manager", "people:manage")).toBe(false);
    expect(widestScope("manager", "dashboard:read")).toBe("subtree");
    expect(widestScope("admin", "dashboard:read")).toBe("any");
    expect(widestScope("engineer", "evidence:verify")).toBeNull();
  });

  it("every grant names a known scope", () => {
    for (const list of Object.values(GRANTS)) for (const p of list) expect(p).toMatch(/:(own|team|subtree|any)$/);
  });
});

describe("reporting lines", () => {
  const managerOf = new Map<number, number | null>([
    [1, null],
    [2, 1],
    [3, 1],
    [4, 2],
    [5, 4],
    [6, null],
  ]);
  it("finds direct and indirect reports", () => {
    expect([...subtreeOf(1, managerOf)].sort()).toEqual([2, 3, 4, 5]);
    expect([...subtreeOf(2, managerOf)].sort()).toEqual([4, 5]);
    expect(subtreeOf(6, managerOf).size).toBe(0);
  });
  it("refuses a manager that would close a loop", () => {
    expect(wouldCreateCycle(2, 5, managerOf)).toBe(true);
    expect(wouldCreateCycle(1, 1, managerOf)).toBe(true);
    expect(wouldCreateCycle(5, 3, managerOf)).toBe(false);
    expect(wouldCreateCycle(2, null, managerOf)).toBe(false);
  });
  it("normalises handles for matching", () => {
    expect(normaliseHandle("  Resolved  by 149 ")).toBe("resolved by 149");
  });
});

describe("sign-in helpers", () => {
  // the throttle's policy has its own tests: test/unit/throttle.test.ts
  it("keeps redirects on this site", () => {
    expect(safeRedirect("/evidence?x=1")).toBe("/evidence?x=1");
    expect(safeRedirect("//evil.example")).toBe("/");
    expect(safeRedirect("https://evil.example")).toBe("/");
    expect(safeRedirect("/\\evil")).toBe("/");
    expect(safeRedirect(null)).toBe("/");
  });
});
