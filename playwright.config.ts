import { defineConfig } from "@playwright/test";
import { e2ePort } from "./test/support/e2e-env";

const PORT = e2ePort();
// Tests are independent (their own people and evidence from test/support/factories.ts, sign-in by the
// fixture in test/e2e/support.ts), so they run in parallel across files and within a file.
// E2E_WORKERS picks how many; 2 was the fastest on a 2-core CI machine (README, "Tests").
const WORKERS = Number(process.env.E2E_WORKERS ?? 2);
const PHONE_SPECS = [
  "on-call-health.spec.ts",
  "security.spec.ts",
  "security-headers.spec.ts",
  "stale-edit.spec.ts",
  "data-export.spec.ts",
  "skills-catalogue.spec.ts",
  "erasure.spec.ts",
  "appraisal-confirm.spec.ts",
  "certifications.spec.ts",
  "feedback.spec.ts",
  "ladder-templates.spec.ts",
  "first-steps.spec.ts",
  "import.spec.ts",
  "teams.spec.ts",
  "charts.spec.ts",
  "working-time.spec.ts",
].map((f) => new RegExp(`${f.replace(".", "\\.")}$`));

export default defineConfig({
  testDir: "test/e2e",
  outputDir: "test/.tmp/playwright-output",
  fullyParallel: true,
  workers: WORKERS,
  retries: 0,
  // every limit at most 30 s: a test that needs more is doing too much in one test
  timeout: 30_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL: `http://localhost:${PORT}`,
    actionTimeout: 15_000,
    navigationTimeout: 15_000,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [
    { name: "desktop", use: { viewport: { width: 1280, height: 800 } } },
    // A phone (390 × 844, touch): the user paths written since the phone became a target run here too.
    // Issue 16 brings every page to this width; the older specs join this list as their pages do.
    {
      name: "phone",
      testMatch: PHONE_SPECS,
      use: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 },
    },
  ],
  webServer: {
    // copies the template database (npm test makes it first) and starts the production build
    command: "node node_modules/tsx/dist/cli.mjs test/support/e2e-server.ts",
    url: `http://localhost:${PORT}/healthz`,
    reuseExistingServer: false,
    timeout: 30_000,
    env: { PORT: String(PORT) },
  },
});
