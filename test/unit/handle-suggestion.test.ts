import { describe, expect, it } from "vitest";
import { editDistance, fold, handleScore, namePatterns, resolvePerson, suggestPerson } from "../../app/domain/handle-suggestion";

const people = [
  { id: 1, name: "Aisha Khan", email: "aisha.khan@example.com" },
  { id: 2, name: "Ben Carter", email: "ben.carter@example.com" },
  { id: 3, name: "Sofia Marín", email: "sofia.marin@example.com" },
  { id: 4, name: "Łukasz Nowak", email: "lukasz.nowak@example.com" },
  { id: 5, name: "Ravi Patel", email: "ravi.patel@example.com" },
];

describe("handle suggestion", () => {
  it("folds accents and punctuation away", () => {
    expect(fold("Sofia Marín")).toBe("sofiamarin");
    expect(fold("Łukasz")).toBe("lukasz");
  });

  it("counts edits", () => {
    expect(editDistance("akhan", "akhan")).toBe(0);
    expect(editDistance("akan", "akhan")).toBe(1);
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(editDistance("", "abc")).toBe(3);
  });

  it("knows the usual handle shapes of a name", () => {
    expect(namePatterns("Aisha Khan")).toEqual(expect.arrayContaining(["akhan", "aishak", "aishakhan", "khana", "khanaisha"]));
  });

  it.each([
    ["akhan", 1],
    ["AKhan", 1],
    ["aisha.khan", 1],
    ["khana", 1],
    ["akhn", 1], // a typo: one letter missing
    ["bcarter", 2],
    ["smarin", 3],
    ["lnowak", 4],
    ["rpatel2", 5],
  ])("suggests for %s person %i", (handle, id) => {
    expect(suggestPerson(handle, people)?.id).toBe(id);
  });

  it("scores an exact pattern 1 and a typo lower", () => {
    expect(handleScore("akhan", people[0]!)).toBe(1);
    expect(handleScore("akhn", people[0]!)).toBeCloseTo(0.8, 5);
  });

  it("suggests no one for an anonymised or unrelated handle", () => {
    expect(suggestPerson("Resolved by 149", people)).toBeNull();
    expect(suggestPerson("zz", people)).toBeNull();
    expect(suggestPerson("jsmith", people)).toBeNull();
    expect(suggestPerson("akhan", [])).toBeNull();
  });

  it("suggests no one when two people fit equally", () => {
    const twins = [
      { id: 7, name: "Aisha Khan" },
      { id: 8, name: "Amir Khan" },
    ];
    expect(suggestPerson("akhan", twins)).toBeNull();
    expect(suggestPerson("aishakhan", twins)?.id).toBe(7);
  });
});

describe("resolving the picker's text", () => {
  const twins = [...people, { id: 9, name: "Aisha Khan", email: "aisha.k2@example.com" }];
  it.each([
    ["Ben Carter <ben.carter@example.com>", 2],
    ["ben.carter@example.com", 2],
    ["  ben carter ", 2],
    ["sofia marin", 3],
    ["Aisha Khan <aisha.k2@example.com>", 9],
  ])("%s is person %i", (text, id) => {
    const r = resolvePerson(text, twins);
    expect(r.ok && r.person.id).toBe(id);
  });
  it("says when a name is ambiguous or unknown", () => {
    expect(resolvePerson("Aisha Khan", twins)).toEqual({ ok: false, message: expect.stringContaining("Several people") });
    expect(resolvePerson("Nobody Here", twins)).toEqual({ ok: false, message: expect.stringContaining("No active person") });
    expect(resolvePerson("", twins).ok).toBe(false);
  });
});
