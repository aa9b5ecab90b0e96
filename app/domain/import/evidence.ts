// From a normalised ticket to the fields of an evidence item (pure: no database, no clock).
import type { EvidenceFields } from "../types";
import { durationMinutes } from "./business-hours";
import type { ImportItem } from "./types";

export type { EvidenceFields } from "../types";

export const TITLE_MAX = 200;

// A ticket's identity (evidence.import_key, unique in the organisation): `<system>:<reference>`, built the
// same way whatever channel brought it, so `servicenow` + `INC0012345` from a CSV export and from the ingest
// API is one item (ADR 016). Both parts are normalised: Unicode compatibility forms folded (NFKC: a
// full-width "ＩＮＣ" is "INC"); the system lower-cased without white space, "-", "_" or "."
// ("ServiceNow", "service-now" → "servicenow"); the reference upper-cased without white space or invisible
// characters (ticket numbers are case-insensitive in ServiceNow, Jira and PagerDuty: "inc0012345 " →
// "INC0012345"). An API item without a system is `api:<reference>`.

/** The system an API item names when it names none. */
export const DEFAULT_API_SYSTEM = "api";

const SYSTEM_NOISE = /[\s\p{Cf}._-]/gu;
const REF_NOISE = /[\s\p{Cf}]/gu;

export function normaliseSystem(system: string | null | undefined): string {
  const s = (system ?? "").normalize("NFKC").replace(SYSTEM_NOISE, "").toLowerCase();
  return s || DEFAULT_API_SYSTEM;
}

export function normaliseRef(ref: string): string {
  return ref.normalize("NFKC").replace(REF_NOISE, "").toUpperCase();
}

/** The one identity of a ticket: `<normalised system>:<normalised reference>`. */
export function ticketKey(system: string | null | undefined, externalRef: string): string {
  return `${normaliseSystem(system)}:${normaliseRef(externalRef)}`;
}

/** The identity of an imported ticket (its format is its system). */
export function importKeyOf(item: Pick<ImportItem, "sourceSystem" | "externalRef">): string {
  return ticketKey(item.sourceSystem, item.externalRef);
}

/** The identity of an item posted to the ingest API: the same key as a CSV import's for the same ticket. */
export function apiImportKey(system: string | null | undefined, externalRef: string): string {
  return ticketKey(system, externalRef);
}

/**
 * A wall-clock time as written in the export ("YYYY-MM-DDTHH:MM:00", no zone) stored the way every
 * other time is stored ("…Z"): exports carry no time zone, so the time is kept exactly as written.
 */
export function wallClockToStored(wall: string): string {
  return wall.length === 19 ? `${wall}.000Z` : `${wall.slice(0, 16)}:00.000Z`;
}

