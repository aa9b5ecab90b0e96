// `npm test`: typecheck, lint (ESLint), format check (Prettier), production build, vitest on SQLite and again on PostgreSQL, the date-sensitive
// tests under other clocks and zones, and Playwright in Debian's Chromium (on PostgreSQL: two app
// instances behind a round-robin proxy). Prints one closing line "N passed, N failed" computed from the
// runners' JSON reports.
//
// PostgreSQL: TEST_DATABASE_URL (an admin URL) names a server to use; without it a private cluster is
// started with scripts/pg-cluster.sh when PostgreSQL 15 is installed. Where it cannot run, the
// PostgreSQL half is reported as not run and counts as a failure under CI.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { CLOCK_VARIANTS, DATE_SENSITIVE_INTEGRATION, variantEnv, variantTests } from "./clock-variants";

const tmp = path.resolve("test/.tmp");
fs.mkdirSync(tmp, { recursive: true });
const bin = (name: string) => path.resolve("node_modules/.bin", name);
const only = (process.env.TEST_ONLY ?? "").split(",").filter(Boolean); // e.g. TEST_ONLY=vitest-sqlite,e2e

let passed = 0;
let failed = 0;
const lines: string[] = [];

function run(label: string, cmd: string, args: string[], env: Record<string, string | undefined> = {}): boolean {
  console.log(`\n▶ ${label}`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { stdio: "inherit", env: { ...process.env, ...env } });
  console.log(`◀ ${label}: ${r.status === 0 ? "ok" : "failed"} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return r.status === 0;
}

function step(label: string, ok: boolean) {
  if (ok) passed++;
  else failed++;
  lines.push(`${ok ? "ok    " : "FAILED"} ${label}`);
}

function vitest(label: string, env: Record<string, string | undefined>, files: readonly string[] = []) {
  if (only.length && !only.some((o) => label.startsWith(o))) return;
  if (!run(`${label}: template database`, bin("tsx"), ["test/support/make-template.ts"], env))
    return step(`${label}: template`, false);
  const out = path.join(tmp, `${label}.json`);
  fs.rmSync(out, { force: true });
  const ok = run(
    label,
    bin("vitest"),
    ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${out}`, ...files],
    env,
  );
  if (!fs.existsSync(out)) return step(label, false);
  const r = JSON.parse(fs.readFileSync(out, "utf8"));
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  // a file that failed to load has no failed test but fails the run
  const extra = !ok && r.numFailedTests === 0 ? 1 : 0;
  failed += extra;
  lines.push(`${ok ? "ok    " : "FAILED"} ${label}: ${r.numPassedTests} passed, ${r.numFailedTests + extra} failed`);
}

function playwright(label: string, env: Record<string, string | undefined>, files: readonly string[] = []) {
  if (only.length && !only.some((o) => label.startsWith(o))) return;
  const out = path.join(tmp, `${label}.json`);
  fs.rmSync(out, { force: true });
  const ok = run(label, bin("playwright"), ["test", "--reporter=list,json", ...files], {
    ...env,
    PLAYWRIGHT_JSON_OUTPUT_FILE: out,
  });
  if (!fs.existsSync(out)) return step(label, false);
  const s = JSON.parse(fs.readFileSync(out, "utf8")).stats;
  passed += s.expected + s.flaky;
  failed += s.unexpected;
  const extra = !ok && s.unexpected === 0 ? 1 : 0;
  failed += extra;
  lines.push(
    `${ok ? "ok    " : "FAILED"} ${label}: ${s.expected + s.flaky} passed, ${s.unexpected + extra} failed${s.skipped ? `, ${s.skipped} skipped` : ""}`,
  );
}

/** The admin URL of a PostgreSQL server for the tests, starting the private cluster if need be. */
function postgres(): string | null {
  if (process.env.TEST_DATABASE_URL) return process.env.TEST_DATABASE_URL;
  const script = path.resolve("scripts/pg-cluster.sh");
  if (!fs.existsSync("/usr/lib/postgresql/15/bin/initdb")) return null;
  if (!run("PostgreSQL: private cluster", "bash", [script, "start"])) return null;
  return spawnSync("bash", [script, "url"], { encoding: "utf8" }).stdout.trim() || null;
}

// Integration files whose outcome the engine cannot change: what they check is decided before any query
// (CSRF and body limits refuse a request before its action runs; headers, ETags and chart markup are the
// HTTP layer's and the renderer's; the session secret is read from the environment). The SQLite run covers
// them; the PostgreSQL run (the longest step of CI) is the files where the database answers.
const ENGINE_NEUTRAL = [
  "security-csrf.test.ts",
  "security-body-limits.test.ts",
  "security-headers.test.ts",
  "session-secret.test.ts",
  "etag.test.ts",
  "charts-fit.test.ts",
  "chart-pages.test.ts",
  // the bad-input corpus is refused by the input rules (app/domain/input-rules.ts) before any query
  "security-input-rules.test.ts",
];

