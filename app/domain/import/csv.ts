// CSV reading and upload checks (pure).
import { parse } from "csv-parse/sync";
import type { UploadCheck } from "./types";

export interface CsvRow {
  /** 1-based line number where the row starts in the file (header = 1) */
  line: number;
  values: string[];
}

export interface CsvRowError {
  row: number;
  message: string;
  /** the fields read for that row, when the parser got that far (used to name the ticket) */
  values: string[] | null;
}

export interface ParsedCsv {
  /** header names, trimmed; [] for an empty file */
  headers: string[];
  rows: CsvRow[];
  /** rows that could not be read (wrong number of columns, broken quoting) */
  errors: CsvRowError[];
  delimiter: string;
  /** whole-file failure (the parser gave up); rows/errors hold what was read before */
  fatal: string | null;
}

const NEWLINES = /\r\n?/g;
const SEP_HINT = /^sep=([,;\t|])\n/i;

/** Count `,` `;` and tabs on the header line (outside quotes) and pick the most frequent; `,` by default. */
export function detectDelimiter(text: string): string {
  let commas = 0;
  let semicolons = 0;
  let tabs = 0;
  let inQuotes = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) inQuotes = !inQuotes;
    else if (inQuotes) continue;
    else if (c === 10 || c === 13) break;
    else if (c === 44) commas++;
    else if (c === 59) semicolons++;
    else if (c === 9) tabs++;
  }
  if (tabs > commas && tabs > semicolons) return "\t";
  if (semicolons > commas) return ";";
  return ",";
}

function countNewlines(values: readonly string[] | undefined): number {
  if (!values) return 0;
  let n = 0;
  for (const v of values) {
    let i = v.indexOf("\n");
    while (i !== -1) {
      n++;
      i = v.indexOf("\n", i + 1);
    }
  }
  return n;
}

interface CsvParseError extends Error {
  code?: string;
  lines?: number;
  record?: string[];
}

function describe(err: CsvParseError, expected: number): string {
  switch (err.code) {
    case "CSV_RECORD_INCONSISTENT_FIELDS_LENGTH":
      return `Row has ${err.record?.length ?? "a different number of"} columns; the header has ${expected}`;
    case "CSV_QUOTE_NOT_CLOSED":
      return 'A quoted field is never closed (missing ")';
    case "CSV_INVALID_CLOSING_QUOTE":
      return "Broken quoting: a closing quote is followed by other characters";
    case "CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE":
      return "Broken quoting: text after a closing quote";
    default:
      return `Row could not be read: ${err.message}`;
  }
}

/**
 * Parse CSV text: BOM stripped, CRLF/CR/LF accepted (line endings inside quoted fields become "\n"),
 * `,`, `;` or tab delimiter detected from the header line, header names trimmed, blank lines skipped.
 * A row whose column count differs from the header's is reported in `errors`, not fatal.
 */
export function parseCsv(text: string): ParsedCsv {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.indexOf("\r") !== -1) text = text.replace(NEWLINES, "\n");
  // Excel's "sep=;" hint line: use it, and blank it so that line numbers still match the file
  let hinted: string | null = null;
  const hint = SEP_HINT.exec(text);
  if (hint) {
    hinted = hint[1]!;
    text = text.slice(hint[0].length - 1);
  }
  const delimiter = hinted ?? detectDelimiter(text);
  const out: ParsedCsv = { headers: [], rows: [], errors: [], delimiter, fatal: null };
  if (text.trim() === "") return out;

  const skipped: CsvParseError[] = [];
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      delimiter,
      record_delimiter: "\n",
      info: true,
      relax_column_count: false,
      relax_quotes: false,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
      skip_records_with_error: true,
      on_skip: (err) => {
        if (err) skipped.push(err as CsvParseError);
        return undefined;
      },
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (e) {
    out.fatal = `The file could not be read as CSV: ${(e as Error).message}`;
    return out;
  }

  let first = true;
  for (const r of records) {
    const line = r.info.lines - countNewlines(r.record);
    if (first) {
      out.headers = r.record.map((h) => h.trim());
      first = false;
      continue;
    }
    out.rows.push({ line, values: r.record });
  }
  const expected = out.headers.length;
  for (const err of skipped) {
    const lines = err.lines ?? 0;
    out.errors.push({
      row: Math.max(1, lines - countNewlines(err.record)),
      message: describe(err, expected),
      values: err.record ?? null,
    });
  }
  return out;
}

function formatMb(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  const rounded = mb >= 10 ? Math.round(mb) : Math.round(mb * 10) / 10;
  return `${rounded} MB`;
}

/**
 * Check an uploaded file before parsing: size limit, emptiness, text (UTF-8, no NUL bytes).
 * A UTF-8 BOM is removed from the returned text.
 */
export function checkUpload(bytes: Uint8Array, limitBytes: number): UploadCheck {
  if (bytes.length > limitBytes) {
    return {
      ok: false,
      message: `The file is too large (${formatMb(bytes.length)}); the limit is ${formatMb(limitBytes)}.`,
    };
  }
  if (bytes.length === 0) return { ok: false, message: "The file is empty." };
  if (bytes.indexOf(0) !== -1) {
    return { ok: false, message: "The file is not a CSV text file (it contains binary data)." };
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return {
      ok: false,
      message: "The file is not a CSV text file (it is not UTF-8 text; export or save it as CSV UTF-8).",
    };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === "") return { ok: false, message: "The file is empty." };
  return { ok: true, text };
}
