// Team view benchmark: an organisation of 500 people with 250,000 evidence items (contributions
// materialised with the real mapping rules), timing the data function the /team loader calls (teamView)
// for the top manager, against one raw SQL aggregate over the same rows on the same engine.
// With DATABASE_URL (a PostgreSQL server URL) the same data, copied from the SQLite file in bulk into a fresh
// database `bench_team`, is measured on PostgreSQL too, and both engines are printed side by side.
// Run: npx tsx bench/team.ts   (options: --people=N, --items=N or --items-per-person=N, --teams=50,500 to measure
// the reporting lines of managers with about that many people too (a scaling curve, in the same database and
// run), --runs=N, --keep to reuse the generated SQLite file and to leave bench_team behind, --engine=sqlite|postgres,
// --file=NAME for another file under bench/.tmp, --plans to print the plan of every query the team view runs: EXPLAIN QUERY PLAN on SQLite, EXPLAIN on PostgreSQL)
// The curve of issue 18: npx tsx bench/team.ts --people=2000 --items-per-person=500 --teams=50,500 --plans
import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import SQLite from "better-sqlite3";
import { type KyselyPlugin, sql } from "kysely";
import { type DB, openDatabase } from "../app/db.server";
import { counts } from "../app/domain/evidence-status";
import { mapWorkItem } from "../app/domain/mapping";
import type { EvidenceStatus } from "../app/domain/types";
import { listRules } from "../app/models/catalog.server";
import { type EvidenceInput, toColumns, workItemOf } from "../app/models/evidence.server";
import { rebuildSkillMonths } from "../app/models/skill-months.server";
import { LOAD_MONTHS, teamLevels, teamView } from "../app/services/team.server";
import { subtreeIds } from "../app/models/people.server";
import { loadGroups } from "../app/models/team.server";
import { loadGroupsFromEvidenceRows, rebuildLoadMonths } from "../app/models/load-months.server";
import { monthsBack } from "../app/domain/team";
import { migrateToLatest } from "../db/migrate";
import { ensureCatalog } from "../seeds/catalog";
import { between, chance, mulberry32, pick } from "../seeds/random";
import {
  ENGINE_LABEL,
  type EngineName,
  benchEngines,
  dropPostgresDatabase,
  loadAverage,
  machineLine,
  median,
  p95,
  postgresCopyOf,
  printTable,
  rawPostgres,
  vacuumAnalyze,
} from "./lib/engines";
import { backendCpu, backendCpuSince } from "./lib/cpu";

function arg(name: string, fallback: number): number {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit ? Number(hit.split("=")[1]) : fallback;
}

const PEOPLE = arg("people", 500);
const ITEMS = process.argv.some((a) => a.startsWith("--items-per-person="))
  ? PEOPLE * arg("items-per-person", 500)
  : arg("items", 250_000);
/** Reporting lines measured besides the whole organisation: a manager with about this many people under them. */
const TEAMS = (process.argv.find((a) => a.startsWith("--teams="))?.slice("--teams=".length) ?? "")
  .split(",")
  .map(Number)
  .filter((n) => Number.isInteger(n) && n > 1)
  .sort((a, b) => a - b);
const PLANS = process.argv.includes("--plans");
const RUNS = Math.max(5, arg("runs", 20));
const WARMUP = 3;
const KEEP = process.argv.includes("--keep");
const DIR = path.resolve("bench/.tmp");
const FILE = path.join(DIR, process.argv.find((a) => a.startsWith("--file="))?.slice("--file=".length) ?? "team.db");
/** The managers of the --teams reporting lines, beside the file (for --keep). */
const LEADS_FILE = `${FILE}.leads.json`;
const MANAGERS = Math.max(1, Math.round(PEOPLE / 25));
const PG_DATABASE = "bench_team";
/** 150 ms for 500 people (ADR 005); issue 18: 300 ms for 2,000 people and 1M items. */
const TARGET_MS = PEOPLE > 1000 ? 300 : 150;

