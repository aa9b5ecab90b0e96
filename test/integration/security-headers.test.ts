// Security headers on every response (issue 12 part 2, ADR 014): every GET route of the access matrix as
// every kind of actor, its loader data, the resource routes, and the render cache's nonces.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type TestApp, startApp } from "../support/app";
import { type Instances, startInstances } from "../support/instances";
import { copyTemplate } from "../support/template";
import { AREAS } from "./access/index";
import { ACTORS, type Actor, type Ctx } from "./access/types";

// the worker runs other files after this one (vitest.config.ts): a proxy trusted here is not trusted there
const savedProxies = process.env.TRUSTED_PROXIES;
afterEach(() => {
  if (savedProxies === undefined) delete process.env.TRUSTED_PROXIES;
  else process.env.TRUSTED_PROXIES = savedProxies;
});

let app: TestApp;
const ctx: Ctx = {};
const cookies = new Map<Actor, string | null>();

beforeAll(async () => {
  app = await startApp();
  for (const area of AREAS) Object.assign(ctx, (await area.prepare?.(app, ctx)) ?? {});
  for (const actor of Object.keys(ACTORS) as Actor[]) {
    const email = ACTORS[actor];
    cookies.set(actor, email ? await app.signIn(email) : null);
  }
});

afterEach(() => {
  delete process.env.TRUSTED_PROXIES;
});

function scriptSrc(csp: string): string {
  return csp.split(";").find((d) => d.trim().startsWith("script-src")) ?? "";
}

/** The headers every response has, whatever it is. */
function expectBaseHeaders(res: Response, what: string) {
  const h = res.headers;
  expect(h.get("x-content-type-options"), what).toBe("nosniff");
  expect(h.get("x-frame-options"), what).toBe("DENY");
  expect(h.get("referrer-policy"), what).toBe("same-origin");
  expect(h.get("content-security-policy"), what).toContain("frame-ancestors 'none'");
  // plain http from an untrusted peer: no HSTS
  expect(h.get("strict-transport-security"), what).toBeNull();
}

/** A document: a nonce-only script policy, and every script tag carries that nonce. */
async function expectDocumentPolicy(res: Response, what: string): Promise<string> {
  const csp = res.headers.get("content-security-policy")!;
  const nonce = /'nonce-([^']+)'/.exec(scriptSrc(csp))?.[1];
  expect(nonce, `${what}: script-src has a nonce`).toBeTruthy();
  expect(scriptSrc(csp), what).not.toContain("unsafe-inline");
  expect(csp, what).toContain("object-src 'none'");
  expect(csp, what).toContain("base-uri 'none'");
  const html = await res.text();
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  expect(scripts.length, `${what}: has scripts`).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag, what).toContain(`nonce="${nonce}"`);
  return nonce!;
}

const getRows = AREAS.flatMap((area) => area.rows.filter((r) => r.method === "GET").map((row) => ({ area, row })));

describe("every GET route of the access matrix, as every actor", () => {
  for (const { area, row } of getRows) {
    const label = row.path(new Proxy({}, { get: (_t, k) => `:${String(k)}` }));
    it(`${area.name}: GET ${label}`, async () => {
      for (const actor of Object.keys(ACTORS) as Actor[]) {
        const cookie = cookies.get(actor) ?? null;
        const path = row.path(ctx);
        const what = `${actor} GET ${path}`;
        const res = await app.get(path, cookie);
        expect(res.status, what).toBe(row.expect[actor]);
        expectBaseHeaders(res, what);
        if (cookie) expect(res.headers.get("cache-control"), what).toBe("no-store");
        const type = res.headers.get("content-type") ?? "";
        if (type.startsWith("text/html")) await expectDocumentPolicy(res, what);
        else expect(res.headers.get("content-security-policy"), what).toContain("default-src 'none'");
        // the same page's loader data, as a client navigation fetches it
        const data = await app.get(`${path}${path.includes("?") ? "&" : "?"}_data=root`, cookie);
        expectBaseHeaders(data, `${what} (_data)`);
        expect(data.headers.get("content-security-policy"), what).toContain("default-src 'none'");
        if (cookie) expect(data.headers.get("cache-control"), `${what} (_data)`).toBe("no-store");
      }
    });
  }
});

