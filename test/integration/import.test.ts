// HTTP-level tests of the CSV import: preview, confirm, idempotency, updates, undo, rollback, scope, bad files.
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { now as clockNow } from "../../app/clock.server";
import { createEvidence, toInput } from "../../app/models/evidence.server";
import type { BatchPayload } from "../../app/models/imports.server";
import { readPayloadCooperatively } from "../../app/services/import.server";
import { settingsFormValues } from "../../app/services/settings.server";
import { type TestApp, startApp } from "../support/app";
import { injectFault } from "../support/faults";
import { confirm, count, multipart, snCsv, textOf, upload, uploadOk } from "./import-helpers";

let app: TestApp;
let aisha: string;
let aishaId: number;
let benId: number;
let admin: string;
let ben: string;

beforeAll(async () => {
  app = await startApp();
  aisha = await app.signIn("aisha.khan@example.com");
  ben = await app.signIn("ben.carter@example.com");
  admin = await app.signIn("admin@example.com");
  aishaId = await app.personId("aisha.khan@example.com");
  benId = await app.personId("ben.carter@example.com");
});

async function evidenceByKey(key: string) {
  return app.db.selectFrom("evidence").selectAll().where("import_key", "=", key).executeTakeFirst();
}

async function batch(id: number) {
  return app.db.selectFrom("import_batches").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
}

// Aisha's handles are "akhan" and "Resolved by 208"; Ben's are "bcarter" and "Resolved by 166".
// Each test of Aisha's own import uploads this export with ticket numbers of its own (`${base}1` …
// `${base}5`), so that no test reads what another wrote: each runs alone and in any order.
const firstCsv = (base: string) =>
  snCsv([
    { number: `${base}1`, state: "Active", mod: 1, by: "?", assigned: "Resolver 3", updated: "04-03-2016 10:00" },
    {
      number: `${base}1`,
      state: "Resolved",
      mod: 2,
      by: "Resolved by 208",
      priority: "1 - Critical",
      impact: "1 - High",
      reassign: 2,
      problem: "PRB0001",
      updated: "04-03-2016 12:00",
    },
    {
      number: `${base}2`,
      state: "Closed",
      mod: 4,
      by: "Resolved by 208",
      priority: "3 - Moderate",
      opened: "05-03-2016 22:00",
      resolved: "06-03-2016 01:30",
      closed: "07-03-2016 09:00",
    },
    { number: `${base}3`, state: "Resolved", by: "Resolved by 166" }, // Ben's: not Aisha's
    { number: `${base}4`, state: "Active", by: "?", assigned: "akhan" }, // Aisha's but not resolved
    { number: `${base}5`, state: "Resolved", by: "Resolved by 208", updated: "31-02-2016 10:00" }, // bad date → row error
  ]);

/** Aisha uploads `firstCsv(base)`: the id of its preview batch (nothing written yet). */
const previewFirst = (base: string) => uploadOk(app, firstCsv(base), aisha, "aisha.csv");

/** Aisha uploads `firstCsv(base)` and confirms it: the id of the applied batch (two items written). */
async function importFirst(base: string): Promise<number> {
  const id = await previewFirst(base);
  expect((await confirm(app, id, aisha)).status).toBe(302);
  return id;
}

