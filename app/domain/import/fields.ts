// Helpers shared by the per-format normalisers (pure).
import type { CsvRow } from "./csv";

/** Header name as used for matching: lower case, trimmed, runs of spaces/hyphens/underscores → "_". */
export function normaliseHeader(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, "_");
}

/** Column lookup by normalised header name (first match wins; `all` for repeated columns). */
export class Columns {
  private readonly first = new Map<string, number>();
  private readonly every = new Map<string, number[]>();

  constructor(readonly headers: string[]) {
    headers.forEach((h, i) => {
      const key = normaliseHeader(h);
      if (!this.first.has(key)) this.first.set(key, i);
      const list = this.every.get(key);
      if (list) list.push(i);
      else this.every.set(key, [i]);
    });
  }

  /** index of the first existing column among the aliases, or -1 */
  index(...aliases: string[]): number {
    for (const a of aliases) {
      const i = this.first.get(a);
      if (i !== undefined) return i;
    }
    return -1;
  }

  /** every index of the given (repeated) column */
  all(alias: string): number[] {
    return this.every.get(alias) ?? [];
  }

  /** indices whose normalised header satisfies the predicate */
  matching(pred: (normalised: string, original: string) => boolean): number[] {
    const out: number[] = [];
    this.headers.forEach((h, i) => {
      if (pred(normaliseHeader(h), h)) out.push(i);
    });
    return out;
  }

  name(index: number): string {
    return this.headers[index] ?? "";
  }
}

/** Trimmed value of a column; "" when the column is absent or the value is "?"/"null"-ish. */
export function cell(row: CsvRow, index: number): string {
  if (index < 0) return "";
  const v = row.values[index];
  if (v === undefined) return "";
  const t = v.trim();
  if (t === "?" || t === "") return "";
  return t;
}

/** Non-negative integer count; "" → 0; null when not a number. */
export function readCount(value: string): number | null {
  if (value === "") return 0;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) return null;
  return n;
}

/** TRUE/FALSE, true/false, yes/no, 1/0; null when empty or unknown. */
export function readBool(value: string): boolean | null {
  switch (value.toLowerCase()) {
    case "true":
    case "yes":
    case "y":
    case "1":
      return true;
    case "false":
    case "no":
    case "n":
    case "0":
      return false;
    default:
      return null;
  }
}

/** Dedupe handles, dropping empties and "?", keeping order. */
export function uniqueHandles(values: string[]): string[] {
  const out: string[] = [];
  for (const raw of values) {
    const v = raw.trim();
    if (v === "" || v === "?" || out.includes(v)) continue;
    out.push(v);
  }
  return out;
}
