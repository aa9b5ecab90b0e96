// N instances of the production server on one database location, behind the round-robin proxy, on
// loopback: what an organisation runs behind a load balancer, for tests that talk real HTTP. Each is
// `node build/server/main.js --no-prepare` (never through npx, whose child would outlive it) with one
// worker unless a test sets WEB_CONCURRENCY, stopped by its own PID (its workers stop with it); a test
// worker that exits without calling stop() still kills them.
//
//   const app = await startInstances({ location, count: 2 });   // ports picked in 3400-3499
//   await fetch(`${app.url}/healthz`); … await app.stop();
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { isPostgresUrl } from "../../app/db.server";
import { type RoundRobinProxy, startRoundRobinProxy } from "../../scripts/round-robin-proxy";

export interface InstancesOptions {
  /** a SQLite file path or a postgres:// URL, as copyTemplate returns */
  location: string;
  count: number;
  /** explicit ports: the proxy's first, then one per instance; otherwise free ones in `range` */
  ports?: { proxy: number; instances: number[] };
  /** where free ports are looked for (inclusive); default 3400-3499 */
  range?: [number, number];
  /** "inherit" prints the servers' output; "capture" keeps its tail for `output()` (default) */
  stdio?: "inherit" | "capture";
  sessionSecret?: string;
  env?: Record<string, string>;
  /** how long an instance may take to answer /healthz; default 30 s */
  readyTimeoutMs?: number;
}

export interface Instance {
  port: number;
  pid: number;
  child: ChildProcess;
}

export interface Instances {
  /** the proxy's base URL, e.g. http://127.0.0.1:3417 */
  url: string;
  proxy: RoundRobinProxy;
  instances: Instance[];
  /** the captured stdout+stderr of each instance (the last 256 KB), in instance order */
  output(): string[];
  /** Stops the proxy and every instance (SIGTERM, SIGKILL after 5 s); safe to call twice. */
  stop(): Promise<void>;
}

const OUTPUT_LIMIT = 256 * 1024;
const live = new Set<ChildProcess>();
let exitHookInstalled = false;

function installExitHook() {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // Last resort when a worker ends without afterAll: "exit" handlers run synchronously, so SIGKILL.
  process.on("exit", () => {
    for (const c of live) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
  });
}

/** Whether nothing listens on this loopback port (checked by binding it for a moment). */
function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.once("error", () => resolve(false));
    s.listen(port, "127.0.0.1", () => s.close(() => resolve(true)));
  });
}

/** Free ports in the range, from a random starting point, so that two runs at once rarely meet. */
async function freePorts(n: number, [lo, hi]: [number, number], avoid: Set<number>): Promise<number[]> {
  const size = hi - lo + 1;
  const start = Math.floor(Math.random() * size);
  const out: number[] = [];
  for (let i = 0; i < size && out.length < n; i++) {
    const p = lo + ((start + i) % size);
    if (!avoid.has(p) && (await portFree(p))) out.push(p);
  }
  if (out.length < n) throw new Error(`startInstances: fewer than ${n} free ports in ${lo}-${hi}`);
  return out;
}

async function waitReady(port: number, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`instance on port ${port} exited (${child.exitCode ?? child.signalCode})`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(2_000) });
      await res.arrayBuffer();
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`instance on port ${port} did not answer /healthz within ${timeoutMs} ms`);
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const kill = setTimeout(() => child.kill("SIGKILL"), 5_000);
    child.once("exit", () => {
      clearTimeout(kill);
      live.delete(child);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

export async function startInstances(opts: InstancesOptions): Promise<Instances> {
  if (!fs.existsSync(path.resolve("build/server/main.js")))
    throw new Error("No production build: run `npm run build` first (npm test does).");
  if (opts.count > 1 && !isPostgresUrl(opts.location))
    throw new Error("More than one instance needs PostgreSQL: SQLite is one instance's database.");
  installExitHook();
  const server = path.resolve("build/server/main.js");
  const range = opts.range ?? [3400, 3499];
  const captured: string[] = [];
  const instances: Instance[] = [];
  let proxy: RoundRobinProxy | null = null;

  const spawnOne = (port: number, slot: number): ChildProcess => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      NODE_ENV: "production",
      // one worker per instance unless a test asks for more: the suite runs many instances side by side
      WEB_CONCURRENCY: "1",
      SESSION_SECRET: opts.sessionSecret ?? "instances-test-secret", // one secret for all instances
      ...opts.env,
    };
    // The location decides the engine (app/db.server.ts): leave no other one behind from this process.
    delete env.DATABASE_URL;
    delete env.DATABASE_PATH;
    if (isPostgresUrl(opts.location)) env.DATABASE_URL = opts.location;
    else env.DATABASE_PATH = opts.location;
    // npm start's server without its preparation step: each test prepared its database already.
    const child = spawn(process.execPath, [server, "--no-prepare"], {
      stdio: opts.stdio === "inherit" ? "inherit" : ["ignore", "pipe", "pipe"],
      env,
    });
    live.add(child);
    child.once("exit", () => live.delete(child));
    captured[slot] = "";
    const keep = (chunk: Buffer) => {
      const s = captured[slot]! + chunk.toString("utf8");
      captured[slot] = s.length > OUTPUT_LIMIT ? s.slice(-OUTPUT_LIMIT) : s;
    };
    child.stdout?.on("data", keep);
    child.stderr?.on("data", keep);
    return child;
  };

  const stop = async () => {
    const p = proxy;
    proxy = null;
    await Promise.all([p?.close(), ...instances.map((i) => stopChild(i.child))]);
  };

  try {
    const taken = new Set<number>();
    const ports = opts.ports?.instances ?? (await freePorts(opts.count, range, taken));
    for (const [slot, first] of ports.entries()) {
      // A port found free can be taken before the server binds it: try a fresh one then.
      let port = first;
      for (let attempt = 1; ; attempt++) {
        taken.add(port);
        const child = spawnOne(port, slot);
        try {
          await waitReady(port, child, opts.readyTimeoutMs ?? 30_000);
          instances.push({ port, pid: child.pid!, child });
          break;
        } catch (e) {
          await stopChild(child);
          if (opts.ports || attempt >= 3 || !/EADDRINUSE/.test(captured[slot] ?? "")) {
            throw new Error(`${(e as Error).message}\n${captured[slot] ?? ""}`);
          }
          [port] = await freePorts(1, range, taken);
        }
      }
    }
    for (const i of instances) taken.add(i.port);
    for (let attempt = 1; !proxy; attempt++) {
      const port = opts.ports?.proxy ?? (await freePorts(1, range, taken))[0]!;
      taken.add(port);
      try {
        proxy = await startRoundRobinProxy({ port, targets: instances.map((i) => i.port) });
      } catch (e) {
        if (opts.ports || attempt >= 3 || (e as NodeJS.ErrnoException).code !== "EADDRINUSE") throw e;
      }
    }
  } catch (e) {
    await stop();
    throw e;
  }
  const started = proxy;
  return {
    url: `http://127.0.0.1:${started.port}`,
    proxy: started,
    instances,
    output: () => instances.map((_, i) => captured[i] ?? ""),
    stop,
  };
}
