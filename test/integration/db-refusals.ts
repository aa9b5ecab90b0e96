// No value a database refuses (NUL bytes, integers past 32 bits, lone surrogates) answers 500 on any route
// of the access matrix, as the admin where the admin may go and else as an engineer: every GET parameter and
// every POST field. Shared by db-refusals-{1..4}.test.ts, each a quarter of the routes, so the probe runs in
// parallel.
import { beforeAll, describe, expect, it } from "vitest";
import { type TestApp, startApp } from "../support/app";
import { AREAS } from "./access/index";
import type { Ctx } from "./access/types";

/** Shard `shard` of `of`: the routes whose index in the matrix is `shard - 1` modulo `of`. */
export function dbRefusals(shard: number, of: number) {
  let app: TestApp;
  let admin: string;
  let ben: string;
  beforeAll(async () => {
    app = await startApp();
    admin = await app.signIn("admin@example.com");
    ben = await app.signIn("ben.carter@example.com");
  });

  describe(`no value a database refuses answers 500, on any route of the access matrix (part ${shard} of ${of})`, () => {
    // a NUL inside text (PostgreSQL refuses it in text), an integer one past 32 bits (PostgreSQL's integer; also
    // past every JavaScript-safe check that only tests "is a number"), a lone surrogate (invalid UTF-8)
    const REFUSED = ["a\u0000b", "2147483648", "\ud800"];
    const PARAMS = [
      "person",
      "target",
      "page",
      "show",
      "kind",
      "manager",
      "from",
      "to",
      "q",
      "month",
      "redirectTo",
      "status",
      "skill",
    ];

    function formFields(html: string): Record<string, string> {
      const out: Record<string, string> = {};
      for (const m of html.matchAll(/<(?:input|select|textarea)\b[^>]*\bname="([^"]+)"[^>]*>/g)) {
        const value = /\bvalue="([^"]*)"/.exec(m[0]);
        out[m[1]!] = value ? value[1]! : "";
      }
      return out;
    }

    it("every GET parameter and POST field", async () => {
      const ctx: Ctx = {};
      for (const area of AREAS) Object.assign(ctx, (await area.prepare?.(app, ctx)) ?? {});
      const failures: string[] = [];
      const done = new Set<string>();
      let index = 0;
      for (const area of AREAS)
        for (const row of area.rows) {
          if (index++ % of !== shard - 1) continue;
          // one role per route: the admin where the admin may go (the most of every page and form), else the
          // engineer; a second role would send the same values through the same parsers
          {
            const [who, cookie] = row.expect.admin < 400 ? (["admin", admin] as const) : (["engineer", ben] as const);
            const path = row.path(ctx);
            if (done.has(`${row.method} ${path} ${who}`)) continue;
            done.add(`${row.method} ${path} ${who}`);
            if (row.method === "GET") {
              const url = new URL(path, "http://localhost");
              for (const param of new Set([...url.searchParams.keys(), ...PARAMS]))
                for (const value of REFUSED) {
                  const probe = new URL(url);
                  probe.searchParams.set(param, value);
                  const res = await app.get(probe.pathname + probe.search, cookie);
                  if (res.status >= 500)
                    failures.push(`${who}: GET ${probe.pathname}?${param}=${JSON.stringify(value)} → ${res.status}`);
                }
            } else {
              const page = await app.get(path, cookie);
              const fields = { ...(page.status === 200 ? formFields(await page.text()) : {}), ...(row.form?.(ctx) ?? {}) };
              for (const field of Object.keys(fields))
                for (const value of REFUSED) {
                  const res = await app.post(path, { ...fields, [field]: value }, cookie);
                  if (res.status >= 500) failures.push(`${who}: POST ${path} ${field}=${JSON.stringify(value)} → ${res.status}`);
                }
            }
          }
        }
      expect(failures).toEqual([]);
    }, 600_000);
  });
}
