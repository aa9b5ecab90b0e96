// ADR 013: every action reads its request through the one reader (app/utils/form-data.server.ts readForm,
// or the import upload's readUpload, which makes the same checks), so none skips the CSRF check, the
// content type or the size limit; and every form is the app's Form, which carries the anti-CSRF token.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? files(p) : /\.tsx?$/.test(e.name) ? [p] : [];
  });
}

const rel = (f: string) => path.relative(process.cwd(), f);
const source = (f: string) => fs.readFileSync(f, "utf8");
const ACTION = /export\s+(async\s+)?function\s+action\b|export\s+const\s+action\b/;
const READER = /\breadForm\(request\b|\breadUpload\(request\b/;
// The ingest API is for integrations with a bearer token, never a browser's cookie (it reads no session).
const TOKEN_ONLY = new Set(["app/routes/api.v1.evidence.ts"]);
const REMIX_FORM = /import\s*\{[^}]*\b(Form|useFetcher|useSubmit)\b[^}]*\}\s*from\s*"@remix-run\/react"/;

describe("reading requests", () => {
  const routes = files(path.resolve("app/routes"));

  it("every route with an action goes through the one reader", () => {
    const withActions = routes.filter((f) => ACTION.test(source(f)) && !TOKEN_ONLY.has(rel(f)));
    expect(withActions.length).toBeGreaterThan(20);
    expect(withActions.filter((f) => !READER.test(source(f))).map(rel)).toEqual([]);
  });

  it("the token-only API does not look at cookies or sessions", () => {
    for (const f of TOKEN_ONLY) expect(source(f)).not.toMatch(/getUser|requireUser|requireCapability|readSessionId|Cookie/);
  });

  it("no other file reads a request's body itself", () => {
    const mayRead = new Set(["app/utils/form-data.server.ts", ...TOKEN_ONLY]);
    const offenders = files(path.resolve("app"))
      .filter((f) => !mayRead.has(rel(f)))
      .filter((f) => /\brequest\.(formData|text|json|arrayBuffer|blob)\(\)|\brequest\.body\b/.test(source(f)))
      .map(rel);
    expect(offenders).toEqual([]);
  });

  it("forms and fetchers come from components/form.tsx (which adds the token), never straight from Remix", () => {
    const offenders = files(path.resolve("app"))
      .filter((f) => !f.endsWith(path.join("components", "form.tsx")))
      .filter((f) => REMIX_FORM.test(source(f)) || /<form\b[^>]*method="post"/.test(source(f)))
      .map(rel);
    // the upload form is a plain <form> (its script sends it with progress); it renders <CsrfInput /> first
    expect(offenders.filter((f) => f !== "app/components/import-upload.tsx")).toEqual([]);
    expect(source(path.resolve("app/components/import-upload.tsx"))).toMatch(/<CsrfInput \/>/);
  });

  it("would notice a direct read or a Remix Form", () => {
    expect(REMIX_FORM.test(`import { Form, Link } from "@remix-run/react";`)).toBe(true);
    expect(REMIX_FORM.test(`import { Link, useFetcher } from "@remix-run/react";`)).toBe(true);
    expect(REMIX_FORM.test(`import { Link, useFormAction } from "@remix-run/react";`)).toBe(false);
    expect(READER.test(`const data = await request.formData();`)).toBe(false);
  });
});
