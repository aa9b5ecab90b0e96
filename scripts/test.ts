// `npm test`: typecheck, lint (ESLint), format check (Prettier), production build, vitest on SQLite and again on PostgreSQL, the date-sensitive
// tests under other clocks and zones, and Playwright in Debian's Chromium (on PostgreSQL: two app
// instances behind a round-robin proxy). Prints one closing line "N passed, N failed" computed from the
// runners' JSON reports.
//
// PostgreSQL: TEST_DATABASE_URL (an admin URL) names a server to use; without it a private cluster is
// started with scripts/pg-cluster.sh when PostgreSQL 15 is installed. Where it cannot run, the
// PostgreSQL half is reported as not run and counts as a failure under CI.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { CLOCK_VARIANTS, DATE_SENSITIVE_E2E, variantEnv, variantTests } from "./clock-variants";

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
];

function postgresFiles(): string[] {
  return fs
    .readdirSync("test/integration")
    .filter((f) => f.endsWith(".test.ts") && !ENGINE_NEUTRAL.includes(f))
    .sort()
    .map((f) => `test/integration/${f}`);
}

const selected = (label: string) => !only.length || only.some((o) => label.startsWith(o));
step("typecheck", run("typecheck", bin("tsc"), ["--noEmit"]));
// ESLint's recommended rules with React hooks and jsx-a11y (eslint.config.js); warnings do not fail
if (selected("lint")) step("lint", run("lint", bin("eslint"), ["."]));
if (selected("format")) step("format", run("format (prettier --check)", bin("prettier"), ["--check", "--log-level=warn", "."]));
const built = run("build", "npm", ["run", "build"], { NODE_ENV: "production" });
step("build", built);

if (built) {
  const sqlite = { TEST_DATABASE_URL: undefined, DATABASE_URL: undefined };
  vitest("vitest-sqlite", sqlite);

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
  const saturday = CLOCK_VARIANTS.find((v) => v.name.startsWith("saturday"))!;
  const saturdayEnv = { ...e2eEnv, ...variantEnv(saturday), E2E_PORT: "3150" };
  // the frozen clock's template first, so that the server only copies it (its start is limited to 30 s)
  if (
    selected("e2e-clock") &&
    !run("e2e-clock-saturday: template database", bin("tsx"), ["test/support/make-template.ts"], saturdayEnv)
  ) {
    step("e2e-clock-saturday: template", false);
  }
  // on the desktop only: the date is the server's, and the phone project repeats the same requests
  else
    playwright("e2e-clock-saturday", { ...saturdayEnv, REFRESH_TEMPLATE: undefined }, [
      ...DATE_SENSITIVE_E2E,
      "--project=desktop",
    ]);
}

console.log(`\n${lines.join("\n")}`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
