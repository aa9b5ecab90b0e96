// ADR 004: one permission model. No code outside app/auth/permissions.ts compares a role by name; it
// asks `can`, `hasAnyScope`, `widestScope` or `reachesEveryone` instead.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? files(p) : /\.tsx?$/.test(e.name) ? [p] : [];
  });
}

const ROLE_COMPARISON =
  /\brole\s*[!=]==?\s*["'](admin|manager|engineer)["']|["'](admin|manager|engineer)["']\s*[!=]==?\s*[\w.]*\brole\b/;

describe("the permission module", () => {
  it("is the only place that compares roles", () => {
    const offenders = files(path.resolve("app"))
      .filter((f) => !f.endsWith(path.join("auth", "permissions.ts")))
      .flatMap((f) =>
        fs
          .readFileSync(f, "utf8")
          .split("\n")
          .map((line, i) => ({ f, i, line })),
      )
      .filter((x) => ROLE_COMPARISON.test(x.line))
      .map((x) => `${path.relative(process.cwd(), x.f)}:${x.i + 1}: ${x.line.trim()}`);
    expect(offenders).toEqual([]);
  });

  it("would notice one", () => {
    expect(ROLE_COMPARISON.test(`if (user.role === "admin") return;`)).toBe(true);
    expect(ROLE_COMPARISON.test(`const ok = "manager" !== me.role;`)).toBe(true);
    expect(ROLE_COMPARISON.test(`const r = i.role === "lead" ? "led" : null;`)).toBe(false);
  });
});
