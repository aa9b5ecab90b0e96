import { describe, expect, it } from "vitest";
import {
  API_COLUMNS,
  CSV_COLUMNS,
  type EvidenceFields,
  type ImportItem,
  type StoredItem,
  changedColumns,
  decideStored,
  fieldColumns,
  ingestCounts,
  mergeFields,
  planImport,
  planIngest,
  statusAfterUpdate,
  toEvidenceFields,
  wallClockToStored,
} from "../../../app/domain/import/index";

function ticket(over: Partial<ImportItem> = {}): ImportItem {
  return {
    sourceSystem: "servicenow",
    externalRef: "INC1",
    title: "Incident INC1",
    kind: "incident",
    state: "Resolved",
    resolved: true,
    handles: ["Resolved by 1"],
    startedAt: "2024-03-04T09:00:00",
    resolvedAt: "2024-03-04T12:30:00",
    priority: "P2",
    impact: "high",
    outcome: "resolved",
    afterHours: false,
    afterHoursMinutes: 0,
    reassignmentCount: 1,
    reopenCount: 0,
    problemRef: null,
    changeRef: null,
    resolutionCode: "code 5",
    emergency: false,
    addsFunctionality: false,
    notes: null,
    notDoneResolution: null,
    rows: [2, 3],
    ...over,
  };
}

const ann = { id: 1, name: "Ann" };
const bob = { id: 2, name: "Bob" };
const people = new Map([
  ["resolved by 1", ann],
  ["bob", bob],
]);

function stored(item: ImportItem, over: Partial<StoredItem> = {}): StoredItem {
  const fields = toEvidenceFields(item)!;
  return { id: 99, person: ann, editedAt: null, status: "submitted", columns: fieldColumns(fields), fields, ...over };
}

describe("toEvidenceFields", () => {
  it("keeps the wall-clock times, works out the duration, leaves the owner's fields empty", () => {
    const f = toEvidenceFields(ticket())!;
    expect(f).toMatchObject({
      startedAt: "2024-03-04T09:00:00.000Z",
      resolvedAt: "2024-03-04T12:30:00.000Z",
      durationMinutes: 210,
      workRole: null,
      fixesSlowness: false,
      links: [],
      externalRef: "INC1",
      resolutionCode: "code 5",
    });
    expect(toEvidenceFields(ticket({ resolved: false }))).toBeNull();
    expect(toEvidenceFields(ticket({ resolvedAt: null }))).toBeNull();
    expect(toEvidenceFields(ticket({ title: "x".repeat(300) }))!.title).toHaveLength(200);
    expect(wallClockToStored("2024-03-04T09:05")).toBe("2024-03-04T09:05:00.000Z");
  });

  it("maps fields to evidence columns: booleans as 0/1, links as JSON, no links as null", () => {
    const f: EvidenceFields = { ...toEvidenceFields(ticket())!, links: ["https://x.test/1"], workRole: "lead", emergency: true };
    expect(fieldColumns(f)).toMatchObject({
      work_role: "lead",
      emergency: 1,
      fixes_slowness: 0,
      links_json: '["https://x.test/1"]',
      external_ref: "INC1",
    });
    expect(fieldColumns({ ...f, links: [] }).links_json).toBeNull();
  });
});

