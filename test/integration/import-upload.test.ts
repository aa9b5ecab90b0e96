// The import upload is streamed to a temporary file (app/utils/upload.server.ts): read back whole, removed by
// discard(), refused past the limit without leaving a file behind.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readUpload } from "../../app/utils/upload.server";

let dir: string;
const saved = { dir: process.env.IMPORT_UPLOAD_DIR, max: process.env.IMPORT_MAX_MB };

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "sp-upload-test-"));
  process.env.IMPORT_UPLOAD_DIR = dir;
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
  for (const [key, value] of [
    ["IMPORT_UPLOAD_DIR", saved.dir],
    ["IMPORT_MAX_MB", saved.max],
  ] as const) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

function post(form: FormData): Request {
  // an anonymous post from the app's own page (readUpload checks the origin first: ADR 013)
  return new Request("http://localhost/import/upload", { method: "POST", body: form, headers: { Origin: "http://localhost" } });
}

describe("readUpload", () => {
  it("streams the file to a temporary file that discard() removes", async () => {
    const text = "number,state\n" + "INC1,New\n".repeat(20_000);
    const form = new FormData();
    form.append("file", new Blob([text], { type: "text/csv" }), "export.csv");
    const upload = await readUpload(post(form));
    expect(upload.ok).toBe(true);
    if (!upload.ok) return;
    expect(upload.filename).toBe("export.csv");
    expect(upload.size).toBe(Buffer.byteLength(text));
    expect(path.dirname(upload.path)).toBe(dir);
    expect(fs.readFileSync(upload.path, "utf8")).toBe(text);
    await upload.discard();
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it("refuses a file over the limit and leaves nothing behind", async () => {
    process.env.IMPORT_MAX_MB = String(1 / 1024); // 1 KB
    const form = new FormData();
    form.append("file", new Blob(["x".repeat(64 * 1024)]), "big.csv");
    const upload = await readUpload(post(form));
    expect(upload).toMatchObject({ ok: false, malformed: false, status: 413 });
    if (!upload.ok) expect(upload.message).toMatch(/too large; the limit is/);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it("answers malformed when there is no file part, or the field is text", async () => {
    const text = new FormData();
    text.append("file", "number,state\nINC1,New\n");
    expect(await readUpload(post(text))).toMatchObject({ ok: false, malformed: true });
    expect(
      await readUpload(
        new Request("http://localhost/x", { method: "POST", body: "a=1", headers: { Origin: "http://localhost" } }),
      ),
    ).toMatchObject({
      ok: false,
      malformed: true,
    });
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});
