import { describe, expect, it } from "vitest";
import {
  buildPortfolio,
  defaultPeriod,
  formatMinutes,
  gapStatement,
  isDay,
  levelLabel,
  portfolioFileName,
  slug,
} from "../../app/domain/portfolio";
import { parsePortfolioQuery, portfolioSearch } from "../../app/domain/portfolio-query";
import { radarGeometry, wrapLabel } from "../../app/domain/portfolio-radar";
import { EVIDENCE, fixtureInput } from "../fixtures/portfolio/input";

describe("buildPortfolio", () => {
  const p = buildPortfolio(fixtureInput({ limits: { perSkill: 5 } }));
  const skill = (key: string) => p.skills.find((s) => s.key === key)!;

  it("keeps only submitted and verified items of the period", () => {
    expect(p.evidence.map((i) => i.id)).toEqual([16, 13, 12, 11]); // newest first; 14 is a draft, 15 is before the period
    expect(p.totals).toEqual({ items: 4, verified: 3, endorsements: 1 });
  });

  it("groups evidence under the skills the target requires, in catalog order", () => {
    expect(p.skills.map((s) => s.key)).toEqual(["debugging", "crisis", "continuity"]); // itil is required at 0
    expect(skill("continuity").evidence.map((i) => i.id)).toEqual([13]);
  });

  it("puts verified items first, then more points, then newer", () => {
    // item 12 adds more debugging points (+4) but is only self-reported
    expect(skill("debugging").evidence.map((i) => [i.id, i.verified, i.points])).toEqual([
      [11, true, 2],
      [12, false, 4],
    ]);
    expect(skill("crisis").evidence.map((i) => [i.id, i.points])).toEqual([
      [11, 5],
      [13, 1],
    ]);
    const tie = buildPortfolio(
      fixtureInput({
        evidence: [
          { ...EVIDENCE[2]!, id: 21, resolvedAt: "2025-02-01T10:00:00.000Z" },
          { ...EVIDENCE[2]!, id: 22, resolvedAt: "2025-05-01T10:00:00.000Z" },
        ],
        limits: { perSkill: 5 },
      }),
    );
    expect(tie.skills.find((s) => s.key === "continuity")!.evidence.map((i) => i.id)).toEqual([22, 21]);
  });

  it("gives the reasons an item counts for the skill it is listed under", () => {
    expect(skill("crisis").evidence[0]!.reasons).toEqual(["P1 incident +4", "Handled after hours +1"]);
    expect(skill("debugging").evidence[0]!.reasons).toEqual(["Incident resolved +2"]);
    // outside a skill section the skill is named
    expect(p.evidence.find((i) => i.id === 13)!.reasons).toEqual([
      "DR / continuity drill +4 Disaster recovery and business continuity",
      "Drill run after hours +1 Crisis and major-incident handling",
    ]);
  });

  it("marks adjusted contributions and skips items adjusted down to nothing", () => {
    const adjusted = buildPortfolio(
      fixtureInput({
        evidence: [
          { ...EVIDENCE[1]!, contributions: [{ skill: "debugging", points: 6, reason: "Root-cause analysis", adjusted: true }] },
          {
            ...EVIDENCE[2]!,
            contributions: [{ skill: "continuity", points: 0, reason: "DR / continuity drill", adjusted: true }],
          },
        ],
      }),
    );
    expect(adjusted.skills[0]!.evidence[0]!.reasons).toEqual(["Root-cause analysis +6 (adjusted)"]);
    expect(adjusted.skills.find((s) => s.key === "continuity")!.itemCount).toBe(0);
  });

  it("counts per skill and limits the list", () => {
    const limited = buildPortfolio(fixtureInput({ limits: { perSkill: 1 } }));
    const d = limited.skills[0]!;
    expect([d.itemCount, d.verifiedCount, d.endorsementCount, d.evidence.length, d.moreCount]).toEqual([2, 1, 1, 1, 1]);
  });

  it("states levels, requirements and whether each is met", () => {
    expect(skill("debugging")).toMatchObject({
      level: 2,
      levelName: "2 Assist",
      required: 2,
      requiredName: "2 Assist",
      met: true,
      score: 12.5,
    });
    expect(skill("crisis")).toMatchObject({ level: 1, levelName: "1 Follow", required: 2, met: false });
    expect(skill("continuity")).toMatchObject({ level: 0, levelName: "0 None", required: 1, met: false });
  });

  it("picks highlights: major incidents, DR drills, after-hours work", () => {
    expect(p.highlights.majorIncidents.items.map((i) => i.id)).toEqual([11]); // the P2 draft does not count
    expect(p.highlights.drDrills.items.map((i) => i.id)).toEqual([13]);
    expect(p.highlights.afterHours.items.map((i) => i.id)).toEqual([13, 11]); // longest first
    expect(p.highlights.afterHours.minutes).toBe(210);
  });

  it("orders major incidents P1 before P2, then newest", () => {
    const inc = (id: number, priority: string, day: string) => ({
      ...EVIDENCE[0]!,
      id,
      priority,
      resolvedAt: `${day}T10:00:00.000Z`,
      endorsements: [],
    });
    const q = buildPortfolio(
      fixtureInput({
        evidence: [
          inc(1, "P2", "2025-06-01"),
          inc(2, "P1", "2025-02-01"),
          inc(3, "P1", "2025-04-01"),
          inc(4, "P3", "2025-05-01"),
        ],
        limits: { highlights: 2 },
      }),
    );
    expect(q.highlights.majorIncidents.items.map((i) => i.id)).toEqual([3, 2]);
    expect(q.highlights.majorIncidents.total).toBe(3);
  });

  it("writes the gap statement", () => {
    expect(p.gapStatement).toBe(
      "Zoë Adams is 60% ready for Support Engineer II. 2 skills are below the required level, largest gap first: " +
        "Crisis and major-incident handling (level 1 Follow, needs 2 Assist: 1 level short); " +
        "Disaster recovery and business continuity (level 0 None, needs 1 Follow: 1 level short).",
    );
    expect(gapStatement("Ben", "Senior", { percent: 100, met: true }, [])).toBe(
      "Ben meets every skill requirement of Senior (readiness 100%).",
    );
    expect(gapStatement("Ben", null, null, [])).toBe("Ben has no target position set.");
    const one = [
      { skill: "x", name: "Design", current: 1, currentName: "1 Follow", required: 4, requiredName: "4 Enable", gap: 3 },
    ];
    expect(gapStatement("Ben", "Lead", { percent: 90, met: false }, one)).toBe(
      "Ben is 90% ready for Lead. One skill is below the required level, largest gap first: Design (level 1 Follow, needs 4 Enable: 3 levels short).",
    );
  });

  it("lists every catalog skill on the radar, and next steps only where there are some", () => {
    expect(p.radar.map((r) => [r.skill, r.current, r.target])).toEqual([
      ["debugging", 2, 2],
      ["crisis", 1, 2],
      ["continuity", 0, 1],
      ["itil", 1, 0],
    ]);
    expect(p.nextSteps).toEqual([
      {
        skill: "crisis",
        name: "Crisis and major-incident handling",
        steps: ["A P1 incident: +4 Crisis and major-incident handling, +2 Debugging and root-cause analysis"],
      },
    ]);
  });

  it("without a target lists every catalog skill and has no readiness", () => {
    const q = buildPortfolio(fixtureInput({ target: null, readiness: null }));
    expect(q.skills.map((s) => s.key)).toEqual(["debugging", "crisis", "continuity", "itil"]);
    expect(q.readiness).toBeNull();
    expect(q.gapStatement).toBe("Zoë Adams has no target position set.");
  });

  it("does not depend on the order of its input", () => {
    const reversed = buildPortfolio(fixtureInput({ evidence: [...EVIDENCE].reverse(), limits: { perSkill: 5 } }));
    expect(reversed).toEqual(p);
  });
});

