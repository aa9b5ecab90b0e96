// Ladder templates over HTTP (issue 17, part 4; ADR 022): the export is the seeded ladder and the shipped
// default template; importing it again changes nothing; the dual-track template previews, applies in one
// audited transaction and retires nothing people hold; a bad file is a 422 naming the row, nothing written.
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { parseLadderTemplate } from "../../app/schemas/ladder-template.server";
import { type TestApp, startApp } from "../support/app";

let app: TestApp;
let admin: string;

const DEFAULT = readFileSync("seeds/ladders/support-default.json", "utf8");
const DUAL = readFileSync("seeds/ladders/support-dual-track.json", "utf8");

beforeAll(async () => {
  app = await startApp();
  admin = await app.signIn("admin@example.com");
});

function upload(content: string, filename = "ladder.json"): FormData {
  const fd = new FormData();
  fd.set("intent", "preview");
  fd.set("file", new File([content], filename, { type: "application/json" }));
  return fd;
}

const preview = (content: string) => app.fetch("/admin/ladder/import", { method: "POST", body: upload(content), cookie: admin });

async function snapshot() {
  const [positions, reqs, certs, audit] = await Promise.all([
    app.db.selectFrom("positions").selectAll().orderBy("id").execute(),
    app.db.selectFrom("position_requirements").selectAll().orderBy("position_id").orderBy("skill_key").execute(),
    app.db.selectFrom("position_certifications").selectAll().execute(),
    app.db
      .selectFrom("audit_log")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow(),
  ]);
  return JSON.stringify({ positions, reqs, certs, audit: Number(audit.n) });
}

/** A template without its name (an export names itself "Support ladder"). */
const body = (t: string) => {
  const { name: _name, ...rest } = JSON.parse(t) as Record<string, unknown>;
  return rest;
};

describe("ladder templates", () => {
  it("both shipped templates validate", () => {
    expect(parseLadderTemplate(DEFAULT).ok).toBe(true);
    const dual = parseLadderTemplate(DUAL);
    expect(dual.ok).toBe(true);
    if (dual.ok)
      expect(dual.value.positions.filter((p) => p.track === "ic").map((p) => p.name)).toContain("Principal Support Engineer");
  });

  it("exports the seeded ladder as a download equal to the default template", async () => {
    const res = await app.get("/admin/ladder/export", admin);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toMatch(/attachment/);
    const exported = await res.text();
    expect(body(exported)).toEqual(body(DEFAULT));
  });

  it("importing the exported ladder shows no changes", async () => {
    const exported = await (await app.get("/admin/ladder/export", admin)).text();
    const before = await snapshot();
    const res = await preview(exported);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('data-testid="ladder-no-changes"');
    expect(await snapshot()).toBe(before);
  });

  it("refuses a bad file with 422 and the row's message; nothing changes", async () => {
    const t = JSON.parse(DEFAULT) as { positions: { name: string; requirements: Record<string, number> }[] };
    t.positions[1]!.requirements.debugging = 9;
    const before = await snapshot();
    const res = await preview(JSON.stringify(t));
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain("Position 2");
    expect(html).toContain("Support Engineer II");
    expect(await snapshot()).toBe(before);

    const unknownSkill = JSON.parse(DEFAULT) as { positions: { requirements: Record<string, number> }[] };
    unknownSkill.positions[0]!.requirements.juggling = 1;
    const r2 = await preview(JSON.stringify(unknownSkill));
    expect(r2.status).toBe(422);
    expect(await r2.text()).toContain("juggling");

    const version = await preview(JSON.stringify({ ...JSON.parse(DEFAULT), version: 7 }));
    expect(version.status).toBe(422);
    expect(await version.text()).toContain("Unknown format version 7");

    const notJson = await preview("not json");
    expect(notJson.status).toBe(422);
    expect(await snapshot()).toBe(before);
  });

  it("non-admins cannot export or import", async () => {
    const ben = await app.signIn("ben.carter@example.com");
    expect((await app.get("/admin/ladder/export", ben)).status).toBe(403);
    const res = await app.fetch("/admin/ladder/import", { method: "POST", body: upload(DUAL), cookie: ben });
    expect(res.status).toBe(403);
  });

  it("previews and applies the dual-track template in one audited step; importing it again changes nothing", async () => {
    const res = await preview(DUAL);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('data-testid="ladder-preview"');
    expect(html).toContain("Principal Support Engineer");
    const fingerprint = /name="fingerprint" value="([0-9a-f]{32})"/.exec(html)?.[1];
    expect(fingerprint).toBeTruthy();

    // a stale fingerprint is refused: 409, nothing written
    const before = await snapshot();
    const stale = await app.post("/admin/ladder/import", { intent: "apply", template: DUAL, fingerprint: "0".repeat(32) }, admin);
    expect(stale.status).toBe(409);
    expect(await snapshot()).toBe(before);

    const applied = await app.post("/admin/ladder/import", { intent: "apply", template: DUAL, fingerprint: fingerprint! }, admin);
    expect(applied.status).toBe(302);
    const principal = await app.db.selectFrom("positions").selectAll().where("key", "=", "principal").executeTakeFirstOrThrow();
    expect(principal.track).toBe("ic");
    expect(principal.retired).toBe(0);
    const audit = await app.db
      .selectFrom("audit_log")
      .select("action")
      .where("action", "=", "ladder_import")
      .where("entity", "=", "ladder")
      .execute();
    expect(audit.length).toBe(1);

    const again = await preview(DUAL);
    expect(again.status).toBe(200);
    expect(await again.text()).toContain('data-testid="ladder-no-changes"');
  });

  it("at the fork, the dashboard offers the next rung of each track and groups the target picker by track", async () => {
    // runs after the dual-track import above (tests in a file run in order)
    const senior = await app.db.selectFrom("positions").select("id").where("key", "=", "senior").executeTakeFirstOrThrow();
    const ben = await app.personId("ben.carter@example.com");
    await app.db.updateTable("people").set({ position_id: senior.id }).where("id", "=", ben).execute();
    const res = await app.get("/", await app.signIn("ben.carter@example.com"));
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('data-testid="other-next"');
    expect(html).toMatch(/ready for <strong>(Staff Support Engineer|Support Team Lead)<\/strong>/);
    expect(html).toContain('<optgroup label="Individual contributor track">');
    expect(html).toContain('<optgroup label="Management track">');
  });
});
