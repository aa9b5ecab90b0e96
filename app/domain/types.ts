// Shared shapes of the product's pure rules. No I/O here: dates are ISO-8601 strings, "now" is passed in.

export type Role = "engineer" | "manager" | "admin";
export type Priority = "P1" | "P2" | "P3" | "P4";
export type WorkRole = "lead" | "contributor" | "reviewer";
export type Outcome = "resolved" | "workaround" | "escalated";
export type Impact = "low" | "medium" | "high" | "critical";
export type EvidenceStatus = "draft" | "submitted" | "verified" | "returned";
export type EvidenceSource = "manual" | "import" | "api";

/** A piece of work, as the mapping engine sees it (no ids, no person). */
export interface WorkItem {
  kind: string;
  priority: Priority | null;
  impact: Impact | null;
  role: WorkRole | null;
  outcome: Outcome | null;
  afterHours: boolean;
  afterHoursMinutes: number;
  durationMinutes: number;
  emergency: boolean;
  addsFunctionality: boolean;
  fixesSlowness: boolean;
  reassignmentCount: number;
  reopenCount: number;
  problemRef: string | null;
  changeRef: string | null;
}

/** Conditions a rule may test; every condition given must hold. */
export interface RuleCondition {
  priority?: Priority[];
  role?: WorkRole[];
  outcome?: Outcome[];
  impact?: Impact[];
  afterHours?: boolean;
  emergency?: boolean;
  addsFunctionality?: boolean;
  fixesSlowness?: boolean;
  /** reassigned or reopened at least once */
  reworked?: boolean;
  /** linked to a problem record */
  linkedProblem?: boolean;
}

export interface MappingRule {
  id: number;
  /** an evidence kind key, or "*" for any kind */
  kind: string;
  when: RuleCondition;
  skill: string;
  points: number;
  /** human reason shown next to the points, e.g. "P1 incident you led" */
  reason: string;
  active: boolean;
}

export interface Contribution {
  skill: string;
  points: number;
  reason: string;
  /** rule that produced it; null for a manual adjustment that adds a skill */
  ruleId: number | null;
  adjusted: boolean;
  /** points before the engineer's adjustment, when adjusted */
  originalPoints: number | null;
  adjustmentReason: string | null;
}

export interface Adjustment {
  skill: string;
  points: number;
  reason: string;
}

export interface SkillDef {
  key: string;
  name: string;
  sfiaCodes: string;
  retired: boolean;
}

export interface EvidenceKindDef {
  key: string;
  name: string;
}

/** Required SFIA level (0-7) per skill key. */
export type Requirements = Record<string, number>;

export interface PositionDef {
  id: number;
  key: string;
  name: string;
  rank: number;
  isManagement: boolean;
  requirements: Requirements;
  /** the ladder track (app/domain/ladder-tracks.ts); absent: the shared rungs */
  track?: string;
}

/** The fields of one evidence item as entered, imported or posted (no owner, status or ids). */
export interface EvidenceFields {
  kind: string;
  title: string;
  externalRef: string | null;
  startedAt: string | null;
  resolvedAt: string;
  priority: string | null;
  impact: string | null;
  workRole: string | null;
  outcome: string | null;
  afterHours: boolean;
  afterHoursMinutes: number;
  durationMinutes: number;
  emergency: boolean;
  addsFunctionality: boolean;
  fixesSlowness: boolean;
  reassignmentCount: number;
  reopenCount: number;
  problemRef: string | null;
  changeRef: string | null;
  resolutionCode: string | null;
  notes: string | null;
  links: string[];
}
