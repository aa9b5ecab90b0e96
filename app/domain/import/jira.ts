// Jira / Jira Service Management CSV exports ("Issue key", "Summary", "Issue Type", repeated "Labels", …).
import { DEFAULT_JIRA_DONE_RESOLUTIONS } from "../defaults";
import type { Impact, Outcome, Priority } from "../types";
import { afterHoursOf } from "./business-hours";
import {
  emptyItem,
  readDateColumn,
  skippedSuffix,
  type NormaliseInput,
  type NormaliseOutput,
  type NormaliseStart,
  type RowNormaliser,
  type Steps,
  BUILD_STEP,
  normaliseAll,
} from "./common";
import type { CsvRow } from "./csv";
import { DateReader } from "./dates";
import { Columns, cell, uniqueHandles } from "./fields";
import type { ImportItem, RowError } from "./types";

export const JIRA_KEY = ["issue_key", "key"];

const FORMATS = [
  "d/MMM/yy h:mm a",
  "d/MMM/yyyy h:mm a",
  "d/MMM/yy H:mm",
  "d/MMM/yyyy H:mm",
  "dd/MM/yyyy HH:mm",
  "dd/MM/yyyy h:mm a",
  "d.M.yyyy H:mm",
  "d/MMM/yy",
  "yyyy-MM-dd",
];

const NUMBERED_PRIORITY = /^(?:p|sev-?|s)\s*([0-9])/;

/** Highest/Blocker → P1, High/Critical → P2, Medium → P3, Low/Lowest/Minor/Trivial → P4; "P1…" as is (P5 → P4). */
export function jiraPriority(value: string): Priority | null {
  const lower = value.toLowerCase();
  const numbered = NUMBERED_PRIORITY.exec(lower);
  if (numbered) {
    const digit = Number(numbered[1]);
    return digit <= 1 ? "P1" : digit === 2 ? "P2" : digit === 3 ? "P3" : "P4";
  }
  switch (lower) {
    case "highest":
    case "blocker":
      return "P1";
    case "high":
    case "critical":
    case "major":
      return "P2";
    case "medium":
      return "P3";
    case "low":
    case "lowest":
    case "minor":
    case "trivial":
      return "P4";
    default:
      return null;
  }
}

/** JSM impact field: Extensive/Widespread → critical, Significant/Large → high, Moderate/Limited → medium, Minor/Localized → low. */
export function jiraImpact(value: string): Impact | null {
  const lower = value.toLowerCase();
  if (lower === "") return null;
  if (lower.startsWith("extensive") || lower.startsWith("critical")) return "critical";
  if (lower.startsWith("significant") || lower.startsWith("high")) return "high";
  if (lower.startsWith("moderate") || lower.startsWith("medium")) return "medium";
  if (lower.startsWith("minor") || lower.startsWith("low")) return "low";
  return null;
}

const POST_INCIDENT_REVIEW = /post.?incident|post.?mortem|\bpir\b|incident review|retrospective/;

/**
 * Issue Type → evidence kind and whether it adds functionality:
 * - a post-incident review is root-cause work (problem), although its name says "incident";
 * - Incident and Bug/Defect are incidents; Problem is a problem; Change (Emergency Change) is a change;
 * - Story, Feature, Improvement and Epic are changes that add functionality;
 * - a Service Request, a Task or a Sub-task is asked-for operational work (request), not a change;
 * - any other type counts as a change (it ships something) without new functionality.
 */
