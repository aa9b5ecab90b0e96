// The one Database interface the app queries through kysely. Dates are ISO-8601 text
// ("YYYY-MM-DDTHH:MM:SS.sssZ" for instants, "YYYY-MM-DD" for days); booleans are 0/1 integers,
// which SQLite and PostgreSQL both store without a dialect-specific type.
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from "kysely";

type Bool = number;

export interface TeamTable {
  id: Generated<number>;
  name: string;
  // issue 16, point 9 (migration 0021): null = live; a retired team keeps its members' history, takes no new ones
  retired_at: string | null;
  version: Generated<number>;
  updated_at: string | null;
}

export interface PositionTable {
  id: Generated<number>;
  key: string;
  name: string;
  rank: number;
  is_management: Bool;
  retired: Generated<Bool>;
  // issue 17, part 4 (migration 0016): "shared" | "ic" | "management" (app/domain/ladder-tracks.ts)
  track: Generated<string>;
  description: string | null;
}

export interface PositionRequirementTable {
  position_id: number;
  skill_key: string;
  level: number;
}

export interface SkillTable {
  key: string;
  name: string;
  sfia_codes: string;
  sort_order: number;
  retired: Generated<Bool>;
  /** shown on the catalogue page (migration 0014, issue 17 part 1) */
  description: string | null;
  /** raised by one on every catalogue edit (migration 0014, ADR 017) */
  version: Generated<number>;
  /** the last catalogue edit; null for skills not edited since the catalogue was set up */
  updated_at: string | null;
}

export interface EvidenceKindTable {
  key: string;
  name: string;
  sort_order: number;
  retired: Generated<Bool>;
}

export interface PersonTable {
  id: Generated<number>;
  email: string;
  name: string;
  password_hash: string | null;
  role: "engineer" | "manager" | "admin";
  manager_id: number | null;
  team_id: number | null;
  position_id: number | null;
  active: Generated<Bool>;
  created_at: string;
  updated_at: string;
  /** set once the person has been erased (migration 0017, ADR 023): the row is an anonymous placeholder */
  erased_at: Generated<string | null>;
  /** "light" | "dark"; null follows the browser (migration 0020) */
  theme: string | null;
  /** IANA zone; null = the organisation's (migration 0023) */
  time_zone: string | null;
  /** ISO weekdays as digits, "12345" = Monday–Friday; null = the organisation's business hours */
  work_days: string | null;
  /** local "HH:MM"; null = the organisation's */
  work_start: string | null;
  work_end: string | null;
}

export interface ItsmHandleTable {
  id: Generated<number>;
  person_id: number;
  /** as written in the export, e.g. "Resolved by 149" */
  handle: string;
  /** lower-cased, trimmed: what uniqueness and matching use */
  handle_key: string;
}

export interface SessionTable {
  /** SHA-256 (hex) of the id in the cookie (migration 0010) */
  id: string;
  person_id: number;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
  user_agent: string | null;
}

export interface LoginAttemptTable {
  id: Generated<number>;
  /** "pair:<account>|<address>", "ip:<address>" or "acct:<account>" (app/auth/sign-in.server.ts) */
  key: string;
  at: string;
}

export interface PasswordTokenTable {
  token_hash: string;
  person_id: number;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor_id: number | null;
  action: string;
  entity: string;
  entity_id: string | null;
  /** whose data it concerns, for scoping who may read the entry */
  subject_person_id: number | null;
  before_json: string | null;
  after_json: string | null;
  reason: string | null;
}

/** Mail waiting for, or already given to, SMTP (migration 0022) */
export interface OutboxTable {
  id: Generated<number>;
  to_email: string;
  subject: string;
  text_body: string;
  html_body: string;
  kind: string;
  created_at: string;
  sent_at: string | null;
  claimed_until: string | null;
  attempts: Generated<number>;
  last_error: string | null;
}

export interface SettingTable {
  key: string;
  value_json: string;
}

