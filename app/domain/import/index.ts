// Import of ticketing-tool CSV exports: parse, detect, normalise (pure: no database, no Request, no clock).
import type { NormaliseInput, NormaliseOutput } from "./common";
import { parseCsv } from "./csv";
import { detectFormat } from "./detect";
import { Columns, cell } from "./fields";
import { JIRA_KEY, normaliseJira } from "./jira";
import { PAGERDUTY_KEY, normalisePagerDuty } from "./pagerduty";
import { SERVICENOW_KEY, normaliseServiceNow } from "./servicenow";
import type { Format, ImportOptions, ImportResult, RowError } from "./types";

export type { BusinessHours, Format, ImportItem, ImportOptions, ImportResult, RowError, UploadCheck } from "./types";
export { checkUpload, detectDelimiter, parseCsv, type CsvRow, type CsvRowError, type ParsedCsv } from "./csv";
export { detectFormat } from "./detect";
export { afterHoursMinutes, afterHoursOf, durationMinutes, isOutsideBusinessHours, wallClockMinutes } from "./business-hours";
export { serviceNowImpact, serviceNowPriority, isServiceNowResolvedState } from "./servicenow";
export { jiraImpact, jiraKind, jiraOutcome, jiraPriority } from "./jira";
export { pagerDutyPriority } from "./pagerduty";

const NORMALISERS: Record<Format, (input: NormaliseInput) => NormaliseOutput> = {
  servicenow: normaliseServiceNow,
  jira: normaliseJira,
  pagerduty: normalisePagerDuty,
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
  const csv = parseCsv(text);
  const result: ImportResult = { format: null, error: null, rowsRead: 0, items: [], rowErrors: [] };
  if (csv.headers.length === 0) {
    result.error = csv.fatal ?? "The file is empty.";
    return result;
  }
  const format = detectFormat(csv.headers);
  if (format === null) {
    result.error = `Unrecognised CSV: expected a ServiceNow, Jira or PagerDuty export (header: ${headerPreview(csv.headers)})`;
    return result;
  }
  result.format = format;
  if (csv.fatal) {
    result.error = csv.fatal;
    return result;
  }
  const keyIndex = new Columns(csv.headers).index(...KEYS[format]);
  // A ticket with an unreadable row is left out whole, so it never appears in an older state.
  const taintedRefs = new Set<string>();
  const csvErrors: RowError[] = csv.errors.map((e) => {
    const ref = e.values ? cell({ line: e.row, values: e.values }, keyIndex) || null : null;
    if (ref) taintedRefs.add(ref);
    return { row: e.row, ref, message: ref ? `${e.message} — ${ref} is left out of the import` : e.message };
  });

  const out = NORMALISERS[format]({
    headers: csv.headers,
    rows: csv.rows,
    businessHours: opts.businessHours,
    taintedRefs,
  });
  result.rowsRead = csv.rows.length + csvErrors.length;
  result.items = out.items;
  result.rowErrors = [...csvErrors, ...out.rowErrors].sort((a, b) => a.row - b.row);
  return result;
}

export {
  API_COLUMNS,
  CSV_COLUMNS,
  TITLE_MAX,
  apiImportKey,
  changedColumns,
  fieldColumns,
  importKeyOf,
  mergeFields,
  storedToWallClock,
  toEvidenceFields,
  wallClockToStored,
  type EvidenceFields,
  type ImportedColumn,
} from "./evidence";
export {
  SKIP_LABELS,
  handlesIn,
  planImport,
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
