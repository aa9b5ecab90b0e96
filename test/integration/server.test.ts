// `npm start`'s server as a process (build/server/main.js): it prepares an empty database, runs one
// worker per WEB_CONCURRENCY, replaces a worker that dies, stops on SIGTERM, refuses a test clock and a
// taken port with a message, serves built assets compressed and immutable, and two workers on one SQLite
// file take many writes at once without losing one (ADR 010).
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../app/db.server";
import { DEMO_PASSWORD } from "../../seeds/people";
import { csrfTokenFor } from "../support/csrf";
import { TMP_DIR, testEngine } from "../support/template";

const MAIN = path.resolve("build/server/main.js");
const running = new Set<ChildProcess>();
afterAll(() => {
  for (const c of running) c.kill("SIGKILL");
});

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

interface Server {
  child: ChildProcess;
  port: number;
  base: string;
  output: () => string;
  exited: Promise<number | null>;
}

function start(args: string[], env: Record<string, string>, port: number): Server {
  const child = spawn(process.execPath, [MAIN, ...args], {
    env: { ...process.env, DATABASE_URL: "", NODE_ENV: "production", HOST: "127.0.0.1", PORT: String(port), ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.add(child);
  let out = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  const exited = new Promise<number | null>((r) => child.once("exit", (code) => (running.delete(child), r(code))));
  return { child, port, base: `http://127.0.0.1:${port}`, output: () => out, exited };
}

async function until<T>(what: string, fn: () => Promise<T | null | undefined> | T | null | undefined, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch {
      // not yet
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const workersOf = (pid: number) =>
  fs.readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);

function freshDir(name: string): string {
  const dir = path.join(TMP_DIR, `server-${name}-${process.pid}`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

async function signIn(base: string, email: string): Promise<string> {
  const r = await fetch(`${base}/login`, {
    method: "POST",
    body: new URLSearchParams({ email, password: DEMO_PASSWORD, redirectTo: "/" }),
    headers: { Origin: base },
    redirect: "manual",
  });
  expect(r.status).toBe(302);
  return r.headers.getSetCookie()[0]!.split(";")[0]!;
}

// SQLite: the server prepares a file of its own here (the PostgreSQL run covers the app elsewhere).
describe.skipIf(testEngine() !== "sqlite")("npm start's server", () => {
  it(
    "prepares an empty database, serves with two workers, replaces a dead one and stops on SIGTERM",
    { timeout: 90_000 },
    async () => {
      const dir = freshDir("life");
      const s = start(
        [],
        { DATABASE_PATH: path.join(dir, "app.db"), WEB_CONCURRENCY: "2", SESSION_SECRET: "server-test-secret" },
        await freePort(),
      );
      await until("the server to listen", () => s.output().includes("(2 workers)"), 60_000);
      expect(s.output()).toMatch(/loaded the demo organisation \(\d+ people/);
      expect((await fetch(`${s.base}/login`)).status).toBe(200);
      const workers = workersOf(s.child.pid!);
      expect(workers).toHaveLength(2);

      process.kill(workers[0]!, "SIGKILL");
      const replaced = await until("a new worker", () => {
        const now = workersOf(s.child.pid!);
        return now.length === 2 && !now.includes(workers[0]!) ? now : null;
      });
      expect(replaced).toContain(workers[1]);
      expect(s.output()).toContain(`worker ${workers[0]} died (SIGKILL): starting another`);
      // the replacement answers too: enough requests to reach both workers
      const statuses = await Promise.all(Array.from({ length: 20 }, () => fetch(`${s.base}/healthz`).then((r) => r.status)));
      expect(new Set(statuses)).toEqual(new Set([200]));

      s.child.kill("SIGTERM");
      expect(await s.exited).toBe(0);
      for (const w of replaced) expect(() => process.kill(w, 0)).toThrow();
    },
  );

  it(
    "two workers on one SQLite file take 60 writes at once from six people and keep every one",
    { timeout: 90_000 },
    async () => {
      const dir = freshDir("writes");
      const file = path.join(dir, "app.db");
      const s = start([], { DATABASE_PATH: file, WEB_CONCURRENCY: "2", SESSION_SECRET: "server-test-secret" }, await freePort());
      await until("the server to listen", () => s.output().includes("(2 workers)"), 60_000);
      const people = ["aisha.khan", "ben.carter", "olga.ivanova", "lukasz.nowak", "mei.lin", "tom.becker"];
      const cookies = await Promise.all(people.map((p) => signIn(s.base, `${p}@example.com`)));
      const db = openDatabase(file);
      const before = Number(
        (
          await db
            .selectFrom("evidence")
            .select((e) => e.fn.countAll().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );
      const day = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
      const answers = await Promise.all(
        Array.from({ length: 60 }, (_, i) =>
          fetch(`${s.base}/evidence/new`, {
            method: "POST",
            redirect: "manual",
            headers: {
              cookie: cookies[i % cookies.length]!,
              "content-type": "application/x-www-form-urlencoded",
              origin: s.base,
              "x-csrf-token": csrfTokenFor(cookies[i % cookies.length], "server-test-secret")!,
            },
            body: new URLSearchParams({
              intent: "submit",
              kind: "incident",
              title: `Parallel write ${i}`,
              externalRef: `INC8${String(i).padStart(6, "0")}`,
              resolvedAt: `${day}T10:00`,
              priority: "P3",
              workRole: "contributor",
              outcome: "resolved",
              durationMinutes: "30",
            }),
          }).then((r) => r.status),
        ),
      );
      expect(answers.filter((st) => st !== 302)).toEqual([]);
      const after = Number(
        (
          await db
            .selectFrom("evidence")
            .select((e) => e.fn.countAll().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );
      expect(after - before).toBe(60);
      await db.destroy();
      s.child.kill("SIGTERM");
      await s.exited;
    },
  );

  it(
    "serves built assets from memory: brotli or gzip as asked, immutable; a missing one is 404",
    { timeout: 60_000 },
    async () => {
      const dir = freshDir("assets");
      const s = start(
        [],
        { DATABASE_PATH: path.join(dir, "app.db"), WEB_CONCURRENCY: "1", SUPPORTPATH_DEMO: "0" },
        await freePort(),
      );
      await until("the server to listen", () => s.output().includes("(1 worker)"), 60_000);
      const html = await (await fetch(`${s.base}/login`)).text();
      const scripts = [...html.matchAll(/\/build\/[^"]+\.js/g)].map((m) => m[0]);
      expect(scripts.length).toBeGreaterThan(0);
      const sizes = await Promise.all(
        scripts.map(async (p) => [p, (await (await fetch(s.base + p)).arrayBuffer()).byteLength] as const),
      );
      const [biggest] = [...sizes].sort((a, b) => b[1] - a[1])[0]!;
      const plain = await fetch(s.base + biggest, { headers: { "accept-encoding": "identity" } });
      expect(plain.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
      expect(plain.headers.get("content-encoding")).toBeNull();
      const raw = Buffer.from(await plain.arrayBuffer());
      expect(raw.equals(fs.readFileSync(path.join("public", biggest)))).toBe(true);
      for (const enc of ["br", "gzip"]) {
        // fetch decodes what it asked for: the body must come back as the file
        const r = await fetch(s.base + biggest, { headers: { "accept-encoding": enc } });
        expect(r.headers.get("content-encoding")).toBe(enc);
        expect(Buffer.from(await r.arrayBuffer()).equals(raw)).toBe(true);
      }
      expect((await fetch(`${s.base}/build/no-such-file.js`)).status).toBe(404);
      const icon = await fetch(`${s.base}/favicon.svg`);
      expect(icon.status).toBe(200);
      expect(icon.headers.get("cache-control")).toBe("public, max-age=3600");
      s.child.kill("SIGTERM");
      await s.exited;
    },
  );

  it("refuses a test clock, and a port that is taken, with a message", { timeout: 60_000 }, async () => {
    const dir = freshDir("refuse");
    const clock = start(
      [],
      { DATABASE_PATH: path.join(dir, "app.db"), SUPPORTPATH_CLOCK: "2026-03-29T01:30:00Z" },
      await freePort(),
    );
    expect(await clock.exited).toBe(1);
    expect(clock.output()).toContain("SUPPORTPATH_CLOCK is set");

    const port = await freePort();
    const holder = net.createServer().listen(port, "127.0.0.1");
    try {
      const taken = start(
        ["--no-prepare"],
        { DATABASE_PATH: path.join(dir, "app.db"), WEB_CONCURRENCY: "1", SESSION_SECRET: "x" },
        port,
      );
      expect(await taken.exited).toBe(1);
      expect(taken.output()).toContain(`EADDRINUSE on port ${port}`);
    } finally {
      holder.close();
    }
  });
});