describe("planImport", () => {
  it("organisation import: attributes by the first known handle, lists unknown handles, skips unresolved tickets", () => {
    const plan = planImport({
      items: [
        ticket({ externalRef: "A" }),
        ticket({ externalRef: "B", handles: ["Nobody", "bob"] }), // resolver unknown, assignee known
        ticket({ externalRef: "C", handles: ["Stranger"] }),
        ticket({ externalRef: "D", handles: ["Stranger"] }),
        ticket({ externalRef: "E", resolved: false, state: "Active", resolvedAt: null }),
        ticket({ externalRef: "F", handles: [] }),
      ],
      scope: "org",
      uploader: { id: 9, name: "Admin" },
      people,
      stored: new Map(),
    });
    expect(plan.items.map((i) => [i.ref, i.action, i.person?.name ?? null, i.handle])).toEqual([
      ["A", "create", "Ann", "Resolved by 1"],
      ["B", "create", "Bob", "bob"],
      ["C", "skip", null, "Stranger"],
      ["D", "skip", null, "Stranger"],
      ["E", "skip", null, "Resolved by 1"],
      ["F", "skip", null, null],
    ]);
    expect(plan.counts).toMatchObject({ create: 2, skip: 4, skipped: { unknown_handle: 3, unresolved: 1 } });
    expect(plan.unknownHandles).toEqual([{ handle: "Stranger", items: 2 }]);
    expect(plan.byPerson.map((t) => [t.person.name, t.create])).toEqual([
      ["Ann", 1],
      ["Bob", 1],
    ]);
    expect(plan.items[4]!.reason).toBe("Not resolved (state: Active)");
  });

  it("skips a ticket resolved as not done, with its resolution as the reason", () => {
    const dup = ticket({ externalRef: "A", resolutionCode: "Duplicate", notDoneResolution: "Duplicate", outcome: null });
    const plan = planImport({ items: [dup], scope: "org", uploader: { id: 9, name: "Admin" }, people, stored: new Map() });
    expect(plan.items.map((i) => [i.action, i.skip, i.reason, i.fields])).toEqual([
      ["skip", "not_done", "Resolved as “Duplicate”, which is not work done (the done resolutions are in Settings)", null],
    ]);
    expect(plan.counts).toMatchObject({ create: 0, skip: 1, skipped: { not_done: 1 } });
  });

  it("self import: only the uploader's tickets, never another owner's stored item", () => {
    const mine = ticket({ externalRef: "A" });
    const theirs = ticket({ externalRef: "B", handles: ["bob"] });
    const taken = ticket({ externalRef: "C" });
    const plan = planImport({
      items: [mine, theirs, taken],
      scope: "self",
      uploader: ann,
      people,
      stored: new Map([["servicenow:C", stored(taken, { person: bob })]]),
    });
    expect(plan.items.map((i) => [i.ref, i.action, i.skip])).toEqual([
      ["A", "create", null],
      ["B", "skip", "not_yours"],
      ["C", "skip", "other_owner"],
    ]);
    expect(plan.items[1]!.reason).toBe("Not yours (bob)");
    expect(plan.unknownHandles).toEqual([]);
  });

  it("idempotent: unchanged, updated (only the import's columns), kept when edited by the owner", () => {
    const before = ticket({ externalRef: "A" });
    const s = stored(before, { fields: { ...toEvidenceFields(before)!, workRole: "lead", links: ["https://x.test"] } });
    s.columns = fieldColumns(s.fields);
    const same = planImport({ items: [before], scope: "org", uploader: ann, people, stored: new Map([["servicenow:A", s]]) });
    expect(same.items[0]!.action).toBe("unchanged");

    const later = ticket({ externalRef: "A", priority: "P1", reopenCount: 1 });
    const upd = planImport({ items: [later], scope: "org", uploader: ann, people, stored: new Map([["servicenow:A", s]]) });
    expect(upd.items[0]).toMatchObject({ action: "update", storedId: 99, changed: ["priority", "reopen_count"] });
    expect(upd.items[0]!.fields).toMatchObject({ priority: "P1", reopenCount: 1, workRole: "lead", links: ["https://x.test"] });

    const edited = planImport({
      items: [later],
      scope: "org",
      uploader: ann,
      people,
      stored: new Map([["servicenow:A", { ...s, editedAt: "2024-04-01T00:00:00.000Z" }]]),
    });
    expect(edited.items[0]).toMatchObject({ action: "kept", reason: "Kept: edited by its owner since it was imported" });
    expect(edited.counts.kept).toBe(1);

    // a stored item keeps its owner, whoever the export names now
    const moved = planImport({
      items: [ticket({ externalRef: "A", handles: ["bob"], priority: "P1" })],
      scope: "org",
      uploader: ann,
      people,
      stored: new Map([["servicenow:A", s]]),
    });
    expect(moved.items[0]!.person).toEqual(ann);
  });

  it("skips invalid items with the validator's message and tickets listed twice", () => {
    const plan = planImport({
      items: [ticket({ externalRef: "A" }), ticket({ externalRef: "A" }), ticket({ externalRef: "B" })],
      scope: "org",
      uploader: ann,
      people,
      stored: new Map(),
      check: (_f, i) => (i === 2 ? "title: too long" : null),
    });
    expect(plan.items.map((i) => [i.action, i.reason])).toEqual([
      ["create", null],
      ["skip", "Listed twice in the file"],
      ["skip", "title: too long"],
    ]);
  });

  it("columns and status helpers", () => {
    const f = toEvidenceFields(ticket())!;
    expect(changedColumns(fieldColumns(f), { ...f, workRole: "lead" }, CSV_COLUMNS)).toEqual([]);
    expect(changedColumns(fieldColumns(f), { ...f, workRole: "lead" }, API_COLUMNS)).toEqual(["work_role"]);
    expect(mergeFields(f, { ...f, title: "New", workRole: "lead" }, CSV_COLUMNS)).toMatchObject({ title: "New", workRole: null });
    expect(statusAfterUpdate("verified")).toBe("submitted");
    expect(statusAfterUpdate("returned")).toBe("returned");
  });
});

