// HTTP-level tests of the ingest API (POST /api/v1/evidence) and the integration tokens page.
import crypto from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { now as clockNow } from "../../app/clock.server";
import { type TestApp, startApp } from "../support/app";
import { injectFault } from "../support/faults";
import { count, textOf } from "./import-helpers";

let app: TestApp;
let admin: string;
let token: string;
let benId: number;
let olgaId: number;

function post(body: unknown, auth: string | null = token, headers: Record<string, string> = {}) {
  return app.fetch("/api/v1/evidence", {
    method: "POST",
    body: typeof body === "string" ? body : JSON.stringify(body),
    headers: { "Content-Type": "application/json", ...(auth ? { Authorization: `Bearer ${auth}` } : {}), ...headers },
  });
}

async function createToken(name: string): Promise<string> {
  const res = await app.post("/admin/tokens", { intent: "create", name }, admin);
  expect(res.status).toBe(200);
  const m = /data-testid="new-token"[^>]*>([^<]+)</.exec(await res.text());
  expect(m).not.toBeNull();
  return m![1]!;
}

const item = (over: Record<string, unknown> = {}) => ({
  system: "servicenow",
  externalRef: "INC7700001",
  title: "Checkout API returning 502",
  kind: "incident",
  handle: "Resolved by 166",
  priority: "P2",
  impact: "high",
  startedAt: "2024-05-01T21:10:00Z",
  resolvedAt: "2024-05-01T23:40:00Z",
  ...over,
});

beforeAll(async () => {
  app = await startApp();
  admin = await app.signIn("admin@example.com");
  benId = await app.personId("ben.carter@example.com");
  olgaId = await app.personId("olga.ivanova@example.com");
  token = await createToken("ServiceNow production");
});

describe("integration tokens page", () => {
  it("shows a token once and stores only its SHA-256 hash with a visible prefix", async () => {
    const rows = await app.db.selectFrom("api_tokens").selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.token_hash).toBe(crypto.createHash("sha256").update(token).digest("hex"));
    expect(token.startsWith(rows[0]!.prefix)).toBe(true);
    expect(rows[0]!.prefix.length).toBeLessThan(token.length / 2);
    const page = await (await app.get("/admin/tokens", admin)).text();
    expect(page).not.toContain(token);
    expect(textOf(page)).toContain(`${rows[0]!.prefix}…`);
    expect(textOf(page)).toContain("never");
    const audit = await app.db.selectFrom("audit_log").select("action").where("entity", "=", "api_token").execute();
    expect(audit.map((a) => a.action)).toContain("token_create");
  });

  it("refuses an empty name and non-admins", async () => {
    const res = await app.post("/admin/tokens", { intent: "create", name: "  " }, admin);
    expect(res.status).toBe(422);
    expect(textOf(await res.text())).toContain("Name the integration");
    const ben = await app.signIn("ben.carter@example.com");
    expect((await app.get("/admin/tokens", ben)).status).toBe(403);
    expect((await app.post("/admin/tokens", { intent: "create", name: "x" }, ben)).status).toBe(403);
    expect(await count(app, "audit_log")).toBeGreaterThan(0);
    expect((await app.db.selectFrom("api_tokens").select("id").execute()).length).toBe(1);
  });
});

describe("authentication", () => {
  it("401 without a token, with a malformed header or an unknown token", async () => {
    for (const auth of [null, "", "not-a-real-token"]) {
      const res = await post(item(), auth);
      expect(res.status).toBe(401);
      expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
      expect((await res.json()).error).toBeTruthy();
    }
    const basic = await post(item(), null, { Authorization: "Basic dXNlcjpwYXNz" });
    expect(basic.status).toBe(401);
    expect(await app.db.selectFrom("evidence").select("id").where("source", "=", "api").executeTakeFirst()).toBeUndefined();
  });

  it("401 once the token is revoked; 403 when its admin may no longer import", async () => {
    const t = await createToken("To revoke");
    expect((await post(item({ externalRef: "INC7700100" }), t)).status).toBe(201);
    const row = await app.db.selectFrom("api_tokens").selectAll().where("name", "=", "To revoke").executeTakeFirstOrThrow();
    expect(row.last_used_at).not.toBeNull();
    const res = await app.post("/admin/tokens", { intent: "revoke", tokenId: String(row.id) }, admin);
    expect(res.status).toBe(200);
    const denied = await post(item({ externalRef: "INC7700101" }), t);
    expect(denied.status).toBe(401);
    expect((await denied.json()).error).toMatch(/revoked/);
    expect(
      await app.db.selectFrom("evidence").select("id").where("external_ref", "=", "INC7700101").executeTakeFirst(),
    ).toBeUndefined();
    expect((await app.post("/admin/tokens", { intent: "revoke", tokenId: String(row.id) }, admin)).status).toBe(409);
    expect((await app.post("/admin/tokens", { intent: "revoke", tokenId: "abc" }, admin)).status).toBe(422);

    // the token carries its creator's rights: an admin demoted to engineer → 403
    const t2 = await createToken("Demoted");
    const adminId = await app.personId("admin@example.com");
    await app.db.updateTable("people").set({ role: "engineer" }).where("id", "=", adminId).execute();
    try {
      const forbidden = await post(item({ externalRef: "INC7700102" }), t2);
      expect(forbidden.status).toBe(403);
      expect((await forbidden.json()).error).toMatch(/no longer import/);
    } finally {
      await app.db.updateTable("people").set({ role: "admin" }).where("id", "=", adminId).execute();
    }
  });
});

