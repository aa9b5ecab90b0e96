// Part 1 of issue 12 (ADR 013): every state-changing request is checked on the server — same origin by
// Origin / Sec-Fetch-Site, and the session's anti-CSRF token — for document posts, `_data` fetches and the
// resource routes. Every POST row of the access matrix is forged as a signed-in actor who may make it; each
// forgery is a 403 (a page, or `{ ok: false, error }` JSON), and nothing in the database changes.
import path from "node:path";
import { type AgnosticRouteObject, matchRoutes } from "@remix-run/router";
import type { ServerBuild } from "@remix-run/node";
import { beforeAll, describe, expect, it } from "vitest";
import { BAD_TOKEN, CROSS_SITE, CSRF_FIELD, CSRF_HEADER, NO_ORIGIN } from "../../app/auth/csrf-token";
import { DEMO_PASSWORD } from "../../seeds/people";
import { type TestApp, BASE, startApp } from "../support/app";
import { csrfTokenFor } from "../support/csrf";
import { eventsDuring } from "../support/events";
import { fingerprint } from "../support/fingerprint";
import { AREAS } from "./access/index";
import { ACTORS, type AccessRow, type Actor, type Ctx } from "./access/types";

let app: TestApp;
let routes: AgnosticRouteObject[] = [];
const ctx: Ctx = {};
const cookies = new Map<Actor, string>();
const FORM = "application/x-www-form-urlencoded";
const EVIL = "http://evil.example";

beforeAll(async () => {
  app = await startApp();
  for (const area of AREAS) Object.assign(ctx, (await area.prepare?.(app, ctx)) ?? {});
  const build = (await import(/* @vite-ignore */ path.resolve("build/index.js"))) as ServerBuild;
  const tree = (parentId: string | undefined): AgnosticRouteObject[] =>
    Object.values(build.routes)
      .filter((r) => r!.parentId === parentId)
      .map(
        (r) =>
          ({ id: r!.id, path: r!.path, index: r!.index, children: r!.index ? undefined : tree(r!.id) }) as AgnosticRouteObject,
      );
  routes = tree(undefined);
});

const token = (cookie: string) => csrfTokenFor(cookie, process.env.SESSION_SECRET!)!;

/** The route a path's `_data` request names (what Remix's client sends). */
function routeIdOf(p: string): string {
  const url = new URL(p, BASE);
  const matches = matchRoutes(routes, url.pathname)!;
  return matches[matches.length - 1]!.route.id!;
}

function withData(p: string): string {
  return `${p}${p.includes("?") ? "&" : "?"}_data=${encodeURIComponent(routeIdOf(p))}`;
}

async function cookieFor(actor: Actor): Promise<string> {
  const email = ACTORS[actor]!;
  const existing = cookies.get(actor);
  if (existing && (await app.get("/profile", existing)).status === 200) return existing;
  await app.db.updateTable("people").set({ active: 1 }).where("email", "=", email).execute();
  const c = await app.signIn(email);
  cookies.set(actor, c);
  return c;
}

/** A post with exactly these headers (the client adds no Origin or token of its own). */
function send(p: string, form: Record<string, string>, cookie: string | null, headers: Record<string, string>) {
  return app.fetch(p, {
    method: "POST",
    body: new URLSearchParams(form),
    cookie,
    csrf: false,
    headers: { "Content-Type": FORM, ...headers },
  });
}

