// The server Playwright drives: the production build on a fresh copy of the demo database. With
// E2E_INSTANCES=2 (on PostgreSQL) two app instances share the database behind a round-robin proxy on
// PORT, as an organisation runs it behind a load balancer: consecutive requests of one browser (a
// sign-in, a form post and its redirect) land on different instances.
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { isPostgresUrl } from "../../app/db.server";
import { startRoundRobinProxy } from "../../scripts/round-robin-proxy";
import { E2E_SESSION_SECRET, writeE2eState } from "./e2e-env";
import { copyTemplate, makeTemplate, templateExists } from "./template";

const port = Number(process.env.PORT ?? 3100);
const instances = Math.max(1, Number(process.env.E2E_INSTANCES ?? 1));

// A frozen clock's template (SUPPORTPATH_CLOCK) is kept between runs: REFRESH_TEMPLATE=1 seeds it afresh.
if (process.env.REFRESH_TEMPLATE === "1" || !(await templateExists())) await makeTemplate();
const location = await copyTemplate("e2e");
if (instances > 1 && !isPostgresUrl(location))
  throw new Error("E2E_INSTANCES > 1 needs PostgreSQL (TEST_DATABASE_URL): SQLite is one instance's database.");
// The specs' fixtures sign in and make people and evidence in this database (test/e2e/support.ts).
writeE2eState(port, { location, pid: process.pid });

function serve(p: number): ChildProcess {
  // npm start's server without its preparation step (the template is prepared), E2E_WORKERS_PER_INSTANCE
  // workers each. By default 2 for one instance (on SQLite two processes then share the file, as `npm start`
  // runs it) and 1 for each of several (already several processes on one database; on a 2-core CI machine
  // four workers each warmed their own render cache for the same pages: ADR 027).
  return spawn(process.execPath, [path.resolve("build/server/main.js"), "--no-prepare"], {
    stdio: "inherit",
    env: {
      // process.env carries SUPPORTPATH_CLOCK and TZ: under a frozen clock each instance starts at that
      // instant, like this process (which seeded the template) and the specs (app/clock.server.ts).
      ...process.env,
      ...(isPostgresUrl(location) ? { DATABASE_URL: location } : { DATABASE_PATH: location }),
      PORT: String(p),
      NODE_ENV: "production",
      WEB_CONCURRENCY: process.env.E2E_WORKERS_PER_INSTANCE ?? (instances > 1 ? "1" : "2"),
      SESSION_SECRET: E2E_SESSION_SECRET, // one secret for all instances; the sign-in fixture signs with it too
    },
  });
}

const children: ChildProcess[] = [];
let proxy: { close(): Promise<void> } | null = null;
if (instances === 1) children.push(serve(port));
else {
  const targets = Array.from({ length: instances }, (_, i) => port + 1 + i);
  for (const p of targets) children.push(serve(p));
  // "::" takes IPv4 too, so http://localhost reaches it whichever address the browser resolves first.
  proxy = await startRoundRobinProxy({ port, targets, host: "::" });
}

let stopping = false;
function stop(code: number) {
  if (stopping) return;
  stopping = true;
  for (const c of children) if (c.exitCode === null) c.kill("SIGTERM");
  void (proxy?.close() ?? Promise.resolve()).finally(() => process.exit(code));
}
for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => stop(0));
// One instance dying ends the run: Playwright then reports the server as gone.
for (const c of children) c.on("exit", (code) => stop(code ?? 0));
