// Ladder tracks and templates as plain data (issue 17, part 4; ADR 022): next rungs at the fork, the rank
// rule per track, grouped pickers, and the template's checks and import plan.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { MAX_LEVEL } from "../../app/domain/defaults";
import { checkTemplate, planIsEmpty, planLadderImport, type StoredPosition } from "../../app/domain/ladder-template";
import { groupByTrack, nextPositions, rankClash, trackOf, trackOptions } from "../../app/domain/ladder-tracks";
import { parseLadderTemplate } from "../../app/schemas/ladder-template.server";

// ids out of rank order, so nothing depends on array position or ids
const LADDER = [
  { id: 9, name: "SE I", rank: 1, track: "shared" },
  { id: 8, name: "SE II", rank: 2, track: "shared" },
  { id: 7, name: "Senior", rank: 3, track: "shared" },
  { id: 6, name: "Staff", rank: 4, track: "ic" },
  { id: 5, name: "Lead", rank: 4, track: "management" },
  { id: 4, name: "Principal", rank: 5, track: "ic" },
  { id: 3, name: "Manager", rank: 5, track: "management" },
];
const names = (ps: { name: string }[]) => ps.map((p) => p.name);

describe("nextPositions", () => {
  it("offers the first rung to someone without a position (or an unknown one)", () => {
    expect(names(nextPositions(LADDER, null))).toEqual(["SE I"]);
    expect(names(nextPositions(LADDER, 999))).toEqual(["SE I"]);
  });
  it("offers the next shared rung below the fork", () => {
    expect(names(nextPositions(LADDER, 9))).toEqual(["SE II"]);
  });
  it("offers the first rung of each track at the fork, IC first", () => {
    expect(names(nextPositions(LADDER, 7))).toEqual(["Staff", "Lead"]);
  });
  it("at the fork, does not offer a shared rung added above the tracks' first rungs", () => {
    const odd = [...LADDER, { id: 2, name: "Distinguished", rank: 8, track: "shared" }];
    expect(names(nextPositions(odd, 7))).toEqual(["Staff", "Lead"]);
  });
  it("stays on the person's track above the fork, and is empty at its top", () => {
    expect(names(nextPositions(LADDER, 6))).toEqual(["Principal"]);
    expect(names(nextPositions(LADDER, 5))).toEqual(["Manager"]);
    expect(nextPositions(LADDER, 4)).toEqual([]);
  });
  it("reads a ladder stored before tracks (every position shared) as one line", () => {
    const old = LADDER.map(({ track: _t, ...p }) => p);
    expect(names(nextPositions(old, 7))).toEqual(["Lead"]);
    expect(trackOf({ track: null })).toBe("shared");
  });
});

describe("rankClash", () => {
  it("allows one position per rank and track; a shared rung holds the whole rank", () => {
    expect(rankClash(LADDER, { id: null, rank: 4, track: "ic" })?.name).toBe("Staff");
    expect(rankClash(LADDER, { id: 6, rank: 4, track: "ic" })).toBeNull();
    expect(rankClash(LADDER, { id: null, rank: 4, track: "shared" })?.name).toBe("Staff");
    expect(rankClash(LADDER, { id: null, rank: 3, track: "ic" })?.name).toBe("Senior");
    expect(rankClash(LADDER, { id: null, rank: 6, track: "ic" })).toBeNull();
  });
});

describe("pickers", () => {
  it("group positions by track, in track order, each by rank", () => {
    expect(groupByTrack(LADDER).map((g) => [g.track, names(g.positions)])).toEqual([
      ["shared", ["SE I", "SE II", "Senior"]],
      ["ic", ["Staff", "Principal"]],
      ["management", ["Lead", "Manager"]],
    ]);
  });
  it("give options without groups when there is one track only", () => {
    expect(trackOptions(LADDER.slice(0, 3)).every((o) => o.group === undefined)).toBe(true);
    expect(trackOptions(LADDER).find((o) => o.value === 6)?.group).toBe("Individual contributor track");
  });
});

describe("ladder templates", () => {
  const dual = parseLadderTemplate(readFileSync("seeds/ladders/support-dual-track.json", "utf8"));
  if (!dual.ok) throw new Error(dual.errors.join("\n"));
  const t = dual.value;
  const ctx = { skillKeys: new Set(t.skills.map((s) => s.key)), certificationKeys: new Set<string>(), stored: [] };

  it("accepts the shipped dual-track template", () => {
    expect(checkTemplate(t, ctx)).toEqual([]);
  });

  it("names the position and field of each problem", () => {
    const bad = structuredClone(t);
    bad.positions[1]!.key = bad.positions[0]!.key;
    bad.positions[2]!.requirements = { ...bad.positions[2]!.requirements, juggling: 2 };
    bad.positions[4]!.rank = bad.positions[3]!.rank;
    bad.positions[4]!.track = bad.positions[3]!.track;
    const errors = checkTemplate(bad, ctx);
    expect(errors.some((e) => e.includes(`"${bad.positions[1]!.name}"`) && e.includes("key:"))).toBe(true);
    expect(errors.some((e) => e.includes("requirements.juggling"))).toBe(true);
    expect(errors.some((e) => e.includes("rank:"))).toBe(true);
  });

  it("rejects levels outside 0–MAX_LEVEL (7, as everywhere in the app) and unknown versions when parsing", () => {
    const raw = JSON.parse(readFileSync("seeds/ladders/support-dual-track.json", "utf8"));
    raw.positions[0].requirements.debugging = MAX_LEVEL + 1;
    const parsed = parseLadderTemplate(JSON.stringify(raw));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors[0]).toMatch(/^Position 1 "Support Engineer I" \(se1\): requirements\.debugging/);
    const v = parseLadderTemplate(JSON.stringify({ ...raw, version: 2 }));
    expect(!v.ok && v.errors[0]).toMatch(/Unknown format version 2/);
  });

  it("plans adds, changes and retirements; the same ladder plans nothing", () => {
    const stored: StoredPosition[] = t.positions.map((p, i) => ({ ...p, id: i + 1, holders: 0 }));
    const live = { liveSkills: t.skills, certifications: t.certifications };
    expect(planIsEmpty(planLadderImport(t, stored, live))).toBe(true);

    const next = structuredClone(t);
    next.positions = next.positions.filter((p) => p.key !== "principal");
    next.positions[0]!.name = "Support Engineer 1";
    next.positions.push({ ...next.positions[0]!, key: "sre", name: "Site Reliability Engineer", rank: 9, track: "ic" });
    const plan = planLadderImport(next, stored, live);
    expect(plan.counts.add).toBe(1);
    expect(plan.counts.rename).toBe(1);
    expect(plan.counts.retire).toBe(1);
    expect(plan.changes.find((c) => c.kinds.includes("retire"))?.key).toBe("principal");
  });
});