describe("decideStored (the one rule for a ticket against what is stored)", () => {
  const fields = toEvidenceFields(ticket())!;
  it("creates a new ticket, leaves an unchanged one alone, keeps an owner-edited one, updates a changed one", () => {
    expect(decideStored(null, fields, CSV_COLUMNS)).toEqual({ action: "create", fields, changed: [] });
    expect(decideStored(stored(ticket()), fields, CSV_COLUMNS)).toEqual({ action: "unchanged", fields: null, changed: [] });
    const changed = { ...fields, priority: "P1" as const };
    expect(decideStored(stored(ticket(), { editedAt: "2024-04-01T00:00:00.000Z" }), changed, CSV_COLUMNS)).toEqual({
      action: "kept",
      fields: null,
      changed: ["priority"],
    });
    const update = decideStored(stored(ticket(), { fields: { ...fields, workRole: "lead" } }), changed, CSV_COLUMNS);
    expect(update.action).toBe("update");
    // the import's columns are replaced, the owner's own additions kept
    expect(update.fields).toMatchObject({ priority: "P1", workRole: "lead" });
  });
});

describe("planIngest (the ingest API's plan)", () => {
  const fields = toEvidenceFields(ticket())!;
  const candidate = (ref: string, over: Partial<EvidenceFields> = {}) => ({
    index: 0,
    externalRef: ref,
    importKey: `api:api:${ref}`,
    personId: bob.id,
    fields: { ...fields, ...over },
  });

  it("decides as the CSV import does, with the API owning every column, and a stored item keeps its owner", () => {
    const known = new Map<string, StoredItem>([
      ["api:api:SAME", { ...stored(ticket()), id: 7, columns: fieldColumns(fields) }],
      ["api:api:MOVED", { ...stored(ticket()), id: 8, person: ann, columns: fieldColumns(fields) }],
      ["api:api:EDITED", { ...stored(ticket()), id: 9, editedAt: "2024-04-01T00:00:00.000Z", columns: fieldColumns(fields) }],
    ]);
    const planned = planIngest(
      [
        { ...candidate("NEW"), index: 0 },
        { ...candidate("SAME"), index: 1 },
        { ...candidate("MOVED", { workRole: "lead" }), index: 2 },
        { ...candidate("EDITED", { priority: "P1" }), index: 3 },
      ],
      known,
    );
    expect(planned.map((p) => [p.index, p.action, p.personId, p.storedId])).toEqual([
      [0, "created", bob.id, null],
      [1, "unchanged", ann.id, 7],
      [2, "updated", ann.id, 8], // work_role is an API column (a CSV import would leave it to the owner)
      [3, "kept", ann.id, 9],
    ]);
    expect(planned[2]!.fields).toMatchObject({ workRole: "lead" });
    expect(planned[1]!.fields).toBeNull();
    expect(ingestCounts(planned)).toEqual({ created: 1, updated: 1, unchanged: 1, kept: 1 });
    expect(API_COLUMNS).toContain("work_role");
  });
});