describe("engineer imports for themself", () => {
  it("previews without writing any evidence", async () => {
    const base = "INC910000";
    const before = await count(app, "evidence");
    const batchId = await previewFirst(base);
    expect(await count(app, "evidence")).toBe(before);
    const b = await batch(batchId);
    expect(b.status).toBe("preview");
    expect(b.scope).toBe("self");
    expect(b.created_by).toBe(aishaId);
    expect(((await readPayloadCooperatively(b.payload_json)) as BatchPayload).items.length).toBe(4); // …5 is left out for its bad row

    const res = await app.get(`/import/${batchId}`, aisha);
    expect(res.status).toBe(200);
    const text = textOf(await res.text());
    expect(text).toContain("Detected format ServiceNow");
    expect(text).toContain("Rows read 6");
    expect(text).toMatch(/Tickets 4/);
    expect(text).toMatch(/2 new/);
    expect(text).toMatch(/1 not resolved/);
    expect(text).toMatch(/1 not yours/);
    expect(text).toContain("Not yours (Resolved by 166)");
    // the bad row, with its row number and reason
    expect(text).toContain(`7 ${base}5 sys_updated_at: cannot read the date "31-02-2016 10:00"`);
    expect(text).toContain("Aisha Khan (Resolved by 208)");
  });

  it("writes on confirm, in one batch, as submitted items of Aisha only", async () => {
    const base = "INC910001";
    const batchId = await previewFirst(base);
    const before = await count(app, "evidence");
    const res = await confirm(app, batchId, aisha);
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`/import/${batchId}?written=1`);
    expect(await count(app, "evidence")).toBe(before + 2);
    const b = await batch(batchId);
    expect(b.status).toBe("applied");
    expect([b.items_created, b.items_updated, b.items_unchanged]).toEqual([2, 0, 0]);

    const one = (await evidenceByKey(`servicenow:${base}1`))!;
    expect(one.person_id).toBe(aishaId);
    expect(one.status).toBe("submitted");
    expect(one.source).toBe("import");
    expect(one.import_batch_id).toBe(batchId);
    expect(one.priority).toBe("P1");
    expect(one.impact).toBe("high");
    expect(one.reassignment_count).toBe(2);
    expect(one.problem_ref).toBe("PRB0001");
    expect(one.resolved_at).toBe("2016-03-04T12:00:00.000Z");
    const two = (await evidenceByKey(`servicenow:${base}2`))!;
    expect(two.after_hours).toBe(1); // opened 22:00, resolved 01:30
    expect(two.after_hours_minutes).toBe(210);
    expect(await evidenceByKey(`servicenow:${base}3`)).toBeUndefined();
    expect(await evidenceByKey(`servicenow:${base}4`)).toBeUndefined();

    // the same skill contributions as a manual item would get: P1 → crisis, linked problem → debugging
    const contrib = await app.db
      .selectFrom("contributions")
      .select(["skill_key", "points", "reason", "counted"])
      .where("evidence_id", "=", one.id)
      .execute();
    expect(contrib.map((c) => c.reason)).toEqual(
      expect.arrayContaining(["P1 incident", "Incident linked to a problem record", "Reassigned or reopened incident untangled"]),
    );
    expect(contrib.every((c) => c.counted === 1)).toBe(true);
    const after = await app.db.selectFrom("contributions").select("reason").where("evidence_id", "=", two.id).execute();
    expect(after.map((c) => c.reason)).toContain("Handled after hours");

    // the bulk write stores exactly what createEvidence would for the same fields
    for (const e of [one, two]) {
      const manualId = await createEvidence(app.db, e.person_id, { ...toInput(e), externalRef: null }, { status: "submitted" });
      const pick = async (id: number) =>
        await app.db
          .selectFrom("contributions")
          .select([
            "person_id",
            "resolved_at",
            "counted",
            "verified",
            "skill_key",
            "points",
            "reason",
            "rule_id",
            "adjusted",
            "original_points",
          ])
          .where("evidence_id", "=", id)
          .orderBy("id")
          .execute();
      expect(await pick(e.id)).toEqual(await pick(manualId));
      await app.db.deleteFrom("evidence").where("id", "=", manualId).execute();
    }

    const items = await app.db.selectFrom("import_batch_items").selectAll().where("batch_id", "=", batchId).execute();
    expect(items.map((i) => i.action)).toEqual(["created", "created"]);

    const page = textOf(await (await app.get(`/import/${batchId}?written=1`, aisha)).text());
    expect(page).toContain("Written in one transaction: 2 new item(s), 0 updated.");
    expect(page).toContain("Undo import #");

    const audit = await app.db
      .selectFrom("audit_log")
      .selectAll()
      .where("entity", "=", "import_batch")
      .where("entity_id", "=", String(batchId))
      .execute();
    expect(audit.map((a) => a.action)).toEqual(["import_preview", "import_apply"]);
  });

  it("confirming twice does nothing the second time", async () => {
    const batchId = await importFirst("INC910002");
    const before = await count(app, "evidence");
    const res = await confirm(app, batchId, aisha);
    expect(res.status).toBe(409);
    expect(await count(app, "evidence")).toBe(before);
  });

  it("importing the same file again adds nothing and says so", async () => {
    const base = "INC910003";
    await importFirst(base);
    const before = await count(app, "evidence");
    const again = await uploadOk(app, firstCsv(base), aisha);
    const preview = textOf(await (await app.get(`/import/${again}`, aisha)).text());
    expect(preview).toMatch(/0 new/);
    expect(preview).toMatch(/2 unchanged/);
    expect(preview).toContain("Nothing new to write");
    expect((await confirm(app, again, aisha)).status).toBe(302);
    const b = await batch(again);
    expect([b.items_created, b.items_updated, b.items_unchanged]).toEqual([0, 0, 2]);
    expect(await count(app, "evidence")).toBe(before);
    const page = textOf(await (await app.get(`/import/${again}?written=1`, aisha)).text());
    expect(page).toContain("Nothing new: all 2 importable ticket(s) were already imported.");
  });

  it("updates a ticket whose state changed, keeps an item its owner edited, and undo restores both ways", async () => {
    const base = "INC910004";
    const first = await importFirst(base);
    const one = (await evidenceByKey(`servicenow:${base}1`))!;
    const two = (await evidenceByKey(`servicenow:${base}2`))!;
    // a manager verified item one; Aisha edited item two herself
    const danielId = await app.personId("daniel.kowalski@example.com");
    await app.db
      .updateTable("evidence")
      .set({ status: "verified", verified_by: danielId, verified_at: "2016-03-10T00:00:00.000Z", work_role: "lead" })
      .where("id", "=", one.id)
      .execute();
    await app.db
      .updateTable("evidence")
      .set({ edited_at: clockNow().toISOString(), title: "My own title" })
      .where("id", "=", two.id)
      .execute();

    const later = snCsv([
      {
        number: `${base}1`,
        state: "Closed",
        mod: 5,
        by: "Resolved by 208",
        priority: "2 - High",
        impact: "1 - High",
        reassign: 3,
        problem: "PRB0001",
        closed: "08-03-2016 12:00",
      },
      {
        number: `${base}2`,
        state: "Closed",
        mod: 6,
        by: "Resolved by 208",
        priority: "2 - High",
        opened: "05-03-2016 22:00",
        resolved: "06-03-2016 01:30",
      },
      { number: `${base}6`, state: "Resolved", by: "Resolved by 208" },
    ]);
    const id = await uploadOk(app, later, aisha);
    const preview = textOf(await (await app.get(`/import/${id}`, aisha)).text());
    expect(preview).toMatch(/1 new/);
    expect(preview).toMatch(/1 to update/);
    expect(preview).toMatch(/1 kept, edited by owner/);
    expect(preview).toContain("changed: priority, reassignment_count");
    expect((await confirm(app, id, aisha)).status).toBe(302);

    const updated = (await evidenceByKey(`servicenow:${base}1`))!;
    expect(updated.id).toBe(one.id);
    expect(updated.priority).toBe("P2");
    expect(updated.reassignment_count).toBe(3);
    expect(updated.work_role).toBe("lead"); // the owner's own field is kept
    expect(updated.status).toBe("submitted"); // changed after verification: needs a fresh review
    expect(updated.verified_by).toBeNull();
    expect(updated.import_batch_id).toBe(id);
    const reasons = (await app.db.selectFrom("contributions").select("reason").where("evidence_id", "=", one.id).execute()).map(
      (r) => r.reason,
    );
    expect(reasons).toContain("P2 incident");
    expect(reasons).toContain("Major incident you led");
    expect(reasons).not.toContain("P1 incident");

    const kept = (await evidenceByKey(`servicenow:${base}2`))!;
    expect(kept.priority).toBe("P3");
    expect(kept.title).toBe("My own title");

    const items = await app.db
      .selectFrom("import_batch_items")
      .selectAll()
      .where("batch_id", "=", id)
      .orderBy("action")
      .execute();
    expect(items.map((i) => i.action)).toEqual(["created", "updated"]);
    const prev = JSON.parse(items.find((i) => i.action === "updated")!.previous_json!);
    expect(prev.priority).toBe("P1");
    expect(prev.status).toBe("verified");

    // undoing the first import now would clobber the second: refused
    const refused = await app.post(`/import/${first}`, { intent: "undo" }, aisha);
    expect(refused.status).toBe(409);
    expect(textOf(await refused.text())).toContain(`undo #${id} first`);

    // undo the later import: the update is restored (verification included), the new item deleted
    const undo = await app.post(`/import/${id}`, { intent: "undo" }, aisha);
    expect(undo.status).toBe(302);
    expect(undo.headers.get("location")).toContain("deleted=1&restored=1&kept=0");
    const restored = (await evidenceByKey(`servicenow:${base}1`))!;
    expect(restored.priority).toBe("P1");
    expect(restored.status).toBe("verified");
    expect(restored.verified_by).toBe(danielId);
    expect(restored.import_batch_id).toBe(first);
    const restoredReasons = await app.db
      .selectFrom("contributions")
      .select(["reason", "verified"])
      .where("evidence_id", "=", one.id)
      .execute();
    expect(restoredReasons.map((r) => r.reason)).toContain("P1 incident");
    expect(restoredReasons.every((r) => r.verified === 1)).toBe(true);
    expect(await evidenceByKey(`servicenow:${base}6`)).toBeUndefined();
    expect((await batch(id)).status).toBe("undone");

    // undo the first: item one is deleted, item two (edited by Aisha) is kept and detached
    const undoFirst = await app.post(`/import/${first}`, { intent: "undo" }, aisha);
    expect(undoFirst.status).toBe(302);
    expect(undoFirst.headers.get("location")).toContain("deleted=1&restored=0&kept=1");
    expect(await evidenceByKey(`servicenow:${base}1`)).toBeUndefined();
    expect(
      await app.db.selectFrom("contributions").select("id").where("evidence_id", "=", one.id).executeTakeFirst(),
    ).toBeUndefined();
    const stays = (await evidenceByKey(`servicenow:${base}2`))!;
    expect(stays.import_batch_id).toBeNull();
    expect((await app.post(`/import/${first}`, { intent: "undo" }, aisha)).status).toBe(409);

    const list = textOf(await (await app.get("/import", aisha)).text());
    expect(list).toContain("Undone");
  });
});

