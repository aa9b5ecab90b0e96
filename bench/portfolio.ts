// Portfolio PDF benchmark: a portfolio of 1,000 evidence items (generated in memory with the real
// rule table and scoring), rendered to PDF with the production renderer; times the PDF generation
// over ≥ 10 runs after one warm-up, and reports the first (cold: fonts read and parsed) run apart.
// Run: npx tsx bench/portfolio.ts   (options: --items=N --runs=N)
import os from "node:os";
import { performance } from "node:perf_hooks";
import { DEFAULT_KINDS, DEFAULT_POSITIONS, DEFAULT_RULES, DEFAULT_SCORING, DEFAULT_SKILLS } from "../app/domain/defaults";
import { nextSteps, readiness } from "../app/domain/ladder";
import { mapWorkItem } from "../app/domain/mapping";
import { type PortfolioEvidenceIn, buildPortfolio } from "../app/domain/portfolio";
import { levelsOf, scoreSkills, toBuckets } from "../app/domain/scoring";
import type { EvidenceStatus, MappingRule, Priority, WorkItem, WorkRole } from "../app/domain/types";
import { renderPortfolioPdf } from "../app/renderers/portfolio-pdf.server";
import { between, chance, mulberry32, pick } from "../seeds/random";

function arg(name: string, fallback: number): number {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit ? Number(hit.split("=")[1]) : fallback;
}

const ITEMS = arg("items", 1000);
const RUNS = Math.max(10, arg("runs", 15));
const TARGET_MS = 1000;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.95) - 1)]!;
const ms = (n: number) => n.toFixed(1);

const SYSTEMS = [
  "checkout API",
  "payments gateway",
  "order sync job",
  "SSO login",
  "reporting replica",
  "pricing service",
  "customer portal",
  "search cluster",
];
const SYMPTOMS = [
  "returning 502s after the morning deploy",
  "timing out under peak load",
  "leaking memory until restart",
  "writing duplicate rows",
  "down in one availability zone",
];
const PEOPLE = ["Aisha Khan", "Łukasz Nowak", "Mei Lin 李美", "Ольга Иванова", "Zoë Adams"];

