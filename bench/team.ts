// Team view benchmark: an organisation of 500 people with 250,000 evidence items (contributions
// materialised with the real mapping rules), timing the data function the /team loader calls (teamView)
// for the top manager, against one raw better-sqlite3 aggregate over the same rows.
// Run: npx tsx bench/team.ts   (options: --people=N --items=N --runs=N --keep to reuse the generated database)
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import SQLite from "better-sqlite3";
import { openDatabase } from "../app/db.server";
import { counts } from "../app/domain/evidence-status";
import { mapWorkItem } from "../app/domain/mapping";
import type { EvidenceStatus } from "../app/domain/types";
import { listRules } from "../app/models/catalog.server";
import { type EvidenceInput, toColumns, workItemOf } from "../app/models/evidence.server";
import { rebuildSkillMonths } from "../app/models/skill-months.server";
import { teamLevels, teamView } from "../app/services/team.server";
import { subtreeIds } from "../app/models/people.server";
import { migrateToLatest } from "../db/migrate";
import { ensureCatalog } from "../seeds/catalog";
import { between, chance, mulberry32, pick } from "../seeds/random";

function arg(name: string, fallback: number): number {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit ? Number(hit.split("=")[1]) : fallback;
}

const PEOPLE = arg("people", 500);
const ITEMS = arg("items", 250_000);
const RUNS = Math.max(20, arg("runs", 20));
const WARMUP = 3;
const KEEP = process.argv.includes("--keep");
const DIR = path.resolve("bench/.tmp");
const FILE = path.join(DIR, "team.db");
const MANAGERS = Math.max(1, Math.round(PEOPLE / 25));

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.95) - 1)]!;
const ms = (n: number) => n.toFixed(1);

const KIND_WEIGHTS: [string, number][] = [
  ["incident", 45], ["on_call", 10], ["change", 12], ["problem", 6], ["refactoring", 4], ["performance", 4],
  ["dr_drill", 2], ["design", 3], ["escalation", 4], ["knowledge", 4], ["mentoring", 3], ["training", 3],
];
const KIND_TOTAL = KIND_WEIGHTS.reduce((s, [, w]) => s + w, 0);

function pickKind(r: () => number): string {
  let x = r() * KIND_TOTAL;
  for (const [k, w] of KIND_WEIGHTS) if ((x -= w) < 0) return k;
  return "incident";
}

function item(r: () => number, i: number, resolved: Date): EvidenceInput {
  const kind = pickKind(r);
  const p = r();
  const priority = kind === "incident" || kind === "escalation" || kind === "problem" ? (p < 0.06 ? "P1" : p < 0.22 ? "P2" : p < 0.65 ? "P3" : "P4") : null;
  const hour = resolved.getUTCHours();
  const afterHours = kind === "on_call" ? chance(r, 0.7) : (hour < 8 || hour >= 18) && kind !== "training";
  const duration = kind === "on_call" ? between(r, 8, 60) * 60 : between(r, 20, 600);
  return {
    kind,
    title: `${kind} #${i}`,
    externalRef: kind === "incident" ? `INC${String(i).padStart(7, "0")}` : null,
    startedAt: new Date(resolved.getTime() - duration * 60_000).toISOString(),
    resolvedAt: resolved.toISOString(),
    priority,
    impact: priority === "P1" ? "critical" : priority === "P2" ? "high" : priority ? "medium" : null,
    workRole: ["incident", "problem", "dr_drill", "escalation", "design", "change"].includes(kind) ? (chance(r, 0.3) ? "lead" : "contributor") : null,
    outcome: kind === "incident" ? (chance(r, 0.85) ? "resolved" : chance(r, 0.5) ? "workaround" : "escalated") : null,
    afterHours,
    afterHoursMinutes: afterHours ? Math.min(duration, between(r, 30, 240)) : 0,
    durationMinutes: duration,
    emergency: kind === "change" && chance(r, 0.12),
    addsFunctionality: kind === "change" && chance(r, 0.4),
    fixesSlowness: kind === "refactoring" && chance(r, 0.5),
    reassignmentCount: kind === "incident" && chance(r, 0.25) ? between(r, 1, 3) : 0,
    reopenCount: kind === "incident" && chance(r, 0.07) ? 1 : 0,
    problemRef: kind === "incident" && chance(r, 0.1) ? `PRB${between(r, 1000, 9999)}` : null,
    changeRef: null,
    resolutionCode: null,
    notes: null,
    links: [],
  };
}

