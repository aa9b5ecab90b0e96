// The catalog a new organisation starts with. Admins edit the copies in the database;
// these values are only the starting point (loaded by seeds/catalog.ts).
import type { EvidenceKindDef, MappingRule, SkillDef } from "./types";

export const DEFAULT_SKILLS: SkillDef[] = [
  { key: "debugging", name: "Debugging and root-cause analysis", sfiaCodes: "PBMG, USUP", retired: false },
  { key: "crisis", name: "Crisis and major-incident handling", sfiaCodes: "USUP", retired: false },
  { key: "continuity", name: "Disaster recovery and business continuity", sfiaCodes: "COPL, AVMT", retired: false },
  { key: "itil", name: "ITIL service management", sfiaCodes: "CHMG, SLMO", retired: false },
  { key: "design", name: "Solution design within an existing system", sfiaCodes: "DESN, ARCH", retired: false },
  { key: "performance", name: "Performance and capacity tuning", sfiaCodes: "CPMG", retired: false },
  { key: "communication", name: "Customer and stakeholder communication", sfiaCodes: "CSMG, RLMT", retired: false },
  { key: "leadership", name: "Leadership and ownership", sfiaCodes: "ITMG, PEMT", retired: false },
];

export const DEFAULT_KINDS: EvidenceKindDef[] = [
  { key: "incident", name: "Incident" },
  { key: "problem", name: "Problem (root-cause analysis)" },
  { key: "change", name: "Change request" },
  { key: "refactoring", name: "Refactoring" },
  { key: "performance", name: "Performance tuning" },
  { key: "dr_drill", name: "DR / continuity drill" },
  { key: "design", name: "Solution design" },
  { key: "escalation", name: "Customer escalation" },
  { key: "on_call", name: "On-call shift" },
  { key: "knowledge", name: "Knowledge article" },
  { key: "mentoring", name: "Mentoring" },
  { key: "training", name: "Training / certification" },
  // Jira's Service Request, Task and Sub-task: operational work someone asked for (migration 0024 adds it)
  { key: "request", name: "Service request or task" },
];

/** SFIA levels of responsibility: codes and names only. */
export const LEVEL_NAMES = [
  "None",
  "Follow",
  "Assist",
  "Apply",
  "Enable",
  "Ensure, advise",
  "Initiate, influence",
  "Set strategy, inspire, mobilise",
] as const;

export const MAX_LEVEL = 7;

type RuleSeed = Omit<MappingRule, "id" | "active">;