function generate(now: Date) {
  const r = mulberry32(20251126);
  const rules: MappingRule[] = DEFAULT_RULES.map((x, i) => ({ ...x, id: i + 1, active: true }));
  const kindName = new Map(DEFAULT_KINDS.map((k) => [k.key, k.name] as const));
  const kinds = DEFAULT_KINDS.map((k) => k.key);
  const evidence: PortfolioEvidenceIn[] = [];
  const rows = [];
  for (let i = 0; i < ITEMS; i++) {
    const kind = chance(r, 0.45) ? "incident" : pick(r, kinds);
    const resolved = new Date(now.getTime() - between(r, 1, 700) * 86_400_000);
    const priority = (kind === "incident" ? pick(r, ["P1", "P2", "P3", "P3", "P4"]) : null) as Priority | null;
    const role = pick(r, ["lead", "contributor", "contributor", "reviewer"]) as WorkRole;
    const afterHours = chance(r, 0.2);
    const work: WorkItem = {
      kind,
      priority,
      impact: null,
      role,
      outcome: kind === "incident" ? "resolved" : null,
      afterHours,
      afterHoursMinutes: afterHours ? between(r, 30, 240) : 0,
      durationMinutes: between(r, 20, 600),
      emergency: chance(r, 0.05),
      addsFunctionality: chance(r, 0.3),
      fixesSlowness: chance(r, 0.3),
      reassignmentCount: chance(r, 0.2) ? 1 : 0,
      reopenCount: 0,
      problemRef: null,
      changeRef: null,
    };
    const contributions = mapWorkItem(work, rules);
    const status: EvidenceStatus = chance(r, 0.75) ? "verified" : "submitted";
    const id = i + 1;
    evidence.push({
      id,
      title: `${pick(r, SYSTEMS)} ${pick(r, SYMPTOMS)} (#${id})`,
      kind,
      kindName: kindName.get(kind) ?? kind,
      externalRef: kind === "incident" ? `INC${String(100000 + id).padStart(7, "0")}` : null,
      resolvedAt: resolved.toISOString(),
      priority,
      workRole: role,
      outcome: work.outcome,
      afterHours,
      afterHoursMinutes: work.afterHoursMinutes,
      status,
      verifierName: status === "verified" ? "Daniel Kowalski" : null,
      notes: chance(r, 0.3)
        ? "**What happened:** the service degraded.\n- checked the dashboards\n- rolled back the release"
        : null,
      contributions: contributions.map((c) => ({ skill: c.skill, points: c.points, reason: c.reason, adjusted: c.adjusted })),
      endorsements: chance(r, 0.1)
        ? [{ name: pick(r, PEOPLE), comment: "Calm and clear on the bridge.", at: resolved.toISOString() }]
        : [],
    });
    for (const c of contributions)
      rows.push({
        skill: c.skill,
        points: c.points,
        at: resolved.toISOString(),
        verified: status === "verified",
        evidenceId: id,
      });
  }
  const keys = DEFAULT_SKILLS.map((s) => s.key);
  const scores = scoreSkills(toBuckets(rows), keys, DEFAULT_SCORING, now);
  const levels = levelsOf(scores);
  const target = { ...DEFAULT_POSITIONS[3]!, id: 4 };
  const ready = readiness(levels, target.requirements, keys);
  const names = Object.fromEntries(DEFAULT_SKILLS.map((s) => [s.key, s.name]));
  return buildPortfolio({
    now,
    period: { from: new Date(now.getTime() - 730 * 86_400_000).toISOString().slice(0, 10), to: now.toISOString().slice(0, 10) },
    person: { id: 1, name: "Mei Lin 李美", email: "mei.lin@example.com", team: "Platform Support", manager: "Daniel Kowalski" },
    current: { id: 3, name: DEFAULT_POSITIONS[2]!.name },
    target,
    skills: DEFAULT_SKILLS.map((s) => ({ key: s.key, name: s.name, sfiaCodes: s.sfiaCodes })),
    scores,
    readiness: ready,
    nextSteps: nextSteps(ready.gaps, rules, DEFAULT_KINDS, names),
    evidence,
  });
}

const now = new Date();
const t0 = performance.now();
const portfolio = generate(now);
const tModel = performance.now() - t0;

const cold0 = performance.now();
const first = await renderPortfolioPdf(portfolio);
const cold = performance.now() - cold0;

const times: number[] = [];
const cpu: number[] = [];
let size = 0;
for (let i = 0; i < RUNS; i++) {
  const c0 = process.cpuUsage();
  const w0 = performance.now();
  const { pdf } = await renderPortfolioPdf(portfolio);
  times.push(performance.now() - w0);
  const c = process.cpuUsage(c0);
  cpu.push((c.user + c.system) / 1000);
  size = pdf.length;
}

const cpuModel = os.cpus()[0]?.model ?? "unknown CPU";
console.log(`Portfolio PDF benchmark (${ITEMS} items, ${RUNS} runs after 1 cold run)`);
console.log(
  `machine: ${os.cpus().length} cores (nproc), ${cpuModel}; Node ${process.version}; load average at end ${os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(" ")}`,
);
console.log(`generated input + buildPortfolio: ${ms(tModel)} ms (in memory)`);
console.log(`PDF: ${first.pages} pages, ${(size / 1024).toFixed(0)} KiB, characters without a glyph: ${first.missing.length}`);
console.log(`cold first run (fonts read, parsed and shaped): ${ms(cold)} ms`);
console.log(
  `wall time: median ${ms(median(times))} ms, p95 ${ms(p95(times))} ms, min ${ms(Math.min(...times))} ms, max ${ms(Math.max(...times))} ms`,
);
console.log(`CPU time:  median ${ms(median(cpu))} ms, p95 ${ms(p95(cpu))} ms`);
console.log(`target ≤ ${TARGET_MS} ms (median wall time): ${median(times) <= TARGET_MS ? "met" : "NOT met"}`);
