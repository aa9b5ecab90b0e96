// Import of ticketing-tool CSV exports: parse, detect, normalise (pure: no database, no Request, no clock).
import { type NormaliseStart, type RowNormaliser, type Steps, runSteps } from "./common";
import { CHUNK_CHARS, type CsvText, readCsvChunks } from "./csv";
import { detectFormat } from "./detect";
import { Columns, cell } from "./fields";
import { JIRA_KEY, jiraNormaliser } from "./jira";
import { PAGERDUTY_KEY, pagerDutyNormaliser } from "./pagerduty";
import { SERVICENOW_KEY, serviceNowNormaliser } from "./servicenow";
import { DateReader, type DateOrderEvidence } from "./dates";
import type { DatesRead, Format, ImportOptions, ImportResult, RowError } from "./types";

export type {
  BusinessHours,
  DatesRead,
  Format,
  ImportItem,
  ImportOptions,
  ImportResult,
  RowError,
  TimesRead,
  UploadCheck,
} from "./types";
export type { DateOrder } from "./dates";
export {
  CHUNK_CHARS,
  CHECK_STEP_BYTES,
  checkUpload,
  checkUploadSteps,
  checkUploadPartsSteps,
  type CsvText,
  detectDelimiter,
  parseCsv,
  readCsvChunks,
  type CsvChunk,
  type CsvRow,
  type CsvRowError,
  type ParsedCsv,
} from "./csv";
export { detectFormat } from "./detect";
export { runSteps, type Steps } from "./common";
export { afterHoursMinutes, afterHoursOf, durationMinutes, isOutsideBusinessHours, wallClockMinutes } from "./business-hours";
export { serviceNowImpact, serviceNowPriority, isServiceNowResolvedState } from "./servicenow";
export { jiraImpact, jiraKind, jiraOutcome, jiraPriority } from "./jira";
export { pagerDutyPriority } from "./pagerduty";

const NORMALISERS: Record<Format, (input: NormaliseStart) => RowNormaliser> = {
  servicenow: serviceNowNormaliser,
  jira: jiraNormaliser,
  pagerduty: pagerDutyNormaliser,
};

const KEYS: Record<Format, string[]> = {
  servicenow: SERVICENOW_KEY,
  jira: JIRA_KEY,
  pagerduty: PAGERDUTY_KEY,
};

const FORMAT_NAMES: Record<Format, string> = { servicenow: "ServiceNow", jira: "Jira", pagerduty: "PagerDuty" };

export function formatName(format: Format): string {
  return FORMAT_NAMES[format];
}

