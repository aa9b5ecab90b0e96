import { describe, expect, it } from "vitest";
import { runSteps } from "../../../app/domain/import/common";
import { LINES_STEP, parseLines, stringifyLines, stringifyLinesNow } from "../../../app/domain/import/json-lines";

const items = Array.from({ length: LINES_STEP * 2 + 7 }, (_, i) => ({
  ref: `INC${i}`,
  title: i % 3 === 0 ? 'with "quotes",\nnewlines ] and [brackets]' : `t${i}`,
  rows: [i, i + 1],
  notes: null,
}));

describe("line-per-entry JSON payloads", () => {
  it("is one valid JSON document, equal to the object written", () => {
    const payload = {
      kind: "preview",
      format: "servicenow",
      rowsRead: 12,
      items,
      rowErrors: [{ row: 3, ref: null, message: "x" }],
    };
    const text = stringifyLinesNow(
      { kind: payload.kind, format: payload.format, rowsRead: payload.rowsRead },
      { items: payload.items, rowErrors: payload.rowErrors },
    );
    expect(JSON.parse(text)).toEqual(payload);
    expect(runSteps(parseLines(text))).toEqual(payload);
  });

  it("writes and reads in steps of LINES_STEP entries", () => {
    const writing = stringifyLines({ kind: "preview" }, { items, rowErrors: [] });
    let steps = 0;
    let step = writing.next();
    for (; !step.done; step = writing.next()) steps++;
    expect(steps).toBe(3);
    const reading = parseLines<{ items: unknown[] }>(step.value);
    let read = 0;
    let r = reading.next();
    for (; !r.done; r = reading.next()) read++;
    expect(read).toBe(3);
    expect(r.value.items).toEqual(items);
  });

  it("keeps empty lists and reads JSON written whole (older batches) at once", () => {
    const text = stringifyLinesNow({ kind: "preview", rowsRead: 0 }, { items: [], rowErrors: [] });
    expect(runSteps(parseLines(text))).toEqual({ kind: "preview", rowsRead: 0, items: [], rowErrors: [] });
    const whole = JSON.stringify({ kind: "summary", items: 3, rowErrors: [] });
    expect(runSteps(parseLines(whole))).toEqual({ kind: "summary", items: 3, rowErrors: [] });
    const pretty = JSON.stringify({ kind: "summary", rowErrors: [{ row: 1 }] }, null, 2);
    expect(runSteps(parseLines(pretty))).toEqual(JSON.parse(pretty));
  });
});
