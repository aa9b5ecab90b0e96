// Generated ServiceNow event logs for the import benchmarks (bench/import.ts, bench/import-stall.ts): the real
// log's rows repeated with fresh incident numbers (same shape, same mix of states, people and dates),
// deterministic, until the log has `events` rows or would pass `maxBytes`.
import fs from "node:fs";
import path from "node:path";

export function datasetPath(): string {
  return fs.existsSync("../shared/datasets")
    ? path.resolve("../shared/datasets/servicenow-incident-event-log.csv")
    : "/work/shared/datasets/servicenow-incident-event-log.csv";
}

export function generateLog(text: string, limit: { events?: number; maxBytes?: number }): string {
  const lines = text.split(/\r?\n/).filter((l) => l !== "");
  const header = lines[0]!;
  const rows = lines.slice(1);
  const events = limit.events ?? Infinity;
  const maxBytes = limit.maxBytes ?? Infinity;
  const out: string[] = [header];
  let bytes = header.length + 1;
  for (let copy = 0; out.length - 1 < events; copy++) {
    for (const row of rows) {
      if (out.length - 1 >= events) break;
      const comma = row.indexOf(",");
      const n = Number(row.slice(3, comma));
      // 100,000 numbers per copy: unique for any number of copies (8 digits and more from the 100th copy)
      const line = `INC${String(copy * 100_000 + n).padStart(7, "0")}${row.slice(comma)}`;
      if (bytes + line.length + 1 > maxBytes) return out.join("\n") + "\n";
      out.push(line);
      bytes += line.length + 1;
    }
  }
  return out.join("\n") + "\n";
}