describe("all or nothing", () => {
  it("a row failing mid-way leaves nothing written and the batch a preview", async () => {
    // 450 tickets: items are written 400 at a time, so the failure comes after a first chunk went in
    const rows = Array.from({ length: 450 }, (_, i) => ({
      number: `INC92${String(i + 1).padStart(5, "0")}`,
      state: "Resolved",
      by: "Resolved by 166",
    }));
    const id = await uploadOk(app, snCsv(rows), ben);
    // a constraint the 430th insert violates (a trigger stands in for any database-side failure)
    const remove = await injectFault(app.db, {
      name: "import_test_fail",
      table: "evidence",
      on: "insert",
      column: "external_ref",
      value: "INC9200430",
      message: "forced failure for the test",
    });
    const before = await Promise.all([
      count(app, "evidence"),
      count(app, "contributions"),
      count(app, "import_batch_items"),
      count(app, "audit_log"),
    ]);
    try {
      const res = await confirm(app, id, ben);
      expect(res.status).toBe(500);
      const page = textOf(await res.text());
      expect(page).toContain("The import failed and nothing was written.");
      expect(page).not.toContain("forced failure"); // the cause is logged, never shown
      expect(
        await Promise.all([
          count(app, "evidence"),
          count(app, "contributions"),
          count(app, "import_batch_items"),
          count(app, "audit_log"),
        ]),
      ).toEqual(before);
      expect((await batch(id)).status).toBe("preview");
      expect(await evidenceByKey("servicenow:INC9200001")).toBeUndefined();
    } finally {
      await remove();
    }
    // once the cause is gone the same preview writes them all
    expect((await confirm(app, id, ben)).status).toBe(302);
    expect((await batch(id)).items_created).toBe(450);
    expect(await count(app, "evidence")).toBe(before[0] + 450);
  });

  it("an update failing mid-way restores nothing half-way either", async () => {
    // 450 tickets of its own, imported first
    const numbers = Array.from({ length: 450 }, (_, i) => `INC98${String(i + 1).padStart(5, "0")}`);
    const imported = await uploadOk(app, snCsv(numbers.map((number) => ({ number, by: "Resolved by 166" }))), ben);
    expect((await confirm(app, imported, ben)).status).toBe(302);
    expect((await batch(imported)).items_created).toBe(450);
    // change the priority of all 450: updates run one by one after the (empty) create step
    const rows = numbers.map((number) => ({
      number,
      state: "Closed",
      mod: 9,
      priority: "2 - High",
      by: "Resolved by 166",
    }));
    const id = await uploadOk(app, snCsv(rows), ben);
    const remove = await injectFault(app.db, {
      name: "import_test_fail",
      table: "evidence",
      on: "update",
      column: "external_ref",
      value: "INC9800300",
      message: "forced update failure",
    });
    try {
      const res = await confirm(app, id, ben);
      expect(res.status).toBe(500);
      const p2 = await app.db
        .selectFrom("evidence")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("import_key", "like", "servicenow:INC98%")
        .where("priority", "=", "P2")
        .executeTakeFirstOrThrow();
      expect(Number(p2.n)).toBe(0);
      expect(
        await app.db.selectFrom("import_batch_items").select("evidence_id").where("batch_id", "=", id).executeTakeFirst(),
      ).toBeUndefined();
      expect((await batch(id)).status).toBe("preview");
    } finally {
      await remove();
    }
    await app.post(`/import/${id}`, { intent: "discard" }, ben);
  });
});