describe("pages for nobody in particular", () => {
  it("the sign-in page keeps its ETag and revalidation, and answers 304 when unchanged", async () => {
    const res = await app.get("/login");
    expect(res.status).toBe(200);
    expectBaseHeaders(res, "/login");
    expect(res.headers.get("cache-control")).toBe("private, no-cache");
    const etag = res.headers.get("etag")!;
    expect(etag).toBeTruthy();
    const again = await app.fetch("/login", { headers: { "If-None-Match": etag } });
    expect(again.status).toBe(304);
    expectBaseHeaders(again, "/login 304");
  });

  it("a signed-in page still answers 304 to a client that sends If-None-Match, with no-store", async () => {
    const cookie = cookies.get("self")!;
    const res = await app.get("/profile", cookie);
    const etag = res.headers.get("etag")!;
    const again = await app.fetch("/profile", { cookie, headers: { "If-None-Match": etag } });
    expect(again.status).toBe(304);
    expect(again.headers.get("cache-control")).toBe("no-store");
  });
});

describe("resource routes", () => {
  it.each(["/healthz", "/portfolio/pdf", "/portfolio/json", "/portfolio/md", "/logout", "/no-such-page"])(
    "%s has the headers",
    async (path) => {
      const cookie = cookies.get("self")!;
      const res = await app.get(path, cookie);
      expectBaseHeaders(res, path);
      expect(res.headers.get("cache-control"), path).toBe("no-store");
      if (!(res.headers.get("content-type") ?? "").startsWith("text/html")) {
        expect(res.headers.get("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'none'");
      }
    },
  );

  it("the ingest API answers with the headers and no-store", async () => {
    const res = await app.fetch("/api/v1/evidence", { method: "POST", headers: { Authorization: "Bearer nope" } });
    expectBaseHeaders(res, "api");
    expect(res.headers.get("cache-control")).toBe("no-store");
  });
});

describe("CSP nonces and the render cache", () => {
  it("two responses of the same cached page carry different nonces, each matching its header", async () => {
    const cookie = cookies.get("engineer")!;
    const [a, b] = [await app.get("/evidence", cookie), await app.get("/evidence", cookie)];
    // the same data: the second came from the render cache (same ETag)
    expect(a.headers.get("etag")).toBe(b.headers.get("etag"));
    const na = await expectDocumentPolicy(a, "first");
    const nb = await expectDocumentPolicy(b, "second");
    expect(na).not.toBe(nb);
    expect(na).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });

  it("an error page (rendered, not cached) has a matching nonce too", async () => {
    const res = await app.get("/appraisals/999999", cookies.get("self")!);
    expect(res.status).toBe(404);
    await expectDocumentPolicy(res, "404 page");
  });
});

describe("HSTS", () => {
  it("is sent when a trusted proxy says the request came over https, not when anyone else says so", async () => {
    process.env.TRUSTED_PROXIES = "10.0.0.0/8";
    const viaProxy = await app.fetch("/login", { address: "10.1.2.3", headers: { "X-Forwarded-Proto": "https" } });
    expect(viaProxy.headers.get("strict-transport-security")).toMatch(/^max-age=\d{7,}/);
    const spoofed = await app.fetch("/login", { address: "203.0.113.50", headers: { "X-Forwarded-Proto": "https" } });
    expect(spoofed.headers.get("strict-transport-security")).toBeNull();
    const plain = await app.fetch("/healthz", { address: "10.1.2.3" });
    expect(plain.headers.get("strict-transport-security")).toBeNull();
  });
});

describe("the real server (Express worker)", () => {
  let server: Instances | null = null;
  afterAll(async () => {
    await server?.stop();
  });

  it("sends the headers, once each, with built assets, public files and pages", async () => {
    server = await startInstances({ location: await copyTemplate("security-headers-server"), count: 1 });
    const page = await fetch(`${server.url}/login`);
    expect(page.status).toBe(200);
    const html = await page.text();
    const asset = /<script[^>]+src="(\/build\/[^"]+\.js)"/.exec(html)?.[1] ?? /href="(\/build\/[^"]+\.js)"/.exec(html)![1]!;
    const responses = {
      page,
      asset: await fetch(server.url + asset),
      css: await fetch(server.url + /href="(\/build\/[^"]+\.css)"/.exec(html)![1]!),
      favicon: await fetch(`${server.url}/favicon.svg`),
      healthz: await fetch(`${server.url}/healthz`),
    };
    for (const [what, res] of Object.entries(responses)) {
      expect(res.status, what).toBe(200);
      expectBaseHeaders(res, what);
      // one policy, not two (the worker's and the app's)
      expect(res.headers.get("content-security-policy")!.split("frame-ancestors").length, what).toBe(2);
      expect(res.headers.get("x-frame-options"), what).toBe("DENY");
    }
    expect(scriptSrc(page.headers.get("content-security-policy")!)).toMatch(/'nonce-/);
    expect(responses.asset.headers.get("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(responses.asset.headers.get("cache-control")).toContain("immutable");
  });
});