export const DEFAULT_RULES: RuleSeed[] = [
  // incidents
  { kind: "incident", when: { outcome: ["resolved", "workaround"] }, skill: "debugging", points: 2, reason: "Incident resolved" },
  { kind: "incident", when: { priority: ["P1"] }, skill: "crisis", points: 4, reason: "P1 incident" },
  { kind: "incident", when: { priority: ["P2"] }, skill: "crisis", points: 2, reason: "P2 incident" },
  {
    kind: "incident",
    when: { priority: ["P1", "P2"], role: ["lead"] },
    skill: "leadership",
    points: 3,
    reason: "Major incident you led",
  },
  {
    kind: "incident",
    when: { reworked: true },
    skill: "debugging",
    points: 1,
    reason: "Reassigned or reopened incident untangled",
  },
  {
    kind: "incident",
    when: { linkedProblem: true },
    skill: "debugging",
    points: 2,
    reason: "Incident linked to a problem record",
  },
  { kind: "incident", when: { afterHours: true }, skill: "crisis", points: 1, reason: "Handled after hours" },
  {
    kind: "incident",
    when: { outcome: ["escalated"] },
    skill: "communication",
    points: 1,
    reason: "Incident escalated with a hand-over",
  },
  // problems
  { kind: "problem", when: {}, skill: "debugging", points: 4, reason: "Root-cause analysis" },
  { kind: "problem", when: { role: ["lead"] }, skill: "leadership", points: 1, reason: "Problem investigation you led" },
  // change requests
  { kind: "change", when: {}, skill: "itil", points: 2, reason: "Change request delivered" },
  { kind: "change", when: { addsFunctionality: true }, skill: "design", points: 2, reason: "Change that adds functionality" },
  { kind: "change", when: { emergency: true }, skill: "crisis", points: 2, reason: "Emergency change" },
  // refactoring
  { kind: "refactoring", when: {}, skill: "design", points: 3, reason: "Refactoring of live code" },
  {
    kind: "refactoring",
    when: { fixesSlowness: true },
    skill: "performance",
    points: 2,
    reason: "Refactoring that fixed a leak or slowness",
  },
  // performance tuning
  { kind: "performance", when: {}, skill: "performance", points: 4, reason: "Performance tuning" },
  { kind: "performance", when: {}, skill: "debugging", points: 1, reason: "Diagnosing where the time goes" },
  // DR / continuity drills
  { kind: "dr_drill", when: {}, skill: "continuity", points: 4, reason: "DR / continuity drill" },
  { kind: "dr_drill", when: { role: ["lead"] }, skill: "leadership", points: 3, reason: "DR drill you led" },
  { kind: "dr_drill", when: { afterHours: true }, skill: "crisis", points: 1, reason: "Drill run after hours" },
  // solution design
  { kind: "design", when: {}, skill: "design", points: 4, reason: "Solution design" },
  { kind: "design", when: {}, skill: "communication", points: 1, reason: "Design agreed with stakeholders" },
  // customer escalations
  { kind: "escalation", when: {}, skill: "communication", points: 3, reason: "Customer escalation handled" },
  { kind: "escalation", when: {}, skill: "crisis", points: 1, reason: "Escalation under pressure" },
  { kind: "escalation", when: { role: ["lead"] }, skill: "leadership", points: 1, reason: "Escalation you owned" },
  // on-call
  { kind: "on_call", when: {}, skill: "crisis", points: 1, reason: "On-call shift" },
  { kind: "on_call", when: {}, skill: "itil", points: 1, reason: "Service desk cover" },
  // knowledge, mentoring, training
  { kind: "knowledge", when: {}, skill: "itil", points: 1, reason: "Knowledge article published" },
  { kind: "knowledge", when: {}, skill: "communication", points: 2, reason: "Knowledge article written for others" },
  { kind: "mentoring", when: {}, skill: "leadership", points: 3, reason: "Mentoring a colleague" },
  { kind: "mentoring", when: {}, skill: "communication", points: 1, reason: "Explaining the system to a colleague" },
  { kind: "training", when: {}, skill: "itil", points: 1, reason: "Training or certification completed" },
  // service requests and tasks (migration 0024 adds these two to an existing catalogue)
  { kind: "request", when: {}, skill: "itil", points: 1, reason: "Service request or task fulfilled" },
  { kind: "request", when: {}, skill: "communication", points: 1, reason: "Work done for the person who asked" },
];

/**
 * Default ladder: name, whether it is a management role, its track (three shared rungs, then the management
 * track; ADR 022), a line for people choosing a target, required level per skill. The same ladder as
 * seeds/ladders/support-default.json (test/integration/ladder-templates.test.ts).
 */
