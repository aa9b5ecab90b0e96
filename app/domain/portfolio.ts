// The promotion portfolio: what goes into it, decided from plain data (no I/O, no clock: `now` is passed in).
// Evidence of the period is grouped under the skills the target position requires, strongest first
// (verified before self-reported, then by points), with the reasons it counts and who endorsed it;
// highlights pick out major incidents, DR drills and after-hours work; the gap statement says in
// words how far the person is from the target. The renderers (print page, PDF, Markdown, JSON Resume)
// only lay this out.
import { LEVEL_NAMES, MAX_LEVEL } from "./defaults";
import { counts } from "./evidence-status";
import type { RadarPoint, Readiness, SkillSteps } from "./ladder";
import { formatPoints } from "./mapping";
import type { EvidenceStatus } from "./types";

export interface PortfolioContributionIn {
  skill: string;
  points: number;
  reason: string;
  adjusted: boolean;
}

export interface PortfolioEndorsementIn {
  name: string;
  comment: string;
  at: string;
}

export interface PortfolioEvidenceIn {
  id: number;
  title: string;
  kind: string;
  kindName: string;
  externalRef: string | null;
  /** ISO instant */
  resolvedAt: string;
  priority: string | null;
  workRole: string | null;
  outcome: string | null;
  afterHours: boolean;
  afterHoursMinutes: number;
  status: EvidenceStatus;
  verifierName: string | null;
  notes: string | null;
  contributions: PortfolioContributionIn[];
  endorsements: PortfolioEndorsementIn[];
}

export interface PortfolioPeriod {
  /** YYYY-MM-DD, inclusive */
  from: string;
  /** YYYY-MM-DD, inclusive */
  to: string;
}

export interface PortfolioLimits {
  /** strongest items shown under each required skill */
  perSkill: number;
  /** items shown in each highlight list */
  highlights: number;
}

export const DEFAULT_LIMITS: PortfolioLimits = { perSkill: 5, highlights: 8 };

export interface PortfolioInput {
  now: Date;
  period: PortfolioPeriod;
  person: { id: number; name: string; email: string; team: string | null; manager: string | null };
  current: { id: number; name: string } | null;
  target: { id: number; name: string; requirements: Record<string, number> } | null;
  /** the catalog, in display order */
  skills: { key: string; name: string; sfiaCodes: string }[];
  /** names of skills no longer live (retired: "Name (retired)"), for the reasons of items that earned points for them */
  retiredSkillNames?: Record<string, string>;
  scores: { skill: string; score: number; level: number }[];
  readiness: Readiness | null;
  nextSteps: SkillSteps[];
  evidence: PortfolioEvidenceIn[];
  limits?: Partial<PortfolioLimits>;
}

export interface PortfolioItem {
  id: number;
  title: string;
  kind: string;
  kindName: string;
  ref: string | null;
  /** YYYY-MM-DD */
  date: string;
  priority: string | null;
  role: string | null;
  outcome: string | null;
  status: EvidenceStatus;
  verified: boolean;
  verifierName: string | null;
  afterHours: boolean;
  afterHoursMinutes: number;
  /** points for the skill the item is listed under (all skills where there is none) */
  points: number;
  /** why it counts: "P1 incident +4" under a skill, "P1 incident +4 Crisis…" elsewhere */
  reasons: string[];
  endorsements: { name: string; comment: string }[];
  notes: string | null;
}

export interface PortfolioSkill {
  key: string;
  name: string;
  sfiaCodes: string;
  level: number;
  levelName: string;
  required: number;
  requiredName: string;
  score: number;
  met: boolean;
  /** items of the period that add points to this skill */
  itemCount: number;
  verifiedCount: number;
  endorsementCount: number;
  /** the strongest items, at most `perSkill` */
  evidence: PortfolioItem[];
  /** how many more items back this skill than are listed */
  moreCount: number;
}

export interface PortfolioGap {
  skill: string;
  name: string;
  current: number;
  currentName: string;
  required: number;
  requiredName: string;
  gap: number;
}