async function build(now: Date) {
  fs.mkdirSync(DIR, { recursive: true });
  for (const s of ["", "-wal", "-shm"]) fs.rmSync(FILE + s, { force: true });
  const db = openDatabase(FILE);
  await migrateToLatest(db);
  await ensureCatalog(db);
  const rules = await listRules(db, { activeOnly: true });
  await db.destroy();

  const t0 = performance.now();
  const raw = new SQLite(FILE);
  raw.pragma("journal_mode = WAL");
  raw.pragma("synchronous = OFF");
  const ts = now.toISOString();
  const pos = new Map((raw.prepare("SELECT key, id FROM positions").all() as { key: string; id: number }[]).map((p) => [p.key, p.id]));
  const insTeam = raw.prepare("INSERT INTO teams (name) VALUES (?)");
  const insPerson = raw.prepare(
    "INSERT INTO people (email, name, role, manager_id, team_id, position_id, password_hash, active, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, NULL, 1, ?, ?)",
  );
  const cols = Object.keys(toColumns(item(mulberry32(1), 0, now)));
  const insEvidence = raw.prepare(
    `INSERT INTO evidence (person_id, source, status, created_at, updated_at, ${cols.join(", ")}) VALUES (?, 'manual', ?, ?, ?, ${cols.map(() => "?").join(", ")})`,
  );
  const insContribution = raw.prepare(
    "INSERT INTO contributions (evidence_id, person_id, resolved_at, counted, verified, skill_key, points, reason, rule_id, adjusted, original_points) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, NULL)",
  );

  const r = mulberry32(777);
  let topId = 0;
  let contributions = 0;
  raw.transaction(() => {
    topId = Number(insPerson.run("head@bench.example", "Head of Support", "manager", null, null, pos.get("head"), ts, ts).lastInsertRowid);
    const managers: { id: number; team: number }[] = [];
    for (let m = 0; m < MANAGERS; m++) {
      const team = Number(insTeam.run(`Team ${m + 1}`).lastInsertRowid);
      const id = Number(insPerson.run(`manager${m + 1}@bench.example`, `Manager ${String(m + 1).padStart(2, "0")}`, "manager", topId, team, pos.get("lead"), ts, ts).lastInsertRowid);
      managers.push({ id, team });
    }
    const engineers = PEOPLE - 1 - MANAGERS;
    const personIds = [topId, ...managers.map((m) => m.id)];
    for (let e = 0; e < engineers; e++) {
      const m = managers[e % managers.length]!;
      const position = pick(r, ["se1", "se2", "se2", "senior"]);
      personIds.push(Number(insPerson.run(`eng${e + 1}@bench.example`, `Engineer ${String(e + 1).padStart(3, "0")}`, "engineer", m.id, m.team, pos.get(position), ts, ts).lastInsertRowid));
    }
    for (let i = 0; i < ITEMS; i++) {
      const personId = personIds[i % personIds.length]!;
      const daysAgo = Math.floor(Math.pow(r(), 1.2) * 730);
      const resolved = new Date(now.getTime() - daysAgo * 86_400_000);
      resolved.setUTCHours(chance(r, 0.2) ? between(r, 0, 6) : between(r, 8, 19), between(r, 0, 59), 0, 0);
      const input = item(r, i, resolved);
      const status: EvidenceStatus = daysAgo > 60 ? (chance(r, 0.8) ? "verified" : "submitted") : chance(r, 0.15) ? "draft" : chance(r, 0.4) ? "verified" : "submitted";
      const c = toColumns(input) as Record<string, unknown>;
      const evidenceId = Number(insEvidence.run(personId, status, input.resolvedAt, input.resolvedAt, ...cols.map((k) => c[k] ?? null)).lastInsertRowid);
      const counted = counts(status) ? 1 : 0;
      const verified = status === "verified" ? 1 : 0;
      for (const k of mapWorkItem(workItemOf(input), rules)) {
        insContribution.run(evidenceId, personId, input.resolvedAt, counted, verified, k.skill, k.points, k.reason, k.ruleId);
        contributions++;
      }
    }
  })();
  raw.close();
  const buildMs = performance.now() - t0;
  // The rows above bypass the evidence writes, so the stored monthly buckets are built afterwards in one go,
  // as after a rule change.
  const t1 = performance.now();
  const kdb = openDatabase(FILE);
  await kdb.transaction().execute((tx) => rebuildSkillMonths(tx));
  await kdb.destroy();
  const rebuildMs = performance.now() - t1;
  const after = new SQLite(FILE);
  after.pragma("wal_checkpoint(TRUNCATE)");
  after.exec("ANALYZE");
  after.close();
  return { topId, contributions, buildMs, rebuildMs };
}

function cpuModel(): string {
  try {
    const line = fs.readFileSync("/proc/cpuinfo", "utf8").split("\n").find((l) => l.startsWith("model name"));
    return line ? line.split(":")[1]!.trim() : (os.cpus()[0]?.model ?? "unknown");
  } catch {
    return os.cpus()[0]?.model ?? "unknown";
  }
}

