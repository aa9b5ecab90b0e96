import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "~": fileURLToPath(new URL("./app", import.meta.url)) } },
  test: {
    include: ["test/unit/**/*.test.ts", "test/integration/**/*.test.ts"],
    globalSetup: ["test/support/global-setup.ts"],
    testTimeout: 20_000,
    // beforeAll copies the demo database and loads the build (a few seconds); the template itself is made
    // once in globalSetup, which no hook timeout bounds.
    hookTimeout: 30_000,
    pool: "forks",
    // A worker runs its files one after the other in one process (ADR 028): the production build and the
    // test modules are loaded once per worker instead of once per file (SQLite run 79 → 51 s). Each file
    // still gets its own database (test/support/app.ts swaps the app's handle); a file that changes
    // process.env puts it back.
    isolate: false,
    // vitest's default is one worker fewer than the cores: a single worker on a 2-core CI machine. The files
    // wait on the database and on the app's request handling as much as on the CPU, so two workers there
    // run the date-sensitive set in 38 s instead of 62 s (three: 41 s). See bench/RESULTS.md.
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