export interface MappingRuleTable {
  id: Generated<number>;
  kind: string;
  when_json: string;
  skill_key: string;
  points: number;
  reason: string;
  active: Generated<Bool>;
  sort_order: number;
}

export interface EvidenceTable {
  id: Generated<number>;
  person_id: number;
  kind: string;
  title: string;
  external_ref: string | null;
  source: "manual" | "import" | "api";
  /**
   * "<system>:<external ref>" for imported/API items, normalised (app/domain/import/evidence.ts ticketKey;
   * migration 0011): the ticket's identity, unique in the organisation, whatever channel brought it
   */
  import_key: string | null;
  import_batch_id: number | null;
  /** the source's modification count of the ticket this item was last imported from (migration 0025) */
  source_mod_count: number | null;
  /** the source's last update of that ticket, a UTC ISO instant (migration 0025) */
  source_updated_at: string | null;
  started_at: string | null;
  resolved_at: string;
  priority: string | null;
  impact: string | null;
  work_role: string | null;
  outcome: string | null;
  after_hours: Generated<Bool>;
  after_hours_minutes: Generated<number>;
  duration_minutes: Generated<number>;
  emergency: Generated<Bool>;
  adds_functionality: Generated<Bool>;
  fixes_slowness: Generated<Bool>;
  reassignment_count: Generated<number>;
  reopen_count: Generated<number>;
  problem_ref: string | null;
  change_ref: string | null;
  resolution_code: string | null;
  notes: string | null;
  links_json: string | null;
  status: "draft" | "submitted" | "verified" | "returned";
  return_reason: string | null;
  verified_by: number | null;
  verified_at: string | null;
  created_at: string;
  updated_at: string;
  /** set when the owner edits an imported item, so undoing its batch keeps it */
  edited_at: string | null;
  /** raised by one on every write of what the item's forms show (migration 0012, ADR 017) */
  version: Generated<number>;
}

export interface ContributionTable {
  id: Generated<number>;
  evidence_id: number;
  /** denormalised owner and date: the dashboard aggregates without joining evidence */
  person_id: number;
  resolved_at: string;
  /** 1 when the item counts towards scores (submitted or verified), 0 for drafts and returned items */
  counted: Bool;
  verified: Bool;
  skill_key: string;
  points: number;
  reason: string;
  rule_id: number | null;
  adjusted: Bool;
  original_points: number | null;
}

/** Monthly score buckets per person and skill, kept in step with contributions (ADR 005). */
export interface SkillMonthTable {
  person_id: number;
  skill_key: string;
  /** YYYY-MM */
  month: string;
  /** middle of the month, ms since the epoch: the instant decay is measured from */
  month_mid_ms: number;
  verified_points: number;
  self_points: number;
  /** items whose net points for the skill are positive */
  items: number;
  verified_items: number;
  /** resolved_at of the latest of those items */
  last_at: string;
}

/**
 * The team view's load figures per person and month (migration 0009), kept in step with evidence by the
 * writer: counted items that are P1, on call or after hours, grouped by what the load rules look at.
 */
export interface LoadMonthTable {
  person_id: number;
  /** YYYY-MM of resolved_at */
  month: string;
  /** 'on_call' or 'other' */
  kind: string;
  /** 'P1' or '' (any other priority, or none) */
  priority: string;
  after_hours: Bool;
  /** 1 when after_hours_minutes > 0 */
  minutes_known: Bool;
  after_hours_minutes: number;
  duration_minutes: number;
  items: number;
}

export interface AdjustmentTable {
  id: Generated<number>;
  evidence_id: number;
  skill_key: string;
  points: number;
  reason: string;
  created_by: number;
  created_at: string;
}

export interface EndorsementTable {
  id: Generated<number>;
  evidence_id: number;
  person_id: number;
  comment: string;
  created_at: string;
}