export const DEFAULT_POSITIONS: {
  key: string;
  name: string;
  isManagement: boolean;
  track: "shared" | "ic" | "management";
  description: string;
  requirements: Record<string, number>;
}[] = [
  {
    key: "se1",
    name: "Support Engineer I",
    isManagement: false,
    track: "shared",
    description: "First-line support: works tickets with guidance and follows the runbooks.",
    requirements: { debugging: 1, crisis: 1, continuity: 0, itil: 1, design: 0, performance: 0, communication: 1, leadership: 0 },
  },
  {
    key: "se2",
    name: "Support Engineer II",
    isManagement: false,
    track: "shared",
    description: "Resolves most incidents alone, takes on-call shifts and writes knowledge articles.",
    requirements: { debugging: 2, crisis: 2, continuity: 1, itil: 2, design: 1, performance: 1, communication: 2, leadership: 1 },
  },
  {
    key: "senior",
    name: "Senior Support Engineer",
    isManagement: false,
    track: "shared",
    description: "Owns hard incidents and root causes, designs changes, mentors; the rung where the tracks fork.",
    requirements: { debugging: 4, crisis: 3, continuity: 2, itil: 3, design: 3, performance: 3, communication: 3, leadership: 2 },
  },
  {
    key: "lead",
    name: "Support Team Lead",
    isManagement: true,
    track: "management",
    description: "Leads a support team: bridges, rotas, coaching and the team's service levels.",
    requirements: { debugging: 4, crisis: 4, continuity: 3, itil: 3, design: 3, performance: 3, communication: 4, leadership: 4 },
  },
  {
    key: "manager",
    name: "Support Manager",
    isManagement: true,
    track: "management",
    description: "Manages several teams or a support line: people, escalations and continuity.",
    requirements: { debugging: 4, crisis: 5, continuity: 4, itil: 4, design: 3, performance: 3, communication: 5, leadership: 5 },
  },
  {
    key: "sdm",
    name: "Service Delivery Manager",
    isManagement: true,
    track: "management",
    description: "Owns service delivery with customers: SLAs, service reviews, change and continuity.",
    requirements: { debugging: 3, crisis: 5, continuity: 5, itil: 5, design: 4, performance: 3, communication: 6, leadership: 6 },
  },
  {
    key: "head",
    name: "Head of IT Operations",
    isManagement: true,
    track: "management",
    description: "Runs IT operations: strategy, organisation and the continuity of every service.",
    requirements: { debugging: 3, crisis: 6, continuity: 6, itil: 6, design: 5, performance: 4, communication: 6, leadership: 7 },
  },
];

/** Scoring settings (admin-editable in the settings table). */
export const DEFAULT_SCORING = {
  halfLifeMonths: 24,
  verifiedWeight: 1.0,
  selfReportedWeight: 0.6,
  /** score and distinct items needed for each level 1..7 */
  thresholds: [
    { level: 1, minScore: 3, minItems: 1 },
    { level: 2, minScore: 10, minItems: 3 },
    { level: 3, minScore: 25, minItems: 8 },
    { level: 4, minScore: 50, minItems: 15 },
    { level: 5, minScore: 90, minItems: 30 },
    { level: 6, minScore: 140, minItems: 50 },
    { level: 7, minScore: 200, minItems: 80 },
  ],
};

export const DEFAULT_LOAD_THRESHOLDS = {
  afterHoursHoursPerMonth: 20,
  p1PerMonth: 4,
  onCallShiftsPerMonth: 8,
  // On-call health (issue 13, ADR 030). About one out-of-hours interruption every other day, and one
  // broken night a week, are where on-call practice (PagerDuty's and Google SRE's guidance of no more than
  // two incidents a shift) starts to call a rota unsustainable.
  interruptionsPerMonth: 15,
  sleepInterruptionsPerMonth: 4,
  // three interrupted nights in a row is the run sleep research ties to lasting fatigue
  consecutiveNights: 2,
  // the EU Working Time Directive's minimum daily rest: 11 consecutive hours
  minRestHours: 11,
  // one short night is what being on call means; more than two in a month is a pattern
  shortRestNightsPerMonth: 2,
};

/**
 * Jira resolutions that say the work was done (any case). Jira's own "not done" ones (Won't Do, Duplicate,
 * Declined, Cannot Reproduce, Won't Fix, Incomplete) are not here: such a ticket earns no points and is
 * skipped at import with its resolution as the reason. Admins add their own resolutions in Settings.
 */
export const DEFAULT_JIRA_DONE_RESOLUTIONS: readonly string[] = [
  "Done",
  "Fixed",
  "Resolved",
  "Completed",
  "Complete",
  "Workaround",
  "Known Error",
  "Hardware failure",
  "Software failure",
  "Escalated",
];

export const DEFAULT_BUSINESS_HOURS = { startHour: 8, endHour: 18, weekdaysOnly: true };
