// The three versioned aggregates as their forms show them (ADR 017), for stale-changes.ts: one display
// string per field and a label for each. Pure. The loader fingerprints the snapshot into the form's
// hidden `base`; a refused save compares the stored row's snapshot with it.
import type { Ratings } from "./appraisal-terms";
import { OUTCOMES, PROMOTION_READINESS, STATE_LABELS } from "./appraisal-workflow";
import { STATUS_LABELS } from "./evidence-status";
import type { Labels, Snapshot } from "./stale-changes";
import type { Adjustment, EvidenceFields, EvidenceStatus } from "./types";

const yesNo = (v: boolean) => (v ? "yes" : "no");
const text = (v: string | null | undefined) => v ?? "";
const count = (v: number) => (v ? String(v) : "");
const minute = (iso: string | null) => (iso ? `${iso.slice(0, 10)} ${iso.slice(11, 16)}` : "");

export const EVIDENCE_LABELS: Labels = {
  status: "Status",
  title: "Title",
  kind: "Kind of work",
  externalRef: "External reference",
  startedAt: "Started",
  resolvedAt: "Finished",
  priority: "Priority",
  impact: "Business impact",
  workRole: "Role",
  outcome: "Outcome",
  resolutionCode: "Resolution code",
  reassignmentCount: "Times reassigned",
  reopenCount: "Times reopened",
  problemRef: "Linked problem record",
  changeRef: "Related change",
  emergency: "Emergency change",
  addsFunctionality: "Adds new functionality",
  fixesSlowness: "Fixes a memory leak or slowness",
  durationMinutes: "Duration (minutes)",
  afterHours: "Worked after hours",
  afterHoursMinutes: "After-hours minutes",
  notes: "Notes",
  links: "Links",
  adjustments: "Adjustments",
};

/** An item as its edit page and its item page (adjustments) show it. */
export function evidenceSnapshot(fields: EvidenceFields, status: EvidenceStatus, adjustments: Adjustment[]): Snapshot {
  return {
    status: STATUS_LABELS[status],
    title: fields.title,
    kind: fields.kind,
    externalRef: text(fields.externalRef),
    startedAt: minute(fields.startedAt),
    resolvedAt: minute(fields.resolvedAt),
    priority: text(fields.priority),
    impact: text(fields.impact),
    workRole: text(fields.workRole),
    outcome: text(fields.outcome),
    resolutionCode: text(fields.resolutionCode),
    reassignmentCount: count(fields.reassignmentCount),
    reopenCount: count(fields.reopenCount),
    problemRef: text(fields.problemRef),
    changeRef: text(fields.changeRef),
    emergency: yesNo(fields.emergency),
    addsFunctionality: yesNo(fields.addsFunctionality),
    fixesSlowness: yesNo(fields.fixesSlowness),
    durationMinutes: count(fields.durationMinutes),
    afterHours: yesNo(fields.afterHours),
    afterHoursMinutes: count(fields.afterHoursMinutes),
    notes: text(fields.notes),
    links: fields.links.join(" "),
    adjustments: [...adjustments]
      .sort((a, b) => a.skill.localeCompare(b.skill))
      .map((a) => `${a.skill} ${a.points > 0 ? "+" : ""}${a.points} (${a.reason})`)
      .join(", "),
  };
}

export const GOAL_LABELS: Labels = {
  title: "Title",
  skill: "Skill",
  position: "Position",
  dueDate: "Due date",
  status: "Status",
  evidence: "Linked evidence",
};

const GOAL_STATUS: Record<string, string> = { open: "Open", in_progress: "In progress", done: "Done", dropped: "Dropped" };

/** A goal as its page shows it: names rather than keys, the titles of the linked items the viewer may see. */
export function goalSnapshot(g: {
  title: string;
  skillName: string | null;
  positionName: string | null;
  dueDate: string | null;
  status: string;
  evidenceTitles: string[];
}): Snapshot {
  return {
    title: g.title,
    skill: text(g.skillName),
    position: text(g.positionName),
    dueDate: text(g.dueDate),
    status: GOAL_STATUS[g.status] ?? g.status,
    evidence: g.evidenceTitles.join(", "),
  };
}

const rating = (r: { level: number | null; comment: string } | undefined) =>
  r ? [r.level === null ? "not rated" : `level ${r.level}`, r.comment].filter(Boolean).join(", ") : "not rated";

/** Labels of an appraisal's fields, with the organisation's skills (key → name). */
export function appraisalLabels(skills: { key: string; name: string }[]): Labels {
  return {
    state: "State",
    summary: "Employee's summary",
    ...Object.fromEntries(skills.map((s) => [`self.${s.key}`, `Self rating of ${s.name}`])),
    comment: "Manager's overall comment",
    outcome: "Overall outcome",
    promotion: "Promotion recommendation",
    ...Object.fromEntries(skills.map((s) => [`manager.${s.key}`, `Manager rating of ${s.name}`])),
  };
}

/** An appraisal as its page's two forms show it: the self-assessment and the manager review. */
export function appraisalSnapshot(
  a: {
    state: keyof typeof STATE_LABELS;
    selfSummary: string | null;
    managerComment: string | null;
    outcome: string | null;
    promoPositionName: string | null;
    promoReadiness: string | null;
  },
  ratings: { self: Ratings; manager: Ratings },
  skills: string[],
): Snapshot {
  const readiness = PROMOTION_READINESS.find((r) => r.key === a.promoReadiness)?.label;
  const promotion =
    a.promoReadiness === "none" && !a.promoPositionName
      ? "no promotion recommended"
      : [a.promoPositionName, readiness].filter(Boolean).join(", ");
  return {
    state: STATE_LABELS[a.state],
    summary: text(a.selfSummary),
    ...Object.fromEntries(skills.map((k) => [`self.${k}`, rating(ratings.self[k])])),
    comment: text(a.managerComment),
    outcome: OUTCOMES.find((o) => o.key === a.outcome)?.label ?? text(a.outcome),
    promotion,
    ...Object.fromEntries(skills.map((k) => [`manager.${k}`, rating(ratings.manager[k])])),
  };
}
