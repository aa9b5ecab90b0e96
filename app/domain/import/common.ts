// Pieces shared by the per-format normalisers (pure).
import type { CsvRow } from "./csv";
import type { DateOrder, DateOrderEvidence, DateReader } from "./dates";
import { cell, type Columns } from "./fields";
import type { BusinessHours, Format, ImportItem, RowError } from "./types";

export interface NormaliseInput {
  headers: string[];
  /** read once, in file order (a stream: large logs are not held in memory row by row) */
  rows: Iterable<CsvRow>;
  businessHours: BusinessHours;
  /** numeric dates day first, month first, or "auto" (day first, noting what the values say); default "dmy" */
  dateOrder?: DateOrder;
  /** IANA zone of the file's times that carry no UTC offset (default "UTC"); times with one are that instant */
  timeZone?: string;
  /** Jira resolutions that count as done (lower case); absent: DEFAULT_JIRA_DONE_RESOLUTIONS */
  jiraDoneResolutions?: readonly string[];
  /**
   * refs whose rows could not be read at all (column count, quoting): their tickets are left out.
   * Filled while `rows` is read, so check it again once all rows are read.
   */
  taintedRefs: Set<string>;
}

export interface NormaliseOutput {
  items: ImportItem[];
  rowErrors: RowError[];
  /** what the numeric dates said about their order (dateOrder "auto"), with the formats to show a value both ways */
  dates?: { evidence: DateOrderEvidence; formats: string[] };
}

/** A normaliser's input without the rows: they are handed over one at a time, as the file is read. */
export type NormaliseStart = Omit<NormaliseInput, "rows">;

/**
 * Collects rows as they are read (`add`, in file order) and builds the items once all are read (`finish`,
 * a step of BUILD_STEP tickets per `next()`, for callers that give the event loop back between steps).
 */
export interface RowNormaliser {
  add(row: CsvRow): void;
  finish(): Steps<NormaliseOutput>;
}

/** Work done a step at a time: each `next()` is a bounded amount of work; the last returns the result. */
export type Steps<T> = Generator<void, T, void>;

/** Tickets built per step of `finish` (~1 ms of work each thousand). */
export const BUILD_STEP = 250;

/** Runs steps to the end at once (small inputs, tests). */
export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

export function normaliseAll(normaliser: RowNormaliser, rows: Iterable<CsvRow>): NormaliseOutput {
  for (const row of rows) normaliser.add(row);
  return runSteps(normaliser.finish());
}

/** Per-ticket collection of rows; a ticket with any bad row is left out (all-or-nothing per ticket). */
export interface Group {
  ref: string;
  rows: number[];
  best: CsvRow | null;
  tainted: boolean;
}

export function skippedSuffix(ref: string | null): string {
  return ref ? ` — ${ref} is left out of the import` : "";
}

/**
 * Read an optional date column: "" → null (ok), unreadable → pushes a message naming the column.
 * Returns undefined when unreadable.
 */
export function readDateColumn(
  row: CsvRow,
  index: number,
  cols: Columns,
  reader: DateReader,
  problems: string[],
): string | null | undefined {
  const raw = cell(row, index);
  if (raw === "") return null;
  const iso = reader.read(raw, row.line);
  if (iso === null) {
    problems.push(`${cols.name(index)}: cannot read the date "${raw}" (expected ${reader.expected})`);
    return undefined;
  }
  return iso;
}

export function emptyItem(sourceSystem: Format, externalRef: string): ImportItem {
  return {
    sourceSystem,
    externalRef,
    title: externalRef,
    kind: "incident",
    state: "",
    resolved: false,
    handles: [],
    startedAt: null,
    resolvedAt: null,
    priority: null,
    impact: null,
    outcome: null,
    afterHours: false,
    afterHoursMinutes: 0,
    reassignmentCount: 0,
    reopenCount: 0,
    problemRef: null,
    changeRef: null,
    resolutionCode: null,
    emergency: false,
    addsFunctionality: false,
    notes: null,
    notDoneResolution: null,
    rows: [],
  };
}
