// The server Playwright drives: the production build on a fresh copy of the demo database.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { TEMPLATE_DB, copyTemplate, makeTemplate } from "./template";

if (!fs.existsSync(TEMPLATE_DB)) await makeTemplate();
const file = copyTemplate("e2e");
const child = spawn(process.execPath, [path.resolve("node_modules/@remix-run/serve/dist/cli.js"), "./build/index.js"], {
  stdio: "inherit",
  env: { ...process.env, DATABASE_PATH: file, NODE_ENV: "production", SESSION_SECRET: "e2e-secret" },
});
for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => child.kill(sig));
child.on("exit", (code) => process.exit(code ?? 0));
