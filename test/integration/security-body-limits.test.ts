// Part 4 of issue 12 (ADR 013): every form has a size limit (app/utils/body-limits.ts, README "Request size
// limits"); a body over it is answered 413 with a message before it is read in full — at once when it says
// its length, as soon as the streamed bytes pass the limit when it does not. A form action sent something
// other than a form (JSON, text/plain, no content type) is a 415 with a message, never a 500.
import http from "node:http";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CSRF_HEADER } from "../../app/auth/csrf-token";
import { FORM_LIMIT, LONG_FORM_LIMIT } from "../../app/utils/body-limits";
import { NOT_A_FORM } from "../../app/utils/form-data.server";
import { type TestApp, startApp } from "../support/app";
import { csrfTokenFor } from "../support/csrf";
import { type Instances, startInstances } from "../support/instances";
import { copyTemplate } from "../support/template";
import { AREAS } from "./access/index";
import { ACTORS, type Actor, type Ctx } from "./access/types";

let app: TestApp;
let aisha: string;

beforeAll(async () => {
  app = await startApp();
  aisha = await app.signIn("aisha.khan@example.com");
});

/** A body that counts what is read of it: `chunks` pieces of `size` bytes, then (if `endless`) an error. */
function counted(size: number, chunks: number) {
  const seen = { bytes: 0 };
  const piece = new Uint8Array(size).fill(0x61); // "aaaa…": a urlencoded value
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= chunks) throw new Error("read past the end of the test body");
      sent++;
      seen.bytes += size;
      controller.enqueue(piece);
    },
  });
  return { stream, seen };
}

function postStream(p: string, body: ReadableStream<Uint8Array>, headers: Record<string, string>, cookie: string | null = null) {
  return app.fetch(p, { method: "POST", body, cookie, headers, duplex: "half" } as RequestInit);
}

describe("body limits", () => {
  it("an oversized anonymous sign-in that says its length is refused before any of it is read", async () => {
    const { stream, seen } = counted(64 * 1024, 0); // reading it at all would throw
    const res = await postStream("/login", stream, {
      "Content-Type": "application/x-www-form-urlencoded",
      "Content-Length": String(100 * 1024 * 1024),
    });
    expect(res.status).toBe(413);
    expect(await res.text()).toContain("What you sent is too large: this form accepts up to 64 KB.");
    expect(seen.bytes).toBe(0);
  });

  it("a chunked body without a length is stopped as soon as it passes the limit", async () => {
    const { stream, seen } = counted(16 * 1024, 1000); // 16 MB if it were all read
    const res = await postStream("/login?_data=routes%2Flogin", stream, { "Content-Type": "application/x-www-form-urlencoded" });
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ ok: false, error: "What you sent is too large: this form accepts up to 64 KB." });
    expect(seen.bytes).toBeLessThanOrEqual(FORM_LIMIT + 2 * 16 * 1024);
  });

  it("a signed-in form over its limit is refused and nothing is written; one under it is read", async () => {
    const big = "x".repeat(FORM_LIMIT);
    const res = await app.post("/profile", { current: big, password: "a", confirm: "a" }, aisha);
    expect(res.status).toBe(413);
    expect(await res.text()).toContain("this form accepts up to 64 KB");
    // evidence has long notes: its limit is LONG_FORM_LIMIT, so 100 KB is read (and judged by its rules)
    const notes = await app.post("/evidence/new", { intent: "draft", title: "", notes: "n".repeat(100 * 1024) }, aisha);
    expect(notes.status).not.toBe(413);
    expect(notes.status).toBeLessThan(500);
    const tooLong = await app.post("/evidence/new", { intent: "draft", notes: "n".repeat(LONG_FORM_LIMIT) }, aisha);
    expect(tooLong.status).toBe(413);
  });

  it("the upload's limit is IMPORT_MAX_MB: a declared larger upload is 413 at once, next to the file field", async () => {
    const { stream, seen } = counted(64 * 1024, 0);
    const res = await postStream(
      "/import?index",
      stream,
      { "Content-Type": "multipart/form-data; boundary=x", "Content-Length": String(200 * 1024 * 1024) },
      aisha,
    );
    expect(res.status).toBe(413);
    expect(await res.text()).toMatch(/The file is too large; the limit is 64 MB/);
    expect(seen.bytes).toBe(0);
  });
});

