// 360 feedback (issue 17, part 3; ADR 021): who may be asked, when a request is still open, how answers add
// up and when the aggregates may be shown. Pure: no database, no clock (`now` is passed in).
//
// Anonymity is the point of every rule here. Answers are never kept one by one: each is added to a tally per
// skill (how many gave each level, the comments in sorted order) and the tally is shown only once at least
// `threshold` colleagues answered, and a skill's levels only once `threshold` of them rated it.
import { isCycleOpen } from "./appraisal-period";
import { APPRAISAL_STATES, type AppraisalState, isLocked } from "./appraisal-workflow";

/** Levels a colleague gives: 0 (none) to 5 (ensure/advise) — a colleague's view, not a manager's 0-7 rating. */
export const FEEDBACK_LEVELS = [0, 1, 2, 3, 4, 5] as const;
export const FEEDBACK_MAX_LEVEL = 5;
export const CANT_SAY = "cant_say";
export const MAX_FEEDBACK_COMMENT_LENGTH = 1000;
/** At most this many colleagues asked in one request. */
export const MAX_RESPONDENTS_PER_REQUEST = 20;

/**
 * The threshold admins may set (ADR 021): never below 3. With two answers each respondent could subtract
 * their own answer from the tally and read the other's; from three on, nobody can.
 */
export const FEEDBACK_THRESHOLD_RANGE = { min: 3, max: 10 } as const;
export const DEFAULT_FEEDBACK_THRESHOLD = 3;

export const RELATIONS = ["peer", "report", "manager", "other"] as const;
export type Relation = (typeof RELATIONS)[number];
export const RELATION_LABELS: Record<Relation, string> = {
  peer: "Peer",
  report: "Reports to them",
  manager: "Manages them",
  other: "Other colleague",
};

export type RequestStatus = "open" | "answered" | "declined" | "expired";

/** How a respondent stands to the person appraised, as the org tree says. */
export interface OrgPosition {
  /** the respondent manages the person appraised, directly or not */
  managesSubject: boolean;
  /** the respondent reports to the person appraised, directly or not */
  reportsToSubject: boolean;
  sameTeam: boolean;
}

/** The relation recorded on a request: first rule that holds wins (a manager in one's own team is a manager). */
const RELATION_RULES: { relation: Relation; when: (p: OrgPosition) => boolean; reason: string }[] = [
  { relation: "manager", when: (p) => p.managesSubject, reason: "the person appraised reports to them (upward in the tree)" },
  { relation: "report", when: (p) => p.reportsToSubject, reason: "they report to the person appraised (upward feedback)" },
  { relation: "peer", when: (p) => p.sameTeam, reason: "same team, neither manages the other" },
  { relation: "other", when: () => true, reason: "anyone else in the organisation" },
];

export function relationOf(p: OrgPosition): Relation {
  return RELATION_RULES.find((r) => r.when(p))!.relation;
}

/** The appraisal as the rules need it. */
export interface FeedbackAppraisal {
  state: AppraisalState;
  /** the cycle's review due date, YYYY-MM-DD */
  reviewDue: string;
}

/** States in which no request is open any more (for queries). */
export const CLOSED_APPRAISAL_STATES: AppraisalState[] = APPRAISAL_STATES.filter((s) => isLocked(s));

/** Requests expire with the cycle: once it is signed off, or after the review due date. */
export function feedbackClosed(a: FeedbackAppraisal, now: Date): boolean {
  return isLocked(a.state) || !isCycleOpen({ review_due: a.reviewDue }, now);
}

/** Why no feedback may be requested now (409), or null. */
export function requestRefusal(a: FeedbackAppraisal, now: Date): string | null {
  if (isLocked(a.state)) return "This appraisal is signed off: feedback can no longer be requested.";
  if (!isCycleOpen({ review_due: a.reviewDue }, now))
    return `The cycle's review was due on ${a.reviewDue}: feedback can no longer be requested.`;
  return null;
}

/** A request's status as of now: an open request of a closed appraisal has expired, stored or not. */
export function effectiveStatus(stored: RequestStatus, a: FeedbackAppraisal, now: Date): RequestStatus {
  return stored === "open" && feedbackClosed(a, now) ? "expired" : stored;
}

/** Why this request cannot be answered or declined now (409), or null. */
export function answerRefusal(stored: RequestStatus, a: FeedbackAppraisal, now: Date): string | null {
  switch (effectiveStatus(stored, a, now)) {
    case "open":
      return null;
    case "answered":
      return "You have already answered this request.";
    case "declined":
      return "You have declined this request.";
    case "expired":
      return isLocked(a.state)
        ? "This request has expired: the appraisal is signed off."
        : `This request has expired: the cycle's review was due on ${a.reviewDue}.`;
  }
}

/** A candidate to be asked, as the requester's form lists them. */
export interface Candidate {
  id: number;
  active: boolean;
}

