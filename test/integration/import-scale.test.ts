// Issue 16 point 8: the preview of the real ServiceNow log stays small (counts first, 50 tickets a page,
// unknown handles one row each with a shared person list), a handle that looks like someone's name is
// mapped in one click, and an undone batch shows what undoing did instead of a row per deleted item.
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { type TestApp, startApp } from "../support/app";
import { confirm, snCsv, textOf, uploadOk } from "./import-helpers";

const DATASET = path.resolve(process.cwd(), "../shared/datasets/servicenow-incident-event-log.csv");
const raw = readFileSync(DATASET, "utf8");
/** incident numbers in the file, in file order of first appearance */
const incidents = [
  ...new Set(
    raw
      .split(/\r?\n/)
      .slice(1)
      .filter(Boolean)
      .map((l) => l.split(",")[0]!),
  ),
];

let app: TestApp;
let admin: string;

beforeAll(async () => {
  app = await startApp();
  admin = await app.signIn("admin@example.com");
});

/** As in import-real.test.ts: a test's batches are undone or discarded when it ends. */
function ownUploads() {
  const ids: number[] = [];
  onTestFinished(async () => {
    for (const id of [...ids].reverse()) {
      const b = await app.db.selectFrom("import_batches").select("status").where("id", "=", id).executeTakeFirstOrThrow();
      const intent = b.status === "applied" ? "undo" : b.status === "preview" ? "discard" : null;
      if (intent) await app.post(`/import/${id}`, { intent }, admin);
    }
  });
  return async (content: string, filename?: string) => {
    const id = await uploadOk(app, content, admin, filename);
    ids.push(id);
    return id;
  };
}

/** The tickets a preview page lists (the first cell of each row of the tickets table). */
function ticketsOn(html: string): string[] {
  const table = html.slice(html.indexOf('id="items-heading"'));
  return [...table.matchAll(/<tr><td>(INC\d+)<\/td>/g)].map((m) => m[1]!);
}

describe("the preview of the real log", () => {
  it("puts the counts first, lists 50 tickets a page and stays small", async () => {
    const upload = ownUploads();
    const id = await upload(raw, "servicenow-incident-event-log.csv");
    const res = await app.get(`/import/${id}`, admin);
    expect(res.status).toBe(200);
    const html = await res.text();
    // ~20,000 px tall before (a 22-option select per handle); ~120 KB now: now bounded, whatever the number of tickets in the file
    expect(Buffer.byteLength(html)).toBeLessThan(160 * 1024);
    const text = textOf(html);
    expect(text.indexOf("What confirming will do")).toBeLessThan(text.indexOf("Unknown handles"));
    expect(text.indexOf("Unknown handles")).toBeLessThan(text.indexOf("Tickets All"));
    expect(text).toContain(`Page 1 of ${Math.ceil(incidents.length / 50)} (${incidents.length} tickets)`);
    // one shared list of people, not a select per handle
    expect(html.match(/<datalist/g)?.length).toBe(1);
    expect(html).not.toContain("<select");

    const first = ticketsOn(html);
    expect(first.length).toBe(50);
    const second = ticketsOn(await (await app.get(`/import/${id}?show=all&page=2`, admin)).text());
    expect(second.length).toBe(50);
    expect(second.filter((t) => first.includes(t))).toEqual([]);
    expect(new Set([...first, ...second]).size).toBe(100);
    expect([...first, ...second].every((t) => incidents.includes(t))).toBe(true);

    // past the end: the last page; not a number: refused with a message, never a 500
    const last = await app.get(`/import/${id}?page=99999`, admin);
    expect(last.status).toBe(200);
    expect(textOf(await last.text())).toContain(`Page ${Math.ceil(incidents.length / 50)} of`);
    for (const bad of ["abc", "0", "-1", "1.5", "9999999"]) {
      const r = await app.get(`/import/${id}?page=${bad}`, admin);
      expect(r.status, bad).toBe(400);
      expect(textOf(await r.text())).toContain("The page is a whole number from 1.");
    }
  });

  it("lists each unknown handle once with its ticket count, and suggests no one for anonymised handles", async () => {
    const upload = ownUploads();
    const id = await upload(raw, "servicenow-incident-event-log.csv");
    const html = await (await app.get(`/import/${id}`, admin)).text();
    const section = html.slice(html.indexOf('id="unknown-heading"'), html.indexOf('id="items-heading"'));
    const rows = [...section.matchAll(/<tr><td>([^<]+)<\/td><td>(\d+)<\/td>/g)].map((m) => m[1]!);
    expect(rows.length).toBeGreaterThan(10);
    expect(new Set(rows).size).toBe(rows.length);
    expect(section).toContain("Map to a person");
    expect(section).not.toMatch(/Map to (?!a person)/);
  });
});

