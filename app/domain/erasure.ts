// Erasure of a person who has left (issue 17, point 6; ADR 023): the rules, as data and pure functions. What
// happens to each table is ERASURE_PLAN, one line per table, so that a table a later migration adds must be
// given a line (test/integration/erasure.test.ts compares the plan with the database's catalogue).

/** What replaces a person's free text where the column may not be empty (titles, reasons). */
export const ERASED_TEXT = "Erased";

/** What replaces a mention of the erased person inside somebody else's text. */
export const ERASED_MENTION = "[erased]";

/**
 * The placeholder name. The number is an erasure counter, not the person's id: the id is in URLs, logs,
 * e-mails and backups made before the erasure, and a name carrying it would join the anonymous row to them.
 */
export function erasedName(n: number): string {
  return `Erased person #${n}`;
}

/** The placeholder for the unique, required email: not an address, so nobody can sign in with it or be sent mail. */
export function erasedEmail(n: number): string {
  return `erased-person-${n}`;
}

/** Only a deactivated person who is not erased yet can be erased; null when allowed, else why not. */
export function erasureRefusal(person: { active: number; erased_at: string | null }): string | null {
  if (person.erased_at !== null) return "This person has already been erased.";
  if (person.active) return "Deactivate first: only a person who has left (deactivated) can be erased.";
  return null;
}

/**
 * Strings shorter than this are not searched for in other people's text: a two-letter handle would
 * otherwise blank every word or ticket number that happens to contain it.
 */
export const MENTION_MIN_LENGTH = 3;

