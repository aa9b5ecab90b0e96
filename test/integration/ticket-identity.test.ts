// Part 9 of issue 12: a ticket is one item whatever channel brought it. `servicenow` + `INC0012345` from a
// CSV export and from the ingest API share one identity (evidence.import_key, unique in the organisation):
// the second channel updates the item under the re-import rule (unchanged / updated / kept), never adds one.
import { beforeAll, describe, expect, it } from "vitest";
import { up as identityMigration } from "../../db/migrations/0011_ticket_identity";
import { type TestApp, startApp } from "../support/app";
import { confirm, snCsv, uploadOk } from "./import-helpers";

let app: TestApp;
let admin: string;
let ben: string;
let token: string;
let benId: number;

function postApi(item: Record<string, unknown>) {
  return app.fetch("/api/v1/evidence", {
    method: "POST",
    body: JSON.stringify(item),
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
  });
}

async function itemsOf(ref: string) {
  return app.db
    .selectFrom("evidence")
    .select(["id", "person_id", "import_key", "source", "priority", "work_role", "title"])
    .where((eb) => eb(eb.fn("upper", ["external_ref"]), "=", ref.toUpperCase()))
    .execute();
}

/** The preview's action for a ticket (its row's badge). */
async function previewAction(batchId: number, ref: string): Promise<string | null> {
  const html = await (await app.get(`/import/${batchId}`, ben)).text();
  const tr = [...html.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => m[1]!).find((t) => t.includes(`>${ref}<`));
  return tr ? (/class="badge action-([a-z]+)"/.exec(tr)?.[1] ?? null) : null;
}

beforeAll(async () => {
  app = await startApp();
  admin = await app.signIn("admin@example.com");
  ben = await app.signIn("ben.carter@example.com");
  benId = await app.personId("ben.carter@example.com");
  const res = await app.post("/admin/tokens", { intent: "create", name: "ServiceNow" }, admin);
  token = /data-testid="new-token"[^>]*>([^<]+)</.exec(await res.text())![1]!;
});