// Files the PostgreSQL run covers for SQLite too: the probe of values a database refuses (NUL bytes,
// integers past 32 bits, lone surrogates) is about PostgreSQL, which refuses them where SQLite stores them;
// the app's own refusals that it also sees do not depend on the engine. (~60 s of the SQLite step.)
const POSTGRES_ONLY = /^db-refusals-\d+\.test\.ts$/;

/** The integration test files (by name in test/integration) that `keep` accepts, as paths. */
function integrationFiles(keep: (file: string) => boolean): string[] {
  return fs
    .readdirSync("test/integration")
    .filter((f) => f.endsWith(".test.ts") && keep(f))
    .sort()
    .map((f) => `test/integration/${f}`);
}

/**
 * The SQLite run at today's clock: every unit file and the integration files, except those that run on
 * SQLite anyway under the first clock variant (the date-sensitive HTTP files, which the PostgreSQL run
 * also runs at today's clock) and the PostgreSQL-only probe.
 */
const sqliteFiles = () => [
  "test/unit",
  ...integrationFiles((f) => !POSTGRES_ONLY.test(f) && !DATE_SENSITIVE_INTEGRATION.includes(`test/integration/${f}`)),
];

const postgresFiles = () => integrationFiles((f) => !ENGINE_NEUTRAL.includes(f));

const selected = (label: string) => !only.length || only.some((o) => label.startsWith(o));

/**
 * Steps that are each one process on one core (tsc, ESLint, Prettier) and the build, run side by side: on
 * a 2-core CI machine this takes the longest of them instead of their sum. Each one's output is kept and
 * printed when it ends, so that it reads as if they had run one after the other.
 */
async function runTogether(steps: { label: string; cmd: string; args: string[]; env?: Record<string, string> }[]) {
  const started = Date.now();
  const results = await Promise.all(
    steps.map(
      (s) =>
        new Promise<boolean>((resolve) => {
          const child = spawn(s.cmd, s.args, { env: { ...process.env, ...s.env } });
          let out = "";
          child.stdout.on("data", (d) => (out += d));
          child.stderr.on("data", (d) => (out += d));
          child.on("close", (code) => {
            const ok = code === 0;
            console.log(
              `\n▶ ${s.label}\n${out}◀ ${s.label}: ${ok ? "ok" : "failed"} in ${((Date.now() - started) / 1000).toFixed(0)} s`,
            );
            resolve(ok);
          });
        }),
    ),
  );
  return new Map(steps.map((s, i) => [s.label, results[i]]));
}

const checks = await runTogether([
  { label: "typecheck", cmd: bin("tsc"), args: ["--noEmit"] },
  // ESLint's recommended rules with React hooks and jsx-a11y (eslint.config.js); warnings do not fail
  ...(selected("lint") ? [{ label: "lint", cmd: bin("eslint"), args: ["."] }] : []),
  ...(selected("format") ? [{ label: "format", cmd: bin("prettier"), args: ["--check", "--log-level=warn", "."] }] : []),
  { label: "build", cmd: "npm", args: ["run", "build"], env: { NODE_ENV: "production" } },
]);
for (const [label, ok] of checks) step(label, ok);
const built = checks.get("build")!;

if (built) {
  const sqlite = { TEST_DATABASE_URL: undefined, DATABASE_URL: undefined };
  vitest("vitest-sqlite", sqlite, sqliteFiles());

  const pgUrl = postgres();
  // test/unit is pure TypeScript (no file there opens a database): the PostgreSQL run is the integration tests
  if (pgUrl) vitest("vitest-postgres", { TEST_DATABASE_URL: pgUrl, DATABASE_URL: undefined }, postgresFiles());
  else {
    console.log("\nPostgreSQL 15 is not installed here (apt-get install postgresql-15): the PostgreSQL run is not made.");
    lines.push("NOT RUN vitest-postgres: no PostgreSQL 15 on this machine");
    if (process.env.CI) failed++;
  }

  // Any day, any zone: the date-sensitive files again under each clock and zone (on SQLite: the engine
  // does not decide dates, and the PostgreSQL run above covers the engine).
  for (const v of CLOCK_VARIANTS) vitest(`vitest-clock-${v.name}`, { ...sqlite, ...variantEnv(v) }, variantTests(v));

  // End to end: on PostgreSQL two instances behind a round-robin proxy, else one on SQLite.
  const e2eEnv = pgUrl ? { TEST_DATABASE_URL: pgUrl, E2E_INSTANCES: "2" } : sqlite;
  playwright(pgUrl ? "e2e-postgres-2-instances" : "e2e-sqlite", e2eEnv);
  // No frozen-clock Playwright run: what a date changes is decided on the server, and the clock variants
  // above run the HTTP tests of those paths (import's business hours, certifications' days left) under
  // each frozen instant and zone; a browser run of the same pages under a frozen clock added 3 minutes
  // of CI and no failure the HTTP runs would not show (ADR 027).
}

console.log(`\n${lines.join("\n")}`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