const KIND_WEIGHTS: [string, number][] = [
  ["incident", 45],
  ["on_call", 10],
  ["change", 12],
  ["problem", 6],
  ["refactoring", 4],
  ["performance", 4],
  ["dr_drill", 2],
  ["design", 3],
  ["escalation", 4],
  ["knowledge", 4],
  ["mentoring", 3],
  ["training", 3],
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
  const priority =
    kind === "incident" || kind === "escalation" || kind === "problem"
      ? p < 0.06
        ? "P1"
        : p < 0.22
          ? "P2"
          : p < 0.65
            ? "P3"
            : "P4"
      : null;
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
    workRole: ["incident", "problem", "dr_drill", "escalation", "design", "change"].includes(kind)
      ? chance(r, 0.3)
        ? "lead"
        : "contributor"
      : null,
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
  const pos = new Map(
    (raw.prepare("SELECT key, id FROM positions").all() as { key: string; id: number }[]).map((p) => [p.key, p.id]),
  );
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
  const leads: { size: number; managerId: number }[] = [];
  raw.transaction(() => {
    topId = Number(
      insPerson.run("head@bench.example", "Head of Support", "manager", null, null, pos.get("head"), ts, ts).lastInsertRowid,
    );
    const managers: { id: number; team: number }[] = [];
    for (let m = 0; m < MANAGERS; m++) {
      const team = Number(insTeam.run(`Team ${m + 1}`).lastInsertRowid);
      const id = Number(
        insPerson.run(
          `manager${m + 1}@bench.example`,
          `Manager ${String(m + 1).padStart(2, "0")}`,
          "manager",
          topId,
          team,
          pos.get("lead"),
          ts,
          ts,
        ).lastInsertRowid,
      );
      managers.push({ id, team });
    }
    // Reporting lines of about `size` people: the next k managers (k × 25 people) under the first of them.
    let next = 0;
    for (const size of TEAMS) {
      const k = Math.max(2, Math.round(size / 25));
      if (next + k > managers.length) throw new Error(`--teams=${size} needs more managers than --people=${PEOPLE} gives`);
      const lead = managers[next]!;
      for (const m of managers.slice(next + 1, next + k))
        raw.prepare("UPDATE people SET manager_id = ? WHERE id = ?").run(lead.id, m.id);
      leads.push({ size, managerId: lead.id });
      next += k;
    }
    const engineers = PEOPLE - 1 - MANAGERS;
    const personIds = [topId, ...managers.map((m) => m.id)];
    for (let e = 0; e < engineers; e++) {
      const m = managers[e % managers.length]!;
      const position = pick(r, ["se1", "se2", "se2", "senior"]);
      personIds.push(
        Number(
          insPerson.run(
            `eng${e + 1}@bench.example`,
            `Engineer ${String(e + 1).padStart(3, "0")}`,
            "engineer",
            m.id,
            m.team,
            pos.get(position),
            ts,
            ts,
          ).lastInsertRowid,
        ),
      );
    }
    for (let i = 0; i < ITEMS; i++) {
      const personId = personIds[i % personIds.length]!;
      const daysAgo = Math.floor(Math.pow(r(), 1.2) * 730);
      const resolved = new Date(now.getTime() - daysAgo * 86_400_000);
      resolved.setUTCHours(chance(r, 0.2) ? between(r, 0, 6) : between(r, 8, 19), between(r, 0, 59), 0, 0);
      const input = item(r, i, resolved);
      const status: EvidenceStatus =
        daysAgo > 60
          ? chance(r, 0.8)
            ? "verified"
            : "submitted"
          : chance(r, 0.15)
            ? "draft"
            : chance(r, 0.4)
              ? "verified"
              : "submitted";
      const c = toColumns(input) as Record<string, unknown>;
      const evidenceId = Number(
        insEvidence.run(personId, status, input.resolvedAt, input.resolvedAt, ...cols.map((k) => c[k] ?? null)).lastInsertRowid,
      );
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
  await kdb.transaction().execute(async (tx) => {
    await rebuildSkillMonths(tx);
    await rebuildLoadMonths(tx);
  });
  await kdb.destroy();
  const rebuildMs = performance.now() - t1;
  const after = new SQLite(FILE);
  after.pragma("wal_checkpoint(TRUNCATE)");
  after.exec("ANALYZE");
  after.close();
  fs.writeFileSync(LEADS_FILE, JSON.stringify(leads));
  return { topId, contributions, buildMs, rebuildMs, leads };
}

/** First day of the month after YYYY-MM (as the team service computes its load window). */
function nextMonthStart(month: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 10);
}

/** The raw-SQL side of one engine: the baseline aggregate and the floor, each returning its row count. */
interface RawQueries {
  baseline(): Promise<number>;
  floor(): Promise<number>;
  close(): Promise<void>;
}

/**
 * The whole organisation's baseline reads every row (the head's reporting line is everyone else); a smaller
 * reporting line's reads its people's rows, named in the statement (ids are integers from the database).
 */
function rawSql(ids: number[] | null) {
  const only = ids ? ` AND person_id IN (${ids.map((id) => String(Math.trunc(id))).join(", ")})` : "";
  return {
    baseline: `SELECT person_id, skill_key, sum(points) AS points FROM contributions WHERE counted = 1${only} GROUP BY person_id, skill_key`,
    floor: `SELECT person_id, skill_key, sum(verified_points + self_points) AS points, sum(items) AS items FROM skill_months WHERE 1 = 1${only} GROUP BY person_id, skill_key`,
  };
}

function sqliteRaw(file: string, ids: number[] | null): RawQueries {
  const raw = new SQLite(file, { readonly: true });
  const q = rawSql(ids);
  const baseline = raw.prepare(q.baseline);
  const floor = raw.prepare(q.floor);
  return {
    baseline: async () => baseline.all().length,
    floor: async () => floor.all().length,
    close: async () => {
      raw.close();
    },
  };
}

async function postgresRaw(url: string, ids: number[] | null): Promise<RawQueries> {
  const client = await rawPostgres(url);
  const q = rawSql(ids);
  // Named statements: parsed and planned once, as better-sqlite3's prepared ones.
  return {
    baseline: async () => (await client.query({ name: "team_baseline", text: q.baseline })).rowCount ?? 0,
    floor: async () => (await client.query({ name: "team_floor", text: q.floor })).rowCount ?? 0,
    close: () => client.end(),
  };
}

interface EngineResult {
  engine: EngineName;
  /** the reporting line measured: about this many people (the whole organisation for the head) */
  team: string;
  note: string;
  people: number;
  flagged: number;
  service: number[];
  serviceCpu: number[];
  levels: number[];
  load: number[];
  raw: number[];
  rawCpu: number[];
  /** CPU per call of this process plus, on PostgreSQL, the server backends of the bench database */
  serviceCpuAll: number[];
  rawCpuAll: number[];
  floor: number[];
  /** the load groups straight from the evidence: the query before migration 0009 */
  loadRaw: number[];
  /** the stored load rows equal the groups straight from the evidence */
  loadEqual: boolean;
  rawRows: number;
  loadBefore: string;
  loadAfter: string;
}

const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** Two lists of load groups hold the same rows, in any order. */
function sameGroups(a: object[], b: object[]) {
  const keys = [
    "person_id",
    "month",
    "kind",
    "priority",
    "after_hours",
    "minutes_known",
    "after_hours_minutes",
    "duration_minutes",
    "items",
  ];
  const text = (rows: object[]) => rows.map((r) => keys.map((k) => String((r as Record<string, unknown>)[k])).join("|")).sort();
  return JSON.stringify(text(a)) === JSON.stringify(text(b));
}

/** The measured loop, the same on both engines: teamView, the raw baseline, the floor, teamLevels and loadGroups, interleaved. */
async function measure(
  engine: EngineName,
  db: DB,
  raw: RawQueries,
  topId: number,
  expectedRows: number,
  now: Date,
  note: string,
  team: string,
): Promise<EngineResult> {
  let check: Awaited<ReturnType<typeof teamView>> | null = null;
  for (let i = 0; i < WARMUP; i++) {
    check = await teamView(db, { managerId: topId }, now);
    await raw.baseline();
  }
  if (!check || check.heatmap.rows.length !== expectedRows)
    throw new Error(`${engine}: teamView returned ${check?.heatmap.rows.length} rows, expected ${expectedRows}`);
  const subtree = await subtreeIds(db, topId);
  const months = monthsBack(now, LOAD_MONTHS);
  const from = `${months[0]}-01`;
  const to = nextMonthStart(months[months.length - 1]!);
  const r: EngineResult = {
    engine,
    team,
    note,
    people: check.heatmap.rows.length,
    flagged: check.flaggedCount,
    service: [],
    serviceCpu: [],
    levels: [],
    load: [],
    raw: [],
    rawCpu: [],
    serviceCpuAll: [],
    rawCpuAll: [],
    floor: [],
    loadRaw: [],
    loadEqual: sameGroups(await loadGroups(db, subtree, from, to), await loadGroupsFromEvidenceRows(db, subtree, from, to)),
    rawRows: 0,
    loadBefore: loadAverage(),
    loadAfter: "",
  };
  // Interleaved, so all series see the same machine load. CPU time is this process's (user + system):
  // on SQLite that includes the queries; on PostgreSQL they run in the server's backends, read from /proc
  // (10 ms ticks, so only their mean over the runs is printed).
  const backends = () => (engine === "postgres" ? backendCpu(PG_DATABASE) : new Map<number, number>());
  const backendsSince = (b: Map<number, number>) => (engine === "postgres" ? backendCpuSince(PG_DATABASE, b) : 0);
  for (let i = 0; i < RUNS; i++) {
    let b = backends();
    let t = performance.now();
    let c = process.cpuUsage();
    await teamView(db, { managerId: topId }, now);
    r.service.push(performance.now() - t);
    r.serviceCpu.push(cpuMs(process.cpuUsage(c)));
    r.serviceCpuAll.push(r.serviceCpu[i]! + backendsSince(b));
    b = backends();
    t = performance.now();
    c = process.cpuUsage();
    r.rawRows = await raw.baseline();
    r.raw.push(performance.now() - t);
    r.rawCpu.push(cpuMs(process.cpuUsage(c)));
    r.rawCpuAll.push(r.rawCpu[i]! + backendsSince(b));
    t = performance.now();
    await raw.floor();
    r.floor.push(performance.now() - t);
    // Parts of the view alone: the levels (heatmap, bus factor and succession come from them) and the load rows.
    t = performance.now();
    await teamLevels(db, subtree, now);
    r.levels.push(performance.now() - t);
    t = performance.now();
    await loadGroups(db, subtree, from, to);
    r.load.push(performance.now() - t);
    t = performance.now();
    await loadGroupsFromEvidenceRows(db, subtree, from, to);
    r.loadRaw.push(performance.now() - t);
  }
  r.loadAfter = loadAverage();
  return r;
}

/** The SQLite file's rows in a fresh PostgreSQL database, then its stored buckets rebuilt there by the app (as a check). */
async function loadPostgres(adminUrl: string): Promise<{ url: string; note: string }> {
  const t0 = performance.now();
  const { url, copied } = await postgresCopyOf(adminUrl, PG_DATABASE, FILE);
  const copyMs = performance.now() - t0;
  // rebuildSkillMonths on PostgreSQL (the app's function) must give the rows SQLite has.
  const t1 = performance.now();
  const kdb = openDatabase(url);
  await kdb.transaction().execute(async (tx) => {
    await rebuildSkillMonths(tx);
    await rebuildLoadMonths(tx);
  });
  const rebuildMs = performance.now() - t1;
  const sums = sql<{
    n: number;
    v: number;
    s: number;
    i: number;
  }>`SELECT count(*) AS n, sum(verified_points) AS v, sum(self_points) AS s, sum(items) AS i FROM skill_months`;
  const mine = (await sums.execute(kdb)).rows[0]!;
  await kdb.destroy();
  const lite = openDatabase(FILE);
  const theirs = (await sums.execute(lite)).rows[0]!;
  await lite.destroy();
  if (["n", "v", "s", "i"].some((k) => Number(mine[k as keyof typeof mine]) !== Number(theirs[k as keyof typeof theirs])))
    throw new Error(
      `skill_months rebuilt on PostgreSQL differ from SQLite's: ${JSON.stringify(mine)} vs ${JSON.stringify(theirs)}`,
    );
  const t2 = performance.now();
  await vacuumAnalyze(url);
  const vacuumMs = performance.now() - t2;
  const rows = Object.values(copied).reduce((a, b) => a + b, 0);
  return {
    url,
    note: `copied ${rows.toLocaleString("en")} rows from the SQLite file in ${(copyMs / 1000).toFixed(1)} s (unnest, 10,000 rows a statement, one transaction); skill_months and load_months rebuilt by rebuildSkillMonths and rebuildLoadMonths in ${(rebuildMs / 1000).toFixed(1)} s (skill_months = SQLite's); VACUUM ANALYZE ${(vacuumMs / 1000).toFixed(1)} s`,
  };
}

/** A kysely plugin that records the SQL and parameters of every query run through it (for the plans). */
function recorder(db: DB) {
  const seen: { sql: string; parameters: readonly unknown[] }[] = [];
  const plugin: KyselyPlugin = {
    transformQuery(args) {
      const q = db.getExecutor().compileQuery(args.node, args.queryId);
      seen.push({ sql: q.sql, parameters: q.parameters });
      return args.node;
    },
    transformResult: async (args) => args.result,
  };
  return { db: db.withPlugin(plugin), seen };
}

/** Long IN lists of placeholders folded for printing: `?, ?, …` → `?×2000`. */
function foldSql(text: string): string {
  return text
    .replace(/(\?(?:, \?){4,})/g, (m) => `?×${m.split(",").length}`)
    .replace(/(\$\d+(?:, \$\d+){4,})/g, (m) => `$…×${m.split(",").length}`)
    .replace(/'\{(\d+(?:,\d+){4,})\}'/g, (_, m: string) => `'{…×${m.split(",").length}}'`);
}

/** The plan of every query one teamView call runs, on this engine. */
async function teamViewPlans(engine: EngineName, location: string, db: DB, managerId: number, now: Date) {
  const rec = recorder(db);
  await teamView(rec.db, { managerId }, now);
  const unique = [...new Map(rec.seen.map((q) => [q.sql, q])).values()];
  const out: { sql: string; plan: string[] }[] = [];
  if (engine === "sqlite") {
    const raw = new SQLite(location, { readonly: true });
    for (const q of unique)
      out.push({
        sql: foldSql(q.sql),
        plan: (raw.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(...(q.parameters as unknown[])) as { detail: string }[]).map(
          (p) => p.detail,
        ),
      });
    raw.close();
  } else {
    const client = await rawPostgres(location);
    for (const q of unique)
      out.push({
        sql: foldSql(q.sql),
        plan: (await client.query<{ "QUERY PLAN": string }>(`EXPLAIN ${q.sql}`, q.parameters as unknown[])).rows.map((p) =>
          foldSql(p["QUERY PLAN"]),
        ),
      });
    await client.end();
  }
  return out;
}

async function main() {
  const { engines, adminUrl } = benchEngines();
  const now = new Date();
  let topId: number;
  let leads: { size: number; managerId: number }[];
  let buildNote: string;
  const reuse = KEEP && fs.existsSync(FILE);
  if (reuse) {
    const raw = new SQLite(FILE, { readonly: true });
    topId = (raw.prepare("SELECT id FROM people WHERE manager_id IS NULL ORDER BY id LIMIT 1").get() as { id: number }).id;
    raw.close();
    // A file made before a migration (0009: load_months) is brought up to date, as the app would be.
    const kdb = openDatabase(FILE);
    await migrateToLatest(kdb);
    await kdb.destroy();
    leads = fs.existsSync(LEADS_FILE) ? (JSON.parse(fs.readFileSync(LEADS_FILE, "utf8")) as typeof leads) : [];
    buildNote = "reused";
  } else {
    const b = await build(now);
    topId = b.topId;
    leads = b.leads;
    buildNote = `generated in ${(b.buildMs / 1000).toFixed(1)} s; skill_months rebuilt from them in ${(b.rebuildMs / 1000).toFixed(1)} s`;
  }
  const info = new SQLite(FILE, { readonly: true });
  const totals = info
    .prepare(
      "SELECT (SELECT count(*) FROM people) AS people, (SELECT count(*) FROM evidence) AS items, (SELECT count(*) FROM contributions) AS contributions, (SELECT count(*) FROM skill_months) AS buckets",
    )
    .get() as { people: number; items: number; contributions: number; buckets: number };
  info.close();
  console.log(machineLine());
  console.log(
    `data: ${totals.people} people, ${totals.items} evidence items, ${totals.contributions} contributions, ${totals.buckets} skill_months rows (SQLite file ${buildNote})`,
  );
  console.log(
    `runs: ${RUNS} after ${WARMUP} warm-up per engine and reporting line; engines: ${engines.map((e) => ENGINE_LABEL[e]).join(", ")}${adminUrl ? "" : " (set DATABASE_URL to a PostgreSQL server URL for PostgreSQL too)"}`,
  );

  const results: (EngineResult & { items: number })[] = [];
  const plans: { engine: EngineName; team: string; queries: { sql: string; plan: string[] }[] }[] = [];
  for (const engine of engines) {
    let location = FILE;
    let note = "the SQLite file above";
    if (engine === "postgres") {
      const pgLoad = await loadPostgres(adminUrl!);
      location = pgLoad.url;
      note = pgLoad.note;
    }
    console.log(`${ENGINE_LABEL[engine]}: ${note}`);
    const db = openDatabase(location);
    try {
      // Smallest reporting line first, the whole organisation last.
      const lines = [...leads.map((l) => ({ managerId: l.managerId, whole: false })), { managerId: topId, whole: true }];
      for (const line of lines) {
        const ids = await subtreeIds(db, line.managerId);
        const items = Number(
          (
            await db
              .selectFrom("evidence")
              .select((eb) => eb.fn.countAll<number>().as("n"))
              .where("person_id", "in", ids)
              .executeTakeFirstOrThrow()
          ).n,
        );
        const team = line.whole ? `${ids.length} (organisation)` : String(ids.length);
        const raw =
          engine === "sqlite" ? sqliteRaw(FILE, line.whole ? null : ids) : await postgresRaw(location, line.whole ? null : ids);
        try {
          results.push({ ...(await measure(engine, db, raw, line.managerId, ids.length, now, note, team)), items });
        } finally {
          await raw.close();
        }
        if (PLANS) plans.push({ engine, team, queries: await teamViewPlans(engine, location, db, line.managerId, now) });
      }
    } finally {
      await db.destroy();
    }
    if (engine === "postgres" && !KEEP) await dropPostgresDatabase(adminUrl!, PG_DATABASE);
  }

  type Result = (typeof results)[number];
  const ms = (n: number) => `${n.toFixed(1)} ms`;
  const col = (f: (r: Result) => string) => results.map(f);
  const smallest = (r: Result) => results.find((x) => x.engine === r.engine)!;
  const whole = (r: Result) => r.team.endsWith("(organisation)");
  console.log(
    `\nteam view per reporting line: ${results.map((r) => `${r.team} people, ${r.flagged} flagged on ${ENGINE_LABEL[r.engine]}`).join("; ")}`,
  );
  printTable(
    ["measure", ...results.map((r) => `${ENGINE_LABEL[r.engine]} ${r.team}`)],
    [
      ["items of the reporting line", ...col((r) => r.items.toLocaleString("en"))],
      ["teamView median", ...col((r) => ms(median(r.service)))],
      ["teamView p95 / min", ...col((r) => `${ms(p95(r.service))} / ${ms(Math.min(...r.service))}`)],
      ["of which teamLevels alone, median", ...col((r) => ms(median(r.levels)))],
      ["of which loadGroups alone (stored load_months), median", ...col((r) => ms(median(r.load)))],
      [
        "for comparison: the load groups straight from the evidence (the query before migration 0009), median",
        ...col((r) => ms(median(r.loadRaw))),
      ],
      ["stored load rows equal the evidence's groups", ...col((r) => (r.loadEqual ? "yes" : "NO"))],
      [
        "raw SQL baseline (SUM(points) GROUP BY person, skill over the line's contributions), median",
        ...col((r) => `${ms(median(r.raw))} (${r.rawRows} rows)`),
      ],
      ["ratio teamView / raw baseline (medians)", ...col((r) => `${(median(r.service) / median(r.raw)).toFixed(2)}×`)],
      ["raw SQL sum over skill_months GROUP BY person, skill, median", ...col((r) => ms(median(r.floor)))],
      [
        "growth: teamView median / smallest line's, against items / smallest's",
        ...col(
          (r) =>
            `${(median(r.service) / median(smallest(r).service)).toFixed(2)}× / ${(r.items / smallest(r).items).toFixed(1)}×`,
        ),
      ],
      [
        "CPU of this Node process: teamView / raw, medians",
        ...col((r) => `${ms(median(r.serviceCpu))} / ${ms(median(r.rawCpu))}`),
      ],
      [
        "CPU per call, Node process + PostgreSQL backends (parallel workers not seen): teamView / raw, means",
        ...col((r) => `${ms(mean(r.serviceCpuAll))} / ${ms(mean(r.rawCpuAll))}`),
      ],
      ["ratio of those CPU means", ...col((r) => `${(mean(r.serviceCpuAll) / mean(r.rawCpuAll)).toFixed(2)}×`)],
      [
        `target median ≤ ${TARGET_MS} ms (the whole organisation)`,
        ...col((r) => (!whole(r) ? "" : median(r.service) <= TARGET_MS ? "PASS" : "MISS")),
      ],
      ["load average before → after the runs", ...col((r) => `${r.loadBefore.split(" ")[0]} → ${r.loadAfter.split(" ")[0]}`)],
    ],
  );
  for (const p of plans) {
    console.log(`\nplans of the queries one teamView runs, ${ENGINE_LABEL[p.engine]}, ${p.team} people:`);
    for (const q of p.queries) console.log(`- ${q.sql}\n    ${q.plan.join("\n    ")}`);
  }
  console.log(`load average at the end: ${loadAverage()}`);
  if (results.some((r) => whole(r) && median(r.service) > TARGET_MS)) process.exitCode = 1;
}

await main();
