// `npm test`: typecheck, production build, vitest (unit + HTTP), Playwright in Debian's Chromium.
// Prints one closing line "N passed, N failed" computed from the runners' JSON reports.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const tmp = path.resolve("test/.tmp");
fs.mkdirSync(tmp, { recursive: true });
const bin = (name: string) => path.resolve("node_modules/.bin", name);

function run(label: string, cmd: string, args: string[], env: Record<string, string> = {}): boolean {
  console.log(`\n▶ ${label}`);
  const r = spawnSync(cmd, args, { stdio: "inherit", env: { ...process.env, ...env } });
  return r.status === 0;
}

let passed = 0;
let failed = 0;

const typecheckOk = run("typecheck", bin("tsc"), ["--noEmit"]);
typecheckOk ? passed++ : failed++;

const buildOk = run("build", bin("remix"), ["build"], { NODE_ENV: "production" });
if (!buildOk) {
  console.log("\n0 passed, 1 failed");
  process.exit(1);
}
if (!run("test database", bin("tsx"), ["test/support/make-template.ts"])) {
  console.log("\n0 passed, 1 failed");
  process.exit(1);
}

const vitestJson = path.join(tmp, "vitest.json");
fs.rmSync(vitestJson, { force: true });
const vitestOk = run("vitest", bin("vitest"), ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${vitestJson}`]);
if (fs.existsSync(vitestJson)) {
  const r = JSON.parse(fs.readFileSync(vitestJson, "utf8"));
  passed += r.numPassedTests;
  failed += r.numFailedTests + (r.numTotalTestSuites && !r.success && r.numFailedTests === 0 ? 1 : 0);
} else if (!vitestOk) failed++;

const pwJson = path.join(tmp, "playwright.json");
fs.rmSync(pwJson, { force: true });
const pwOk = run("playwright", bin("playwright"), ["test", "--reporter=list,json"], { PLAYWRIGHT_JSON_OUTPUT_FILE: pwJson });
if (fs.existsSync(pwJson)) {
  const s = JSON.parse(fs.readFileSync(pwJson, "utf8")).stats;
  passed += s.expected + s.flaky;
  failed += s.unexpected;
  if (!pwOk && s.unexpected === 0) failed++;
} else if (!pwOk) failed++;

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 && typecheckOk && vitestOk && pwOk ? 0 : 1);
