import { describe, expect, it } from "vitest";
import { buildPortfolio } from "../../app/domain/portfolio";
import { JSON_RESUME_SCHEMA_URL, portfolioJsonResume } from "../../app/domain/portfolio-json-resume";
import { fixtureInput } from "../fixtures/portfolio/input";
import { JSON_RESUME_SCHEMA, jsonResumeErrors } from "../fixtures/portfolio/json-resume";

const resume = portfolioJsonResume(buildPortfolio(fixtureInput()));

describe("portfolioJsonResume", () => {
  it("validates against the JSON Resume schema", () => {
    expect(jsonResumeErrors(resume)).toEqual([]);
    // and survives a JSON round trip (what the download is)
    expect(jsonResumeErrors(JSON.parse(JSON.stringify(resume)))).toEqual([]);
  });

  it("is checked by a validator that can fail", () => {
    expect(jsonResumeErrors({ ...resume, basics: { ...resume.basics, email: "not an email" } }).length).toBeGreaterThan(0);
    expect(jsonResumeErrors({ ...resume, work: [{ ...resume.work[0], startDate: "01/01/2025" }] }).length).toBeGreaterThan(0);
  });

  it("keeps SupportPath's detail in meta, which the schema leaves open", () => {
    const meta = (JSON_RESUME_SCHEMA.properties as Record<string, { additionalProperties?: boolean }>).meta!;
    expect(meta.additionalProperties).toBe(true);
    const sp = resume.meta.supportpath;
    expect(sp.readiness).toEqual({ percent: 60, met: false });
    expect(sp.targetPosition).toEqual({ id: 2, name: "Support Engineer II" });
    expect(sp.skills.map((s) => [s.key, s.level, s.required, s.met])).toEqual([
      ["debugging", 2, 2, true],
      ["crisis", 1, 2, false],
      ["continuity", 0, 1, false],
    ]);
    expect(sp.skills[0]!.strongestEvidence[0]).toMatchObject({
      id: 11,
      verified: true,
      reasons: ["Incident resolved +2"],
      endorsements: [{ name: "Łukasz Nowak", comment: "Calm | clear [bridge](x)" }],
    });
    expect(sp.evidence.map((e) => e.id)).toEqual([16, 13, 12, 11]);
    expect(sp.highlights.afterHours).toMatchObject({ total: 2, minutes: 210 });
  });

  it("fills the standard sections", () => {
    expect(resume.$schema).toBe(JSON_RESUME_SCHEMA_URL);
    expect(resume.basics).toEqual({
      name: "Zoë Adams",
      email: "zoe.adams@example.com",
      label: "Support Engineer I",
      summary: buildPortfolio(fixtureInput()).gapStatement,
    });
    expect(resume.work[0]).toMatchObject({
      name: "Platform Support",
      position: "Support Engineer I",
      startDate: "2025-01-01",
      endDate: "2025-06-30",
    });
    expect(resume.work[0]!.highlights).toEqual([
      "P1 incident: Checkout API down <b>hard</b> **twice** (Incident · INC0012345 · P1 · led · 2025-03-04, verified)",
      "DR drill: Quarterly DR drill (DR / continuity drill · 2025-05-20, verified)",
      "After-hours work: 2 items, 3 h 30 min in all",
    ]);
    expect(resume.skills[1]).toEqual({
      name: "Crisis and major-incident handling",
      level: "SFIA level 1: Follow",
      keywords: ["USUP", "Checkout API down <b>hard</b> **twice**"],
    });
  });

  it("keeps text as data: JSON escaping is all it needs", () => {
    const text = JSON.stringify(resume);
    expect(JSON.parse(text).meta.supportpath.skills[0].strongestEvidence[0].notes).toBe(
      "# Timeline\n- 02:10 paged\n\n- 03:40 fixed_it",
    );
  });
});