export interface GoalTable {
  id: Generated<number>;
  person_id: number;
  title: string;
  skill_key: string | null;
  position_id: number | null;
  due_date: string | null;
  status: "open" | "in_progress" | "done" | "dropped";
  created_at: string;
  updated_at: string;
  /** raised by one on every save (migration 0012, ADR 017) */
  version: Generated<number>;
}

export interface GoalEvidenceTable {
  goal_id: number;
  evidence_id: number;
}

export interface AppraisalCycleTable {
  id: Generated<number>;
  name: string;
  period_start: string;
  period_end: string;
  self_due: string;
  review_due: string;
  created_by: number | null;
  created_at: string;
}

export interface AppraisalTable {
  id: Generated<number>;
  cycle_id: number;
  person_id: number;
  manager_id: number | null;
  state: "not_started" | "self_assessment" | "manager_review" | "signed_off" | "acknowledged";
  self_summary: string | null;
  manager_comment: string | null;
  outcome: string | null;
  promo_position_id: number | null;
  promo_readiness: string | null;
  snapshot_json: string | null;
  signed_off_at: string | null;
  acknowledged_at: string | null;
  /** the employee's comment at acknowledgement (migration 0018) */
  acknowledgement_comment: string | null;
  /** 1 when the employee acknowledged but disagrees */
  acknowledgement_disagrees: Generated<number>;
  created_at: string;
  updated_at: string;
  /** raised by one on every write of the appraisal or its ratings (migration 0012, ADR 017) */
  version: Generated<number>;
}

export interface AppraisalRatingTable {
  appraisal_id: number;
  skill_key: string;
  self_level: number | null;
  self_comment: string | null;
  manager_level: number | null;
  manager_comment: string | null;
}

export interface ImportBatchTable {
  id: Generated<number>;
  created_by: number;
  /** "self": attributed only to the uploader; "org": by handle, admins only */
  scope: "self" | "org";
  format: string;
  filename: string;
  status: "preview" | "applied" | "undone";
  rows_read: number;
  items_created: Generated<number>;
  items_updated: Generated<number>;
  items_unchanged: Generated<number>;
  /** parsed, normalised items awaiting confirmation (cleared once applied) */
  payload_json: string | null;
  created_at: string;
  applied_at: string | null;
  undone_at: string | null;
}

export interface ImportBatchItemTable {
  batch_id: number;
  evidence_id: number;
  action: "created" | "updated";
  /** the evidence row before an update, to restore on undo */
  previous_json: string | null;
}

export interface ApiTokenTable {
  id: Generated<number>;
  name: string;
  token_hash: string;
  prefix: string;
  created_by: number;
  created_at: string;
  revoked_at: string | null;
  last_used_at: string | null;
}

