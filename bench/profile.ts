// Where the server's CPU goes under load: serves the production build (build/, made beforehand with
// `npm run build`) with `node --cpu-prof` on a fresh demo database, sends signed-in traffic to one route
// with autocannon, stops the server so V8 writes its profile, and prints self and inclusive time per part
// of the stack (packages, the app's code, Node, GC) as shares of the busy time and as ms per request.
// Run: npm run bench:profile -- --route=/ --as=aisha.khan --connections=50 --seconds=20 [--workers=1]
// --baseline=DIR profiles an older checkout instead (its own node_modules and build/, served as that
// checkout served it: remix-serve), for a before/after in one sitting.
import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import autocannon from "autocannon";
import { loadAverage, machineLine, printTable } from "./lib/engines";
import { breakdownRows, readProfiles } from "./lib/cpu-profile";
import { SERVER_ARGS, prepareDemoSqlite, signIn } from "./lib/demo-server";
import { assertPortFree, childPids, startChild, stopAll, waitForOk } from "./lib/processes";

function arg(name: string, fallback: string): string {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit ? hit.slice(name.length + 3) : fallback;
}

const ROUTE = arg("route", "/");
const AS = `${arg("as", "aisha.khan")}@example.com`;
const CONNECTIONS = Number(arg("connections", "50"));
const SECONDS = Number(arg("seconds", "20"));
const PORT = Number(arg("port", "3330"));
const DIR = path.resolve("bench/.tmp/profile");
// --cpu-prof writes the profile when the process exits normally: SIGUSR2 makes it exit.
const EXIT_ON_USR2 = 'data:text/javascript,process.on("SIGUSR2",()=>process.exit(0))';
const BASELINE = arg("baseline", "");

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function main() {
  await assertPortFree(PORT);
  const profiles = path.join(DIR, "profiles");
  fs.rmSync(profiles, { recursive: true, force: true });
  fs.mkdirSync(profiles, { recursive: true });
  const file = await prepareDemoSqlite(path.join(DIR, "profile.db"));
  console.log(machineLine());
  console.log(BASELINE ? `baseline: ${BASELINE} served by its remix-serve` : "npm start's server (build/server/main.js)");
  const server = startChild(
    "server",
    [
      "--cpu-prof",
      `--cpu-prof-dir=${profiles}`,
      "--import",
      EXIT_ON_USR2,
      ...(BASELINE ? ["node_modules/@remix-run/serve/dist/cli.js", "build/index.js"] : SERVER_ARGS),
    ],
    {
      ...process.env,
      PORT: String(PORT),
      HOST: "127.0.0.1",
      NODE_ENV: "production",
      SESSION_SECRET: crypto.randomBytes(24).toString("hex"),
      DATABASE_PATH: file,
      DATABASE_URL: "",
      WEB_CONCURRENCY: arg("workers", "1"),
    },
    path.join(DIR, "server.log"),
    BASELINE || undefined,
  );
  const base = `http://127.0.0.1:${PORT}`;
  await waitForOk(server, `${base}/healthz`);
  const cookie = await signIn(base, AS);
  const warm = await autocannon({ url: base + ROUTE, connections: 10, amount: 300, headers: { cookie } });
  if (warm.non2xx) throw new Error(`${ROUTE} as ${AS}: ${warm.non2xx} answers were not 2xx`);
  // The warm-up is in the profile too; it is small beside the run (and JIT-compiles what the run uses).
  const result = await autocannon({ url: base + ROUTE, connections: CONNECTIONS, duration: SECONDS, headers: { cookie } });
  // Every worker writes its own profile as it exits; the primary's is left out (it serves nothing).
  const workers = BASELINE ? [server.pid] : childPids(server.pid);
  for (const pid of workers) process.kill(pid, "SIGUSR2");
  while (workers.some(alive)) await new Promise((r) => setTimeout(r, 50));
  if (!BASELINE)
    fs.rmSync(path.join(profiles, fs.readdirSync(profiles).find((f) => f.includes(`.${server.pid}.`)) ?? "-"), { force: true });
  const b = readProfiles(profiles);
  const requests = result.requests.total + warm.requests.total;
  console.log(
    `GET ${ROUTE} as ${AS}, ${CONNECTIONS} connections, ${SECONDS} s: ${result.requests.average.toFixed(1)} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, ${result.errors} errors, ${result.timeouts} timeouts, non-2xx ${result.non2xx}; load average ${loadAverage()}`,
  );
  console.log(
    `server busy ${b.totalMs.toFixed(0)} ms for ${requests} requests: ${(b.totalMs / requests).toFixed(2)} ms CPU per request\n`,
  );
  printTable(["part of the stack", "self", "inclusive", "self ms per request"], breakdownRows(b, requests));
}

try {
  await main();
} finally {
  await stopAll();
}
