// ServiceNow incident exports: the plain list export (one row per incident) and the event-log shape
// (one row per state change), both collapsed to one item per `number`, taking the latest state.
import type { Impact, Outcome, Priority } from "../types";
import { afterHoursOf } from "./business-hours";
import {
  emptyItem,
  readDateColumn,
  skippedSuffix,
  type Group,
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
import { Columns, cell, readBool, readCount, uniqueHandles } from "./fields";
import type { ImportItem, RowError } from "./types";

export const SERVICENOW_KEY = ["number"];

// Day first as listed; read month first (MM-dd-yyyy…) when the file's values say so or the uploader chose it.
const FORMATS = [
  "dd-MM-yyyy HH:mm",
  "d/M/yyyy H:mm",
  "dd-MM-yyyy HH:mm:ss",
  "d/M/yyyy H:mm:ss",
  "d.M.yyyy H:mm",
  "d.M.yyyy H:mm:ss",
  "dd-MM-yyyy hh:mm a",
  "d/M/yyyy h:mm a",
  "dd-MM-yyyy hh:mm:ss a",
  "d/M/yyyy h:mm:ss a",
  "dd-MM-yyyy",
  "d/M/yyyy",
  "d.M.yyyy",
  "yyyy-MM-dd",
];

/** "1 - Critical" → P1 … "4 - Low" → P4 ("5 - Planning" → P4); also bare names/numbers. */
export function serviceNowPriority(value: string): Priority | null {
  if (value === "") return null;
  const c = value.charCodeAt(0);
  if (c >= 49 && c <= 57 /* 1-9 */) {
    const n = c - 48;
    return n === 1 ? "P1" : n === 2 ? "P2" : n === 3 ? "P3" : "P4";
  }
  switch (value.toLowerCase()) {
    case "critical":
      return "P1";
    case "high":
      return "P2";
    case "moderate":
    case "medium":
      return "P3";
    case "low":
    case "planning":
      return "P4";
    default:
      return null;
  }
}

/** "1 - High" → high, "2 - Medium" → medium, "3 - Low" → low; also bare names. */
export function serviceNowImpact(value: string): Impact | null {
  if (value === "") return null;
  const c = value.charCodeAt(0);
  if (c === 49) return "high";
  if (c === 50) return "medium";
  if (c >= 51 && c <= 57) return "low";
  const lower = value.toLowerCase();
  const name = lower.includes(" - ") ? lower.slice(lower.indexOf(" - ") + 3) : lower;
  switch (name) {
    case "critical":
      return "critical";
    case "high":
      return "high";
    case "medium":
    case "moderate":
      return "medium";
    case "low":
      return "low";
    default:
      return null;
  }
}

/** What an item whose resolution time is its closed_at says in its notes. */
export const CLOSED_AT_NOTE =
  "Resolution time: closed_at (the export has no resolved_at and no change to Resolved; ServiceNow closes a resolved ticket days later).";

function isResolvedNotClosed(state: string): boolean {
  const lower = state.toLowerCase();
  return lower === "resolved" || lower === "6";
}

/** Resolved / Closed (also the numeric state codes 6 and 7). */
export function isServiceNowResolvedState(state: string): boolean {
  switch (state.toLowerCase()) {
    case "resolved":
    case "closed":
    case "6":
    case "7":
      return true;
    default:
      return false;
  }
}

function outcomeOf(closeCode: string): Outcome {
  const lower = closeCode.toLowerCase();
  if (lower.includes("work around") || lower.includes("workaround")) return "workaround";
  return "resolved";
}

function kindOf(number: string): string {
  const prefix = number.slice(0, 3).toUpperCase();
  if (prefix === "PRB") return "problem";
  if (prefix === "CHG") return "change";
  return "incident";
}

export function serviceNowNormaliser(input: NormaliseStart): RowNormaliser {
  const cols = new Columns(input.headers);
  const reader = new DateReader(
    FORMATS,
    "dd-mm-yyyy HH:MM, d/m/yyyy H:MM, d.m.yyyy H:MM (or with AM/PM) or ISO 8601",
    input.dateOrder,
    input.timeZone,
  );
  const i = {
    number: cols.index("number"),
    state: cols.index("incident_state", "state"),
    active: cols.index("active"),
    reassignment: cols.index("reassignment_count"),
    reopen: cols.index("reopen_count"),
    modCount: cols.index("sys_mod_count", "updates"),
    openedAt: cols.index("opened_at", "opened"),
    updatedAt: cols.index("sys_updated_at", "sys_updated_on", "updated", "updated_on"),
    category: cols.index("category"),
    subcategory: cols.index("subcategory"),
    symptom: cols.index("u_symptom", "symptom"),
    impact: cols.index("impact"),
    priority: cols.index("priority"),
    assignedTo: cols.index("assigned_to"),
    problem: cols.index("problem_id", "problem"),
    rfc: cols.index("rfc", "change_request"),
    closeCode: cols.index("closed_code", "close_code", "resolution_code"),
    resolvedBy: cols.index("resolved_by"),
    resolvedAt: cols.index("resolved_at", "resolved"),
    closedAt: cols.index("closed_at", "closed"),
    shortDescription: cols.index("short_description"),
    closeNotes: cols.index("close_notes", "resolution_notes"),
    type: cols.index("type", "change_type"),
  };

  const rowErrors: RowError[] = [];
  const groups = new Map<string, Group & { bestMod: number; bestUpdated: string; firstResolved: string | null }>();

  function add(row: CsvRow) {
    const ref = cell(row, i.number);
    if (ref === "") {
      rowErrors.push({ row: row.line, ref: null, message: `Missing ${cols.name(i.number) || "number"}` });
      return;
    }
    let g = groups.get(ref);
    if (!g) {
      g = { ref, rows: [], best: null, tainted: input.taintedRefs.has(ref), bestMod: -1, bestUpdated: "", firstResolved: null };
      groups.set(ref, g);
    }
    g.rows.push(row.line);

    const problems: string[] = [];
    const counts = [i.modCount, i.reassignment, i.reopen];
    let mod = 0;
    for (const idx of counts) {
      if (idx < 0) continue;
      const raw = cell(row, idx);
      const n = readCount(raw);
      if (n === null) problems.push(`${cols.name(idx)}: "${raw}" is not a whole number`);
      else if (idx === i.modCount) mod = n;
    }
    const updated = readDateColumn(row, i.updatedAt, cols, reader, problems);
    readDateColumn(row, i.openedAt, cols, reader, problems);
    readDateColumn(row, i.resolvedAt, cols, reader, problems);
    readDateColumn(row, i.closedAt, cols, reader, problems);
    if (problems.length > 0) {
      rowErrors.push({ row: row.line, ref, message: problems.join("; ") + skippedSuffix(ref) });
      g.tainted = true;
      return;
    }
    const upd = updated ?? "";
    // an event-log row in state Resolved: the earliest one's update time is when the ticket was resolved
    if (updated && isResolvedNotClosed(cell(row, i.state)) && (g.firstResolved === null || updated < g.firstResolved))
      g.firstResolved = updated;
    // latest state: highest sys_mod_count, then latest sys_updated_at, then the last row
    if (g.best === null || mod > g.bestMod || (mod === g.bestMod && upd >= g.bestUpdated)) {
      g.best = row;
      g.bestMod = mod;
      g.bestUpdated = upd;
    }
  }

  function* finish(): Steps<NormaliseOutput> {
    const items: ImportItem[] = [];
    let built = 0;
    for (const g of groups.values()) {
      if (++built % BUILD_STEP === 0) yield;
      if (g.tainted || g.best === null || input.taintedRefs.has(g.ref)) continue;
      items.push(buildItem(g.ref, g.best, g.rows, g.firstResolved, cols, i, reader, input));
    }
    return { items, rowErrors, dates: { evidence: reader.evidence, formats: FORMATS } };
  }

  return { add, finish };
}

export function normaliseServiceNow(input: NormaliseInput): NormaliseOutput {
  return normaliseAll(serviceNowNormaliser(input), input.rows);
}

function buildItem(
  ref: string,
  row: CsvRow,
  rows: number[],
  firstResolved: string | null,
  cols: Columns,
  i: Record<string, number>,
  reader: DateReader,
  input: NormaliseStart,
): ImportItem {
  const item = emptyItem("servicenow", ref);
  const state = cell(row, i.state!);
  const resolved = state !== "" ? isServiceNowResolvedState(state) : readBool(cell(row, i.active!)) === false;
  const sink: string[] = [];
  const date = (idx: number) => readDateColumn(row, idx, cols, reader, sink) ?? null;

  item.kind = kindOf(ref);
  item.state = state;
  item.resolved = resolved;
  item.rows = rows;
  item.title = titleOf(ref, row, i, item.kind);
  item.handles = uniqueHandles([cell(row, i.resolvedBy!), cell(row, i.assignedTo!)]);
  item.startedAt = date(i.openedAt!);
  // resolved_at, else the first change to Resolved in the event log, else closed_at: ServiceNow closes a
  // resolved ticket by itself days later, so closed_at is the last resort, and the item says it is
  const resolvedAt = date(i.resolvedAt!) ?? firstResolved;
  const closedAt = resolvedAt === null && resolved ? date(i.closedAt!) : null;
  item.resolvedAt = resolved ? (resolvedAt ?? closedAt) : null;
  item.priority = serviceNowPriority(cell(row, i.priority!));
  item.impact = serviceNowImpact(cell(row, i.impact!));
  item.resolutionCode = cell(row, i.closeCode!) || null;
  item.outcome = resolved ? outcomeOf(item.resolutionCode ?? "") : null;
  item.reassignmentCount = readCount(cell(row, i.reassignment!)) ?? 0;
  item.reopenCount = readCount(cell(row, i.reopen!)) ?? 0;
  item.problemRef = cell(row, i.problem!) || null;
  item.changeRef = cell(row, i.rfc!) || null;
  item.emergency = item.kind === "change" && cell(row, i.type!).toLowerCase() === "emergency";
  item.sourceVersion = {
    modCount: i.modCount! >= 0 ? readCount(cell(row, i.modCount!)) : null,
    updatedAt: date(i.updatedAt!),
  };
  const notes = [cell(row, i.closeNotes!)].filter((n) => n !== "");
  if (closedAt !== null) notes.push(CLOSED_AT_NOTE);
  item.notes = notes.length > 0 ? notes.join("\n") : null;
  const ah = afterHoursOf(resolved, item.startedAt, item.resolvedAt, input.businessHours);
  item.afterHours = ah.afterHours;
  item.afterHoursMinutes = ah.afterHoursMinutes;
  return item;
}

const KIND_WORD: Record<string, string> = { incident: "Incident", problem: "Problem", change: "Change" };

/** short_description, else "Incident INC0000045 — Category 55 / Subcategory 170" (symptom when no category). */
function titleOf(ref: string, row: CsvRow, i: Record<string, number>, kind: string): string {
  const short = cell(row, i.shortDescription!);
  if (short !== "") return short;
  let parts = [cell(row, i.category!), cell(row, i.subcategory!)].filter((p) => p !== "");
  if (parts.length === 0) parts = [cell(row, i.symptom!)].filter((p) => p !== "");
  const head = `${KIND_WORD[kind] ?? "Incident"} ${ref}`;
  return parts.length > 0 ? `${head} — ${parts.join(" / ")}` : head;
}
