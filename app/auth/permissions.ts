// The one place that decides who may do what. Pure: the server helpers in
// permissions.server.ts work out the relation between the actor and the subject
// (self, same team, in the reporting subtree) and ask `can`.
import type { Role } from "~/domain/types";

/** Whose data a grant reaches: one's own, colleagues in the same team, one's reporting subtree, anyone. */
export type Scope = "own" | "team" | "subtree" | "any";

export type Action =
  | "dashboard:read"
  | "evidence:read"
  | "evidence:write"
  | "evidence:verify"
  | "evidence:endorse"
  | "goal:write"
  | "appraisal:read"
  | "appraisal:self"
  | "appraisal:start"
  | "appraisal:rate"
  | "appraisal:reopen"
  | "portfolio:export"
  | "import:run"
  | "team:read"
  /** on-call health: interruptions, rest, toil (issue 13 point 4) */
  | "health:read"
  | "people:manage"
  | "catalog:manage"
  | "cycles:manage"
  | "tokens:manage"
  | "audit:read"
  /** download the whole organisation's data (ADR 018) */
  | "org:export"
  /** download all of one's own data */
  | "data:export"
  /** erase a person who has left (issue 17, point 6; ADR 023) */
  | "person:erase"
  /** one's remembered choices: the target position, list filters (issue 16) */
  | "preferences:write"
  /** one's own preferences on the profile page (the colour scheme, issue 16) */
  | "profile:write";

export type Permission = `${Action}:${Scope}`;

const ENGINEER: Permission[] = [
  "dashboard:read:own",
  "evidence:read:own",
  "evidence:read:team",
  "evidence:write:own",
  "evidence:endorse:team",
  "goal:write:own",
  "appraisal:read:own",
  "appraisal:self:own",
  "portfolio:export:own",
  "import:run:own",
  "audit:read:own",
  "data:export:own",
  "preferences:write:own",
  "profile:write:own",
  "health:read:own",
];

const MANAGER: Permission[] = [
  ...ENGINEER,
  "dashboard:read:subtree",
  "evidence:read:subtree",
  "evidence:verify:subtree",
  "goal:write:subtree",
  "appraisal:read:subtree",
  "appraisal:start:subtree",
  "appraisal:rate:subtree",
  "portfolio:export:subtree",
  "team:read:own",
  "health:read:subtree",
  "audit:read:subtree",
];

const ADMIN: Permission[] = [
  ...ENGINEER,
  "dashboard:read:any",
  "evidence:read:any",
  "appraisal:read:any",
  "appraisal:start:any",
  "appraisal:reopen:any",
  "import:run:any",
  "people:manage:any",
  "catalog:manage:any",
  "cycles:manage:any",
  "tokens:manage:any",
  "audit:read:any",
  "team:read:any",
  "health:read:any",
  "org:export:any",
  // Erasure is an admin's alone: it cannot be undone, and it reaches anyone who has left, in any team.
  "person:erase:any",
];

export const GRANTS: Record<Role, readonly Permission[]> = { engineer: ENGINEER, manager: MANAGER, admin: ADMIN };

/** How the subject relates to the actor. */
export interface Relation {
  self: boolean;
  sameTeam: boolean;
  /** the subject reports to the actor, directly or indirectly */
  inSubtree: boolean;
}

export const NO_RELATION: Relation = { self: false, sameTeam: false, inSubtree: false };
export const SELF: Relation = { self: true, sameTeam: true, inSubtree: false };

function scopeCovers(scope: Scope, rel: Relation): boolean {
  switch (scope) {
    case "any":
      return true;
    case "own":
      return rel.self;
    case "team":
      return rel.sameTeam && !rel.self;
    case "subtree":
      return rel.inSubtree;
  }
}

/** May an actor with this role do `action` to a subject with this relation? */
export function can(role: Role, action: Action, rel: Relation): boolean {
  return GRANTS[role].some((p) => {
    const i = p.lastIndexOf(":");
    return p.slice(0, i) === action && scopeCovers(p.slice(i + 1) as Scope, rel);
  });
}

