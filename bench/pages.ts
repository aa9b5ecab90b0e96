// Browser benchmark: what each main page costs a real Chromium (/usr/bin/chromium, never a downloaded one) at a
// 4× CPU slowdown — compressed JavaScript, HTML size, largest contentful paint and the moment hydration is done —
// against the production build in build/ (made beforehand: `npm run build`; this script builds nothing).
// It seeds a demo database, starts the production server (SERVER below, one worker, stopped by its PID), signs in as the busiest demo
// engineer (the one whose dashboard HTML is largest; every engineer's is printed) and a manager, loads every page
// --runs times in a fresh browser context (cold cache) and prints medians beside the targets and the ratio
// to /login, the baseline page measured in the same run.
// Run: npx tsx bench/pages.ts   (options: --runs=5, --cpu=4 slowdown, --port=3460, --server=<script>, --json)
//
// JS: the sum over the page's scripts (also those imported after hydration, until the page is measured) of their
// gzip size, gzipping the built files as bench/chunks.ts does, so the figure does not depend on the server's
// compression; "wire" is what CDP says went over the network (encodedDataLength, headers included).
// Hydration: app/root.tsx sets window.__hydrated = performance.now() in an effect of the first commit.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { type Browser, type BrowserContext, chromium } from "@playwright/test";
import { sql } from "kysely";
import { openDatabase } from "../app/db.server";
import { migrateToLatest } from "../db/migrate";
import { DEMO_PEOPLE, seedDemoOnce } from "../seeds/index";
import { DEMO_PASSWORD } from "../seeds/people";
import { loadAverage, machineLine, median, printTable } from "./lib/engines";
import { type Child, assertPortFree, startChild, stopAll, waitForOk } from "./lib/processes";

function arg(name: string, fallback: string): string {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit ? hit.slice(name.length + 3) : fallback;
}

const RUNS = Number(arg("runs", "5"));
const CPU_SLOWDOWN = Number(arg("cpu", "4"));
const PORT = Number(arg("port", "3460"));
const BASE = `http://127.0.0.1:${PORT}`;
const DIR = path.resolve("bench/.tmp/pages");
const PUBLIC = path.resolve("public");
/**
 * The production server, one constant: `node <SERVER>` with PORT, HOST, NODE_ENV, SESSION_SECRET and
 * DATABASE_PATH in its environment, one worker (WEB_CONCURRENCY=1). `--server=<script>` runs another one.
 */
const SERVER = [path.resolve(arg("server", "build/server/main.js"))];
const SECRET = crypto.randomBytes(24).toString("hex");
const MANAGER = "daniel.kowalski@example.com";
const KB = 1024;
/** Issue 18, part 7 */
const TARGETS = { dashboardJs: 120 * KB, otherJs: 100 * KB, dashboardHtml: 60 * KB, lcpMs: 1000, hydratedMs: 1500 };

interface Load {
  jsGzip: number;
  jsWire: number;
  scripts: number;
  html: number;
  htmlWire: number;
  lcp: number;
  hydrated: number;
  /** first byte of the document: how much of the times above is the server's */
  ttfb: number;
}

async function prepareDatabase(): Promise<string> {
  fs.mkdirSync(DIR, { recursive: true });
  const file = path.join(DIR, "pages.db");
  for (const s of ["", "-wal", "-shm"]) fs.rmSync(file + s, { force: true });
  const db = openDatabase(file);
  await migrateToLatest(db);
  await seedDemoOnce(db);
  await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(db);
  await db.destroy();
  return file;
}

async function signIn(email: string): Promise<string> {
  const r = await fetch(`${BASE}/login`, {
    method: "POST",
    body: new URLSearchParams({ email, password: DEMO_PASSWORD, redirectTo: "/" }),
    headers: { Origin: BASE }, // sign-in requires the browser's origin (ADR 013)
    redirect: "manual",
  });
  const cookie = r.headers.getSetCookie().find((c) => c.startsWith("sp_session="));
  if (r.status !== 302 || !cookie) throw new Error(`sign-in of ${email}: ${r.status}`);
  return cookie.split(";")[0]!;
}

async function getHtml(pathname: string, cookie: string): Promise<string> {
  const r = await fetch(BASE + pathname, { headers: { cookie } });
  if (r.status !== 200) throw new Error(`GET ${pathname}: ${r.status}`);
  return r.text();
}

/** The first link in `html` matching `pattern` (e.g. an evidence item or a report's dashboard). */
function firstLink(html: string, pattern: RegExp): string {
  const hit = html.match(pattern);
  if (!hit) throw new Error(`no link like ${pattern}`);
  return hit[0].replace(/&amp;/g, "&");
}

