// The portfolio as a JSON Resume document (https://jsonresume.org/schema, schema 1.x): basics, the
// support work of the period with its highlights, and one skill per required skill with its SFIA
// level. Everything SupportPath knows beyond that (readiness, gaps, evidence with reasons and
// endorsements, the radar data) sits in `meta.supportpath`: the schema lets `meta` carry tooling
// data (additionalProperties: true), and resume themes ignore it. Pure: a Portfolio in, an object out.
import { LEVEL_NAMES } from "./defaults";
import { type Portfolio, type PortfolioItem, formatMinutes, itemFacts } from "./portfolio";

export const JSON_RESUME_SCHEMA_URL = "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json";
export const SUPPORTPATH_EXTENSION_VERSION = 1;

function highlightLine(label: string, i: PortfolioItem): string {
  return `${label}: ${i.title} (${itemFacts(i)}${i.verified ? ", verified" : ""})`;
}

function compact(i: PortfolioItem) {
  return {
    id: i.id,
    date: i.date,
    title: i.title,
    kind: i.kind,
    ref: i.ref,
    priority: i.priority,
    role: i.role,
    status: i.status,
    verified: i.verified,
    afterHoursMinutes: i.afterHours ? i.afterHoursMinutes : 0,
  };
}

function detailed(i: PortfolioItem) {
  return {
    ...compact(i),
    kindName: i.kindName,
    verifiedBy: i.verifierName,
    points: i.points,
    reasons: i.reasons,
    endorsements: i.endorsements,
    notes: i.notes,
  };
}

export function portfolioJsonResume(p: Portfolio) {
  const h = p.highlights;
  const highlights = [
    ...h.majorIncidents.items.map((i) => highlightLine(`${i.priority} incident`, i)),
    ...h.drDrills.items.map((i) => highlightLine("DR drill", i)),
    ...(h.afterHours.total
      ? [
          `After-hours work: ${h.afterHours.total} ${h.afterHours.total === 1 ? "item" : "items"}, ${formatMinutes(h.afterHours.minutes)} in all`,
        ]
      : []),
  ];
  const basics: Record<string, unknown> = { name: p.person.name, email: p.person.email, summary: p.gapStatement };
  if (p.current) basics.label = p.current.name;

  const work: Record<string, unknown> = {
    name: p.person.team ?? "Production support",
    position: p.current?.name ?? "Support engineer",
    startDate: p.period.from,
    endDate: p.period.to,
    summary: `${p.totals.items} ${p.totals.items === 1 ? "item" : "items"} of production-support work recorded in SupportPath (${p.totals.verified} verified by a manager).`,
    highlights,
  };

  return {
    $schema: JSON_RESUME_SCHEMA_URL,
    basics,
    work: [work],
    skills: p.skills.map((s) => ({
      name: s.name,
      level: `SFIA level ${s.level}: ${LEVEL_NAMES[s.level] ?? ""}`.trim(),
      keywords: [
        ...s.sfiaCodes
          .split(",")
          .map((c) => c.trim())
          .filter(Boolean),
        ...s.evidence.slice(0, 3).map((i) => i.title),
      ],
    })),
    meta: {
      version: "v1.0.0",
      lastModified: p.generatedAt.slice(0, 19),
      supportpath: {
        version: SUPPORTPATH_EXTENSION_VERSION,
        generatedAt: p.generatedAt,
        period: p.period,
        person: { id: p.person.id, team: p.person.team, manager: p.person.manager },
        currentPosition: p.current,
        targetPosition: p.target,
        readiness: p.readiness,
        gapStatement: p.gapStatement,
        gaps: p.gaps,
        skills: p.skills.map((s) => ({
          key: s.key,
          name: s.name,
          sfiaCodes: s.sfiaCodes,
          level: s.level,
          levelName: s.levelName,
          required: s.required,
          requiredName: s.requiredName,
          met: s.met,
          score: s.score,
          items: s.itemCount,
          verifiedItems: s.verifiedCount,
          endorsements: s.endorsementCount,
          strongestEvidence: s.evidence.map(detailed),
          moreItems: s.moreCount,
        })),
        highlights: {
          majorIncidents: { total: h.majorIncidents.total, items: h.majorIncidents.items.map(compact) },
          drDrills: { total: h.drDrills.total, items: h.drDrills.items.map(compact) },
          afterHours: { total: h.afterHours.total, minutes: h.afterHours.minutes, items: h.afterHours.items.map(compact) },
        },
        radar: p.radar,
        nextSteps: p.nextSteps,
        totals: p.totals,
        evidence: p.evidence.map(compact),
      },
    },
  };
}

export type JsonResume = ReturnType<typeof portfolioJsonResume>;