describe("posting items", () => {
  it("creates a submitted item attributed by handle, with after-hours worked out", async () => {
    const res = await post(item());
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body).toMatchObject({ created: 1, updated: 0, unchanged: 0, kept: 0 });
    expect(body.items[0]).toMatchObject({
      index: 0,
      externalRef: "INC7700001",
      importKey: "servicenow:INC7700001",
      action: "created",
      personId: benId,
    });
    const e = await app.db
      .selectFrom("evidence")
      .selectAll()
      .where("id", "=", body.items[0].evidenceId)
      .executeTakeFirstOrThrow();
    expect(e).toMatchObject({
      person_id: benId,
      source: "api",
      status: "submitted",
      import_key: "servicenow:INC7700001",
      priority: "P2",
      resolved_at: "2024-05-01T23:40:00.000Z",
      started_at: "2024-05-01T21:10:00.000Z",
      after_hours: 1,
      after_hours_minutes: 150,
      duration_minutes: 150,
      outcome: "resolved",
    });
    const reasons = (await app.db.selectFrom("contributions").select("reason").where("evidence_id", "=", e.id).execute()).map(
      (r) => r.reason,
    );
    expect(reasons).toEqual(expect.arrayContaining(["Incident resolved", "P2 incident", "Handled after hours"]));
    const audit = await app.db
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "api_ingest")
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.after_json!).created).toBe(1);
  });

  it("is idempotent by system and reference; a changed ticket updates its item", async () => {
    const before = await count(app, "evidence");
    const again = await post(item());
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ created: 0, unchanged: 1 });
    expect(await count(app, "evidence")).toBe(before);

    const changed = await post(item({ priority: "P1", impact: "critical" }));
    expect(changed.status).toBe(200);
    const body = await changed.json();
    expect(body).toMatchObject({ created: 0, updated: 1 });
    const e = await app.db
      .selectFrom("evidence")
      .selectAll()
      .where("import_key", "=", "servicenow:INC7700001")
      .executeTakeFirstOrThrow();
    expect(e.priority).toBe("P1");
    expect(await count(app, "evidence")).toBe(before);

    // edited by its owner since: left alone
    await app.db.updateTable("evidence").set({ edited_at: clockNow().toISOString() }).where("id", "=", e.id).execute();
    const kept = await post(item({ priority: "P3" }));
    expect(await kept.json()).toMatchObject({ kept: 1, updated: 0 });
    expect(
      (await app.db.selectFrom("evidence").select("priority").where("id", "=", e.id).executeTakeFirstOrThrow()).priority,
    ).toBe("P1");

    // another system with the same number is another ticket; no system → "api"
    const other = await post(item({ system: "jira" }));
    expect((await other.json()).items[0].importKey).toBe("jira:INC7700001");
    const none = await post(item({ system: undefined, externalRef: "REF-1" }));
    expect((await none.json()).items[0].importKey).toBe("api:REF-1");
  });

  it("takes a batch in one transaction, attributing by email too", async () => {
    const res = await post({
      items: [
        item({ externalRef: "INC7700010", handle: undefined, email: "Olga.Ivanova@example.com" }),
        item({
          externalRef: "CHG7700011",
          kind: "change",
          title: "Add index",
          priority: null,
          emergency: true,
          addsFunctionality: true,
          startedAt: "2024-05-02T10:00:00+02:00",
          resolvedAt: "2024-05-02T11:30:00+02:00",
        }),
      ],
    });
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body.created).toBe(2);
    expect(body.items.map((i: { personId: number }) => i.personId)).toEqual([olgaId, benId]);
    const change = await app.db
      .selectFrom("evidence")
      .selectAll()
      .where("import_key", "=", "servicenow:CHG7700011")
      .executeTakeFirstOrThrow();
    // stored as the instant; after-hours judged on the wall clock as written (10:00-11:30 local)
    expect(change.resolved_at).toBe("2024-05-02T09:30:00.000Z");
    expect(change.after_hours).toBe(0);
    const reasons = (
      await app.db.selectFrom("contributions").select("reason").where("evidence_id", "=", change.id).execute()
    ).map((r) => r.reason);
    expect(reasons).toEqual(
      expect.arrayContaining(["Change request delivered", "Emergency change", "Change that adds functionality"]),
    );
  });

  it("a database failure on the second item writes nothing (500)", async () => {
    const before = await count(app, "evidence");
    const remove = await injectFault(app.db, {
      name: "api_test_fail",
      table: "evidence",
      on: "insert",
      column: "external_ref",
      value: "INC7700021",
      message: "forced failure",
    });
    try {
      const res = await post({ items: [item({ externalRef: "INC7700020" }), item({ externalRef: "INC7700021" })] });
      expect(res.status).toBe(500);
      expect((await res.json()).error).toMatch(/Nothing was written/);
      expect(await count(app, "evidence")).toBe(before);
    } finally {
      await remove();
    }
  });
});