describe("bad files", () => {
  async function rejected(content: string | Uint8Array, status: number, message: RegExp) {
    const before = await Promise.all([count(app, "import_batches"), count(app, "evidence")]);
    const res = await upload(app, content, aisha);
    expect(res.status).toBe(status);
    const html = await res.text();
    // the message sits next to the file field
    expect(html).toMatch(/id="f-file-error"[^>]*>[^<]*/);
    expect(textOf(html)).toMatch(message);
    expect(await Promise.all([count(app, "import_batches"), count(app, "evidence")])).toEqual(before);
  }

  it("rejects a binary file", () =>
    rejected(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x14, 0x00]), 422, /binary data/));
  it("rejects an Excel workbook, saying how to save it as CSV", () =>
    rejected(
      new Uint8Array(readFileSync("test/fixtures/import/incidents.xlsx")),
      422,
      /The file is an Excel workbook \(\.xlsx\), not CSV text: open it in Excel and save it with File → Save As → "CSV UTF-8"/,
    ));
  it("rejects an empty file", () => rejected("", 422, /The file is empty/));
  it("rejects a CSV of an unknown shape", () =>
    rejected("name,colour\nwidget,blue\n", 422, /Unrecognised CSV: expected a ServiceNow, Jira or PagerDuty export/));
  it("rejects a file with a header only", () => rejected(snCsv([]), 422, /header but no rows/));
  it("rejects a file over the size limit (IMPORT_MAX_MB, read at each upload)", async () => {
    process.env.IMPORT_MAX_MB = "2";
    try {
      await rejected(new Uint8Array(2 * 1024 * 1024 + 10).fill(0x41), 413, /The file is too large; the limit is 2 MB/);
      // just under the limit is read (and then refused for its shape, not its size)
      await rejected(new Uint8Array(2 * 1024 * 1024 - 10).fill(0x41), 422, /Unrecognised CSV/);
    } finally {
      delete process.env.IMPORT_MAX_MB;
    }
  });
  it("has a 64 MB limit by default, shown next to the file field", async () => {
    expect(textOf(await (await app.get("/import", aisha)).text())).toContain("up to 64 MB");
  });
  it("asks for a file when none is sent", async () => {
    const res = await app.fetch("/import?index", { method: "POST", body: new FormData(), cookie: aisha });
    expect(res.status).toBe(400);
    expect(textOf(await res.text())).toContain("Choose a CSV file to upload.");
  });
  it("answers the JavaScript upload with JSON", async () => {
    const fd = new FormData();
    fd.append("file", new File(["\u0000\u0001"], "x.bin"));
    const bad = await app.fetch("/import/upload", { method: "POST", body: fd, cookie: aisha });
    expect(bad.status).toBe(422);
    expect((await bad.json()).errors.file).toMatch(/binary/);
    const ok = new FormData();
    ok.append("file", new File([snCsv([{ number: "INC9300001", by: "Resolved by 208" }])], "ok.csv"));
    const good = await app.fetch("/import/upload", { method: "POST", body: ok, cookie: aisha });
    expect(good.status).toBe(200);
    const body = await good.json();
    expect(body.ok).toBe(true);
    expect(body.location).toBe(`/import/${body.batchId}`);
  });
});

