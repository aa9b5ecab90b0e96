// The real-world import: the anonymised ServiceNow incident event log, imported over HTTP by an admin.
// Every expected number is derived here from the file with a separate, naive computation.
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it, onTestFinished } from "vitest";
import type { BatchPayload } from "../../app/models/imports.server";
import { readPayloadCooperatively } from "../../app/services/import.server";
import { type TestApp, startApp } from "../support/app";
import { confirm, count, textOf, uploadOk } from "./import-helpers";

// In CI the shared folder sits beside the repository.
const DATASET = path.resolve(process.cwd(), "../shared/datasets/servicenow-incident-event-log.csv");
const raw = readFileSync(DATASET, "utf8");
const lines = raw.split(/\r?\n/).filter((l) => l !== "");
const header = lines[0]!.split(",");
const data = lines.slice(1).map((l) => l.split(","));
const col = (name: string) => {
  const i = header.indexOf(name);
  if (i < 0) throw new Error(`column ${name} missing`);
  return i;
};
const NUM = col("number"),
  MOD = col("sys_mod_count"),
  UPD = col("sys_updated_at"),
  STATE = col("incident_state");
const PRI = col("priority"),
  BY = col("resolved_by"),
  ASSIGNED = col("assigned_to"),
  RES_AT = col("resolved_at"),
  CLOSED_AT = col("closed_at");
/** "dd-mm-yyyy HH:MM" → "yyyymmddHH:MM" */
const sortable = (d: string) => d.slice(6, 10) + d.slice(3, 5) + d.slice(0, 2) + d.slice(11);

// the latest event per incident: highest sys_mod_count, then latest sys_updated_at, then the last row
const latest = new Map<string, string[]>();
for (const r of data) {
  const prev = latest.get(r[NUM]!);
  if (
    !prev ||
    Number(r[MOD]) > Number(prev[MOD]) ||
    (Number(r[MOD]) === Number(prev[MOD]) && sortable(r[UPD]!) >= sortable(prev[UPD]!))
  ) {
    latest.set(r[NUM]!, r);
  }
}

let app: TestApp;
let admin: string;
/** lower-cased handle → person id, as the demo organisation has them */
let handles: Map<string, number>;
/** incident number → person id, for resolved tickets whose resolver (or assignee) is a known handle */
let expected: Map<string, { personId: number; priority: string }>;

beforeAll(async () => {
  app = await startApp();
  admin = await app.signIn("admin@example.com");
  const rows = await app.db
    .selectFrom("itsm_handles")
    .innerJoin("people", "people.id", "itsm_handles.person_id")
    .select(["itsm_handles.handle", "itsm_handles.person_id"])
    .where("people.active", "=", 1)
    .execute();
  handles = new Map(rows.map((r) => [r.handle.toLowerCase(), r.person_id]));
  expected = new Map();
  for (const [number, r] of latest) {
    const state = r[STATE]!;
    if (state !== "Resolved" && state !== "Closed") continue;
    if (r[RES_AT] === "?" && r[CLOSED_AT] === "?") continue;
    const who = [r[BY]!, r[ASSIGNED]!].filter((h) => h !== "?").find((h) => handles.has(h.toLowerCase()));
    if (!who) continue;
    expected.set(number, { personId: handles.get(who.toLowerCase())!, priority: `P${r[PRI]!.charAt(0)}` });
  }
});

function tally<T>(values: T[]): Map<T, number> {
  const m = new Map<T, number>();
  for (const v of values) m.set(v, (m.get(v) ?? 0) + 1);
  return m;
}

/** The same log as other copies write it: d/m/yyyy H:MM dates, lower-case booleans, LF line ends. */
function recoded(): string {
  const DATE = /^(\d{2})-(\d{2})-(\d{4}) (\d{2}):(\d{2})$/;
  return lines
    .map((line, n) =>
      n === 0
        ? line
        : line
            .split(",")
            .map((v) => {
              if (v === "TRUE") return "true";
              if (v === "FALSE") return "false";
              const m = DATE.exec(v);
              return m ? `${Number(m[1])}/${Number(m[2])}/${m[3]} ${Number(m[4])}:${m[5]}` : v;
            })
            .join(","),
    )
    .join("\n");
}

/**
 * A test's own uploads, as admin: `upload(content, filename)` gives the preview batch's id. When the test
 * ends its batches are undone (written) or discarded (previews), latest first, so that every test starts
 * from the demo without the dataset and none reads what another wrote.
 */
function ownUploads() {
  const ids: number[] = [];
  onTestFinished(async () => {
    for (const id of [...ids].reverse()) {
      const { status } = await app.db
        .selectFrom("import_batches")
        .select("status")
        .where("id", "=", id)
        .executeTakeFirstOrThrow();
      const intent = status === "applied" ? "undo" : status === "preview" ? "discard" : null;
      if (!intent) continue;
      const res = await app.post(`/import/${id}`, { intent }, admin);
      if (res.status !== 302) throw new Error(`cleanup: ${intent} of #${id} answered ${res.status}`);
    }
  });
  return async (content: string, filename?: string) => {
    const id = await uploadOk(app, content, admin, filename);
    ids.push(id);
    return id;
  };
}