async function main() {
  const now = new Date();
  let topId: number;
  let buildNote: string;
  if (KEEP && fs.existsSync(FILE)) {
    const raw = new SQLite(FILE, { readonly: true });
    topId = (raw.prepare("SELECT id FROM people WHERE manager_id IS NULL ORDER BY id LIMIT 1").get() as { id: number }).id;
    raw.close();
    buildNote = "reused";
  } else {
    const b = await build(now);
    topId = b.topId;
    buildNote = `generated in ${(b.buildMs / 1000).toFixed(1)} s; skill_months rebuilt from them in ${(b.rebuildMs / 1000).toFixed(1)} s`;
  }

  const db = openDatabase(FILE);
  const raw = new SQLite(FILE, { readonly: true });
  const totals = raw
    .prepare(
      "SELECT (SELECT count(*) FROM people) AS people, (SELECT count(*) FROM evidence) AS items, (SELECT count(*) FROM contributions) AS contributions, (SELECT count(*) FROM skill_months) AS buckets",
    )
    .get() as { people: number; items: number; contributions: number; buckets: number };
  // The baseline: one aggregate over the same rows the team's scores come from.
  const baseline = raw.prepare("SELECT person_id, skill_key, sum(points) AS points FROM contributions WHERE counted = 1 GROUP BY person_id, skill_key");
  // The floor of the stored-bucket design: the same plain sum over skill_months, without the decay.
  const floor = raw.prepare("SELECT person_id, skill_key, sum(verified_points + self_points) AS points, sum(items) AS items FROM skill_months GROUP BY person_id, skill_key");

  let check: Awaited<ReturnType<typeof teamView>> | null = null;
  for (let i = 0; i < WARMUP; i++) {
    check = await teamView(db, { managerId: topId }, now);
    baseline.all();
  }
  if (!check || check.heatmap.rows.length !== totals.people - 1) throw new Error(`teamView returned ${check?.heatmap.rows.length} rows, expected ${totals.people - 1}`);

  // Interleaved, so both see the same machine load. CPU time (user + system of this process) is also
  // recorded: on a shared machine it is steadier than wall time.
  const service: number[] = [];
  const serviceCpu: number[] = [];
  const rawTimes: number[] = [];
  const rawCpu: number[] = [];
  const floorTimes: number[] = [];
  const levelTimes: number[] = [];
  const subtree = await subtreeIds(db, topId);
  const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;
  const load0 = os.loadavg()[0]!;
  let rows = 0;
  for (let i = 0; i < RUNS; i++) {
    let t = performance.now();
    let c = process.cpuUsage();
    await teamView(db, { managerId: topId }, now);
    service.push(performance.now() - t);
    serviceCpu.push(cpuMs(process.cpuUsage(c)));
    t = performance.now();
    c = process.cpuUsage();
    rows = baseline.all().length;
    rawTimes.push(performance.now() - t);
    rawCpu.push(cpuMs(process.cpuUsage(c)));
    t = performance.now();
    floor.all();
    floorTimes.push(performance.now() - t);
    // The levels part of the view alone (heatmap, bus factor and succession are computed from it).
    t = performance.now();
    await teamLevels(db, subtree, now);
    levelTimes.push(performance.now() - t);
  }
  const load1 = os.loadavg()[0]!;
  const med = median(service);
  const rawMed = median(rawTimes);
  console.log(`machine: nproc ${os.cpus().length}, ${cpuModel()}, node ${process.version}, ${os.platform()} ${os.release()}`);
  console.log(`data: ${totals.people} people, ${totals.items} evidence items, ${totals.contributions} contributions, ${totals.buckets} skill_months rows (${buildNote})`);
  console.log(`team view for the top manager: ${check.heatmap.rows.length} people, ${check.flaggedCount} flagged for load`);
  console.log(`runs: ${RUNS} after ${WARMUP} warm-up`);
  console.log(`teamView (service):                median ${ms(med)} ms, p95 ${ms(p95(service))} ms, min ${ms(Math.min(...service))} ms`);
  console.log(`of which teamLevels alone (measured separately): median ${ms(median(levelTimes))} ms`);
  console.log(`raw SQL SUM(points) GROUP BY person, skill (${rows} rows): median ${ms(rawMed)} ms, p95 ${ms(p95(rawTimes))} ms`);
  console.log(`raw SQL sum over skill_months GROUP BY person, skill: median ${ms(median(floorTimes))} ms`);
  console.log(`CPU time: teamView median ${ms(median(serviceCpu))} ms, p95 ${ms(p95(serviceCpu))} ms; raw median ${ms(median(rawCpu))} ms`);
  console.log(`ratio service / raw: ${(med / rawMed).toFixed(2)}× wall, ${(median(serviceCpu) / median(rawCpu)).toFixed(2)}× CPU; target median ≤ 150 ms → ${med <= 150 ? "PASS" : "MISS"}`);
  console.log(`load average (1 min) during the runs: ${load0.toFixed(1)} → ${load1.toFixed(1)} on ${os.cpus().length} CPUs`);
  raw.close();
  await db.destroy();
}

await main();