export interface Highlight {
  items: PortfolioItem[];
  /** all matching items of the period (items lists at most `highlights`) */
  total: number;
}

export interface Portfolio {
  /** ISO instant */
  generatedAt: string;
  period: PortfolioPeriod;
  person: PortfolioInput["person"];
  current: { id: number; name: string } | null;
  target: { id: number; name: string } | null;
  readiness: { percent: number; met: boolean } | null;
  gaps: PortfolioGap[];
  gapStatement: string;
  /** the skills the target requires (every catalog skill when there is no target), catalog order */
  skills: PortfolioSkill[];
  highlights: {
    majorIncidents: Highlight;
    drDrills: Highlight;
    afterHours: Highlight & { minutes: number };
  };
  radar: RadarPoint[];
  nextSteps: { skill: string; name: string; steps: string[] }[];
  totals: { items: number; verified: number; endorsements: number };
  /** every counted item of the period, newest first */
  evidence: PortfolioItem[];
}

/** "3 Apply", "0 None". */
export function levelLabel(level: number): string {
  const l = Math.max(0, Math.min(MAX_LEVEL, Math.round(level)));
  return `${l} ${LEVEL_NAMES[l]}`;
}

export function levelName(level: number): string {
  return LEVEL_NAMES[Math.max(0, Math.min(MAX_LEVEL, Math.round(level)))]!;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Is `s` a real calendar day written YYYY-MM-DD? */
export function isDay(s: string): boolean {
  const m = DAY.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s && Number(m[1]) >= 1970;
}

/** The last 24 months up to today (UTC), as inclusive days; the 29th of February falls back to the 28th. */
export function defaultPeriod(now: Date, months = 24): PortfolioPeriod {
  const to = now.toISOString().slice(0, 10);
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth() - months;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  const from = new Date(Date.UTC(y, m, Math.min(now.getUTCDate(), lastDay))).toISOString().slice(0, 10);
  return { from, to };
}

export function inPeriod(resolvedAt: string, period: PortfolioPeriod): boolean {
  const day = resolvedAt.slice(0, 10);
  return day >= period.from && day <= period.to;
}

function byStrength(a: { verified: boolean; points: number; date: string; id: number }, b: typeof a): number {
  return (
    Number(b.verified) - Number(a.verified) ||
    b.points - a.points ||
    (a.date < b.date ? 1 : a.date > b.date ? -1 : 0) ||
    b.id - a.id
  );
}

function newestFirst(a: { date: string; id: number }, b: typeof a): number {
  return (a.date < b.date ? 1 : a.date > b.date ? -1 : 0) || b.id - a.id;
}

function reasonText(c: PortfolioContributionIn, skillName?: string): string {
  const base = `${c.reason} ${formatPoints(c.points)}${skillName ? ` ${skillName}` : ""}`;
  return c.adjusted ? `${base} (adjusted)` : base;
}

function toItem(e: PortfolioEvidenceIn, skillNames: Map<string, string>, skill?: string): PortfolioItem {
  const contributions = e.contributions.filter((c) => c.points !== 0 && (skill === undefined || c.skill === skill));
  return {
    id: e.id,
    title: e.title,
    kind: e.kind,
    kindName: e.kindName,
    ref: e.externalRef,
    date: e.resolvedAt.slice(0, 10),
    priority: e.priority,
    role: e.workRole,
    outcome: e.outcome,
    status: e.status,
    verified: e.status === "verified",
    verifierName: e.verifierName,
    afterHours: e.afterHours,
    afterHoursMinutes: e.afterHoursMinutes,
    points: contributions.reduce((s, c) => s + c.points, 0),
    reasons: contributions.map((c) => reasonText(c, skill === undefined ? (skillNames.get(c.skill) ?? c.skill) : undefined)),
    endorsements: e.endorsements.map((x) => ({ name: x.name, comment: x.comment })),
    notes: e.notes?.trim() ? e.notes.trim() : null,
  };
}

function highlight(items: PortfolioItem[], limit: number, order: (a: PortfolioItem, b: PortfolioItem) => number): Highlight {
  return { items: [...items].sort(order).slice(0, limit), total: items.length };
}

const PRIORITY_RANK: Record<string, number> = { P1: 1, P2: 2, P3: 3, P4: 4 };

/** The sentence (or two) a promotion panel reads first. */
export function gapStatement(
  name: string,
  target: string | null,
  readiness: { percent: number; met: boolean } | null,
  gaps: PortfolioGap[],
): string {
  if (!target || !readiness) return `${name} has no target position set.`;
  if (readiness.met) return `${name} meets every skill requirement of ${target} (readiness ${readiness.percent}%).`;
  const list = gaps
    .map((g) => `${g.name} (level ${g.currentName}, needs ${g.requiredName}: ${g.gap} ${g.gap === 1 ? "level" : "levels"} short)`)
    .join("; ");
  const count = gaps.length === 1 ? "One skill is" : `${gaps.length} skills are`;
  return `${name} is ${readiness.percent}% ready for ${target}. ${count} below the required level, largest gap first: ${list}.`;
}

export function buildPortfolio(input: PortfolioInput): Portfolio {
  const limits: PortfolioLimits = { ...DEFAULT_LIMITS, ...input.limits };
  const skillNames = new Map(input.skills.map((s) => [s.key, s.name] as const));
  const nameOf = (key: string) => skillNames.get(key) ?? key;
  const scoreOf = new Map(input.scores.map((s) => [s.skill, s] as const));

  const items = input.evidence.filter((e) => counts(e.status) && inPeriod(e.resolvedAt, input.period));

  const requirements = input.target?.requirements ?? null;
  const required = requirements
    ? [
        ...input.skills.filter((s) => (requirements[s.key] ?? 0) > 0),
        // a requirement on a skill no longer in the catalog still shows, under its key
        ...Object.keys(requirements)
          .filter((k) => (requirements[k] ?? 0) > 0 && !skillNames.has(k))
          .sort()
          .map((k) => ({ key: k, name: k, sfiaCodes: "" })),
      ]
    : input.skills;

  const skills: PortfolioSkill[] = required.map((s) => {
    const backing = items
      .filter((e) => e.contributions.some((c) => c.skill === s.key))
      .map((e) => toItem(e, skillNames, s.key))
      .filter((i) => i.points > 0)
      .sort(byStrength);
    const level = scoreOf.get(s.key)?.level ?? 0;
    const need = requirements?.[s.key] ?? 0;
    return {
      key: s.key,
      name: s.name,
      sfiaCodes: s.sfiaCodes,
      level,
      levelName: levelLabel(level),
      required: need,
      requiredName: levelLabel(need),
      score: scoreOf.get(s.key)?.score ?? 0,
      met: level >= need,
      itemCount: backing.length,
      verifiedCount: backing.filter((i) => i.verified).length,
      endorsementCount: backing.reduce((n, i) => n + i.endorsements.length, 0),
      evidence: backing.slice(0, limits.perSkill),
      moreCount: Math.max(0, backing.length - limits.perSkill),
    };
  });

  const reasonNames = new Map([...Object.entries(input.retiredSkillNames ?? {}), ...skillNames]);
  const all = items.map((e) => toItem(e, reasonNames)).sort(newestFirst);
  const major = all.filter((i) => i.kind === "incident" && (i.priority === "P1" || i.priority === "P2"));
  const drills = all.filter((i) => i.kind === "dr_drill");
  const late = all.filter((i) => i.afterHours);

  const gaps: PortfolioGap[] = (input.readiness?.gaps ?? []).map((g) => ({
    skill: g.skill,
    name: nameOf(g.skill),
    current: g.current,
    currentName: levelLabel(g.current),
    required: g.required,
    requiredName: levelLabel(g.required),
    gap: g.gap,
  }));
  const readiness = input.readiness && input.target ? { percent: input.readiness.percent, met: input.readiness.met } : null;

  return {
    generatedAt: input.now.toISOString(),
    period: input.period,
    person: input.person,
    current: input.current ? { id: input.current.id, name: input.current.name } : null,
    target: input.target ? { id: input.target.id, name: input.target.name } : null,
    readiness,
    gaps,
    gapStatement: gapStatement(input.person.name, input.target?.name ?? null, readiness, gaps),
    skills,
    highlights: {
      majorIncidents: highlight(
        major,
        limits.highlights,
        (a, b) => (PRIORITY_RANK[a.priority ?? ""] ?? 9) - (PRIORITY_RANK[b.priority ?? ""] ?? 9) || newestFirst(a, b),
      ),
      drDrills: highlight(drills, limits.highlights, newestFirst),
      afterHours: {
        ...highlight(late, limits.highlights, (a, b) => b.afterHoursMinutes - a.afterHoursMinutes || newestFirst(a, b)),
        minutes: late.reduce((n, i) => n + Math.max(0, i.afterHoursMinutes), 0),
      },
    },
    radar: input.skills.map((s) => ({
      skill: s.key,
      name: s.name,
      current: scoreOf.get(s.key)?.level ?? 0,
      target: requirements?.[s.key] ?? 0,
    })),
    nextSteps: input.nextSteps
      .filter((s) => s.steps.length > 0)
      .map((s) => ({ skill: s.skill, name: nameOf(s.skill), steps: s.steps.map((x) => x.label) })),
    totals: {
      items: all.length,
      verified: all.filter((i) => i.verified).length,
      endorsements: all.reduce((n, i) => n + i.endorsements.length, 0),
    },
    evidence: all,
  };
}

/** "3 h 20 min", "45 min", "0 min". */
export function formatMinutes(minutes: number): string {
  const m = Math.max(0, Math.round(minutes));
  const h = Math.floor(m / 60);
  const rest = m % 60;
  if (h === 0) return `${rest} min`;
  return rest === 0 ? `${h} h` : `${h} h ${rest} min`;
}

/** A short line about one item: "Incident · INC0012345 · P1 · led · 2025-03-04". */
export function itemFacts(i: PortfolioItem): string {
  const role = i.role === "lead" ? "led" : i.role === "reviewer" ? "reviewed" : null;
  return [i.kindName, i.ref, i.priority, role, i.date].filter(Boolean).join(" · ");
}

const TRANSLITERATE: Record<string, string> = {
  ł: "l",
  Ł: "L",
  ø: "o",
  Ø: "O",
  đ: "d",
  Đ: "D",
  ß: "ss",
  æ: "ae",
  Æ: "AE",
  œ: "oe",
  Œ: "OE",
  ı: "i",
};

/** ASCII slug for a file name; "" when nothing Latin is left (Cyrillic or CJK names). */
export function slug(s: string): string {
  return s
    .replace(/[łŁøØđĐßæÆœŒı]/g, (c) => TRANSLITERATE[c] ?? c)
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/g, "");
}

/** Unicode-safe name for the download: letters of any script kept, everything else a hyphen. */
function unicodeSlug(s: string): string {
  return s
    .normalize("NFC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/g, "");
}

/** File names for a download: an ASCII fallback and the Unicode original (for filename*). */
export function portfolioFileName(p: Portfolio, ext: string): { ascii: string; unicode: string } {
  const who = slug(p.person.name) || `person-${p.person.id}`;
  const target = p.target ? slug(p.target.name) : "";
  const ascii = ["portfolio", who, target, p.period.to].filter(Boolean).join("-") + `.${ext}`;
  const uWho = unicodeSlug(p.person.name) || `person-${p.person.id}`;
  const uTarget = p.target ? unicodeSlug(p.target.name) : "";
  const unicode = ["portfolio", uWho, uTarget, p.period.to].filter(Boolean).join("-") + `.${ext}`;
  return { ascii, unicode };
}