async function expectRefused(res: Response, message: string, json: boolean) {
  expect(res.status).toBe(403);
  if (json) expect(await res.json()).toEqual({ ok: false, error: message });
  else expect(await res.text()).toContain(message.replace(/'/g, "&#x27;"));
}

/** The first signed-in actor the row lets through (not refused 403/404, not a route without an action). */
function mayDo(row: AccessRow): Actor | null {
  const actor = (Object.keys(ACTORS) as Actor[]).find((a) => a !== "anonymous" && ![403, 404, 405].includes(row.expect[a]));
  return actor ?? null;
}

const postRows = AREAS.flatMap((area) =>
  area.rows.filter((r) => r.method === "POST").map((row) => ({ area: area.name, row, actor: mayDo(row) })),
);

describe("CSRF: every POST of the access matrix", () => {
  it("covers the matrix's posts", () => {
    expect(postRows.filter((r) => r.actor).length).toBeGreaterThan(30);
  });

  for (const { area, row, actor } of postRows) {
    if (!actor) continue;
    const name = row.path(new Proxy({}, { get: (_t, k) => `:${String(k)}` }));
    it(`${area}: POST ${name} as ${actor}`, async () => {
      const cookie = await cookieFor(actor);
      const other = await app.signIn(ACTORS[actor]!); // another session of the same person
      const p = row.path(ctx);
      const form = row.form?.(ctx) ?? {};
      const host = new URL(BASE).origin;
      const before = await fingerprint(app.db);
      for (const data of [false, true]) {
        const at = data ? withData(p) : p;
        // (a) another origin, even with the right token
        await expectRefused(await send(at, { ...form, [CSRF_FIELD]: token(cookie) }, cookie, { Origin: EVIL }), CROSS_SITE, data);
        // (b) the browser says another site sent it
        await expectRefused(
          await send(at, { ...form, [CSRF_FIELD]: token(cookie) }, cookie, { "Sec-Fetch-Site": "cross-site" }),
          CROSS_SITE,
          data,
        );
        // (c) same origin, but no token, a wrong one, another session's (field and header)
        await expectRefused(await send(at, form, cookie, { Origin: host }), BAD_TOKEN, data);
        await expectRefused(await send(at, { ...form, [CSRF_FIELD]: "x".repeat(43) }, cookie, { Origin: host }), BAD_TOKEN, data);
        await expectRefused(await send(at, { ...form, [CSRF_FIELD]: token(other) }, cookie, { Origin: host }), BAD_TOKEN, data);
        await expectRefused(await send(at, form, cookie, { Origin: host, [CSRF_HEADER]: token(other) }), BAD_TOKEN, data);
      }
      expect(await fingerprint(app.db)).toBe(before);
      // the same post from the app's own page (the token in the form, no Origin at all) is let through
      const res = await send(p, { ...form, [CSRF_FIELD]: token(cookie) }, cookie, {});
      expect(res.status).toBe(row.expect[actor]);
    });
  }
});

describe("CSRF: resource routes and sign-in", () => {
  it("POST /logout: forged sign-outs are refused and the session lives on; the page's own signs out", async () => {
    const cookie = await app.signIn("aisha.khan@example.com");
    const events = await eventsDuring(async () => {
      await expectRefused(await send("/logout", { [CSRF_FIELD]: token(cookie) }, cookie, { Origin: EVIL }), CROSS_SITE, false);
      await expectRefused(await send("/logout", {}, cookie, { Origin: BASE }), BAD_TOKEN, false);
    });
    // each refusal is a structured event a log shipper can count (app/utils/log.server.ts)
    for (const reason of [CROSS_SITE, BAD_TOKEN])
      expect(events).toContainEqual(
        expect.objectContaining({ event: "access.forged_request", method: "POST", path: "/logout", reason }),
      );
    await expectRefused(await send("/logout", { [CSRF_FIELD]: "forged" }, cookie, {}), BAD_TOKEN, false);
    await expectRefused(await send("/logout?_data=routes%2Flogout", {}, cookie, { Origin: BASE }), BAD_TOKEN, true);
    expect((await app.get("/profile", cookie)).status).toBe(200);
    const out = await send("/logout", { [CSRF_FIELD]: token(cookie) }, cookie, { Origin: BASE });
    expect(out.status).toBe(302);
    expect(out.headers.get("location")).toBe("/login");
    expect((await app.get("/profile", cookie)).status).toBe(302);
  });

  it("POST /import/upload: the token is checked before the file is read", async () => {
    const cookie = await cookieFor("engineer");
    const batches = async () => (await app.db.selectFrom("import_batches").select("id").execute()).length;
    const before = await batches();
    const csv = new File(["number,state\nINC1,New\n"], "x.csv", { type: "text/csv" });
    // a wrong header token: refused without touching a body that cannot be read
    const unreadable = new ReadableStream({
      pull() {
        throw new Error("the body was read");
      },
    });
    const early = await app.fetch("/import/upload", {
      method: "POST",
      body: unreadable,
      cookie,
      csrf: false,
      headers: { "Content-Type": "multipart/form-data; boundary=x", Origin: BASE, [CSRF_HEADER]: "forged" },
      duplex: "half",
    } as RequestInit);
    await expectRefused(early, BAD_TOKEN, true);
    // no token, or the token after the file
    const bare = new FormData();
    bare.append("file", csv);
    await expectRefused(
      await app.fetch("/import/upload", { method: "POST", body: bare, cookie, csrf: false, headers: { Origin: BASE } }),
      BAD_TOKEN,
      true,
    );
    const late = new FormData();
    late.append("file", csv);
    late.append(CSRF_FIELD, token(cookie));
    await expectRefused(
      await app.fetch("/import/upload", { method: "POST", body: late, cookie, csrf: false, headers: { Origin: BASE } }),
      BAD_TOKEN,
      true,
    );
    // another origin
    const good = () => {
      const f = new FormData();
      f.append(CSRF_FIELD, token(cookie));
      f.append("file", csv);
      return f;
    };
    await expectRefused(
      await app.fetch("/import/upload", {
        method: "POST",
        body: good(),
        cookie,
        csrf: false,
        headers: { Origin: EVIL, Accept: "application/json" },
      }),
      CROSS_SITE,
      true,
    );
    // the no-JavaScript upload to /import too
    await expectRefused(
      await app.fetch("/import?index", { method: "POST", body: bare, cookie, csrf: false, headers: { Origin: BASE } }),
      BAD_TOKEN,
      false,
    );
    expect(await batches()).toBe(before);
    // the page's form (the token field first) is read
    const ok = await app.fetch("/import/upload", { method: "POST", body: good(), cookie, csrf: false });
    expect(ok.status).not.toBe(403);
    expect((await ok.json()).errors?.file ?? "").not.toBe(BAD_TOKEN);
  });

  it("sign-in (no session, no token): the browser's origin headers are required and must be ours", async () => {
    const form = { email: "aisha.khan@example.com", password: "wrong-but-never-checked" };
    await expectRefused(await send("/login", form, null, { Origin: EVIL }), CROSS_SITE, false);
    await expectRefused(await send("/login", form, null, { "Sec-Fetch-Site": "cross-site" }), CROSS_SITE, false);
    await expectRefused(await send("/login", form, null, { "Sec-Fetch-Site": "same-site" }), CROSS_SITE, false);
    await expectRefused(await send("/login", form, null, { Origin: "null" }), CROSS_SITE, false);
    await expectRefused(await send("/login", form, null, {}), NO_ORIGIN, false);
    await expectRefused(await send("/login?_data=routes%2Flogin", form, null, { Origin: EVIL }), CROSS_SITE, true);
    // a TLS proxy: the page is https, so http is another origin
    await expectRefused(await send("/login", form, null, { Origin: BASE, "X-Forwarded-Proto": "https" }), CROSS_SITE, false);
    const ok = await send("/login", { email: "aisha.khan@example.com", password: DEMO_PASSWORD }, null, {
      Origin: BASE.replace("http:", "https:"),
      "X-Forwarded-Proto": "https",
    });
    expect([302, 401]).toContain(ok.status);
    expect((await send("/login", form, null, { "Sec-Fetch-Site": "same-origin" })).status).toBe(401);
  });

  it("the ingest API stays bearer-token only: a browser's cookie signs nobody in there", async () => {
    const cookie = await cookieFor("admin");
    const res = await app.fetch("/api/v1/evidence", {
      method: "POST",
      body: JSON.stringify({ items: [] }),
      cookie,
      headers: { "Content-Type": "application/json", [CSRF_HEADER]: token(cookie) },
    });
    expect(res.status).toBe(401);
  });

  it("every posting form on every page of the matrix carries the session's token", async () => {
    let forms = 0;
    for (const area of AREAS)
      for (const row of area.rows.filter((r) => r.method === "GET")) {
        const actor = (Object.keys(ACTORS) as Actor[]).find((a) => a !== "anonymous" && row.expect[a] === 200);
        if (!actor) continue;
        const cookie = await cookieFor(actor);
        const res = await app.get(row.path(ctx), cookie);
        if (!(res.headers.get("Content-Type") ?? "").startsWith("text/html")) continue;
        const html = await res.text();
        for (const form of html
          .split("<form")
          .slice(1)
          .map((f) => f.slice(0, f.indexOf("</form>")))) {
          if (!/^[^>]*method="post"/.test(form)) continue;
          forms++;
          expect(form, `a form on ${row.path(ctx)}`).toContain(`name="_csrf" value="${token(cookie)}"`);
        }
      }
    expect(forms).toBeGreaterThan(40);
  });

  it("the page's forms carry the session's token, and only posting forms do", async () => {
    const cookie = await cookieFor("admin");
    const html = await (await app.get(`/admin/people/${ctx.ben}`, cookie)).text();
    const fields = [...html.matchAll(/<input type="hidden" name="_csrf" value="([^"]+)"/g)].map((m) => m[1]);
    const posts = [...html.matchAll(/<form[^>]*method="post"/g)].length;
    expect(posts).toBeGreaterThan(1);
    expect(fields).toHaveLength(posts);
    expect(new Set(fields)).toEqual(new Set([token(cookie)]));
    const search = await (await app.get("/evidence", cookie)).text();
    expect(search).toMatch(/<form[^>]*method="get"/);
  });
});