describe("mapping a handle", () => {
  it("accepts the suggestion in one click, or a name typed into the picker", async () => {
    const upload = ownUploads();
    const csv = snCsv([
      { number: "INC7100001", by: "hannah.schmidt" },
      { number: "INC7100002", by: "hannah.schmidt" },
      { number: "INC7100003", by: "zz-ops-42" },
    ]);
    const id = await upload(csv, "suggest.csv");
    const hannah = await app.personId("hannah.schmidt@example.com");
    const html = await (await app.get(`/import/${id}`, admin)).text();
    expect(textOf(html)).toContain("hannah.schmidt 2 Map to Hannah Schmidt");
    // the suggestion's button posts the person's id
    expect(html).toContain(`name="personId" value="${hannah}"`);
    const accepted = await app.post(
      `/import/${id}`,
      { intent: "map-handle", handle: "hannah.schmidt", personId: String(hannah) },
      admin,
    );
    expect(accepted.status).toBe(302);
    const mapped = await app.db
      .selectFrom("itsm_handles")
      .select("person_id")
      .where("handle_key", "=", "hannah.schmidt")
      .executeTakeFirstOrThrow();
    expect(mapped.person_id).toBe(hannah);

    // no suggestion for zz-ops-42: typed by name (what the datalist fills in), resolved on the server
    const unknown = await app.post(`/import/${id}`, { intent: "map-handle", handle: "zz-ops-42", person: "Nobody Known" }, admin);
    expect(unknown.status).toBe(422);
    expect(textOf(await unknown.text())).toContain("No active person is called “Nobody Known”");
    const typed = await app.post(
      `/import/${id}`,
      { intent: "map-handle", handle: "zz-ops-42", person: "Ravi Patel <ravi.patel@example.com>" },
      admin,
    );
    expect(typed.status).toBe(302);
    const ravi = await app.personId("ravi.patel@example.com");
    const second = await app.db
      .selectFrom("itsm_handles")
      .select("person_id")
      .where("handle_key", "=", "zz-ops-42")
      .executeTakeFirstOrThrow();
    expect(second.person_id).toBe(ravi);
    const after = textOf(await (await app.get(`/import/${id}`, admin)).text());
    expect(after).toContain("3 new");
    expect(after).not.toContain("Unknown handles");
    // the test's handles go again, so that no other test of this file meets them
    await app.db.deleteFrom("itsm_handles").where("handle_key", "in", ["hannah.schmidt", "zz-ops-42"]).execute();
  });
});

describe("an undone import", () => {
  it("shows what undoing did, not a row per deleted item", async () => {
    const upload = ownUploads();
    const id = await upload(raw, "servicenow-incident-event-log.csv");
    expect((await confirm(app, id, admin)).status).toBe(302);
    const written = await app.db
      .selectFrom("import_batch_items")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("batch_id", "=", id)
      .executeTakeFirstOrThrow();
    const total = Number(written.n);
    expect(total).toBeGreaterThan(100);
    // written: the items a page at a time
    const applied = await (await app.get(`/import/${id}`, admin)).text();
    expect(textOf(applied)).toContain(`Page 1 of ${Math.ceil(total / 50)} (${total} items)`);

    expect((await app.post(`/import/${id}`, { intent: "undo" }, admin)).status).toBe(302);
    const html = await (await app.get(`/import/${id}`, admin)).text();
    const text = textOf(html);
    expect(html).toContain('data-testid="undone-summary"');
    expect(text).toContain(`This import wrote ${total} item(s)`);
    expect(text).toContain(`${total} created, deleted`);
    expect(text).toContain("0 updated, restored");
    expect(text).not.toContain("deleted — — —");
    expect(html).not.toContain('id="written-heading"');
    expect(Buffer.byteLength(html)).toBeLessThan(100 * 1024);
  });
});