/** The strings that name the person, as they may be written in others' text (raw and as JSON escapes them). */
export function mentionNeedles(person: { name: string; email: string; handles: string[] }): string[] {
  const raw = [person.name, person.email, ...person.handles].map((s) => s.trim()).filter((s) => s.length >= MENTION_MIN_LENGTH);
  const all = new Set<string>();
  for (const s of raw) {
    all.add(s);
    all.add(JSON.stringify(s).slice(1, -1));
  }
  // longest first, so that "Ann Lee" is replaced before "Ann" could split it
  return [...all].sort((a, b) => b.length - a.length);
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Replaces every mention of the needles in `text`, ignoring case, as a whole token only (not inside a
 * longer word or number: handle "149" leaves "INC01497" alone). Null when nothing was mentioned.
 */
export function scrubMentions(text: string, needles: string[]): string | null {
  if (!needles.length) return null;
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${needles.map(escapeRegExp).join("|")})(?![\\p{L}\\p{N}])`, "giu");
  const out = text.replace(pattern, ERASED_MENTION);
  return out === text ? null : out;
}

/** How a table is treated: what of the person's rows is deleted, kept or blanked, and why. */
export interface TablePlan {
  /** the person's rows (or rows about them) */
  treatment: "delete" | "anonymise" | "keep" | "catalogue";
  why: string;
  /** free-text columns searched for mentions of the person in everyone's rows, with the row's key columns */
  mentions?: { key: string[]; columns: string[] };
}

/** Every table, and what erasure does to it. The model (app/models/erasure.server.ts) follows this. */
export const ERASURE_PLAN: Record<string, TablePlan> = {
  people: { treatment: "anonymise", why: "name and email replaced, password removed; the row anchors team history" },
  itsm_handles: { treatment: "delete", why: "handles name the person in the ticketing system" },
  sessions: { treatment: "delete", why: "signed out everywhere, for good" },
  login_attempts: { treatment: "delete", why: "the keys carry the email typed at sign-in" },
  password_tokens: { treatment: "delete", why: "credentials" },
  api_tokens: { treatment: "delete", why: "credentials the person created", mentions: { key: ["id"], columns: ["name"] } },
  evidence: {
    treatment: "anonymise",
    why: "drafts deleted; other items kept for the team's skill and load history, titles, notes, links and ticket ids blanked",
    mentions: { key: ["id"], columns: ["title", "notes", "links_json", "return_reason"] },
  },
  contributions: {
    treatment: "keep",
    why: "points per skill: the history the buckets sum; an adjustment's reason is blanked",
    mentions: { key: ["id"], columns: ["reason"] },
  },
  skill_months: { treatment: "keep", why: "anonymous aggregate (bus factor, skill history)" },
  load_months: { treatment: "keep", why: "anonymous aggregate (load history)" },
  adjustments: {
    treatment: "anonymise",
    why: "points kept, the reviewer's reason blanked",
    mentions: { key: ["id"], columns: ["reason"] },
  },
  endorsements: {
    treatment: "anonymise",
    why: "comments given by or about the person blanked",
    mentions: { key: ["id"], columns: ["comment"] },
  },
  goals: { treatment: "delete", why: "personal plans, not team history", mentions: { key: ["id"], columns: ["title"] } },
  goal_evidence: { treatment: "delete", why: "links of the deleted goals" },
  person_preferences: { treatment: "delete", why: "their remembered target position" },
  outbox: {
    treatment: "delete",
    why: "mail addressed to them (the address and the text); others' mail scrubbed of mentions",
    mentions: { key: ["id"], columns: ["subject", "text_body", "html_body"] },
  },
  list_filters: {
    treatment: "delete",
    why: "their remembered list filters; others' remembered searches scrubbed",
    mentions: { key: ["person_id", "list_key"], columns: ["query"] },
  },
  appraisal_cycles: { treatment: "catalogue", why: "organisation data", mentions: { key: ["id"], columns: ["name"] } },
  appraisals: {
    treatment: "anonymise",
    why: "states and levels kept; summaries, comments and the snapshot blanked",
    mentions: { key: ["id"], columns: ["self_summary", "manager_comment", "acknowledgement_comment", "snapshot_json"] },
  },
  appraisal_ratings: {
    treatment: "anonymise",
    why: "levels kept, comments blanked",
    mentions: { key: ["appraisal_id", "skill_key"], columns: ["self_comment", "manager_comment"] },
  },
  feedback_requests: { treatment: "keep", why: "ids and statuses only, no text" },
  feedback_tallies: {
    treatment: "anonymise",
    why: "counts kept (anonymous aggregate); comments about the person blanked",
    mentions: { key: ["appraisal_id", "skill_key"], columns: ["comments_json"] },
  },
  import_batches: {
    treatment: "anonymise",
    why: "their previews deleted; file names and stored payloads blanked; others' payloads scrubbed of mentions",
  },
  import_batch_items: {
    treatment: "delete",
    why: "their items leave every batch, with the stored copies (an undo keeps them); others' copies scrubbed",
    mentions: { key: ["batch_id", "evidence_id"], columns: ["previous_json"] },
  },
  person_certifications: {
    treatment: "anonymise",
    why: "verified certifications count towards skills: kept; credential ids, links, attachments and reasons removed",
    mentions: { key: ["id"], columns: ["return_reason", "credential_ref", "link_url", "attachment_name"] },
  },
  audit_log: {
    treatment: "anonymise",
    why: "entries kept with their actor ids; details about the person removed, mentions elsewhere scrubbed",
    mentions: { key: ["id"], columns: ["before_json", "after_json", "reason"] },
  },
  teams: { treatment: "catalogue", why: "organisation data", mentions: { key: ["id"], columns: ["name"] } },
  positions: { treatment: "catalogue", why: "organisation data" },
  position_requirements: { treatment: "catalogue", why: "organisation data" },
  skills: { treatment: "catalogue", why: "organisation data" },
  evidence_kinds: { treatment: "catalogue", why: "organisation data" },
  settings: { treatment: "catalogue", why: "organisation data" },
  mapping_rules: { treatment: "catalogue", why: "organisation data" },
  certifications: { treatment: "catalogue", why: "organisation data" },
  certification_skills: { treatment: "catalogue", why: "organisation data" },
  position_certifications: { treatment: "catalogue", why: "organisation data" },
  kysely_migration: { treatment: "catalogue", why: "the schema's own bookkeeping" },
  kysely_migration_lock: { treatment: "catalogue", why: "the schema's own bookkeeping" },
};