const gzipCache = new Map<string, number>();
function gzipOfAsset(url: string): number {
  const pathname = new URL(url).pathname;
  let n = gzipCache.get(pathname);
  if (n === undefined) {
    n = gzipSync(fs.readFileSync(path.join(PUBLIC, pathname))).length;
    gzipCache.set(pathname, n);
  }
  return n;
}

async function newContext(browser: Browser, cookie: string | null): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  if (cookie) {
    const [name, value] = cookie.split("=") as [string, string];
    await context.addCookies([{ name, value, domain: "127.0.0.1", path: "/" }]);
  }
  // The last largest-contentful-paint entry is the page's LCP (it is final at the first input, which never comes).
  await context.addInitScript(() => {
    new PerformanceObserver((list) => {
      const entries = list.getEntries();
      (window as unknown as { __lcp: number }).__lcp = entries[entries.length - 1]!.startTime;
    }).observe({ type: "largest-contentful-paint", buffered: true });
  });
  return context;
}

async function loadOnce(browser: Browser, pathname: string, cookie: string | null): Promise<Load> {
  const context = await newContext(browser, cookie);
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: CPU_SLOWDOWN });
    const kinds = new Map<string, { type: string; url: string }>();
    const wire = new Map<string, number>();
    cdp.on("Network.responseReceived", (e) => kinds.set(e.requestId, { type: e.type, url: e.response.url }));
    cdp.on("Network.loadingFinished", (e) => wire.set(e.requestId, e.encodedDataLength));
    const response = await page.goto(BASE + pathname, { waitUntil: "load" });
    if (response?.status() !== 200) throw new Error(`${pathname}: ${response?.status()}`);
    const html = (await response.body()).length;
    await page.waitForFunction(() => (window as unknown as { __hydrated?: number }).__hydrated !== undefined, null, {
      timeout: 30_000,
    });
    // Let anything started by hydration (lazy chunks, the last paint) settle before reading the figures.
    await page.waitForLoadState("networkidle");
    await page.waitForTimeout(200);
    const { lcp, hydrated, ttfb } = await page.evaluate(() => {
      const w = window as unknown as { __lcp?: number; __hydrated: number };
      const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined;
      return { lcp: w.__lcp ?? NaN, hydrated: w.__hydrated, ttfb: nav?.responseStart ?? NaN };
    });
    let jsGzip = 0;
    let jsWire = 0;
    let scripts = 0;
    let htmlWire = 0;
    for (const [id, k] of kinds) {
      if (k.type === "Script") {
        scripts++;
        jsGzip += gzipOfAsset(k.url);
        jsWire += wire.get(id) ?? 0;
      } else if (k.type === "Document") htmlWire += wire.get(id) ?? 0;
    }
    return { jsGzip, jsWire, scripts, html, htmlWire, lcp, hydrated, ttfb };
  } finally {
    await context.close();
  }
}

interface PageSpec {
  label: string;
  path: string;
  cookie: string | null;
  jsTarget: number | null;
  htmlTarget: number | null;
}

function summarise(loads: Load[]) {
  const m = (f: (l: Load) => number) => median(loads.map(f));
  return {
    jsGzip: m((l) => l.jsGzip),
    jsWire: m((l) => l.jsWire),
    scripts: m((l) => l.scripts),
    html: m((l) => l.html),
    htmlWire: m((l) => l.htmlWire),
    lcp: m((l) => l.lcp),
    hydrated: m((l) => l.hydrated),
    ttfb: m((l) => l.ttfb),
  };
}

const kb = (n: number) => (n / KB).toFixed(1);
const ms = (n: number) => (Number.isFinite(n) ? String(Math.round(n)) : "–");
const ok = (value: number, target: number | null) => (target === null ? "" : value <= target ? " ✓" : " ✗");

