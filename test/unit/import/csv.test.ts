import { describe, expect, it } from "vitest";
import fs from "node:fs";
import {
  CHECK_STEP_BYTES,
  checkUpload,
  checkUploadPartsSteps,
  detectDelimiter,
  parseCsv,
  readCsvChunks,
} from "../../../app/domain/import/csv";
import { runSteps } from "../../../app/domain/import/common";

const enc = (s: string) => new TextEncoder().encode(s);

describe("parseCsv", () => {
  it("strips a BOM, trims header names and accepts CRLF", () => {
    const csv = parseCsv("\uFEFF number , state \r\nINC1,New\r\nINC2,Closed\r\n");
    expect(csv.headers).toEqual(["number", "state"]);
    expect(csv.rows.map((r) => r.values)).toEqual([
      ["INC1", "New"],
      ["INC2", "Closed"],
    ]);
    expect(csv.rows.map((r) => r.line)).toEqual([2, 3]);
    expect(csv.errors).toEqual([]);
    expect(csv.fatal).toBeNull();
  });

  it("reads quoted fields with embedded newlines, delimiters and doubled quotes; line numbers are where rows start", () => {
    const csv = parseCsv('a,b\r\n"x, ""y""\r\nz",1\r\n\r\nplain,2\n');
    expect(csv.rows).toEqual([
      { line: 2, values: ['x, "y"\nz', "1"] },
      { line: 5, values: ["plain", "2"] },
    ]);
  });

  it("detects ';' from the header line, ignoring delimiters inside quotes", () => {
    expect(detectDelimiter('"a,b,c";d;e\n1,2,3')).toBe(";");
    expect(detectDelimiter("a,b;c,d")).toBe(",");
    const csv = parseCsv('number;"title, long";state\nINC1;"a; b, c";New\n');
    expect(csv.delimiter).toBe(";");
    expect(csv.headers).toEqual(["number", "title, long", "state"]);
    expect(csv.rows[0]!.values).toEqual(["INC1", "a; b, c", "New"]);
  });

  it("reports a row with the wrong number of columns as a row error and keeps the others", () => {
    const csv = parseCsv("a,b,c\n1,2,3\n4,5\n6,7,8,9\n10,11,12\n");
    expect(csv.rows.map((r) => r.values[0])).toEqual(["1", "10"]);
    expect(csv.errors.map((e) => e.row)).toEqual([3, 4]);
    expect(csv.errors[0]!.message).toMatch(/2 columns; the header has 3/);
    expect(csv.errors[0]!.values).toEqual(["4", "5"]);
  });

  it("reports an unclosed quote without throwing", () => {
    const csv = parseCsv('a,b\n1,2\n"3,4\n5,6\n');
    expect(csv.rows.map((r) => r.values)).toEqual([["1", "2"]]);
    expect(csv.errors).toHaveLength(1);
    expect(csv.errors[0]!.message).toMatch(/quoted field is never closed/);
  });

  it("honours Excel's sep= hint line, keeping file line numbers", () => {
    const csv = parseCsv("sep=;\r\nnumber;state\r\nINC1;New\r\n");
    expect(csv.delimiter).toBe(";");
    expect(csv.headers).toEqual(["number", "state"]);
    expect(csv.rows).toEqual([{ line: 3, values: ["INC1", "New"] }]);
  });

  it("gives no header for empty text", () => {
    expect(parseCsv("").headers).toEqual([]);
    expect(parseCsv("\uFEFF\r\n  \r\n").headers).toEqual([]);
  });
});