describe("importing the real ServiceNow event log as admin", () => {
  it("derives a meaningful expectation from the file", () => {
    expect(latest.size).toBeGreaterThan(100);
    expect(expected.size).toBeGreaterThan(10);
    expect(new Set([...expected.values()].map((e) => e.personId)).size).toBeGreaterThan(3);
  });

  it("previews the same items from the original and the d/m/yyyy, lower-case-boolean copy", async () => {
    const upload = ownUploads();
    const original = await upload(raw, "servicenow-incident-event-log.csv");
    const copy = recoded();
    expect(copy).not.toBe(raw);
    expect(copy).toMatch(/,1\/3\/2016 \d{1,2}:\d{2},/);
    const other = await upload(copy, "recoded.csv");
    const payload = async (id: number) =>
      (await readPayloadCooperatively(
        (await app.db.selectFrom("import_batches").select("payload_json").where("id", "=", id).executeTakeFirstOrThrow())
          .payload_json,
      )) as BatchPayload;
    const [a, b] = [await payload(original), await payload(other)];
    expect(a.rowsRead).toBe(data.length);
    expect(a.items.length).toBe(latest.size);
    expect(b.items).toEqual(a.items);

    const text = textOf(await (await app.get(`/import/${original}`, admin)).text());
    expect(text).toContain(`Rows read ${data.length}`);
    expect(text).toContain(`Tickets ${latest.size}`);
    expect(text).toContain(`${expected.size} new`);
    expect(text).toContain("Unknown handles");
  });

  it("writes one item per resolved, attributed incident", async () => {
    const upload = ownUploads();
    const original = await upload(raw, "servicenow-incident-event-log.csv");
    const before = await count(app, "evidence");
    expect((await confirm(app, original, admin)).status).toBe(302);
    const rows = await app.db
      .selectFrom("evidence")
      .select(["import_key", "person_id", "priority", "status", "source", "external_ref"])
      .where("import_batch_id", "=", original)
      .execute();
    expect(await count(app, "evidence")).toBe(before + expected.size);
    expect(rows.length).toBe(expected.size);
    expect(new Set(rows.map((r) => r.external_ref))).toEqual(new Set(expected.keys()));
    expect(
      rows.every((r) => r.import_key === `servicenow:${r.external_ref}` && r.status === "submitted" && r.source === "import"),
    ).toBe(true);
    for (const r of rows) expect(r.person_id).toBe(expected.get(r.external_ref!)!.personId);
    // priorities and distinct resolvers, counted independently
    expect(tally(rows.map((r) => r.priority))).toEqual(tally([...expected.values()].map((e) => e.priority)));
    expect(new Set(rows.map((r) => r.person_id))).toEqual(new Set([...expected.values()].map((e) => e.personId)));
    const b = await app.db.selectFrom("import_batches").selectAll().where("id", "=", original).executeTakeFirstOrThrow();
    expect([b.items_created, b.items_updated, b.items_unchanged, b.rows_read]).toEqual([expected.size, 0, 0, data.length]);
  });

  it("the re-encoded copy then adds nothing: every item is unchanged", async () => {
    // both previewed, then the original written: the copy, confirmed next, finds every item stored
    const upload = ownUploads();
    const original = await upload(raw, "servicenow-incident-event-log.csv");
    const other = await upload(recoded(), "recoded.csv");
    expect((await confirm(app, original, admin)).status).toBe(302);
    const before = await count(app, "evidence");
    const text = textOf(await (await app.get(`/import/${other}`, admin)).text());
    expect(text).toContain(`0 new`);
    expect(text).toContain(`${expected.size} unchanged`);
    expect((await confirm(app, other, admin)).status).toBe(302);
    const b = await app.db.selectFrom("import_batches").selectAll().where("id", "=", other).executeTakeFirstOrThrow();
    expect([b.items_created, b.items_updated, b.items_unchanged]).toEqual([0, 0, expected.size]);
    expect(await count(app, "evidence")).toBe(before);
  });

  it("importing the original a second time adds nothing and says so", async () => {
    const upload = ownUploads();
    expect((await confirm(app, await upload(raw, "servicenow-incident-event-log.csv"), admin)).status).toBe(302);
    const before = await count(app, "evidence");
    const again = await upload(raw);
    expect((await confirm(app, again, admin)).status).toBe(302);
    expect(await count(app, "evidence")).toBe(before);
    const page = textOf(await (await app.get(`/import/${again}?written=1`, admin)).text());
    expect(page).toContain(`Nothing new: all ${expected.size} importable ticket(s) were already imported.`);
  });
});
