// scripts/patches/ makes the server's route matching flatten and rank a route tree once and compile each
// pattern once (npm's postinstall applies it). Matching must give what it gave before, call after call.
import fs from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";

const require = createRequire(import.meta.url);
const router = require("@remix-run/router") as typeof import("@remix-run/router");

const routes = [
  {
    id: "root",
    path: "",
    children: [
      { id: "home", index: true },
      {
        id: "evidence",
        path: "evidence",
        children: [
          { id: "list", index: true },
          { id: "item", path: ":id" },
          { id: "new", path: "new" },
        ],
      },
      { id: "edit", path: "evidence/:id/edit" },
      { id: "people", path: "people/:id" },
      { id: "splat", path: "*" },
    ],
  },
];

const ids = (path: string) => router.matchRoutes(routes, path)?.map((m) => `${m.route.id}${JSON.stringify(m.params)}`);

describe("the @remix-run/router patch", () => {
  it("is applied to the server's copy", () => {
    expect(fs.readFileSync(require.resolve("@remix-run/router"), "utf8")).toContain("SupportPath patch (patches/)");
  });

  it("matches static, dynamic, index and splat routes the same on every call", () => {
    for (let round = 0; round < 3; round++) {
      expect(ids("/evidence/new")?.at(-1)).toBe("new{}");
      expect(ids("/evidence/42")?.at(-1)).toBe('item{"id":"42"}');
      expect(ids("/evidence/42/edit")?.at(-1)).toBe('edit{"id":"42"}');
      expect(ids("/evidence")?.at(-1)).toBe("list{}");
      expect(ids("/")?.at(-1)).toBe("home{}");
      expect(ids("/no/such/page")?.at(-1)).toBe('splat{"*":"no/such/page"}');
      expect(router.matchPath("/people/:id", "/people/7")?.params).toEqual({ id: "7" });
      expect(router.matchPath({ path: "/people/:id", end: false }, "/people/7/more")?.params).toEqual({ id: "7" });
      expect(router.matchPath("/people/:id", "/people/7/more")).toBeNull();
    }
  });

  it("sees a new tree as new", () => {
    const other = [{ id: "only", path: "only" }];
    expect(router.matchRoutes(other, "/only")?.[0]?.route.id).toBe("only");
    expect(router.matchRoutes(other, "/evidence")).toBeNull();
  });
});