async function main() {
  for (const p of ["build/index.js", "public/build"])
    if (!fs.existsSync(p)) throw new Error(`no ${p}: run \`npm run build\` first`);
  await assertPortFree(PORT);
  console.log(machineLine());
  console.log(`load average before: ${loadAverage()}`);
  const dbFile = await prepareDatabase();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(PORT),
    HOST: "127.0.0.1",
    NODE_ENV: "production",
    SESSION_SECRET: SECRET,
    DATABASE_PATH: dbFile,
    WEB_CONCURRENCY: "1",
  };
  delete env.DATABASE_URL;
  const server: Child = startChild("server", SERVER, env, path.join(DIR, "server.log"));
  let browser: Browser | null = null;
  try {
    await waitForOk(server, `${BASE}/healthz`);

    // The busiest demo engineer: the one whose dashboard HTML is largest.
    const engineers = DEMO_PEOPLE.filter((p) => p.role === "engineer");
    const sizes: { email: string; name: string; html: number; cookie: string }[] = [];
    for (const e of engineers) {
      const cookie = await signIn(e.email);
      sizes.push({ email: e.email, name: e.name, html: Buffer.byteLength(await getHtml("/", cookie)), cookie });
    }
    sizes.sort((a, b) => b.html - a.html);
    console.log("\nDashboard HTML per demo engineer (KB):", sizes.map((s) => `${s.name} ${kb(s.html)}`).join(", "));
    const busiest = sizes[0]!;
    const manager = await signIn(MANAGER);

    const evidenceList = await getHtml("/evidence", busiest.cookie);
    const item = firstLink(evidenceList, /\/evidence\/\d+(?=")/);
    const managerHome = await getHtml("/", manager);
    const report = firstLink(managerHome, /\/people\/\d+(?=")/);
    const pages: PageSpec[] = [
      { label: "/login (baseline)", path: "/login", cookie: null, jsTarget: null, htmlTarget: null },
      {
        label: "/ dashboard",
        path: "/",
        cookie: busiest.cookie,
        jsTarget: TARGETS.dashboardJs,
        htmlTarget: TARGETS.dashboardHtml,
      },
      { label: "/evidence", path: "/evidence", cookie: busiest.cookie, jsTarget: TARGETS.otherJs, htmlTarget: null },
      { label: "/evidence/:id", path: item, cookie: busiest.cookie, jsTarget: TARGETS.otherJs, htmlTarget: null },
      { label: "/portfolio", path: "/portfolio", cookie: busiest.cookie, jsTarget: TARGETS.otherJs, htmlTarget: null },
      { label: "/appraisals", path: "/appraisals", cookie: busiest.cookie, jsTarget: TARGETS.otherJs, htmlTarget: null },
      { label: "/ (manager)", path: "/", cookie: manager, jsTarget: TARGETS.dashboardJs, htmlTarget: null },
      { label: "/team (manager)", path: "/team", cookie: manager, jsTarget: TARGETS.otherJs, htmlTarget: null },
      { label: "/people/:id (manager)", path: report, cookie: manager, jsTarget: TARGETS.otherJs, htmlTarget: null },
      { label: "/review (manager)", path: "/review", cookie: manager, jsTarget: TARGETS.otherJs, htmlTarget: null },
    ];

    browser = await chromium.launch({
      executablePath: "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking"],
    });
    // One unmeasured load per page first: the server's caches and the disk are warm for every measured run.
    for (const p of pages) await loadOnce(browser, p.path, p.cookie);
    const results: { spec: PageSpec; s: ReturnType<typeof summarise> }[] = [];
    for (const p of pages) {
      const loads: Load[] = [];
      for (let i = 0; i < RUNS; i++) loads.push(await loadOnce(browser, p.path, p.cookie));
      results.push({ spec: p, s: summarise(loads) });
    }

    const base = results[0]!.s;
    if (process.argv.includes("--json")) console.log(JSON.stringify(results, null, 2));
    console.log(
      `\n${RUNS} cold loads per page, medians, Chromium at ${CPU_SLOWDOWN}× CPU slowdown; engineer ${busiest.name}, manager ${MANAGER}`,
    );
    console.log(
      `targets: dashboard JS ≤ ${kb(TARGETS.dashboardJs)} KB, other pages ≤ ${kb(TARGETS.otherJs)} KB, dashboard HTML ≤ ${kb(TARGETS.dashboardHtml)} KB (busiest engineer), LCP ≤ ${TARGETS.lcpMs} ms, hydrated ≤ ${TARGETS.hydratedMs} ms`,
    );
    const header = [
      "page",
      "JS gzip KB",
      "(wire)",
      "scripts",
      "HTML KB",
      "(wire)",
      "TTFB ms",
      "LCP ms",
      "hydrated ms",
      "JS ×login",
      "hydr ×login",
    ];
    const rows = results.map(({ spec, s }) => [
      spec.label,
      kb(s.jsGzip) + ok(s.jsGzip, spec.jsTarget),
      kb(s.jsWire),
      String(s.scripts),
      kb(s.html) + ok(s.html, spec.htmlTarget),
      kb(s.htmlWire),
      ms(s.ttfb),
      ms(s.lcp) + ok(s.lcp, TARGETS.lcpMs),
      ms(s.hydrated) + ok(s.hydrated, TARGETS.hydratedMs),
      (s.jsGzip / base.jsGzip).toFixed(2),
      (s.hydrated / base.hydrated).toFixed(2),
    ]);
    printTable(header, rows);
    console.log(`load average after: ${loadAverage()}`);
  } finally {
    await browser?.close();
    await stopAll();
  }
}

main().catch(async (e) => {
  console.error(e);
  await stopAll();
  process.exit(1);
});