describe("organisation import (admin)", () => {
  const CSV = snCsv([
    { number: "INC9400001", by: "Resolved by 166" }, // Ben
    { number: "INC9400002", by: "Resolved by 153" }, // Olga
    { number: "INC9400003", by: "Resolved by 999" }, // nobody
    { number: "INC9400004", by: "Resolved by 999" },
    { number: "INC9400005", by: "?", assigned: "mlin" }, // Mei, through the assignee
  ]);

  it("attributes by handle, lists unknown handles, and maps one to a person", async () => {
    const id = await uploadOk(app, CSV, admin);
    expect((await batch(id)).scope).toBe("org");
    let text = textOf(await (await app.get(`/import/${id}`, admin)).text());
    expect(text).toMatch(/3 new/);
    expect(text).toMatch(/2 unknown handle/);
    expect(text).toContain("Unknown handles (1)");
    expect(text).toMatch(/Resolved by 999 2/);
    expect(text).toContain("Ben Carter (Resolved by 166)");
    expect(text).toContain("Ольга Иванова (Resolved by 153)");
    expect(text).toContain("Mei Lin 李美 (mlin)");

    // invalid mapping: nothing added
    const bad = await app.post(`/import/${id}`, { intent: "map-handle", handle: "Resolved by 999", personId: "" }, admin);
    expect(bad.status).toBe(422);
    const taken = await app.post(
      `/import/${id}`,
      { intent: "map-handle", handle: "Resolved by 166", personId: String(aishaId) },
      admin,
    );
    expect(taken.status).toBe(422);

    const map = await app.post(
      `/import/${id}`,
      { intent: "map-handle", handle: "Resolved by 999", personId: String(aishaId) },
      admin,
    );
    expect(map.status).toBe(302);
    const handle = await app.db
      .selectFrom("itsm_handles")
      .selectAll()
      .where("handle_key", "=", "resolved by 999")
      .executeTakeFirstOrThrow();
    expect(handle.person_id).toBe(aishaId);
    const audit = await app.db
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "handle_add")
      .where("entity_id", "=", String(aishaId))
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.after_json!)).toEqual({ handle: "Resolved by 999" });

    text = textOf(await (await app.get(`/import/${id}`, admin)).text());
    expect(text).toMatch(/5 new/);
    expect(text).not.toContain("Unknown handles");

    // an engineer may not map handles
    expect(
      (await app.post(`/import/${id}`, { intent: "map-handle", handle: "x", personId: String(aishaId) }, aisha)).status,
    ).toBe(404);

    expect((await confirm(app, id, admin)).status).toBe(302);
    const owners = await app.db
      .selectFrom("evidence")
      .select(["import_key", "person_id"])
      .where("import_batch_id", "=", id)
      .orderBy("import_key")
      .execute();
    expect(owners.map((o) => o.person_id)).toEqual([
      benId,
      await app.personId("olga.ivanova@example.com"),
      aishaId,
      aishaId,
      await app.personId("mei.lin@example.com"),
    ]);
  });

  it("an engineer's re-import of a ticket imported for someone else skips it", async () => {
    // INC9400011 belongs to Ben (org import); an export naming Aisha as resolver must not take it over
    const org = await uploadOk(app, snCsv([{ number: "INC9400011", by: "Resolved by 166" }]), admin);
    expect((await confirm(app, org, admin)).status).toBe(302);
    expect((await evidenceByKey("servicenow:INC9400011"))!.person_id).toBe(benId);
    const id = await uploadOk(app, snCsv([{ number: "INC9400011", by: "Resolved by 208" }]), aisha);
    const text = textOf(await (await app.get(`/import/${id}`, aisha)).text());
    expect(text).toMatch(/1 imported for someone else/);
    expect(text).toMatch(/0 new/);
  });
});

describe("who sees which batch", () => {
  it("an engineer sees only their own imports; an admin sees all", async () => {
    const id = await uploadOk(app, snCsv([{ number: "INC9500001", by: "Resolved by 166" }]), ben);
    expect((await app.get(`/import/${id}`, aisha)).status).toBe(404);
    expect((await app.post(`/import/${id}`, { intent: "confirm" }, aisha)).status).toBe(404);
    expect((await app.get(`/import/${id}`, admin)).status).toBe(200);
    expect((await app.get(`/import/${id}`, ben)).status).toBe(200);
    const list = textOf(await (await app.get("/import", aisha)).text());
    expect(list).not.toContain(`#${id} `);
    expect(textOf(await (await app.get("/import", admin)).text())).toContain(`#${id} export.csv`);
    expect((await app.get("/import/999999", admin)).status).toBe(404);
    expect((await app.get("/import/abc", admin)).status).toBe(404);
  });

  it("a discarded preview is gone", async () => {
    const id = await uploadOk(app, snCsv([{ number: "INC9500002", by: "Resolved by 166" }]), ben);
    const res = await app.post(`/import/${id}`, { intent: "discard" }, ben);
    expect(res.status).toBe(302);
    expect(await app.db.selectFrom("import_batches").select("id").where("id", "=", id).executeTakeFirst()).toBeUndefined();
  });
});