/**
 * A draft is private to its owner (README, "Evidence"): nobody else sees it, its title or its existence,
 * nor links it to a goal, whatever their grants. The scoped queries apply the same rule in SQL
 * (app/models/evidence-visibility.server.ts); grants decide whose other items one reads.
 */
export function seesDraftOf(viewerId: number, ownerId: number): boolean {
  return viewerId === ownerId;
}

/** Does the role hold the action for anyone at all? (For navigation and role-level pages.) */
export function hasAnyScope(role: Role, action: Action): boolean {
  return GRANTS[role].some((p) => p.startsWith(action + ":"));
}

/** Does the role reach everyone in the organisation for this action (no subtree or team to scope by)? */
export function reachesEveryone(role: Role, action: Action): boolean {
  return widestScope(role, action) === "any";
}

/** The widest subject set a role reaches for an action, for scoping list queries. */
export function widestScope(role: Role, action: Action): Scope | null {
  const order: Scope[] = ["any", "subtree", "team", "own"];
  for (const s of order) if (GRANTS[role].includes(`${action}:${s}` as Permission)) return s;
  return null;
}

// Issue 17, part 1 (skills catalogue; ADR 019). Which grant the catalogue pages ask for, named once here so
// that the routes, the commands and the access matrix agree: the catalogue is the catalog admins' job.
export const SKILL_CATALOGUE_ACTION: Action = "catalog:manage";
/** Adding, renaming and retiring teams (issue 16, point 9): organisation data, kept like the catalogue. */
export const TEAMS_ACTION: Action = "catalog:manage";
// Issue 17, point 6 (erasure; ADR 023): the grant the erase page and command ask for.
export const ERASE_ACTION: Action = "person:erase";
// ---- Certifications (issue 17, part 2) ----
// A certification a person holds is evidence of their skills, so it follows evidence's grants exactly: who may
// see a person's dashboard sees their certifications, a person records their own, and whoever verifies their
// evidence (their managers, up the reporting line) verifies their certifications. The catalogue is the
// admins' catalogue. Named here so that the routes and commands ask for the certification's meaning.
export const CERTIFICATION_ACTIONS = {
  read: "dashboard:read",
  record: "evidence:write",
  verify: "evidence:verify",
  catalogue: "catalog:manage",
} as const satisfies Record<string, Action>;
// ---------------------------------------------------------------------------------------------
// Issue 17, part 3: 360 feedback (ADR 021). Kept apart from GRANTS so the part merges as one block.
// - request: the employee (own appraisal) and their managers (subtree); nobody asks for another's sake.
// - read (the aggregates): the employee and their managers only. SPEC.md makes answers "visible to the
//   manager and the employee"; an admin reads the appraisal but not its colleagues' feedback.
// - answer: the person asked, and nobody else (the relation is to the request's respondent).

export type FeedbackAction = "feedback:request" | "feedback:read" | "feedback:answer";
type FeedbackPermission = `${FeedbackAction}:${Scope}`;

const FEEDBACK_ENGINEER: FeedbackPermission[] = ["feedback:request:own", "feedback:read:own", "feedback:answer:own"];
const FEEDBACK_GRANTS: Record<Role, readonly FeedbackPermission[]> = {
  engineer: FEEDBACK_ENGINEER,
  manager: [...FEEDBACK_ENGINEER, "feedback:request:subtree", "feedback:read:subtree"],
  admin: FEEDBACK_ENGINEER,
};

/** May an actor with this role do a feedback `action` to a subject with this relation? */
export function canFeedback(role: Role, action: FeedbackAction, rel: Relation): boolean {
  return FEEDBACK_GRANTS[role].some((p) => {
    const i = p.lastIndexOf(":");
    return p.slice(0, i) === action && scopeCovers(p.slice(i + 1) as Scope, rel);
  });
}

/** Does the role answer feedback requests at all? (For the navigation.) */
export function answersFeedback(role: Role): boolean {
  return FEEDBACK_GRANTS[role].some((p) => p.startsWith("feedback:answer:"));
}
