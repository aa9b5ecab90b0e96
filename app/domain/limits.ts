// How long free text may be, in one place: the shared form schemas (app/schemas) take their limits from
// here, and the forms' HTML constraints come from those schemas, so a limit is written once.
export { TITLE_MAX as EVIDENCE_TITLE_MAX } from "./import/evidence";
export { MAX_COMMENT_LENGTH, MAX_SUMMARY_LENGTH } from "./appraisal-workflow";
export { MAX_ADJUSTMENT_REASON_LENGTH, MAX_RULE_REASON_LENGTH } from "./mapping";

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
