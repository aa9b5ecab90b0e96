// How long free text may be, in one place: the shared form schemas (app/schemas) take their limits from
// here, and the forms' HTML constraints come from those schemas, so a limit is written once.
export { TITLE_MAX as EVIDENCE_TITLE_MAX } from "./import/evidence";
export { MAX_COMMENT_LENGTH, MAX_SUMMARY_LENGTH } from "./appraisal-workflow";
export { MAX_ADJUSTMENT_REASON_LENGTH, MAX_RULE_REASON_LENGTH } from "./mapping";
import { FEEDBACK_THRESHOLD_RANGE } from "./feedback";

/** A development goal's one-line title. */
export const GOAL_TITLE_MAX = 200;
/** Goals a person may link to the evidence that shows progress. */
export const GOAL_EVIDENCE_MAX = 50;
/** A person's display name; also an appraisal cycle's name. */
export const NAME_MAX = 120;
/** Reference fields (ticket numbers, handles, resolution codes). */
export const REF_MAX = 80;
/** Passwords: long enough to be a passphrase, short enough to hash quickly. */
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;

// Administration and the account.
export { MAX_LEVEL } from "./defaults";
/** A ladder position's name; also an integration token's name. */
export const POSITION_NAME_MAX = 80;
export const TOKEN_NAME_MAX = 80;
/** Ranks on the career ladder: 1 is the first rung. */
export const RANK_MAX = 999;
/** An email address (RFC 5321's path limit). */
export const EMAIL_MAX = 254;
/** ITSM handles one person may be known by. */
export const HANDLES_MAX = 50;
/** The organisation settings' ranges (admin settings form): half-life in months, weights, hours, thresholds. */
export const SETTING_RANGES = {
  halfLifeMonths: { min: 1, max: 240 },
  verifiedWeight: { min: 0.01, max: 10 },
  selfReportedWeight: { min: 0, max: 10 },
  startHour: { min: 0, max: 23 },
  endHour: { min: 1, max: 24 },
  /** a month of hours */
  afterHoursHoursPerMonth: { min: 0, max: 744 },
  p1PerMonth: { min: 0, max: 1000 },
  onCallShiftsPerMonth: { min: 0, max: 100 },
  /** on-call health (ADR 030) */
  interruptionsPerMonth: { min: 0, max: 10000 },
  sleepInterruptionsPerMonth: { min: 0, max: 10000 },
  consecutiveNights: { min: 1, max: 31 },
  minRestHours: { min: 0, max: 24 },
  shortRestNightsPerMonth: { min: 0, max: 31 },
  /** 360 feedback: answers needed before aggregates show (ADR 021: never below 3) */
  feedbackThreshold: FEEDBACK_THRESHOLD_RANGE,
} as const;

// Evidence (the form, CSV imports and the ingest API share the text limits).
export { MAX_ADJUSTMENT, MAX_RULE_POINTS } from "./mapping";
/** An item's notes (Markdown). */
export const EVIDENCE_NOTES_MAX = 20_000;
/** Links per item, and the length of one. */
export const EVIDENCE_LINKS_MAX = 20;
export const EVIDENCE_LINK_MAX = 2_000;
/** An endorsement's comment, and a reviewer's reason for returning an item. */
export const ENDORSEMENT_MAX = 280;
export const RETURN_REASON_MAX = 1_000;
/** Minutes an item entered by hand may take: a week (longer work is logged as several items). */
export const EVIDENCE_MINUTES_MAX = 7 * 24 * 60;
/** Reassignments or reopens entered by hand. */
export const EVIDENCE_COUNT_MAX = 99;
/** A kind's key. */
export const KIND_KEY_MAX = 40;