export function jiraKind(issueType: string): { kind: string; addsFunctionality: boolean; emergency: boolean } {
  const t = issueType.toLowerCase();
  if (POST_INCIDENT_REVIEW.test(t)) return { kind: "problem", addsFunctionality: false, emergency: false };
  if (t.includes("incident")) return { kind: "incident", addsFunctionality: false, emergency: false };
  if (t.includes("problem")) return { kind: "problem", addsFunctionality: false, emergency: false };
  if (t.includes("change")) return { kind: "change", addsFunctionality: false, emergency: t.includes("emergency") };
  if (t === "bug" || t === "defect") return { kind: "incident", addsFunctionality: false, emergency: false };
  if (t === "story" || t === "user story" || t.includes("feature") || t === "improvement" || t === "epic") {
    return { kind: "change", addsFunctionality: true, emergency: false };
  }
  if (t.includes("request") || t === "task" || t === "sub-task" || t === "subtask") {
    return { kind: "request", addsFunctionality: false, emergency: false };
  }
  return { kind: "change", addsFunctionality: false, emergency: false };
}

/** Done/Fixed (and other completions) → resolved; Workaround/Known error → workaround; Escalated → escalated. */
export function jiraOutcome(resolution: string): Outcome {
  const lower = resolution.toLowerCase();
  if (lower.includes("workaround") || lower.includes("work around") || lower === "known error") return "workaround";
  if (lower.includes("escalat")) return "escalated";
  return "resolved";
}

/** Whether a resolution is one of the organisation's "done" ones (any case, spaces trimmed). */
export function isDoneResolution(resolution: string, done: readonly string[] = DEFAULT_JIRA_DONE_RESOLUTIONS): boolean {
  const lower = resolution.trim().toLowerCase();
  return done.some((d) => d.trim().toLowerCase() === lower);
}

const RESOLVED_STATUSES = new Set(["done", "resolved", "closed", "completed", "complete"]);
const AFTER_HOURS_LABELS = new Set(["after-hours", "afterhours", "after_hours", "out-of-hours", "out_of_hours", "outofhours"]);
const LABEL_SPLIT = /[\s,]+/;
const NOTE_FIELD = /root.?cause|workaround|resolution|fix|notes?\b|post.?incident|lessons/i;
const CUSTOM_FIELD = /^custom field \((.*)\)$/i;