function headerPreview(headers: string[]): string {
  const text = headers.join(", ");
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

/**
 * Parse a CSV export into import items. Whole-file problems go to `error` (no items);
 * per-row problems go to `rowErrors` and the other rows still parse.
 */
export function parseImport(text: string, opts: ImportOptions): ImportResult {
  return runSteps(readImport(text, opts));
}

/**
 * parseImport a step at a time: each `next()` reads about `chunkChars` characters of the file, so that a
 * caller can give the event loop back between steps (see app/services/import-read.server.ts); the last
 * one returns the result. Rows are normalised as they are read: only the latest row of each ticket is kept.
 */
export function* readImport(text: CsvText, opts: ImportOptions, chunkChars = CHUNK_CHARS): Steps<ImportResult> {
  const zone = opts.timeZone ?? "UTC";
  const result: ImportResult = {
    format: null,
    error: null,
    rowsRead: 0,
    items: [],
    rowErrors: [],
    dates: null,
    times: { zone, withOffset: 0, local: 0 },
  };
  const order = opts.dateOrder ?? "auto";
  // A ticket with an unreadable row is left out whole, so it never appears in an older state.
  const taintedRefs = new Set<string>();
  const csvErrors: RowError[] = [];
  let normaliser: RowNormaliser | null = null;
  let keyIndex = -1;
  let headers: string[] = [];
  for (const chunk of readCsvChunks(text, chunkChars)) {
    headers = chunk.headers;
    if (!normaliser && headers.length > 0) {
      const format = detectFormat(headers);
      if (format === null) {
        result.error = `Unrecognised CSV: expected a ServiceNow, Jira or PagerDuty export (header: ${headerPreview(headers)})`;
        return result;
      }
      result.format = format;
      keyIndex = new Columns(headers).index(...KEYS[format]);
      normaliser = NORMALISERS[format]({
        headers,
        businessHours: opts.businessHours,
        jiraDoneResolutions: opts.jiraDoneResolutions,
        dateOrder: order,
        timeZone: zone,
        taintedRefs,
      });
    }
    for (const e of chunk.errors) {
      const ref = e.values ? cell({ line: e.row, values: e.values }, keyIndex) || null : null;
      if (ref) taintedRefs.add(ref);
      csvErrors.push({ row: e.row, ref, message: ref ? `${e.message} — ${ref} is left out of the import` : e.message });
    }
    if (normaliser) for (const row of chunk.rows) normaliser.add(row);
    result.rowsRead += chunk.rows.length + chunk.errors.length;
    yield;
  }
  if (!normaliser) {
    result.error = "The file is empty.";
    result.rowsRead = 0;
    return result;
  }
  const out = yield* normaliser.finish();
  if (order === "auto" && out.dates && decideOrder(out.dates.evidence) === "mdy") {
    // the values say month first: read the whole file again that way (only such files pay twice)
    const again = yield* readImport(text, { ...opts, dateOrder: "mdy" }, chunkChars);
    return { ...again, dates: datesRead(out.dates, "mdy", "values") };
  }
  result.items = out.items;
  result.rowErrors = [...csvErrors, ...out.rowErrors].sort((a, b) => a.row - b.row);
  if (out.dates) {
    const e = out.dates.evidence;
    result.times = { zone, withOffset: e.withOffset, local: e.local };
    if (order === "auto") {
      if (e.dayFirst > 0) result.dates = datesRead(out.dates, "dmy", "values");
      else if (e.ambiguous > 0) result.dates = datesRead(out.dates, "dmy", "assumed");
    } else if (e.dayFirst + e.monthFirst + e.ambiguous > 0 || order === "mdy") {
      result.dates = datesRead(out.dates, order, "chosen");
    }
  }
  return result;
}

/** Month first only when some value can only be read that way and none only day first. */
function decideOrder(e: DateOrderEvidence): "dmy" | "mdy" {
  return e.monthFirst > 0 && e.dayFirst === 0 ? "mdy" : "dmy";
}

function datesRead(
  dates: { evidence: DateOrderEvidence; formats: string[] },
  order: "dmy" | "mdy",
  decided: DatesRead["decided"],
): DatesRead {
  const e = dates.evidence;
  return {
    order,
    decided,
    evidence: order === "dmy" ? e.samples.dayFirst : e.samples.monthFirst,
    ambiguous:
      decided === "assumed" ? e.samples.ambiguous.map((s) => ({ ...s, ...DateReader.bothWays(dates.formats, s.value) })) : [],
    mixed: e.dayFirst > 0 && e.monthFirst > 0,
  };
}

export {
  API_COLUMNS,
  CSV_COLUMNS,
  TITLE_MAX,
  DEFAULT_API_SYSTEM,
  apiImportKey,
  changedColumns,
  fieldColumns,
  importKeyOf,
  mergeFields,
  normaliseRef,
  normaliseSystem,
  storedToWallClock,
  ticketKey,
  toEvidenceFields,
  wallClockToStored,
  type EvidenceFields,
  type ImportedColumn,
} from "./evidence";
export {
  SKIP_LABELS,
  handlesIn,
  PLAN_STEP,
  planImport,
  planImportSteps,
  statusAfterUpdate,
  type ImportPlan,
  type ImportScope,
  type PersonTally,
  type PlanAction,
  type PlanCounts,
  type PlanInput,
  type PlanPerson,
  type PlannedItem,
  type SkipReason,
  type StoredItem,
} from "./plan";
export { decideStored, type StoredDecision } from "./plan";
export { ingestCounts, planIngest, type IngestAction, type IngestCandidate, type PlannedIngest } from "./ingest-plan";