describe("one item per ticket across CSV import and the API", () => {
  it("CSV then API: the API finds the imported item (whatever the case and spaces) and updates it", async () => {
    const ref = "INC0012345";
    const batchId = await uploadOk(
      app,
      snCsv([
        {
          number: ref,
          by: "Resolved by 166",
          priority: "3 - Moderate",
          opened: "01-05-2024 09:00",
          resolved: "01-05-2024 11:00",
        },
      ]),
      ben,
    );
    expect((await confirm(app, batchId, ben)).status).toBe(302);
    const [imported] = await itemsOf(ref);
    expect(imported).toMatchObject({ import_key: `servicenow:${ref}`, source: "import", person_id: benId });

    // the same ticket from the API: system and reference written differently
    const res = await postApi({
      system: "ServiceNow",
      externalRef: " inc0012345 ",
      title: "Checkout API returning 502",
      handle: "Resolved by 166",
      priority: "P1",
      workRole: "lead",
      resolvedAt: "2024-05-01T11:00:00Z",
    });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ created: 0, updated: 1 });
    expect(body.items[0]).toMatchObject({ evidenceId: imported!.id, importKey: `servicenow:${ref}`, action: "updated" });
    const after = await itemsOf(ref);
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ id: imported!.id, priority: "P1", work_role: "lead", source: "import" });

    // posting it again changes nothing
    const again = await postApi({
      system: "servicenow",
      externalRef: "INC0012345",
      title: "Checkout API returning 502",
      handle: "Resolved by 166",
      priority: "P1",
      workRole: "lead",
      resolvedAt: "2024-05-01T11:00:00Z",
    });
    expect(await again.json()).toMatchObject({ created: 0, updated: 0 });
    expect(await itemsOf(ref)).toHaveLength(1);
  });

  it("API then CSV: the import's preview shows the ticket as one to update, and confirming adds nothing", async () => {
    const ref = "INC0054321";
    const res = await postApi({
      system: "servicenow",
      externalRef: "inc0054321",
      title: "Queue backlog",
      handle: "Resolved by 166",
      priority: "P2",
      startedAt: "2024-06-03T09:00:00Z",
      resolvedAt: "2024-06-03T10:00:00Z",
    });
    expect(res.status).toBe(201);
    const [posted] = await itemsOf(ref);
    expect(posted).toMatchObject({ import_key: `servicenow:${ref}`, source: "api" });

    const batchId = await uploadOk(
      app,
      snCsv([
        { number: ref, by: "Resolved by 166", priority: "4 - Low", opened: "03-06-2024 09:00", resolved: "03-06-2024 10:00" },
      ]),
      ben,
    );
    expect(await previewAction(batchId, ref)).toBe("update");
    expect((await confirm(app, batchId, ben)).status).toBe(302);
    const after = await itemsOf(ref);
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ id: posted!.id, priority: "P4" });

    // the same export again: unchanged
    const again = await uploadOk(
      app,
      snCsv([
        { number: ref, by: "Resolved by 166", priority: "4 - Low", opened: "03-06-2024 09:00", resolved: "03-06-2024 10:00" },
      ]),
      ben,
    );
    expect(await previewAction(again, ref)).toBe("unchanged");
  });

  it("an item its owner edited is kept, whichever channel brings the ticket again", async () => {
    const ref = "INC0077777";
    await postApi({
      system: "servicenow",
      externalRef: ref,
      title: "Edited later",
      handle: "Resolved by 166",
      resolvedAt: "2024-07-01T10:00:00Z",
    });
    const [item] = await itemsOf(ref);
    await app.db.updateTable("evidence").set({ edited_at: "2024-07-02T00:00:00.000Z" }).where("id", "=", item!.id).execute();
    const batchId = await uploadOk(app, snCsv([{ number: ref, by: "Resolved by 166", priority: "1 - Critical" }]), ben);
    expect(await previewAction(batchId, ref)).toBe("kept");
    const res = await postApi({
      system: "servicenow",
      externalRef: ref,
      title: "Changed",
      handle: "Resolved by 166",
      resolvedAt: "2024-07-01T10:00:00Z",
    });
    expect(await res.json()).toMatchObject({ kept: 1, created: 0 });
    expect(await itemsOf(ref)).toHaveLength(1);
  });

  it("another system with the same number is another ticket", async () => {
    const res = await postApi({
      system: "jira",
      externalRef: "INC0012345",
      title: "Jira twin",
      handle: "Resolved by 166",
      resolvedAt: "2024-05-01T11:00:00Z",
    });
    expect(res.status).toBe(201);
    expect((await res.json()).items[0].importKey).toBe("jira:INC0012345");
  });
});

describe("migration 0011", () => {
  it("rewrites the stored keys to the one identity, keeping an existing duplicate apart", async () => {
    const made: number[] = [];
    for (const ref of ["INC0090001", "INC0090002", "INC0090003"]) {
      const res = await postApi({
        system: "servicenow",
        externalRef: ref,
        title: ref,
        handle: "Resolved by 166",
        resolvedAt: "2024-08-01T10:00:00Z",
      });
      made.push((await res.json()).items[0].evidenceId);
    }
    // the keys the API built before: `api:<system as sent>:<ref as sent>`; the third is a CSV twin of the second
    const legacy = ["api:ServiceNow:inc0090001", "api:servicenow:INC0090002", "servicenow:INC0090002"];
    await app.db.updateTable("evidence").set({ import_key: legacy[0]! }).where("id", "=", made[0]!).execute();
    await app.db.updateTable("evidence").set({ import_key: legacy[1]! }).where("id", "=", made[1]!).execute();
    await app.db.updateTable("evidence").set({ import_key: legacy[2]! }).where("id", "=", made[2]!).execute();

    await identityMigration(app.db);
    const keys = await app.db.selectFrom("evidence").select(["id", "import_key"]).where("id", "in", made).orderBy("id").execute();
    expect(keys.map((k) => k.import_key)).toEqual([
      "servicenow:INC0090001",
      "api:servicenow:INC0090002",
      "servicenow:INC0090002",
    ]);

    // the rewritten item is found by the API again
    const res = await postApi({
      system: "servicenow",
      externalRef: "INC0090001",
      title: "INC0090001",
      handle: "Resolved by 166",
      resolvedAt: "2024-08-01T10:00:00Z",
    });
    expect((await res.json()).items[0]).toMatchObject({ evidenceId: made[0], action: "unchanged" });
  });
});
