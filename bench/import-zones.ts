// What reading an export's times in a zone costs (issue 13, ADR 029): the real ServiceNow log parsed with its
// times read as UTC (the baseline: no zone arithmetic) and as Europe/London, alternated, medians and ratio.
// Run: npx tsx bench/import-zones.ts [--runs=7]
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { DEFAULT_BUSINESS_HOURS } from "../app/domain/defaults";
import { parseImport } from "../app/domain/import/index";
import { datasetPath } from "./import-log";
import { loadAverage, machineLine, printTable } from "./lib/engines";

const runs = Number(process.argv.find((a) => a.startsWith("--runs="))?.slice(7) ?? "7");
const text = readFileSync(datasetPath(), "utf8");
const zones = ["UTC", "Europe/London"] as const;
const took: Record<string, number[]> = { UTC: [], "Europe/London": [] };
console.log(machineLine());
console.log(`load average at the start: ${loadAverage()}`);
parseImport(text, { businessHours: DEFAULT_BUSINESS_HOURS }); // warm-up
for (let r = 0; r < runs; r++) {
  for (const timeZone of zones) {
    const t = performance.now();
    parseImport(text, { businessHours: DEFAULT_BUSINESS_HOURS, timeZone });
    took[timeZone]!.push(performance.now() - t);
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const base = median(took.UTC!);
printTable(
  ["times read as", "median ms", "ratio to UTC"],
  zones.map((z) => [z, median(took[z]!).toFixed(1), `${(median(took[z]!) / base).toFixed(2)}×`]),
);
console.log(`load average at the end: ${loadAverage()}`);
