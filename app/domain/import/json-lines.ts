// A preview batch's payload (20,000 tickets: ~12 MB of JSON) written and read a slice at a time (pure).
//
// The text stays one valid JSON document — JSON.parse reads it whole, as it read every payload before — but
// each entry of its lists sits on a line of its own (JSON.stringify never puts a raw newline inside a value),
// so a caller can give the event loop back between slices instead of one 70–100 ms stringify or parse.
import { type Steps, runSteps } from "./common";

/** List entries per step (~2–4 ms of stringify or parse each). */
export const LINES_STEP = 250;

/**
 * `{...head, [list]: entries…}` as JSON with one list entry per line. `head` holds the small fields (at least
 * one), `lists` the long ones, written after them in the order given.
 */
export function* stringifyLines(head: Record<string, unknown>, lists: Record<string, readonly unknown[]>): Steps<string> {
  const parts: string[] = [JSON.stringify(head).slice(0, -1)];
  const names = Object.keys(lists);
  for (const name of names) {
    const list = lists[name]!;
    parts.push(`,\n${JSON.stringify(name)}:[\n`);
    for (let i = 0; i < list.length; i += LINES_STEP) {
      const end = Math.min(list.length, i + LINES_STEP);
      for (let j = i; j < end; j++) parts.push(JSON.stringify(list[j]) + (j < list.length - 1 ? ",\n" : "\n"));
      yield;
    }
    parts.push("]");
  }
  parts.push("}");
  return parts.join("");
}

const LIST_START = /^"((?:[^"\\]|\\.)*)":\[$/;

/**
 * Reads what stringifyLines wrote, a slice of entries per step; any other JSON (a payload written whole,
 * as older batches were) is read at once.
 */
export function* parseLines<T>(json: string): Steps<T> {
  const firstBreak = json.indexOf("\n");
  const secondBreak = firstBreak === -1 ? -1 : json.indexOf("\n", firstBreak + 1);
  const written =
    secondBreak !== -1 &&
    json.startsWith("{") &&
    json.charCodeAt(firstBreak - 1) === 44 /* , */ &&
    LIST_START.test(json.slice(firstBreak + 1, secondBreak));
  if (!written) return JSON.parse(json) as T;
  // line 0: `{"a":1,"b":2,`  — the head without its closing brace, and the comma before the first list
  const out = JSON.parse(json.slice(0, firstBreak - 1) + "}") as Record<string, unknown>;
  let at = firstBreak + 1; // the start of the current line
  while (at < json.length) {
    const lineEnd = json.indexOf("\n", at);
    const start = LIST_START.exec(json.slice(at, lineEnd === -1 ? json.length : lineEnd));
    if (!start || lineEnd === -1) throw new Error("Unexpected text in a line-per-entry JSON payload");
    const name = JSON.parse(`"${start[1]}"`) as string;
    const entries: unknown[] = [];
    at = lineEnd + 1;
    // LINES_STEP entries at a time: from `at` to the end of the LINES_STEP-th line, or to the list's "]" line
    while (json.charCodeAt(at) !== 93 /* ] */) {
      let end = at;
      for (let n = 0; n < LINES_STEP && json.charCodeAt(end) !== 93; n++) end = json.indexOf("\n", end) + 1;
      const slice = json.slice(at, end - 1); // without the last line's "\n"
      const body = slice.endsWith(",") ? slice.slice(0, -1) : slice;
      for (const e of JSON.parse(`[${body}]`) as unknown[]) entries.push(e);
      at = end;
      yield;
    }
    out[name] = entries;
    // the "]," or "]}" line closes the list; the next list's name follows on the next line
    const close = json.indexOf("\n", at);
    at = close === -1 ? json.length : close + 1;
  }
  return out as T;
}

/** stringifyLines at once. */
export function stringifyLinesNow(head: Record<string, unknown>, lists: Record<string, readonly unknown[]>): string {
  return runSteps(stringifyLines(head, lists));
}