export function jiraNormaliser(input: NormaliseStart): RowNormaliser {
  const cols = new Columns(input.headers);
  const reader = new DateReader(FORMATS, "12/Mar/24 9:05 AM, 2024-03-12 09:05 or ISO 8601", input.dateOrder, input.timeZone);
  const i = {
    key: cols.index(...JIRA_KEY),
    summary: cols.index("summary"),
    type: cols.index("issue_type"),
    status: cols.index("status"),
    priority: cols.index("priority"),
    resolution: cols.index("resolution"),
    assignee: cols.index("assignee"),
    created: cols.index("created"),
    resolved: cols.index("resolved", "resolution_date", "resolutiondate"),
    updated: cols.index("updated"),
    impact: cols.index("custom_field_(impact)", "impact"),
    changeType: cols.index("custom_field_(change_type)", "change_type"),
  };
  const labels = cols.all("labels");
  const noteFields: { index: number; name: string }[] = [];
  const problemLinks: number[] = [];
  const changeLinks: number[] = [];
  input.headers.forEach((h, idx) => {
    const m = CUSTOM_FIELD.exec(h.trim());
    if (m && NOTE_FIELD.test(m[1]!)) noteFields.push({ index: idx, name: m[1]!.trim() });
    const lower = h.toLowerCase();
    if (lower.includes("issue link")) {
      if (lower.includes("problem")) problemLinks.push(idx);
      else if (lower.includes("change")) changeLinks.push(idx);
    }
  });

  const rowErrors: RowError[] = [];
  const latest = new Map<
    string,
    {
      row: CsvRow;
      rows: number[];
      tainted: boolean;
      created: string | null;
      resolved: string | null;
      updated: string | null;
    }
  >();
  function add(row: CsvRow) {
    const ref = cell(row, i.key);
    if (ref === "") {
      rowErrors.push({ row: row.line, ref: null, message: `Missing ${cols.name(i.key) || "Issue key"}` });
      return;
    }
    let g = latest.get(ref);
    if (!g) {
      g = { row, rows: [], tainted: input.taintedRefs.has(ref), created: null, resolved: null, updated: null };
      latest.set(ref, g);
    }
    g.rows.push(row.line);
    const problems: string[] = [];
    const created = readDateColumn(row, i.created, cols, reader, problems);
    const resolved = readDateColumn(row, i.resolved, cols, reader, problems);
    const updated = readDateColumn(row, i.updated, cols, reader, problems);
    if (problems.length > 0) {
      rowErrors.push({ row: row.line, ref, message: problems.join("; ") + skippedSuffix(ref) });
      g.tainted = true;
      return;
    }
    g.row = row; // a repeated key: the last row wins
    g.created = created ?? null;
    g.resolved = resolved ?? null;
    g.updated = updated ?? null;
  }

  function* finish(): Steps<NormaliseOutput> {
    const items: ImportItem[] = [];
    let built = 0;
    for (const [ref, g] of latest) {
      if (++built % BUILD_STEP === 0) yield;
      if (g.tainted || input.taintedRefs.has(ref)) continue;
      const row = g.row;
      const item = emptyItem("jira", ref);
      const type = jiraKind(cell(row, i.type));
      const resolution = cell(row, i.resolution);
      const hasResolution = resolution !== "" && resolution.toLowerCase() !== "unresolved";
      const status = cell(row, i.status);
      const resolved = hasResolution || g.resolved !== null || (i.resolution < 0 && RESOLVED_STATUSES.has(status.toLowerCase()));

      const labelSet = new Set<string>();
      for (const idx of labels) {
        for (const l of cell(row, idx).toLowerCase().split(LABEL_SPLIT)) if (l) labelSet.add(l);
      }

      item.title = cell(row, i.summary) || ref;
      item.kind = type.kind;
      item.addsFunctionality = type.addsFunctionality;
      item.emergency = type.emergency || labelSet.has("emergency") || cell(row, i.changeType).toLowerCase() === "emergency";
      item.state = status;
      item.resolved = resolved;
      item.rows = g.rows;
      item.handles = uniqueHandles([cell(row, i.assignee)]);
      item.startedAt = g.created;
      item.resolvedAt = resolved ? g.resolved : null;
      if (g.updated !== null) item.sourceVersion = { modCount: null, updatedAt: g.updated };
      item.priority = jiraPriority(cell(row, i.priority));
      item.impact = jiraImpact(cell(row, i.impact));
      item.resolutionCode = hasResolution ? resolution : null;
      item.outcome = resolved ? (hasResolution ? jiraOutcome(resolution) : "resolved") : null;
      if (hasResolution && !isDoneResolution(resolution, input.jiraDoneResolutions)) {
        item.notDoneResolution = resolution;
        item.outcome = null;
      }
      if (type.kind !== "problem") item.problemRef = firstValue(row, problemLinks);
      if (type.kind !== "change") item.changeRef = firstValue(row, changeLinks);
      const notes = noteFields
        .map((f) => ({ name: f.name, value: cell(row, f.index) }))
        .filter((f) => f.value !== "")
        .map((f) => `${f.name}: ${f.value}`);
      item.notes = notes.length > 0 ? notes.join("\n") : null;
      const ah = afterHoursOf(resolved, item.startedAt, item.resolvedAt, input.businessHours);
      const labelledAfterHours = [...labelSet].some((l) => AFTER_HOURS_LABELS.has(l));
      item.afterHours = ah.afterHours || labelledAfterHours;
      item.afterHoursMinutes = ah.afterHoursMinutes;
      items.push(item);
    }
    return { items, rowErrors, dates: { evidence: reader.evidence, formats: FORMATS } };
  }

  return { add, finish };
}

export function normaliseJira(input: NormaliseInput): NormaliseOutput {
  return normaliseAll(jiraNormaliser(input), input.rows);
}

function firstValue(row: CsvRow, indices: number[]): string | null {
  for (const idx of indices) {
    const v = cell(row, idx);
    if (v !== "") return v;
  }
  return null;
}