// Certifications (issue 17, migration 0013)
export interface CertificationTable {
  id: Generated<number>;
  key: string;
  name: string;
  issuer: string;
  /** null: does not expire */
  validity_months: number | null;
  description: string | null;
  retired: Generated<Bool>;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface CertificationSkillTable {
  certification_id: number;
  skill_key: string;
  points: number;
}

export interface PositionCertificationTable {
  position_id: number;
  certification_id: number;
}

export interface PersonCertificationTable {
  id: Generated<number>;
  person_id: number;
  certification_id: number;
  /** YYYY-MM-DD */
  issued_on: string;
  /** YYYY-MM-DD, null: does not expire */
  expires_on: string | null;
  credential_ref: string | null;
  link_url: string | null;
  attachment_name: string | null;
  attachment_type: string | null;
  attachment_base64: string | null;
  status: "submitted" | "verified" | "returned";
  return_reason: string | null;
  verified_by: number | null;
  verified_at: string | null;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}

// 360 feedback (issue 17, part 3, migration 0015; ADR 021)
export interface FeedbackRequestTable {
  id: Generated<number>;
  appraisal_id: number;
  respondent_id: number;
  requested_by: number;
  relation: "peer" | "report" | "manager" | "other";
  /** whether they answered, never what: answers live only as tallies */
  status: "open" | "answered" | "declined" | "expired";
  created_at: string;
}

/** Per appraisal and skill: how many colleagues gave each level, and their comments, sorted. No respondent. */
export interface FeedbackTallyTable {
  appraisal_id: number;
  skill_key: string;
  level_0: Generated<number>;
  level_1: Generated<number>;
  level_2: Generated<number>;
  level_3: Generated<number>;
  level_4: Generated<number>;
  level_5: Generated<number>;
  cant_say: Generated<number>;
  /** JSON array of strings in sorted order */
  comments_json: Generated<string>;
}

/** A person's own remembered choices (migration 0019). */
export interface PersonPreferenceTable {
  person_id: number;
  /** the target position chosen on the dashboard, portfolio or goals; null = the next rung */
  target_position_id: number | null;
  updated_at: string;
}

/** The filters last submitted on a list, per person and list (migration 0019). */
export interface ListFilterTable {
  person_id: number;
  /** which list: "evidence" */
  list_key: string;
  /** a normalised query string, e.g. "kind=incident&skill=crisis" */
  query: string;
  updated_at: string;
}

export interface Database {
  teams: TeamTable;
  positions: PositionTable;
  position_requirements: PositionRequirementTable;
  skills: SkillTable;
  evidence_kinds: EvidenceKindTable;
  people: PersonTable;
  itsm_handles: ItsmHandleTable;
  sessions: SessionTable;
  login_attempts: LoginAttemptTable;
  password_tokens: PasswordTokenTable;
  audit_log: AuditLogTable;
  settings: SettingTable;
  outbox: OutboxTable;
  mapping_rules: MappingRuleTable;
  evidence: EvidenceTable;
  contributions: ContributionTable;
  skill_months: SkillMonthTable;
  load_months: LoadMonthTable;
  adjustments: AdjustmentTable;
  endorsements: EndorsementTable;
  goals: GoalTable;
  goal_evidence: GoalEvidenceTable;
  appraisal_cycles: AppraisalCycleTable;
  appraisals: AppraisalTable;
  appraisal_ratings: AppraisalRatingTable;
  import_batches: ImportBatchTable;
  import_batch_items: ImportBatchItemTable;
  api_tokens: ApiTokenTable;
  // issue 17, migration 0013
  certifications: CertificationTable;
  certification_skills: CertificationSkillTable;
  position_certifications: PositionCertificationTable;
  person_certifications: PersonCertificationTable;
  // issue 17, part 3 (360 feedback), migration 0015
  feedback_requests: FeedbackRequestTable;
  feedback_tallies: FeedbackTallyTable;
  // issue 16, point 4 (remembered choices), migration 0019
  person_preferences: PersonPreferenceTable;
  list_filters: ListFilterTable;
}

export type Person = Selectable<PersonTable>;
export type NewPerson = Insertable<PersonTable>;
export type PersonUpdate = Updateable<PersonTable>;
export type Evidence = Selectable<EvidenceTable>;
export type NewEvidence = Insertable<EvidenceTable>;
export type EvidenceUpdate = Updateable<EvidenceTable>;
export type Session = Selectable<SessionTable>;
export type Position = Selectable<PositionTable>;
export type Skill = Selectable<SkillTable>;
export type Team = Selectable<TeamTable>;
export type MappingRuleRow = Selectable<MappingRuleTable>;
export type ContributionRow = Selectable<ContributionTable>;
export type Goal = Selectable<GoalTable>;
export type AppraisalCycle = Selectable<AppraisalCycleTable>;
export type Appraisal = Selectable<AppraisalTable>;
export type AppraisalRating = Selectable<AppraisalRatingTable>;
export type ImportBatch = Selectable<ImportBatchTable>;
export type ApiToken = Selectable<ApiTokenTable>;
export type AuditEntry = Selectable<AuditLogTable>;
// ColumnType is re-exported for migrations-free helpers that need it.
export type { ColumnType };