/** A stored time back to the wall clock used for business-hours arithmetic. */
export function storedToWallClock(stored: string): string {
  return `${stored.slice(0, 16)}:00`;
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * Evidence fields of a resolved ticket (null when it has no resolution time). Fields an import does not
 * know (the person's role, "fixes slowness", links) stay empty for the owner to fill in.
 */
export function toEvidenceFields(item: ImportItem): EvidenceFields | null {
  if (!item.resolved || !item.resolvedAt) return null;
  return {
    kind: item.kind,
    title: clip(item.title.trim() || item.externalRef, TITLE_MAX),
    externalRef: item.externalRef,
    startedAt: item.startedAt ? wallClockToStored(item.startedAt) : null,
    resolvedAt: wallClockToStored(item.resolvedAt),
    priority: item.priority,
    impact: item.impact,
    workRole: null,
    outcome: item.outcome,
    afterHours: item.afterHours,
    afterHoursMinutes: item.afterHoursMinutes,
    durationMinutes: durationMinutes(item.startedAt, item.resolvedAt),
    emergency: item.emergency,
    addsFunctionality: item.addsFunctionality,
    fixesSlowness: false,
    reassignmentCount: item.reassignmentCount,
    reopenCount: item.reopenCount,
    problemRef: item.problemRef,
    changeRef: item.changeRef,
    resolutionCode: item.resolutionCode,
    notes: item.notes,
    links: [],
  };
}

/** Column values of an item's fields: the one mapping the evidence model writes with (as `toColumns`). */
export function fieldColumns(f: EvidenceFields) {
  return {
    kind: f.kind,
    title: f.title,
    external_ref: f.externalRef,
    started_at: f.startedAt,
    resolved_at: f.resolvedAt,
    priority: f.priority,
    impact: f.impact,
    work_role: f.workRole,
    outcome: f.outcome,
    after_hours: f.afterHours ? 1 : 0,
    after_hours_minutes: f.afterHoursMinutes,
    duration_minutes: f.durationMinutes,
    emergency: f.emergency ? 1 : 0,
    adds_functionality: f.addsFunctionality ? 1 : 0,
    fixes_slowness: f.fixesSlowness ? 1 : 0,
    reassignment_count: f.reassignmentCount,
    reopen_count: f.reopenCount,
    problem_ref: f.problemRef,
    change_ref: f.changeRef,
    resolution_code: f.resolutionCode,
    notes: f.notes,
    links_json: f.links.length ? JSON.stringify(f.links) : null,
  };
}

/**
 * The columns a CSV import owns. A later export overwrites these; the owner's own additions
 * (role, "fixes slowness", links) are kept.
 */
export const CSV_COLUMNS = [
  "kind",
  "title",
  "external_ref",
  "started_at",
  "resolved_at",
  "priority",
  "impact",
  "outcome",
  "after_hours",
  "after_hours_minutes",
  "duration_minutes",
  "emergency",
  "adds_functionality",
  "reassignment_count",
  "reopen_count",
  "problem_ref",
  "change_ref",
  "resolution_code",
  "notes",
] as const;

/** The ingest API supplies every field of an item. */
export const API_COLUMNS = [...CSV_COLUMNS, "work_role", "fixes_slowness", "links_json"] as const;

export type ImportedColumn = (typeof API_COLUMNS)[number];

/** Which of `columns` differ between a stored row and new fields (empty: unchanged). */
export function changedColumns(
  stored: Record<string, unknown>,
  next: EvidenceFields,
  columns: readonly ImportedColumn[],
): ImportedColumn[] {
  const cols = fieldColumns(next);
  return columns.filter((c) => (stored[c] ?? null) !== (cols[c] ?? null));
}

/** Fields of a stored row with `columns` replaced by the new values (the rest kept). */
export function mergeFields(stored: EvidenceFields, next: EvidenceFields, columns: readonly ImportedColumn[]): EvidenceFields {
  const out: EvidenceFields = { ...stored, links: [...stored.links] };
  const set = new Set<string>(columns);
  const map: [ImportedColumn, keyof EvidenceFields][] = [
    ["kind", "kind"],
    ["title", "title"],
    ["external_ref", "externalRef"],
    ["started_at", "startedAt"],
    ["resolved_at", "resolvedAt"],
    ["priority", "priority"],
    ["impact", "impact"],
    ["outcome", "outcome"],
    ["after_hours", "afterHours"],
    ["after_hours_minutes", "afterHoursMinutes"],
    ["duration_minutes", "durationMinutes"],
    ["emergency", "emergency"],
    ["adds_functionality", "addsFunctionality"],
    ["reassignment_count", "reassignmentCount"],
    ["reopen_count", "reopenCount"],
    ["problem_ref", "problemRef"],
    ["change_ref", "changeRef"],
    ["resolution_code", "resolutionCode"],
    ["notes", "notes"],
    ["work_role", "workRole"],
    ["fixes_slowness", "fixesSlowness"],
    ["links_json", "links"],
  ];
  for (const [col, key] of map) if (set.has(col)) (out as unknown as Record<string, unknown>)[key] = next[key];
  return out;
}