describe("checkUpload", () => {
  it("accepts UTF-8 text and removes a BOM", () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...enc("number,state\nINC1,Né\n")]);
    expect(checkUpload(bytes, 1024)).toEqual({ ok: true, text: "number,state\nINC1,Né\n" });
  });

  it("refuses a file over the limit, naming the limit in MB", () => {
    const limit = 5 * 1024 * 1024;
    const r = checkUpload(new Uint8Array(limit + 1).fill(0x61), limit);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/limit is 5 MB/);
  });

  it("refuses binary input: NUL bytes or invalid UTF-8", () => {
    const withNul = checkUpload(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]), 1024);
    expect(withNul.ok).toBe(false);
    if (!withNul.ok) expect(withNul.message).toMatch(/not a CSV text file/);
    const badUtf8 = checkUpload(new Uint8Array([0x61, 0x2c, 0xc3, 0x28, 0xff]), 1024);
    expect(badUtf8.ok).toBe(false);
    if (!badUtf8.ok) expect(badUtf8.message).toMatch(/not a CSV text file \(it is not UTF-8 text/);
  });

  it("names a picture binary, although its first byte is already not UTF-8", () => {
    const png = checkUpload(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]), 1024);
    expect(png).toEqual({ ok: false, message: "The file is not a CSV text file (it contains binary data)." });
  });

  it('decodes UTF-16 with its byte-order mark, as Excel\'s "Unicode text" is saved (both byte orders)', () => {
    const text = "number\tstate\nINC1\tRésolu – 東京\n";
    const le = new Uint8Array([0xff, 0xfe, ...new Uint8Array(Buffer.from(text, "utf16le"))]);
    expect(checkUpload(le, 1024)).toEqual({ ok: true, text });
    const swapped = Buffer.from(text, "utf16le").swap16();
    const be = new Uint8Array([0xfe, 0xff, ...new Uint8Array(swapped)]);
    expect(checkUpload(be, 1024)).toEqual({ ok: true, text });
    // a surrogate pair split by the end of a step of the check (BOM + x… puts 😀 across it) is read whole
    const long = "x".repeat(CHECK_STEP_BYTES / 2 - 2) + "😀\n";
    const split = new Uint8Array([0xff, 0xfe, ...new Uint8Array(Buffer.from(long, "utf16le"))]);
    expect(checkUpload(split, 10 * CHECK_STEP_BYTES)).toEqual({ ok: true, text: long });
  });

  it("names an Excel workbook and says to save it as CSV (a real .xlsx package, and the older .xls)", () => {
    // test/fixtures/import/incidents.xlsx: a SpreadsheetML package of one sheet, written with Python's zipfile
    const xlsx = new Uint8Array(fs.readFileSync("test/fixtures/import/incidents.xlsx"));
    const r = checkUpload(xlsx, 1 << 20);
    expect(r).toEqual({
      ok: false,
      message:
        'The file is an Excel workbook (.xlsx), not CSV text: open it in Excel and save it with File → Save As → "CSV UTF-8", then upload that file.',
    });
    const xls = checkUpload(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0]), 1024);
    expect(xls.ok === false && xls.message).toMatch(/Excel workbook \(\.xls\)/);
    // a ZIP that is not a workbook is still "binary data"
    const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...new Uint8Array(26), ...new TextEncoder().encode("a.txt"), 0]);
    expect(checkUpload(zip, 1024)).toEqual({ ok: false, message: "The file is not a CSV text file (it contains binary data)." });
  });

  it("refuses an empty file", () => {
    const empty = checkUpload(new Uint8Array(0), 1024);
    expect(empty.ok).toBe(false);
    if (!empty.ok) expect(empty.message).toMatch(/empty/);
    const blank = checkUpload(enc("\uFEFF\r\n \r\n"), 1024);
    expect(blank.ok).toBe(false);
  });
});

describe("reading the parts an upload was decoded in", () => {
  const rowsOf = (source: string | string[], chunkChars?: number) =>
    [...readCsvChunks(source, chunkChars)].flatMap((c) => [
      ...c.rows.map((r) => ({ line: r.line, values: r.values, headers: c.headers, delimiter: c.delimiter })),
      ...c.errors.map((e) => ({ line: e.row, error: e.message })),
    ]);
  const text =
    '\uFEFFsep=;\r\nnumber;state;notes\r\nINC1;Resolved;"two\r\nlines; and a ""quote"""\r\nINC2;Active;x\r\nINC3;short\r\n\r\nINC4;Closed;"é"\r\n';

  it("reads the same rows, errors and line numbers whatever the boundaries (mid CRLF, mid quote, BOM alone)", () => {
    const whole = rowsOf(text);
    expect(whole.length).toBe(4);
    for (let a = 1; a < text.length; a++) {
      for (const b of [a + 1, a + 7, text.length - 1]) {
        if (b <= a || b >= text.length) continue;
        const parts = [text.slice(0, a), text.slice(a, b), "", text.slice(b)];
        for (const chunk of [3, 16, 1 << 16]) expect(rowsOf(parts, chunk), `${a}/${b}/${chunk}`).toEqual(whole);
      }
    }
  });

  it("checkUpload's parts read as its text does; an empty or blank file is refused either way", () => {
    const bytes = new TextEncoder().encode("number,state\r\nINC1,Resolved\r\n".repeat(3000));
    const parts = runSteps(checkUploadPartsSteps(bytes, 1 << 22));
    const whole = checkUpload(bytes, 1 << 22);
    if (!parts.ok || !whole.ok) throw new Error("refused");
    expect(parts.parts.length).toBeGreaterThan(0);
    expect(parts.parts.join("")).toBe(whole.text);
    expect(rowsOf(parts.parts)).toEqual(rowsOf(whole.text));
    expect(runSteps(checkUploadPartsSteps(new TextEncoder().encode("\uFEFF \r\n"), 1024))).toEqual({
      ok: false,
      message: "The file is empty.",
    });
  });
});