describe("bad requests", () => {
  async function rejects(
    body: unknown,
    status: number,
    check?: (json: { error: string; errors?: { index: number; field: string; message: string }[] }) => void,
    headers: Record<string, string> = {},
  ) {
    const before = await count(app, "evidence");
    const res = await post(body, token, headers);
    expect(res.status).toBe(status);
    expect(res.headers.get("content-type")).toMatch(/application\/json/);
    const json = await res.json();
    expect(json.error).toBeTruthy();
    check?.(json);
    expect(await count(app, "evidence")).toBe(before);
  }

  it("422 with the index and field of each bad item, nothing written", () =>
    rejects(
      {
        items: [
          item({ externalRef: "INC7700030" }),
          item({ externalRef: "INC7700031", priority: "urgent" }),
          item({ externalRef: "", title: "x" }),
        ],
      },
      422,
      (j) => {
        expect(j.errors).toEqual([
          { index: 1, field: "priority", message: "Use P1, P2, P3 or P4." },
          { index: 2, field: "externalRef", message: expect.stringMatching(/Enter the external reference/) },
        ]);
      },
    ));

  it("422 for an unknown handle, email or kind, a missing resolution time and unknown fields", async () => {
    await rejects(item({ handle: "nobody-here" }), 422, (j) => expect(j.errors![0]).toMatchObject({ index: 0, field: "handle" }));
    await rejects(item({ handle: undefined, email: "ghost@example.com" }), 422, (j) =>
      expect(j.errors![0]).toMatchObject({ field: "email" }),
    );
    await rejects(item({ handle: undefined }), 422, (j) =>
      expect(j.errors![0]).toMatchObject({ field: "handle", message: "Give the person's handle or email." }),
    );
    await rejects(item({ kind: "party" }), 422, (j) =>
      expect(j.errors![0]).toMatchObject({ field: "kind", message: 'Unknown kind "party".' }),
    );
    await rejects(item({ resolvedAt: undefined }), 422, (j) => expect(j.errors![0]).toMatchObject({ field: "resolvedAt" }));
    await rejects(item({ resolvedAt: "2024-02-31T10:00:00Z" }), 422, (j) =>
      expect(j.errors![0]).toMatchObject({ field: "resolvedAt" }),
    );
    await rejects(item({ startedAt: "2024-05-02T10:00:00Z" }), 422, (j) =>
      expect(j.errors![0]).toMatchObject({ field: "resolvedAt", message: "The resolution time is before the start." }),
    );
    await rejects(item({ colour: "blue" }), 422, (j) => expect(j.errors![0]!.message).toMatch(/Unknown field\(s\): colour/));
    await rejects(item({ reopenCount: -1 }), 422, (j) => expect(j.errors![0]).toMatchObject({ field: "reopenCount" }));
    await rejects(item({ links: ["javascript:alert(1)"] }), 422, (j) => expect(j.errors![0]).toMatchObject({ field: "links.0" }));
    await rejects({ items: [item({ externalRef: "D1" }), item({ externalRef: "D1" })] }, 422, (j) =>
      expect(j.errors![0]).toMatchObject({ index: 1, field: "externalRef" }),
    );
  });

  it("422 for bodies that are not an item or a batch", async () => {
    await rejects([item()], 422, (j) => expect(j.errors![0]).toMatchObject({ index: -1, field: "body" }));
    await rejects({ items: [] }, 422, (j) => expect(j.errors![0]).toMatchObject({ field: "items" }));
    await rejects({ items: Array.from({ length: 501 }, (_, i) => item({ externalRef: `B${i}` })) }, 422, (j) =>
      expect(j.errors![0]!.message).toMatch(/At most 500/),
    );
    await rejects({ items: [item()], extra: 1 }, 422);
  });

  it("400 for broken JSON, 415 for another content type, 405 for GET", async () => {
    await rejects("{not json", 400);
    await rejects("a=b", 415, undefined, { "Content-Type": "application/x-www-form-urlencoded" });
    const get = await app.fetch("/api/v1/evidence", { headers: { Authorization: `Bearer ${token}` } });
    expect(get.status).toBe(405);
    expect(get.headers.get("allow")).toBe("POST");
  });
});
