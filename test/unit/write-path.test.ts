// Issue 15 / ADR 007: every write takes one path. These checks read the source so that a new route or
// form that bypasses it fails here rather than in review.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? files(p) : /\.tsx?$/.test(e.name) ? [p] : [];
  });
}
const read = (f: string) => fs.readFileSync(f, "utf8");
const rel = (f: string) => path.relative(process.cwd(), f);
const routes = files(path.resolve("app/routes"));

/** Lines matching `pattern` in the files, as "file:line: text". */
function offending(list: string[], pattern: RegExp): string[] {
  return list.flatMap((f) =>
    read(f)
      .split("\n")
      .flatMap((line, i) => (pattern.test(line) ? [`${rel(f)}:${i + 1}: ${line.trim()}`] : [])),
  );
}

// An action that answers through the adapter imports it; logout only clears a cookie and redirects.
const NO_COMMAND = new Set(["logout.tsx"]);
const HAS_ACTION = /export (async )?function action\b|export const action\b/;
const USES_ADAPTER = /from "~\/utils\/respond\.server"/;
const FORM_VALUES_CAST = /as Record<string, string(\s*\|[^>]*)?>/;
const LITERAL_LIMIT = /maxLength=\{\d+\}|minLength=\{\d+\}/;

describe("the write path", () => {
  it("every route action answers through the one Result adapter", () => {
    const bypassing = routes.filter(
      (f) => HAS_ACTION.test(read(f)) && !NO_COMMAND.has(path.basename(f)) && !USES_ADAPTER.test(read(f)),
    );
    expect(bypassing.map(rel)).toEqual([]);
  });

  it("no route or component casts form values to Record<string, string>", () => {
    expect(offending([...routes, ...files(path.resolve("app/components"))], FORM_VALUES_CAST)).toEqual([]);
  });

  it("no form hard-codes a length limit: limits come from the shared schema", () => {
    expect(offending([...routes, ...files(path.resolve("app/components"))], LITERAL_LIMIT)).toEqual([]);
  });

  it("shared schemas import nothing server-only, so the client can load them", () => {
    const schemas = files(path.resolve("app/schemas"));
    expect(schemas.length).toBeGreaterThan(0);
    expect(offending(schemas, /from "[^"]*\.server"|from "~\/(db|models|services)\b/)).toEqual([]);
  });

  it("commands know nothing of HTTP: no Response, json or redirect in services", () => {
    expect(
      offending(files(path.resolve("app/services")), /from "@remix-run\/node"|new Response\(|\bthrow (notFound|forbidden)\(/),
    ).toEqual([]);
  });

  it("would notice a bypass", () => {
    expect(HAS_ACTION.test("export async function action({ request }: ActionFunctionArgs) {")).toBe(true);
    expect(FORM_VALUES_CAST.test("const v = result.values as Record<string, string>;")).toBe(true);
    expect(LITERAL_LIMIT.test('<Field name="name" maxLength={120} />')).toBe(true);
  });
});
