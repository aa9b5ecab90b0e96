import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { resolveSessionSecret } from "../../app/auth/secret";

function loadBuild(env: Record<string, string | undefined>) {
  const clean = { ...process.env, ...env };
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete clean[k];
  return spawnSync(
    process.execPath,
    ["--input-type=module", "-e", `await import(${JSON.stringify(path.resolve("build/index.js"))}); console.log("loaded");`],
    {
      env: clean,
      encoding: "utf8",
    },
  );
}

describe("SESSION_SECRET", () => {
  it("a production server refuses to start without it", () => {
    const r = loadBuild({ NODE_ENV: "production", SESSION_SECRET: undefined, DATABASE_PATH: "/tmp/sp-secret-test.db" });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain("SESSION_SECRET is not set: refusing to start in production");
  });

  it("starts in production when it is set", () => {
    const r = loadBuild({ NODE_ENV: "production", SESSION_SECRET: "x".repeat(32), DATABASE_PATH: "/tmp/sp-secret-test.db" });
    expect(r.stdout).toContain("loaded");
  });

  it("development generates one and says so; an explicit secret always wins", () => {
    const warnings: string[] = [];
    const a = resolveSessionSecret({ NODE_ENV: "development" }, (m) => warnings.push(m));
    const b = resolveSessionSecret({ NODE_ENV: "development" }, (m) => warnings.push(m));
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(a).not.toBe(b);
    expect(warnings[0]).toContain("generated a temporary one for development");
    expect(resolveSessionSecret({ NODE_ENV: "production", SESSION_SECRET: "s3cret" }, () => {})).toBe("s3cret");
    expect(() => resolveSessionSecret({ NODE_ENV: "production" }, () => {})).toThrow(/refusing to start/);
  });
});
