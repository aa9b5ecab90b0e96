// The skills catalogue's pure rules (issue 17, part 1): key shape, SFIA codes, names compared as a reader
// would, the "(retired)" label and the ▲/▼ order.
import { describe, expect, it } from "vitest";
import {
  SKILL_KEY_MAX,
  SKILL_MESSAGES,
  moveInOrder,
  normaliseSfiaCodes,
  sameSkillName,
  sfiaCodesProblem,
  skillKeyProblem,
  skillLabel,
} from "../../app/domain/skill-catalogue";

describe("skill keys", () => {
  it("accepts lower-case kebab keys", () => {
    for (const k of ["debugging", "on-call-readiness", "itil4", "a-1-b"]) expect(skillKeyProblem(k), k).toBeNull();
  });
  it("refuses empty, too long and misshapen keys with the reason", () => {
    expect(skillKeyProblem("")).toBe(SKILL_MESSAGES.keyRequired);
    expect(skillKeyProblem("a".repeat(SKILL_KEY_MAX + 1))).toBe(SKILL_MESSAGES.keyLength);
    for (const k of ["On-call", "on_call", "on--call", "-on", "on-", "1st", "on call", "é"])
      expect(skillKeyProblem(k), k).toBe(SKILL_MESSAGES.keyShape);
  });
});

describe("SFIA codes", () => {
  it("splits, upper-cases and stores them as the default catalogue does", () => {
    expect(normaliseSfiaCodes("pbmg; usup  itmg")).toBe("PBMG, USUP, ITMG");
    expect(normaliseSfiaCodes("")).toBe("");
    expect(sfiaCodesProblem("")).toBeNull();
    expect(sfiaCodesProblem("pbmg, USUP")).toBeNull();
  });
  it("refuses codes that are not four letters, repeats and too many", () => {
    expect(sfiaCodesProblem("PBMG, US1P")).toBe(SKILL_MESSAGES.sfiaShape("US1P"));
    expect(sfiaCodesProblem("PBMGX")).toBe(SKILL_MESSAGES.sfiaShape("PBMGX"));
    expect(sfiaCodesProblem("PBMG pbmg")).toBe(SKILL_MESSAGES.sfiaRepeated("PBMG"));
    expect(sfiaCodesProblem("AAAA BBBB CCCC DDDD EEEE FFFF GGGG HHHH IIII")).toBe(SKILL_MESSAGES.sfiaTooMany);
  });
});

describe("names, labels and order", () => {
  it("compares names ignoring case and spacing", () => {
    expect(sameSkillName("Crisis  management ", "crisis management")).toBe(true);
    expect(sameSkillName("Crisis", "Crises")).toBe(false);
  });
  it("labels a retired skill where old data names it", () => {
    expect(skillLabel({ name: "ITIL", retired: true })).toBe("ITIL (retired)");
    expect(skillLabel({ name: "ITIL", retired: false })).toBe("ITIL");
  });
  it("moves one place, and refuses past either end", () => {
    expect(moveInOrder(["a", "b", "c"], "b", "up")).toEqual(["b", "a", "c"]);
    expect(moveInOrder(["a", "b", "c"], "b", "down")).toEqual(["a", "c", "b"]);
    expect(moveInOrder(["a", "b", "c"], "a", "up")).toBeNull();
    expect(moveInOrder(["a", "b", "c"], "c", "down")).toBeNull();
    expect(moveInOrder(["a", "b", "c"], "x", "up")).toBeNull();
  });
});