/** Why this person cannot be asked (a message for the field), or null. */
export function respondentRefusal(
  c: Candidate | undefined,
  subjectId: number,
  alreadyAsked: ReadonlySet<number>,
  name = "This person",
): string | null {
  if (!c) return "Choose colleagues from the list.";
  if (c.id === subjectId) return "The person appraised cannot give feedback on themselves.";
  if (!c.active) return `${name} is no longer active.`;
  if (alreadyAsked.has(c.id)) return `${name} has already been asked.`;
  return null;
}

// ---------------------------------------------------------------------------------------------
// Tallies

/** One skill's answers, added up: counts per level 0..5, "can't say", and the comments, sorted. */
export interface Tally {
  levels: number[];
  cantSay: number;
  comments: string[];
}

export const emptyTally = (): Tally => ({ levels: FEEDBACK_LEVELS.map(() => 0), cantSay: 0, comments: [] });

/** One skill of one answer: a level, or null for "can't say", and an optional comment. */
export interface SkillAnswer {
  level: number | null;
  comment: string;
}

/** Code-point order: the same on every engine and locale, and it says nothing about who wrote first. */
const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function addToTally(t: Tally, a: SkillAnswer): Tally {
  const levels = [...t.levels];
  if (a.level !== null) levels[a.level] = (levels[a.level] ?? 0) + 1;
  const comment = a.comment.trim();
  return {
    levels,
    cantSay: t.cantSay + (a.level === null ? 1 : 0),
    comments: comment ? [...t.comments, comment].sort(byCodePoint) : t.comments,
  };
}

export interface SkillSummary {
  /** colleagues who gave a level */
  ratings: number;
  cantSay: number;
  median: number | null;
  mean: number | null;
  min: number | null;
  max: number | null;
  /** per level 0..5, how many */
  distribution: number[];
}

/** Median of the levels a histogram holds (the mean of the two middle ones for an even count). */
function medianOf(levels: number[], n: number): number | null {
  if (n === 0) return null;
  const at = (k: number) => {
    let seen = 0;
    for (let l = 0; l < levels.length; l++) {
      seen += levels[l]!;
      if (seen > k) return l;
    }
    return levels.length - 1;
  };
  return n % 2 ? at((n - 1) / 2) : (at(n / 2 - 1) + at(n / 2)) / 2;
}

export function summarise(t: Tally): SkillSummary {
  const n = t.levels.reduce((s, c) => s + c, 0);
  const sum = t.levels.reduce((s, c, l) => s + c * l, 0);
  const present = t.levels.map((c, l) => (c > 0 ? l : -1)).filter((l) => l >= 0);
  return {
    ratings: n,
    cantSay: t.cantSay,
    median: medianOf(t.levels, n),
    mean: n ? Math.round((sum / n) * 10) / 10 : null,
    min: present.length ? present[0]! : null,
    max: present.length ? present[present.length - 1]! : null,
    distribution: [...t.levels],
  };
}

/** What the employee and the manager see of one skill. */
export interface FeedbackSkillView {
  key: string;
  name: string;
  /** null while fewer than `threshold` colleagues rated this skill */
  summary: SkillSummary | null;
  /** how many rated it (shown even when the summary is held back) */
  ratings: number;
  comments: string[];
}

/** What the appraisal page (and the snapshot) holds of the feedback: counts always, results past the threshold. */
export interface FeedbackView {
  asked: number;
  answered: number;
  threshold: number;
  /** the results may be shown: at least `threshold` colleagues answered */
  visible: boolean;
  /** empty until visible */
  skills: FeedbackSkillView[];
}

/**
 * The aggregates as they may be shown. Below the threshold nothing but the counts; past it, per skill the
 * summary when enough colleagues rated that skill (else only how many did), and the comments in sorted order.
 */
export function feedbackView(
  counts: { asked: number; answered: number },
  tallies: ReadonlyMap<string, Tally>,
  skills: readonly { key: string; name: string }[],
  threshold: number,
): FeedbackView {
  const visible = counts.answered >= threshold;
  return {
    ...counts,
    threshold,
    visible,
    skills: visible
      ? skills.map((s) => {
          const t = tallies.get(s.key) ?? emptyTally();
          const summary = summarise(t);
          return {
            key: s.key,
            name: s.name,
            summary: summary.ratings >= threshold ? summary : null,
            ratings: summary.ratings,
            comments: [...t.comments].sort(byCodePoint),
          };
        })
      : [],
  };
}

/** The threshold as stored, clamped into the allowed range (an out-of-range stored value never lowers it). */
export function effectiveThreshold(stored: unknown): number {
  const n = typeof stored === "number" && Number.isInteger(stored) ? stored : DEFAULT_FEEDBACK_THRESHOLD;
  return Math.min(FEEDBACK_THRESHOLD_RANGE.max, Math.max(FEEDBACK_THRESHOLD_RANGE.min, n));
}
