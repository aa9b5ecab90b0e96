// PagerDuty incidents CSV export (incident number, title, urgency, status, service, created/resolved, people).
import type { Priority } from "../types";
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
import { Columns, cell, readCount, uniqueHandles } from "./fields";
import type { ImportItem, RowError } from "./types";

export const PAGERDUTY_KEY = ["incident_number", "number", "id", "incident_id"];

const FORMATS = ["MMM d, yyyy h:mm a", "MMM d, yyyy H:mm", "yyyy-MM-dd"];
const PRIORITY_DIGIT = /^(?:p|sev-?|s)\s*([0-9])/;
/** several people in one cell: ";" "|" or line breaks (commas are left alone: names may contain them) */
const PEOPLE_SPLIT = /\s*[;|\n]\s*/;

/** Priority column (P1…P5, P5 → P4) when present, else urgency: high → P2, low → P3. */
export function pagerDutyPriority(priority: string, urgency: string): Priority | null {
  const m = PRIORITY_DIGIT.exec(priority.toLowerCase());
  if (m) {
    const d = Number(m[1]);
    return d <= 1 ? "P1" : d === 2 ? "P2" : d === 3 ? "P3" : "P4";
  }
  switch (urgency.toLowerCase()) {
    case "high":
      return "P2";
    case "low":
      return "P3";
    default:
      return null;
  }
}

export function pagerDutyNormaliser(input: NormaliseStart): RowNormaliser {
  const cols = new Columns(input.headers);
  const reader = new DateReader(FORMATS, "ISO 8601 such as 2024-03-12T09:05:00Z", input.dateOrder, input.timeZone);
  const i = {
    key: cols.index(...PAGERDUTY_KEY),
    title: cols.index("title", "summary", "name"),
    description: cols.index("description"),
    urgency: cols.index("urgency"),
    priority: cols.index("priority", "priority_name"),
    status: cols.index("status", "state"),
    service: cols.index("service_name", "service"),
    created: cols.index("created_on", "created_at", "created", "triggered_at", "start_time"),
    resolved: cols.index("resolved_on", "resolved_at", "resolved", "end_time"),
    assignedTo: cols.index("assigned_to", "assigned_to_name", "assigned_to_user_names", "assignees", "assignee"),
    resolvedBy: cols.index("resolved_by", "resolved_by_name", "resolved_by_user_name"),
    reassignments: cols.index("reassignment_count", "reassignments"),
  };

  const rowErrors: RowError[] = [];
  const latest = new Map<
    string,
    { row: CsvRow; rows: number[]; tainted: boolean; created: string | null; resolved: string | null }
  >();
  function add(row: CsvRow) {
    const ref = cell(row, i.key);
    if (ref === "") {
      rowErrors.push({ row: row.line, ref: null, message: `Missing ${cols.name(i.key) || "incident number"}` });
      return;
    }
    let g = latest.get(ref);
    if (!g) {
      g = { row, rows: [], tainted: input.taintedRefs.has(ref), created: null, resolved: null };
      latest.set(ref, g);
    }
    g.rows.push(row.line);
    const problems: string[] = [];
    const created = readDateColumn(row, i.created, cols, reader, problems);
    const resolved = readDateColumn(row, i.resolved, cols, reader, problems);
    if (i.reassignments >= 0 && readCount(cell(row, i.reassignments)) === null) {
      problems.push(`${cols.name(i.reassignments)}: "${cell(row, i.reassignments)}" is not a whole number`);
    }
    if (problems.length > 0) {
      rowErrors.push({ row: row.line, ref, message: problems.join("; ") + skippedSuffix(ref) });
      g.tainted = true;
      return;
    }
    g.row = row; // a repeated incident: the last row wins
    g.created = created ?? null;
    g.resolved = resolved ?? null;
  }

  function* finish(): Steps<NormaliseOutput> {
    const items: ImportItem[] = [];
    let built = 0;
    for (const [ref, g] of latest) {
      if (++built % BUILD_STEP === 0) yield;
      if (g.tainted || input.taintedRefs.has(ref)) continue;
      const row = g.row;
      const item = emptyItem("pagerduty", ref);
      const status = cell(row, i.status);
      const resolved = status !== "" ? status.toLowerCase() === "resolved" : g.resolved !== null;
      const people = (idx: number) => cell(row, idx).split(PEOPLE_SPLIT);
      const service = cell(row, i.service);

      item.title = cell(row, i.title) || cell(row, i.description) || `PagerDuty incident ${ref}`;
      item.kind = "incident";
      item.state = status;
      item.resolved = resolved;
      item.rows = g.rows;
      item.handles = uniqueHandles([...people(i.resolvedBy), ...people(i.assignedTo)]);
      item.startedAt = g.created;
      item.resolvedAt = resolved ? g.resolved : null;
      item.priority = pagerDutyPriority(cell(row, i.priority), cell(row, i.urgency));
      item.outcome = resolved ? "resolved" : null;
      item.reassignmentCount = readCount(cell(row, i.reassignments)) ?? 0;
      item.notes = service !== "" ? `Service: ${service}` : null;
      const ah = afterHoursOf(resolved, item.startedAt, item.resolvedAt, input.businessHours);
      item.afterHours = ah.afterHours;
      item.afterHoursMinutes = ah.afterHoursMinutes;
      items.push(item);
    }
    return { items, rowErrors, dates: { evidence: reader.evidence, formats: FORMATS } };
  }

  return { add, finish };
}

export function normalisePagerDuty(input: NormaliseInput): NormaliseOutput {
  return normaliseAll(pagerDutyNormaliser(input), input.rows);
}