describe("a form action sent something else than a form", () => {
  const bodies: [string, Record<string, string>, string][] = [
    ["JSON", { "Content-Type": "application/json" }, JSON.stringify({ email: "a@b.c", password: "x" })],
    ["text/plain", { "Content-Type": "text/plain" }, "email=a@b.c&password=x"],
    ["no content type", {}, ""],
  ];
  for (const [what, headers, body] of bodies) {
    it(`${what}: 415 with a message, as a page and as JSON`, async () => {
      for (const [p, cookie] of [
        ["/login", null],
        ["/profile", aisha],
        ["/evidence/new", aisha],
        ["/admin/people/new", await app.signIn("admin@example.com")],
      ] as const) {
        const init = (extra: Record<string, string>) => {
          const h = new Headers({ ...headers, ...extra });
          if (!body) h.delete("Content-Type");
          // undici gives a string body text/plain; "no content type" sends bytes instead
          return { method: "POST", body: body ? body : new Uint8Array(0), cookie, headers: h };
        };
        const page = await app.fetch(p, init({}));
        expect(page.status, `${what} ${p}`).toBe(415);
        expect(await page.text()).toContain(NOT_A_FORM.replace(/'/g, "&#x27;"));
        const routeId = `routes/${p.slice(1).replace(/\//g, ".")}`;
        const data = await app.fetch(`${p}?_data=${encodeURIComponent(routeId)}`, init({}));
        expect(data.status, `${what} ${p} _data`).toBe(415);
        expect(await data.json()).toEqual({ ok: false, error: NOT_A_FORM });
      }
    });
  }

  it("every POST of the access matrix: JSON, text/plain or nothing is a 4xx with a message, never a 500", async () => {
    const ctx: Ctx = {};
    for (const area of AREAS) Object.assign(ctx, (await area.prepare?.(app, ctx)) ?? {});
    const cookies = new Map<string, string>();
    for (const area of AREAS)
      for (const row of area.rows.filter((r) => r.method === "POST")) {
        const actor = (Object.keys(ACTORS) as Actor[]).find((a) => a !== "anonymous" && ![403, 404, 405].includes(row.expect[a]));
        if (!actor) continue;
        const email = ACTORS[actor]!;
        if (!cookies.has(email)) cookies.set(email, await app.signIn(email));
        for (const [what, headers, body] of bodies) {
          const res = await app.fetch(row.path(ctx), {
            method: "POST",
            body: body || new Uint8Array(0),
            cookie: cookies.get(email),
            headers: body ? headers : {},
          });
          const text = await res.text();
          expect([400, 415], `${what} to ${row.path(ctx)}: ${res.status}`).toContain(res.status);
          expect(text).toMatch(res.status === 415 ? /SupportPath expected a form here/ : /Choose a CSV file to upload/);
        }
      }
  });

  it("a multipart form is read like an encoded one", async () => {
    const fd = new FormData();
    fd.append("current", "");
    const res = await app.fetch("/profile", { method: "POST", body: fd, cookie: aisha });
    expect(res.status).toBe(422);
  });

  it("a malformed multipart body is a 400 with a message", async () => {
    const res = await app.fetch("/profile", {
      method: "POST",
      body: "--x\r\nthis is not a part",
      cookie: aisha,
      headers: { "Content-Type": "multipart/form-data; boundary=x" },
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("The form could not be read");
  });
});

describe("over real HTTP", () => {
  let servers: Instances;
  beforeAll(async () => {
    servers = await startInstances({ location: await copyTemplate(path.basename(__filename) + "-http"), count: 1 });
  }, 60_000);
  afterAll(() => servers?.stop());

  it("a 100 MB sign-in is answered 413 after the first megabyte, and the server keeps answering", async () => {
    const port = servers.instances[0]!.port;
    const answer = await new Promise<{ status: number; body: string; sent: number }>((resolve, reject) => {
      let sent = 0;
      const req = http.request({
        host: "127.0.0.1",
        port,
        path: "/login",
        method: "POST",
        headers: {
          "Content-Type": "application/x-www-form-urlencoded",
          "Content-Length": String(100 * 1024 * 1024),
          Origin: `http://127.0.0.1:${port}`,
        },
      });
      req.on("response", (res) => {
        let body = "";
        res.on("data", (c) => (body += c));
        res.on("end", () => {
          req.destroy();
          resolve({ status: res.statusCode!, body, sent });
        });
      });
      req.on("error", (e) => (sent > 0 ? undefined : reject(e)));
      const chunk = Buffer.alloc(1024 * 1024, 0x61);
      sent += chunk.length;
      req.write(chunk); // one megabyte of the hundred; the answer comes without the rest
    });
    expect(answer.status).toBe(413);
    expect(answer.body).toContain("this form accepts up to 64 KB");
    expect(answer.sent).toBe(1024 * 1024);
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
  }, 60_000);

  it("a token-carrying post from the app's own origin still works over HTTP", async () => {
    const base = servers.url;
    const login = await fetch(`${base}/login`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: new URL(base).origin },
      body: new URLSearchParams({ email: "aisha.khan@example.com", password: "supportpath-demo" }),
    });
    expect(login.status).toBe(302);
    const cookie = login.headers.getSetCookie()[0]!.split(";")[0]!;
    const res = await fetch(`${base}/profile`, {
      method: "POST",
      redirect: "manual",
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        Cookie: cookie,
        Origin: new URL(base).origin,
        [CSRF_HEADER]: csrfTokenFor(cookie, "instances-test-secret")!,
      },
      body: new URLSearchParams({ current: "" }),
    });
    expect(res.status).toBe(422);
    const forged = await fetch(`${base}/profile`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie, Origin: "http://evil.example" },
      body: new URLSearchParams({ current: "" }),
    });
    expect(forged.status).toBe(403);
    expect(await forged.text()).toContain("This request came from another site");
  });
});