describe("periods and queries", () => {
  it("defaults to the last 24 months, clamping the 29th of February", () => {
    expect(defaultPeriod(new Date("2025-06-30T23:59:00Z"))).toEqual({ from: "2023-06-30", to: "2025-06-30" });
    expect(defaultPeriod(new Date("2024-02-29T10:00:00Z"))).toEqual({ from: "2022-02-28", to: "2024-02-29" });
    expect(defaultPeriod(new Date("2025-03-31T10:00:00Z"), 1)).toEqual({ from: "2025-02-28", to: "2025-03-31" });
  });

  it("accepts only real days", () => {
    expect(["2025-01-31", "2024-02-29"].map(isDay)).toEqual([true, true]);
    expect(["2025-02-29", "2025-13-01", "2025-1-1", "31/01/2025", "", "1969-12-31"].map(isDay)).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  const now = new Date("2025-06-30T12:00:00Z");
  it("parses a full query", () => {
    const r = parsePortfolioQuery(new URLSearchParams("person=12&target=3&from=2025-01-01&to=2025-03-31"), now);
    expect(r).toEqual({ ok: true, value: { personId: 12, targetId: 3, period: { from: "2025-01-01", to: "2025-03-31" } } });
  });

  it("fills in defaults", () => {
    expect(parsePortfolioQuery(new URLSearchParams(""), now)).toEqual({
      ok: true,
      value: { personId: null, targetId: null, period: { from: "2023-06-30", to: "2025-06-30" } },
    });
  });

  it("reports each bad field", () => {
    const r = parsePortfolioQuery(new URLSearchParams("person=abc&target=-1&from=2025-02-30&to=soon"), now);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors).toEqual({
      person: "Choose a person from the list.",
      target: "Choose a position from the list.",
      from: "Enter the start date as YYYY-MM-DD.",
      to: "Enter the end date as YYYY-MM-DD.",
    });
    const backwards = parsePortfolioQuery(new URLSearchParams("from=2025-03-01&to=2025-02-01"), now);
    expect(!backwards.ok && backwards.errors).toEqual({ to: "The end date must be on or after the start date." });
  });

  it("writes the query back, leaving out oneself", () => {
    const q = { personId: 5, targetId: 3, period: { from: "2025-01-01", to: "2025-06-30" } };
    expect(portfolioSearch(q, 9)).toBe("person=5&target=3&from=2025-01-01&to=2025-06-30");
    expect(portfolioSearch({ ...q, targetId: null }, 5)).toBe("from=2025-01-01&to=2025-06-30");
  });
});

describe("file names", () => {
  it("slugs Latin names and leaves others to the Unicode name", () => {
    expect(slug("Łukasz Nowak")).toBe("lukasz-nowak");
    expect(slug("Zoë Adams")).toBe("zoe-adams");
    expect(slug("Sofia Marín")).toBe("sofia-marin");
    expect(slug("Ольга Иванова")).toBe("");
    expect(slug("Mei Lin 李美")).toBe("mei-lin");
  });

  it("names downloads after person, target and end of period", () => {
    const p = buildPortfolio(fixtureInput());
    expect(portfolioFileName(p, "pdf")).toEqual({
      ascii: "portfolio-zoe-adams-support-engineer-ii-2025-06-30.pdf",
      unicode: "portfolio-zoë-adams-support-engineer-ii-2025-06-30.pdf",
    });
    const olga = buildPortfolio(
      fixtureInput({ person: { id: 42, name: "Ольга Иванова", email: "o@example.com", team: null, manager: null } }),
    );
    expect(portfolioFileName(olga, "md")).toEqual({
      ascii: "portfolio-person-42-support-engineer-ii-2025-06-30.md",
      unicode: "portfolio-ольга-иванова-support-engineer-ii-2025-06-30.md",
    });
  });
});

describe("small helpers", () => {
  it("formats minutes and levels", () => {
    expect([0, 45, 60, 210].map(formatMinutes)).toEqual(["0 min", "45 min", "1 h", "3 h 30 min"]);
    expect([0, 3, 7, 9, -1].map(levelLabel)).toEqual([
      "0 None",
      "3 Apply",
      "7 Set strategy, inspire, mobilise",
      "7 Set strategy, inspire, mobilise",
      "0 None",
    ]);
  });

  it("wraps radar labels at spaces", () => {
    expect(wrapLabel("Debugging and root-cause analysis (2/4)", 22)).toEqual(["Debugging and", "root-cause analysis", "(2/4)"]);
    expect(wrapLabel("Supercalifragilistic x", 5)).toEqual(["Supercalifragilistic", "x"]);
  });

  it("puts radar axes clockwise from 12 o'clock, levels scaled to the radius", () => {
    const g = radarGeometry(
      [
        { skill: "a", name: "A", current: 7, target: 0 },
        { skill: "b", name: "B", current: 3.5, target: 7 },
        { skill: "c", name: "C", current: 0, target: 7 },
        { skill: "d", name: "D", current: 7, target: 7 },
      ],
      100,
      100,
      70,
    );
    expect(g.axes.map((a) => a.end)).toEqual([
      [100, 30],
      [170, 100],
      [100, 170],
      [30, 100],
    ]);
    expect(g.current).toEqual([
      [100, 30],
      [135, 100],
      [100, 100],
      [30, 100],
    ]);
    expect(g.target).toEqual([
      [100, 100],
      [170, 100],
      [100, 170],
      [30, 100],
    ]);
    expect(g.axes.map((a) => [a.anchor, a.vertical])).toEqual([
      ["middle", -1],
      ["start", 0],
      ["middle", 1],
      ["end", 0],
    ]);
    expect(g.rings).toHaveLength(7);
    expect(g.rings[0]!.points[1]).toEqual([110, 100]);
  });
});
