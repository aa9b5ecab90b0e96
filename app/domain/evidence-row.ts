// A stored evidence row as the fields a person entered, and those fields as the mapping engine sees them
// (pure: the column mapping back the other way is fieldColumns in ./import/evidence.ts).
import type { Evidence } from "../../db/schema";
import type { EvidenceFields, WorkItem } from "./types";

export function toInput(row: Evidence): EvidenceFields {
  return {
    kind: row.kind,
    title: row.title,
    externalRef: row.external_ref,
    startedAt: row.started_at,
    resolvedAt: row.resolved_at,
    priority: row.priority,
    impact: row.impact,
    workRole: row.work_role,
    outcome: row.outcome,
    afterHours: !!row.after_hours,
    afterHoursMinutes: row.after_hours_minutes,
    durationMinutes: row.duration_minutes,
    emergency: !!row.emergency,
    addsFunctionality: !!row.adds_functionality,
    fixesSlowness: !!row.fixes_slowness,
    reassignmentCount: row.reassignment_count,
    reopenCount: row.reopen_count,
    problemRef: row.problem_ref,
    changeRef: row.change_ref,
    resolutionCode: row.resolution_code,
    notes: row.notes,
    links: row.links_json ? (JSON.parse(row.links_json) as string[]) : [],
  };
}

/** What the mapping engine sees of a stored or entered item. */
export function workItemOf(i: EvidenceFields): WorkItem {
  return {
    kind: i.kind,
    priority: (i.priority as WorkItem["priority"]) ?? null,
    impact: (i.impact as WorkItem["impact"]) ?? null,
    role: (i.workRole as WorkItem["role"]) ?? null,
    outcome: (i.outcome as WorkItem["outcome"]) ?? null,
    afterHours: i.afterHours,
    afterHoursMinutes: i.afterHoursMinutes,
    durationMinutes: i.durationMinutes,
    emergency: i.emergency,
    addsFunctionality: i.addsFunctionality,
    fixesSlowness: i.fixesSlowness,
    reassignmentCount: i.reassignmentCount,
    reopenCount: i.reopenCount,
    problemRef: i.problemRef,
    changeRef: i.changeRef,
  };
}
