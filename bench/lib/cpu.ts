// CPU time of processes from /proc (Linux): steadier than wall time on a shared machine. On PostgreSQL the
// queries run in the server's backend processes, so their CPU is read too, found by the database they serve.
import fs from "node:fs";

const TICK_MS = 10; // USER_HZ is 100 on Linux

/** CPU time (user + system, ms) a process has used so far, from /proc/PID/stat; 0 when it is gone. */
export function cpuMsOf(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return 0;
  }
}

/** PIDs of the PostgreSQL backends serving `database` (their process titles name it). */
export function postgresBackends(database: string): number[] {
  const pids: number[] = [];
  for (const d of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const cmd = fs.readFileSync(`/proc/${d}/cmdline`, "utf8");
      if (cmd.startsWith("postgres: ") && cmd.split(" ").includes(database)) pids.push(Number(d));
    } catch {
      // exited meanwhile
    }
  }
  return pids;
}

/** CPU time (ms) used so far by the backends serving `database`, keyed by PID. */
export function backendCpu(database: string): Map<number, number> {
  return new Map(postgresBackends(database).map((p) => [p, cpuMsOf(p)]));
}

/** CPU time (ms) the backends of `database` used since `before` (backends started since count whole). */
export function backendCpuSince(database: string, before: Map<number, number>): number {
  let ms = 0;
  for (const [pid, now] of backendCpu(database)) ms += now - (before.get(pid) ?? 0);
  return ms;
}

/** Busy and total CPU time of the whole machine so far (ms, all cores), from /proc/stat. */
export function machineCpu(): { busy: number; total: number } {
  const f = fs.readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1).map(Number);
  const idle = (f[3] ?? 0) + (f[4] ?? 0); // idle + iowait
  const total = f.reduce((a, b) => a + b, 0);
  return { busy: (total - idle) * TICK_MS, total: total * TICK_MS };
}
