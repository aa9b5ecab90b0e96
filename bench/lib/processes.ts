// Child processes for the HTTP benchmark: started with their output in a log file, waited for, their CPU
// time read from /proc, and always stopped by their own PID (also when the benchmark fails or is interrupted).
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";

export interface Child {
  name: string;
  pid: number;
  log: string;
  process: ChildProcess;
}

const children = new Set<Child>();

function killAll() {
  for (const c of children) {
    try {
      process.kill(c.pid, "SIGTERM");
    } catch {
      // already gone
    }
  }
}
const cleanups: (() => Promise<unknown>)[] = [];

/** Runs `fn` too when the benchmark is interrupted (after its children have stopped). */
export function onInterrupt(fn: () => Promise<unknown>): void {
  cleanups.push(fn);
}

// Last resort when the process exits any other way: SIGTERM to every child still running.
process.on("exit", killAll);
for (const sig of ["SIGINT", "SIGTERM"] as const) {
  process.once(sig, () => {
    console.error(`\n${sig}: stopping ${children.size} child process(es)`);
    stopAll()
      .then(() => Promise.allSettled(cleanups.map((f) => f())))
      .finally(() => process.exit(130));
  });
}

export function startChild(name: string, args: string[], env: NodeJS.ProcessEnv, log: string, cwd?: string): Child {
  const out = fs.openSync(log, "w");
  const p = spawn(process.execPath, args, { env, stdio: ["ignore", out, out], cwd });
  fs.closeSync(out);
  if (!p.pid) throw new Error(`${name} did not start`);
  const child = { name, pid: p.pid, log, process: p };
  children.add(child);
  p.on("exit", () => children.delete(child));
  return child;
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves once the process has exited. */
export async function stopChild(c: Child, graceMs = 5000): Promise<void> {
  if (c.process.exitCode !== null || c.process.signalCode !== null) return;
  const exited = new Promise<void>((r) => c.process.once("exit", () => r()));
  c.process.kill("SIGTERM");
  const timer = setTimeout(() => c.process.kill("SIGKILL"), graceMs);
  await exited;
  clearTimeout(timer);
}

export async function stopAll(): Promise<void> {
  await Promise.all([...children].map((c) => stopChild(c)));
}

/** Waits until `url` answers 200 (or the child exits, or `timeoutMs` passes). */
export async function waitForOk(c: Child, url: string, timeoutMs = 60_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (c.process.exitCode !== null) throw new Error(`${c.name} exited with ${c.process.exitCode}; see ${c.log}`);
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${c.name} did not answer ${url} within ${timeoutMs / 1000} s; see ${c.log}`);
}

/** Refuses to start on a port something else already listens on. */
export async function assertPortFree(port: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const s = net.createServer();
    s.once("error", () => reject(new Error(`port ${port} is in use`)));
    s.listen(port, "127.0.0.1", () => s.close(() => resolve()));
  });
}

/** The child processes of `pid` (a server's workers), from /proc; none when it is gone. */
export function childPids(pid: number): number[] {
  try {
    return fs.readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}
