// Mapping-rule edit preview (issue 16, point 5): times the preview the edit page shows before a save
// (previewRuleUpdate: read every item, run the mapping engine twice per item; writes nothing) against the
// save it stands in front of (updateRule: re-derive every item's contributions and the buckets), on the
// same database in the same run. SQLite, one engineer with --items=N items (default 2000).
// Run: npx tsx bench/rule-preview.ts [--items=2000] [--runs=20]
import path from "node:path";
import { performance } from "node:perf_hooks";
import { addPersonItems, benchFileWithEngineers, rebuildBuckets } from "./person-data";
import { loadAverage, machineLine, median, p95, printTable } from "./lib/engines";
import { openDatabase } from "../app/db.server";
import { previewRuleUpdate, updateRule } from "../app/services/rules.server";

function arg(name: string, fallback: number): number {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit ? Number(hit.split("=")[1]) : fallback;
}
const ITEMS = arg("items", 2000);
const RUNS = Math.max(5, arg("runs", 20));
const FILE = path.resolve("bench/.tmp/rule-preview.db");

const { db: setup, now, rules, people } = await benchFileWithEngineers(FILE, [ITEMS], { email: "rules", name: "Rules Engineer" });
await setup.destroy();
addPersonItems(FILE, people[0]!.personId, ITEMS, rules, now);
await rebuildBuckets(FILE);

const db = openDatabase(FILE);
// the bench engineer acts as an admin (the audit entry needs a person)
const admin = { id: people[0]!.personId, role: "admin" as const, team_id: null };
const rule = rules.find((r) => r.kind === "incident") ?? rules[0]!;
// An edit that moves points: the rule for any kind of work, one more point.
const values = (points: number) => ({ kind: "*", skill: rule.skill, points, reason: rule.reason, when: {} });

const time = async (f: () => Promise<unknown>) => {
  const t0 = performance.now();
  await f();
  return performance.now() - t0;
};
const previews: number[] = [];
const saves: number[] = [];
let affected = 0;
for (let i = 0; i < RUNS + 2; i++) {
  const p = await time(async () => {
    const r = await previewRuleUpdate(db, admin, rule.id, values(rule.points + 1) as never);
    if (r.kind !== "ok") throw new Error(JSON.stringify(r));
    affected = r.value.preview.itemsAffected;
  });
  if (i >= 2) previews.push(p);
}
for (let i = 0; i < Math.min(RUNS, 5) + 1; i++) {
  const s = await time(async () => {
    const r = await updateRule(db, admin, rule.id, values(i % 2 ? rule.points : rule.points + 1) as never, now);
    if (r.kind !== "ok") throw new Error(JSON.stringify(r));
  });
  if (i >= 1) saves.push(s);
}
await db.destroy();

console.log(machineLine());
console.log(`load average: ${loadAverage()}; ${ITEMS} items, ${affected} affected by the previewed edit`);
const ms = (n: number) => `${n.toFixed(1)} ms`;
printTable(
  ["what", "runs", "median", "p95"],
  [
    ["preview (read + mapping engine, no write)", String(previews.length), ms(median(previews)), ms(p95(previews))],
    ["save (re-derive every item + buckets)", String(saves.length), ms(median(saves)), ms(p95(saves))],
  ],
);
