// CSV reading and upload checks (pure).
//
// The file is read in chunks of about CHUNK_CHARS characters (papaparse's low-level parser, chosen over
// csv-parse by measurement: bench/RESULTS.md), so a caller can give the event loop back between
// chunks and a large log is never held as one array of records.
import Papa from "papaparse";
import { type Steps, runSteps } from "./common";
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
  /** whole-file failure; null since the chunked reader reports every problem on its row (kept for callers) */
  fatal: string | null;
}

/** What one step of reading gives: the rows and row errors of about one chunk of the file. */
export interface CsvChunk {
  /** the header (trimmed), [] until it has been read; the same array in every chunk */
  headers: string[];
  delimiter: string;
  rows: CsvRow[];
  errors: CsvRowError[];
}

/** 64 KiB of text: 1–2 ms of parsing and normalising, so that a caller can yield often. */
export const CHUNK_CHARS = 1 << 16;

const NEWLINES = /\r\n?/g;
const SEP_HINT = /^sep=([,;\t|])\r?\n/i;

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

function countNewlines(values: readonly string[]): number {
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

interface PapaError {
  code: string;
  row: number;
}

const QUOTE_MESSAGES: Record<string, string> = {
  MissingQuotes: 'A quoted field is never closed (missing ")',
  InvalidQuotes: "Broken quoting: a closing quote is followed by other characters",
};

/** A line of nothing but delimiters and spaces is skipped, as a blank line is. */
function isBlank(values: readonly string[]): boolean {
  for (const v of values) if (v !== "" && v.trim() !== "") return false;
  return true;
}

/**
 * A file's text, whole or in the parts it was decoded in (checkUploadPartsSteps): a 64 MB upload is read
 * without joining its parts into one more 64 MB string.
 */
export type CsvText = string | readonly string[];

/** Reads a run of parts as one text, `take(n)` characters at a time. */
class TextCursor {
  private part = 0;
  private at = 0;
  constructor(private readonly parts: readonly string[]) {
    this.skipEmpty();
  }
  get done(): boolean {
    return this.part >= this.parts.length;
  }
  take(n: number): string {
    let out = "";
    while (out.length < n && !this.done) {
      const p = this.parts[this.part]!;
      const piece = p.slice(this.at, this.at + (n - out.length));
      out = out === "" ? piece : out + piece;
      this.at += piece.length;
      this.skipEmpty();
    }
    return out;
  }
  private skipEmpty() {
    while (!this.done && this.at >= this.parts[this.part]!.length) {
      this.part++;
      this.at = 0;
    }
  }
}

/** The parts with the first ones joined up to the first line break: the BOM and a "sep=" hint line whole in one. */
function joinFirstLine(source: readonly string[]): string[] {
  let n = 0;
  // a "\r" at a part's end may be half of a "\r\n": that line ends in the next part
  while (n < source.length && !/\n|\r(?!$)/.test(source[n]!)) n++;
  return n === 0 ? [...source] : [source.slice(0, n + 1).join(""), ...source.slice(n + 1)];
}

/** The text up to its first line break (the header line, for detecting the delimiter). */
function firstLine(parts: readonly string[]): string {
  let head = "";
  for (const p of parts) {
    head += p;
    if (/[\r\n]/.test(p)) break;
  }
  return head;
}

/**
 * Reads CSV text a chunk at a time: BOM stripped, CRLF/CR/LF accepted (line endings inside quoted fields
 * become "\n"), `,`, `;` or tab delimiter detected from the header line (or Excel's "sep=" hint), header
 * names trimmed, blank lines skipped. A row whose column count differs from the header's, or whose quoting
 * is broken, is reported in `errors` with the line it starts on, and reading goes on.
 */
export function* readCsvChunks(source: CsvText, chunkChars = CHUNK_CHARS): Generator<CsvChunk, void, void> {
  const parts = typeof source === "string" ? [source] : joinFirstLine(source);
  if (parts.length > 0 && parts[0]!.charCodeAt(0) === 0xfeff) parts[0] = parts[0]!.slice(1);
  let line = 1;
  let hinted: string | null = null;
  const hint = parts.length > 0 ? SEP_HINT.exec(parts[0]!) : null;
  if (hint) {
    // Excel's "sep=;" hint line: use it, and count it so that line numbers still match the file
    hinted = hint[1]!;
    parts[0] = parts[0]!.slice(hint[0].length);
    line = 2;
  }
  const delimiter = hinted ?? detectDelimiter(firstLine(parts));
  const headers: string[] = [];
  let haveHeader = false;
  const parser = new Papa.Parser({ delimiter, newline: "\n", quoteChar: '"', escapeChar: '"' });
  const text = new TextCursor(parts);
  let carry = "";
  let size = Math.max(1, chunkChars);
  while (!text.done) {
    let piece = text.take(size);
    if (piece.charCodeAt(piece.length - 1) === 13 && !text.done) piece += text.take(1); // keep a "\r\n" together
    const last = text.done;
    if (piece.indexOf("\r") !== -1) piece = piece.replace(NEWLINES, "\n");
    const input = carry + piece;
    // ignoreLastRow: the last row may go on in the next chunk; it is carried over and read again
    const parsed = parser.parse(input, 0, !last) as { data: string[][]; errors: PapaError[]; meta: { cursor: number } };
    carry = last ? "" : input.slice(parsed.meta.cursor);
    // a quoted field longer than a chunk (or never closed): read twice as much next time, not quadratically often
    size = carry.length > chunkChars / 2 ? Math.max(size * 2, carry.length) : chunkChars;
    const broken = new Map<number, string>();
    for (const e of parsed.errors)
      if (!broken.has(e.row)) broken.set(e.row, QUOTE_MESSAGES[e.code] ?? `Row could not be read (${e.code})`);
    const out: CsvChunk = { headers, delimiter, rows: [], errors: [] };
    for (let r = 0; r < parsed.data.length; r++) {
      const values = parsed.data[r]!;
      const start = line;
      line += 1 + countNewlines(values);
      const quoting = broken.get(r);
      if (quoting) {
        out.errors.push({ row: start, message: quoting, values: null });
        continue;
      }
      if (isBlank(values)) continue;
      if (!haveHeader) {
        for (const h of values) headers.push(h.trim());
        haveHeader = true;
        continue;
      }
      if (values.length !== headers.length) {
        out.errors.push({ row: start, message: `Row has ${values.length} columns; the header has ${headers.length}`, values });
        continue;
      }
      out.rows.push({ line: start, values });
    }
    yield out;
  }
}

/** The whole of `text` at once (small files, tests): see readCsvChunks. */
export function parseCsv(text: string): ParsedCsv {
  const out: ParsedCsv = { headers: [], rows: [], errors: [], delimiter: ",", fatal: null };
  for (const chunk of readCsvChunks(text)) {
    out.headers = chunk.headers;
    out.delimiter = chunk.delimiter;
    for (const r of chunk.rows) out.rows.push(r);
    for (const e of chunk.errors) out.errors.push(e);
  }
  return out;
}

function formatMb(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  const rounded = mb >= 10 ? Math.round(mb) : Math.round(mb * 10) / 10;
  return `${rounded} MB`;
}

/** Bytes checked and decoded per step of checkUploadSteps (~1–3 ms each). */
export const CHECK_STEP_BYTES = 1 << 19;

/**
 * Check an uploaded file before parsing: size limit, emptiness, text (UTF-8, or UTF-16 with its BOM as
 * Excel's "Unicode text" writes it; no NUL bytes). A BOM is removed from the returned text. A spreadsheet
 * workbook is named as such, with what to do instead.
 */
export function checkUpload(bytes: Uint8Array, limitBytes: number): UploadCheck {
  return runSteps(checkUploadSteps(bytes, limitBytes));
}

/** checkUpload a step of CHECK_STEP_BYTES per `next()`: a 45 MB file is ~100 ms of work in one go. */
export function* checkUploadSteps(bytes: Uint8Array, limitBytes: number): Steps<UploadCheck> {
  const r = yield* checkUploadPartsSteps(bytes, limitBytes);
  return r.ok ? { ok: true, text: r.parts.join("") } : r;
}

/** checkUploadSteps, its text left in the parts it was decoded in (readCsvChunks reads them as one). */
export function* checkUploadPartsSteps(
  bytes: Uint8Array,
  limitBytes: number,
): Steps<{ ok: true; parts: string[] } | { ok: false; message: string }> {
  if (bytes.length > limitBytes) {
    return {
      ok: false,
      message: `The file is too large (${formatMb(bytes.length)}); the limit is ${formatMb(limitBytes)}.`,
    };
  }
  if (bytes.length === 0) return { ok: false, message: "The file is empty." };
  const workbook = workbookKind(bytes);
  if (workbook) {
    return {
      ok: false,
      message: `The file is an Excel workbook (${workbook}), not CSV text: open it in Excel and save it with File → Save As → "CSV UTF-8", then upload that file.`,
    };
  }
  const encoding = bomEncoding(bytes);
  const decoder = new TextDecoder(encoding, { fatal: true, ignoreBOM: false });
  const parts: string[] = [];
  const binary = { ok: false as const, message: "The file is not a CSV text file (it contains binary data)." };
  const notUtf8 = {
    ok: false as const,
    message:
      encoding === "utf-8"
        ? "The file is not a CSV text file (it is not UTF-8 text; export or save it as CSV UTF-8)."
        : "The file is not a CSV text file (it starts as UTF-16 text but is not; export or save it as CSV UTF-8).",
  };
  for (let at = 0; at < bytes.length; at += CHECK_STEP_BYTES) {
    const slice = bytes.subarray(at, Math.min(bytes.length, at + CHECK_STEP_BYTES));
    let part: string;
    try {
      part = decoder.decode(slice, { stream: true });
    } catch {
      // A NUL byte anywhere says binary (a picture, a spreadsheet) before "not UTF-8" does, as it did before.
      return bytes.indexOf(0, at) !== -1 ? binary : notUtf8;
    }
    // a NUL byte decodes to U+0000 (searching the text is much faster than a Uint8Array's indexOf)
    if (part.indexOf("\0") !== -1) return binary;
    parts.push(part);
    yield;
  }
  try {
    parts.push(decoder.decode());
  } catch {
    return notUtf8;
  }
  const first = parts.findIndex((p) => p !== "");
  if (first >= 0 && parts[first]!.charCodeAt(0) === 0xfeff) parts[first] = parts[first]!.slice(1);
  if (parts.every((p) => p.trim() === "")) return { ok: false, message: "The file is empty." };
  return { ok: true, parts: parts.filter((p) => p !== "") };
}

/** UTF-16 only by its byte-order mark (FF FE little-endian, FE FF big-endian); anything else is read as UTF-8. */
function bomEncoding(bytes: Uint8Array): "utf-8" | "utf-16le" | "utf-16be" {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return "utf-16le";
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return "utf-16be";
  return "utf-8";
}

/**
 * ".xlsx" for a ZIP holding an Excel part (xl/…), ".xls" for the OLE2 compound file older Excel writes;
 * null for anything else (another ZIP stays "binary data").
 */
function workbookKind(bytes: Uint8Array): ".xlsx" | ".xls" | null {
  const starts = (sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return ".xls";
  if (!starts([0x50, 0x4b, 0x03, 0x04])) return null;
  // the entries' names are stored in clear in their local headers; Excel's come early in the archive
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 1 << 16));
  return head.includes("xl/") ? ".xlsx" : null;
}
