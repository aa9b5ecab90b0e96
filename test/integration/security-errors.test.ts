// Issue 12: an unexpected failure is answered 500 with a generic sentence — for documents, `_data` requests
// and resource routes alike — and never with the exception's own text ("database is locked", SQL, a stack),
// which goes to the server's log only. A fault in the database stands in for any failure.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type TestApp, startApp } from "../support/app";
import { injectFault } from "../support/faults";

let app: TestApp;
let admin: string;
const removals: (() => Promise<void>)[] = [];
const INTERNAL = /database is locked|SqliteError|SQLITE_|error: |at .*\.js:\d+|appraisal_cycles|import_batches/;

beforeAll(async () => {
  app = await startApp();
  admin = await app.signIn("admin@example.com");
  removals.push(
    await injectFault(app.db, {
      name: "errors_cycle_fault",
      table: "appraisal_cycles",
      on: "insert",
      column: "name",
      value: "Boom",
      message: "database is locked",
    }),
    await injectFault(app.db, {
      name: "errors_batch_fault",
      table: "import_batches",
      on: "insert",
      column: "filename",
      value: "boom.csv",
      message: "database is locked",
    }),
  );
});
afterAll(async () => {
  for (const remove of removals) await remove();
});

const cycle = {
  intent: "create",
  name: "Boom",
  periodStart: "2025-01-01",
  periodEnd: "2025-06-30",
  selfDue: "2025-07-10",
  reviewDue: "2025-07-20",
};

describe("500 answers say nothing of the failure", () => {
  it("a document post: the generic error page", async () => {
    const quiet = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const res = await app.post("/admin/cycles", cycle, admin);
      expect(res.status).toBe(500);
      const html = await res.text();
      expect(html).toContain("An unexpected error happened");
      expect(html).not.toMatch(INTERNAL);
    } finally {
      quiet.mockRestore();
    }
  });

  it("a _data post: a generic JSON message", async () => {
    const quiet = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const res = await app.post("/admin/cycles?_data=routes%2Fadmin.cycles", cycle, admin);
      expect(res.status).toBe(500);
      const text = await res.text();
      expect(text).not.toMatch(INTERNAL);
      expect(JSON.parse(text)).toEqual({ message: "Unexpected Server Error" });
    } finally {
      quiet.mockRestore();
    }
  });

  it("a resource route (the upload): generic text", async () => {
    const quiet = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const fd = new FormData();
      fd.append("file", new File(["number,state,resolved_by\nINC1,Resolved,x\n"], "boom.csv"));
      const res = await app.fetch("/import/upload", { method: "POST", body: fd, cookie: admin });
      expect(res.status).toBe(500);
      const text = await res.text();
      expect(text).not.toMatch(INTERNAL);
      expect(text).toBe("Unexpected Server Error");
    } finally {
      quiet.mockRestore();
    }
  });
});
