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
  },
});