describe("formats and settings", () => {
  it("recognises Jira and PagerDuty exports from the header", async () => {
    const fixture = (name: string) => readFileSync(path.resolve("test/fixtures/import", name), "utf8");
    for (const [file, format] of [
      ["jira.csv", "Jira"],
      ["pagerduty.csv", "PagerDuty"],
      ["servicenow-plain-semicolon.csv", "ServiceNow"],
    ] as const) {
      const id = await uploadOk(app, fixture(file), admin, file);
      const text = textOf(await (await app.get(`/import/${id}`, admin)).text());
      expect(text).toContain(`Detected format ${format}`);
      expect((await batch(id)).format).toBe(format.toLowerCase());
      await app.post(`/import/${id}`, { intent: "discard" }, admin);
    }
  });

  it("reads a US export month first and says why; asks, both ways, when no value tells", async () => {
    const us = snCsv([
      {
        number: "INC9720001",
        by: "Resolved by 166",
        opened: "03/12/2024 09:00",
        updated: "03/12/2024 10:30",
        resolved: "03/12/2024 10:30",
      },
      {
        number: "INC9720002",
        by: "Resolved by 166",
        opened: "03/13/2024 09:00",
        updated: "03/13/2024 17:00",
        resolved: "03/13/2024 17:00",
      },
    ]);
    const id = await uploadOk(app, us, ben, "us.csv");
    const text = textOf(await (await app.get(`/import/${id}`, ben)).text());
    expect(text).toMatch(/Dates Month first \(12\/31\/2024\) — row 3 has “03\/13\/2024 \d\d:00”, which reads only that way/);
    expect(text).not.toContain("Does this file write the day or the month first?");
    const stored = (await readPayloadCooperatively((await batch(id)).payload_json)) as BatchPayload;
    expect(stored.items.map((i) => i.resolvedAt)).toEqual(["2024-03-12T10:30:00", "2024-03-13T17:00:00"]);
    await app.post(`/import/${id}`, { intent: "discard" }, ben);

    // nothing over 12: read day first, and the preview asks, showing two values both ways
    const unsure = snCsv([
      {
        number: "INC9720003",
        by: "Resolved by 166",
        opened: "03/04/2024 09:00",
        updated: "05/04/2024 10:30",
        resolved: "05/04/2024 10:30",
      },
    ]);
    const asked = await uploadOk(app, unsure, ben, "unsure.csv");
    const page = textOf(await (await app.get(`/import/${asked}`, ben)).text());
    expect(page).toContain("Does this file write the day or the month first?");
    expect(page).toMatch(/2 03\/04\/2024 09:00 3 April 2024, 09:00 4 March 2024, 09:00/);
    // "discard and upload again, month first": the preview goes, the form comes back with month first chosen
    const again = await app.post(`/import/${asked}`, { intent: "discard", again: "mdy" }, ben);
    expect(again.status).toBe(302);
    expect(again.headers.get("location")).toBe("/import?dateOrder=mdy");
    expect(await app.db.selectFrom("import_batches").select("id").where("id", "=", asked).executeTakeFirst()).toBeUndefined();
    expect(await (await app.get("/import?dateOrder=mdy", ben)).text()).toMatch(/<option value="mdy" selected="">/);
    const fd = multipart(unsure, "unsure.csv");
    fd.append("dateOrder", "mdy");
    const chosen = await app.fetch("/import?index", { method: "POST", body: fd, cookie: ben });
    expect(chosen.status).toBe(302);
    const chosenId = Number(/(\d+)$/.exec(chosen.headers.get("location")!)![1]);
    const chosenPayload = (await readPayloadCooperatively((await batch(chosenId)).payload_json)) as BatchPayload;
    expect(chosenPayload.items.map((i) => i.resolvedAt)).toEqual(["2024-05-04T10:30:00"]);
    expect(textOf(await (await app.get(`/import/${chosenId}`, ben)).text())).toContain("Month first (12/31/2024) — as you chose");
    await app.post(`/import/${chosenId}`, { intent: "discard" }, ben);
  });

  it("refuses an unknown date order next to its select, storing nothing", async () => {
    const before = await count(app, "import_batches");
    const fd = multipart(snCsv([{ number: "INC9720004", by: "Resolved by 166" }]));
    fd.append("dateOrder", "ymd");
    const res = await app.fetch("/import?index", { method: "POST", body: fd, cookie: ben });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toMatch(/id="f-dateOrder-error"[^>]*>Choose how the file writes its dates\./);
    expect(await count(app, "import_batches")).toBe(before);
    const js = multipart(snCsv([{ number: "INC9720004", by: "Resolved by 166" }]));
    js.append("dateOrder", "ymd");
    const json = await app.fetch("/import/upload", { method: "POST", body: js, cookie: ben });
    expect(json.status).toBe(422);
    expect((await json.json()).errors).toEqual({ dateOrder: "Choose how the file writes its dates." });
  });

  it("honours UTC offsets: the same 35 PagerDuty incidents re-exported with +02:00 instead of Z are 35 unchanged", async () => {
    const header = "id,incident_number,title,status,urgency,priority,service_name,created_at,resolved_at,resolved_by,assigned_to";
    const at = (n: number, minutes: number, offsetHours: number) => {
      const t = new Date(Date.UTC(2024, 2, 1 + (n % 28), 6 + (n % 12), 0) + (minutes + offsetHours * 60) * 60_000);
      const sign = offsetHours ? `+${String(offsetHours).padStart(2, "0")}:00` : "Z";
      return t.toISOString().slice(0, 19) + sign;
    };
    const pdExport = (offsetHours: number) =>
      [
        header,
        ...Array.from({ length: 35 }, (_, n) => {
          const num = 97300 + n;
          return `PZ${num},${num},Queue backlog ${n},resolved,high,P2,queue,${at(n, 0, offsetHours)},${at(n, 95, offsetHours)},bcarter,bcarter`;
        }),
      ].join("\n") + "\n";
    const first = await uploadOk(app, pdExport(0), ben, "pd-utc.csv");
    expect((await confirm(app, first, ben)).status).toBe(302);
    const stored = await app.db
      .selectFrom("evidence")
      .select(["started_at", "resolved_at"])
      .where("import_key", "=", "pagerduty:97300")
      .executeTakeFirstOrThrow();
    expect([stored.started_at, stored.resolved_at]).toEqual(["2024-03-01T06:00:00.000Z", "2024-03-01T07:35:00.000Z"]);
    const again = await uploadOk(app, pdExport(2), ben, "pd-plus2.csv");
    const text = textOf(await (await app.get(`/import/${again}`, ben)).text());
    expect(text).toMatch(/0 new 0 to update 35 unchanged/);
    expect(text).toMatch(/Times Every time carries its own UTC offset \(70 values\): read as written ?; stored in UTC/);
    expect(text).not.toContain("Are the file's times in another zone?");
    await app.post(`/import/${again}`, { intent: "discard" }, ben);
  });

  it("reads times without an offset in the zone chosen (the organisation's by default) and asks in the preview", async () => {
    const csv = (n: string) =>
      snCsv([
        {
          number: n,
          by: "Resolved by 166",
          opened: "15-07-2024 22:00",
          updated: "16-07-2024 01:30",
          resolved: "16-07-2024 01:30",
        },
      ]);
    const utc = await uploadOk(app, csv("INC9730001"), ben, "utc.csv");
    const page = textOf(await (await app.get(`/import/${utc}`, ben)).text());
    expect(page).toMatch(/Times Read as UTC time \(2 values without a UTC offset\) ?; stored in UTC/);
    expect(page).toContain("Are the file's times in another zone?");
    const discarded = await app.post(`/import/${utc}`, { intent: "discard", timeZone: "Asia/Kolkata" }, ben);
    expect(discarded.status).toBe(302);
    expect(discarded.headers.get("location")).toBe("/import?timeZone=Asia%2FKolkata");
    expect(await (await app.get("/import?timeZone=Asia%2FKolkata", ben)).text()).toMatch(
      /<option value="Asia\/Kolkata" selected="">/,
    );
    const fd = multipart(csv("INC9730001"), "kolkata.csv");
    fd.append("timeZone", "Asia/Kolkata");
    const res = await app.fetch("/import?index", { method: "POST", body: fd, cookie: ben });
    expect(res.status).toBe(302);
    const id = Number(/(\d+)$/.exec(res.headers.get("location")!)![1]);
    expect(textOf(await (await app.get(`/import/${id}`, ben)).text())).toContain("Read as Asia/Kolkata time");
    expect((await confirm(app, id, ben)).status).toBe(302);
    const item = await evidenceByKey("servicenow:INC9730001");
    // 22:00 and 01:30 in Kolkata (+05:30) are 16:30 and 20:00 UTC
    expect([item?.started_at, item?.resolved_at]).toEqual(["2024-07-15T16:30:00.000Z", "2024-07-15T20:00:00.000Z"]);
  });

  it("refuses an unknown zone next to its select, on the upload and on the preview's question", async () => {
    const before = await count(app, "import_batches");
    const fd = multipart(snCsv([{ number: "INC9730002", by: "Resolved by 166" }]));
    fd.append("timeZone", "Mars/Olympus_Mons");
    const res = await app.fetch("/import?index", { method: "POST", body: fd, cookie: ben });
    expect(res.status).toBe(422);
    expect(await res.text()).toMatch(/id="f-timeZone-error"[^>]*>Choose a time zone from the list \(such as Europe\/London\)\./);
    expect(await count(app, "import_batches")).toBe(before);
    const id = await uploadOk(app, snCsv([{ number: "INC9730002", by: "Resolved by 166" }]), ben);
    const bad = await app.post(`/import/${id}`, { intent: "discard", timeZone: "Mars/Olympus_Mons" }, ben);
    expect(bad.status).toBe(422);
    expect(await bad.text()).toMatch(/id="f-timeZone-error"[^>]*>Choose a time zone from the list \(such as Europe\/London\)\./);
    expect(await app.db.selectFrom("import_batches").select("id").where("id", "=", id).executeTakeFirst()).toBeDefined();
    await app.post(`/import/${id}`, { intent: "discard" }, ben);
  });

  it("an export older than what is stored never overwrites it, and the preview says so", async () => {
    const at = (mod: number, reopen: number, updated: string) =>
      snCsv([{ number: "INC9740001", by: "Resolved by 166", mod, reopen, updated }]);
    const first = await uploadOk(app, at(5, 1, "06-03-2016 10:00"), ben);
    expect((await confirm(app, first, ben)).status).toBe(302);
    const written = await evidenceByKey("servicenow:INC9740001");
    expect([written?.reopen_count, written?.source_mod_count, written?.source_updated_at]).toEqual([
      1,
      5,
      "2016-03-06T10:00:00.000Z",
    ]);
    // an older export of the same ticket (reopen count 0 at modification 3): skipped, the item untouched
    const older = await uploadOk(app, at(3, 0, "05-03-2016 10:00"), ben);
    const page = textOf(await (await app.get(`/import/${older}`, ben)).text());
    expect(page).toMatch(/0 new 0 to update 0 unchanged 0 kept, edited by owner 1 skipped/);
    expect(page).toContain("Skipped: 1 older than stored.");
    expect(page).toContain("Older than stored: this export has the ticket at modification 3, the stored item at 5");
    expect((await confirm(app, older, ben)).status).toBe(302);
    expect((await evidenceByKey("servicenow:INC9740001"))?.reopen_count).toBe(1);
    // a newer one updates, and its version is recorded
    const newer = await uploadOk(app, at(7, 2, "08-03-2016 10:00"), ben);
    expect((await confirm(app, newer, ben)).status).toBe(302);
    const updated = await evidenceByKey("servicenow:INC9740001");
    expect([updated?.reopen_count, updated?.source_mod_count, updated?.source_updated_at]).toEqual([
      2,
      7,
      "2016-03-08T10:00:00.000Z",
    ]);
    // undoing that import puts the earlier version back with the earlier fields
    const undo = await app.post(`/import/${newer}`, { intent: "undo" }, ben);
    expect(undo.status).toBe(302);
    const restored = await evidenceByKey("servicenow:INC9740001");
    expect([restored?.reopen_count, restored?.source_mod_count]).toEqual([1, 5]);
  });

  it('reads Excel\'s "Unicode text" (UTF-16 with a BOM, tab-separated)', async () => {
    const tsv = snCsv([{ number: "INC9710001", by: "Resolved by 166" }]).replaceAll(",", "\t");
    const bytes = new Uint8Array([0xff, 0xfe, ...new Uint8Array(Buffer.from(tsv, "utf16le"))]);
    const id = await uploadOk(app, bytes, ben, "incidents.txt");
    const text = textOf(await (await app.get(`/import/${id}`, ben)).text());
    expect(text).toContain("Detected format ServiceNow");
    expect(text).toMatch(/1 new/);
    await app.post(`/import/${id}`, { intent: "discard" }, ben);
  });

  it("skips Jira tickets resolved as not done, with the resolution, until an admin counts it as done", async () => {
    const jira = (base: string) =>
      [
        "Issue key,Summary,Issue Type,Status,Resolution,Assignee,Created,Resolved",
        `${base}-1,Duplicate of the outage,Incident,Closed,Duplicate,bcarter,2024-03-12 10:00,2024-03-12 11:00`,
        `${base}-2,Grant access to the logs,Service Request,Done,Done,bcarter,2024-03-12 10:00,2024-03-12 11:00`,
        `${base}-3,Rotate the certificates,Task,Done,Done,bcarter,2024-03-12 10:00,2024-03-12 11:00`,
        "",
      ].join("\n");
    const id = await uploadOk(app, jira("DUPA"), ben, "jira.csv");
    const text = textOf(await (await app.get(`/import/${id}`, ben)).text());
    expect(text).toMatch(/2 new/);
    expect(text).toContain("1 resolved as not done");
    expect(text).toContain("Resolved as “Duplicate”, which is not work done (the done resolutions are in Settings)");
    expect((await confirm(app, id, ben)).status).toBe(302);
    expect(await evidenceByKey("jira:DUPA-1")).toBeUndefined();
    // a Service Request and a Task are requests, not change requests
    expect((await evidenceByKey("jira:DUPA-2"))!.kind).toBe("request");
    expect((await evidenceByKey("jira:DUPA-3"))!.kind).toBe("request");

    // the admin's settings form posts every setting: the others as they stand
    const settings = { ...(await settingsFormValues(app.db)), jiraDoneResolutions: "Done\nDuplicate" };
    expect((await app.post("/admin/settings", settings as Record<string, string>, admin)).status).toBe(302);
    try {
      const again = await uploadOk(app, jira("DUPB"), ben, "jira.csv");
      expect(textOf(await (await app.get(`/import/${again}`, ben)).text())).toMatch(/3 new/);
      await app.post(`/import/${again}`, { intent: "discard" }, ben);
    } finally {
      await app.db.deleteFrom("settings").where("key", "=", "import_rules").execute();
    }
  });

  it("checks each ticket with the same field rules as the API, skipping the invalid ones", async () => {
    const long = "PRB" + "9".repeat(90);
    const id = await uploadOk(
      app,
      snCsv([
        { number: "INC9700001", by: "Resolved by 166", problem: long },
        { number: "INC9700002", by: "Resolved by 166" },
      ]),
      ben,
    );
    const text = textOf(await (await app.get(`/import/${id}`, ben)).text());
    expect(text).toMatch(/1 new/);
    expect(text).toMatch(/1 invalid fields/);
    expect(text).toContain("problemRef: Use at most 80 characters.");
    await app.post(`/import/${id}`, { intent: "discard" }, ben);
  });

  it("after-hours follows the business_hours setting", async () => {
    // resolved 07:00-07:30 on a Friday: after hours with the default 08-18, not with 06-18
    const csv = (n: string) =>
      snCsv([
        {
          number: n,
          by: "Resolved by 166",
          opened: "04-03-2016 07:00",
          resolved: "04-03-2016 07:30",
          updated: "04-03-2016 07:30",
        },
      ]);
    const first = await uploadOk(app, csv("INC9600001"), ben);
    await confirm(app, first, ben);
    expect((await evidenceByKey("servicenow:INC9600001"))!.after_hours).toBe(1);
    const original = await app.db.selectFrom("settings").selectAll().where("key", "=", "business_hours").executeTakeFirst();
    await app.db
      .insertInto("settings")
      .values({ key: "business_hours", value_json: JSON.stringify({ startHour: 6, endHour: 18, weekdaysOnly: true }) })
      .onConflict((oc) =>
        oc.column("key").doUpdateSet({ value_json: JSON.stringify({ startHour: 6, endHour: 18, weekdaysOnly: true }) }),
      )
      .execute();
    try {
      const second = await uploadOk(app, csv("INC9600002"), ben);
      await confirm(app, second, ben);
      const e = (await evidenceByKey("servicenow:INC9600002"))!;
      expect([e.after_hours, e.after_hours_minutes]).toEqual([0, 0]);
    } finally {
      await app.db.deleteFrom("settings").where("key", "=", "business_hours").execute();
      if (original) await app.db.insertInto("settings").values(original).execute();
    }
  });
});
