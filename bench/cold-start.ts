// Cold start: how long after `npm start`'s server process starts (build/server/main.js, on a database
// that already exists) the first page is served — GET /login answered 200 — against a bare node:http
// server's first answer measured the same way (Node's own start). Medians of --runs starts.
// Run: npm run build && npm run bench:cold-start -- --runs=7
import crypto from "node:crypto";
import path from "node:path";
import { loadAverage, machineLine, median, printTable } from "./lib/engines";
import { SERVER_MAIN, prepareDemoSqlite } from "./lib/demo-server";
import { assertPortFree, startChild, stopChild } from "./lib/processes";

function arg(name: string, fallback: string): string {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit ? hit.slice(name.length + 3) : fallback;
}
const RUNS = Number(arg("runs", "7"));
const PORT = 3340;
const DIR = path.resolve("bench/.tmp/cold-start");

async function firstAnswer(args: string[], env: NodeJS.ProcessEnv, url: string): Promise<number> {
  const t0 = performance.now();
  const c = startChild("server", args, env, path.join(DIR, "server.log"));
  try {
    for (;;) {
      if (c.process.exitCode !== null) throw new Error(`the server exited with ${c.process.exitCode}; see ${c.log}`);
      try {
        const r = await fetch(url);
        await r.arrayBuffer();
        if (r.status === 200) return performance.now() - t0;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 10));
    }
  } finally {
    await stopChild(c);
  }
}

async function main() {
  await assertPortFree(PORT);
  const file = await prepareDemoSqlite(path.join(DIR, "cold.db"));
  console.log(machineLine());
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(PORT),
    HOST: "127.0.0.1",
    NODE_ENV: "production",
    SESSION_SECRET: crypto.randomBytes(24).toString("hex"),
    DATABASE_PATH: file,
    DATABASE_URL: "",
  };
  const bare = `require("node:http").createServer((q, s) => s.end("ok")).listen(${PORT}, "127.0.0.1")`;
  const rows: { name: string; ms: number[] }[] = [
    { name: "bare node:http (Node's start)", ms: [] },
    { name: "npm start's server, existing database (node build/server/main.js)", ms: [] },
  ];
  for (let i = 0; i < RUNS; i++) {
    rows[0]!.ms.push(await firstAnswer(["-e", bare], env, `http://127.0.0.1:${PORT}/`));
    rows[1]!.ms.push(await firstAnswer([SERVER_MAIN], env, `http://127.0.0.1:${PORT}/login`));
  }
  const base = median(rows[0]!.ms);
  printTable(
    ["process", `median of ${RUNS}`, "min", "max", "vs bare node", "target"],
    rows.map((r, i) => [
      r.name,
      `${median(r.ms).toFixed(0)} ms`,
      `${Math.min(...r.ms).toFixed(0)} ms`,
      `${Math.max(...r.ms).toFixed(0)} ms`,
      `${(median(r.ms) / base).toFixed(1)}×`,
      i === 1 ? "≤ 1,500 ms" : "",
    ]),
  );
  console.log(`load average: ${loadAverage()}`);
}

await main();
