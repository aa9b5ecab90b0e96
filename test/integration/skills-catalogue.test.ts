// Skills catalogue admin over HTTP (issue 17, part 1): add, rename, describe, map to SFIA codes, order and
// retire skills; bad input is refused with 422 at the field and nothing written; every change is audited;
// a stale page is refused with 409; a retired skill leaves the requirements editor and keeps its rows.
import { beforeAll, describe, expect, it } from "vitest";
import { listSkills } from "../../app/models/catalog.server";
import { type TestApp, startApp } from "../support/app";
import { uid } from "../support/factories";

let app: TestApp;
let admin: string;

beforeAll(async () => {
  app = await startApp();
  admin = await app.signIn("admin@example.com");
});

async function snapshot() {
  const [skills, audit] = await Promise.all([
    app.db.selectFrom("skills").selectAll().orderBy("key").execute(),
    app.db
      .selectFrom("audit_log")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow(),
  ]);
  return JSON.stringify({ skills, audit: Number(audit.n) });
}

const skill = (key: string) => app.db.selectFrom("skills").selectAll().where("key", "=", key).executeTakeFirstOrThrow();

/** A fresh key and name, so that tests running in any order do not meet. */
function fresh() {
  const n = uid()
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
  return { key: `skill-${n}`, name: `Skill ${n}` };
}

async function add(extra: Record<string, string> = {}) {
  const s = fresh();
  const res = await app.post("/admin/skills", { intent: "create", ...s, description: "", sfiaCodes: "usup", ...extra }, admin);
  expect(res.status).toBe(302);
  return s;
}

/** The hidden version fields of the skill's edit page, as a browser sends them back. */
async function pageOf(key: string) {
  const res = await app.get(`/admin/skills/${key}`, admin);
  expect(res.status).toBe(200);
  const html = await res.text();
  return {
    version: /name="version" value="(\d+)"/.exec(html)![1]!,
    base: /name="base" value="([^"]*)"/.exec(html)?.[1] ?? "",
  };
}

async function auditActions(key: string) {
  const rows = await app.db
    .selectFrom("audit_log")
    .select("action")
    .where("entity", "=", "skill")
    .where("entity_id", "=", key)
    .orderBy("id")
    .execute();
  return rows.map((r) => r.action);
}

describe("skills catalogue: adding", () => {
  it("adds a skill at the end, audited, listed by the catalogue and the requirements editor", async () => {
    const s = await add({ description: "Keeps the lights on", sfiaCodes: "pbmg usup" });
    const row = await skill(s.key);
    expect(row).toMatchObject({ name: s.name, description: "Keeps the lights on", sfia_codes: "PBMG, USUP", version: 1 });
    expect(Number(row.retired)).toBe(0);
    const all = await listSkills(app.db);
    expect(all.at(-1)!.key).toBe(s.key);
    expect(await auditActions(s.key)).toEqual(["skill_create"]);
    expect(await (await app.get("/admin/skills", admin)).text()).toContain(`href="/admin/skills/${s.key}"`);
    const ladder = await app.get("/admin/ladder", admin);
    expect(await ladder.text()).toContain(s.name);
  });

  it("refuses bad input with 422 at the field, writing nothing", async () => {
    const taken = await add();
    const base = { intent: "create", ...fresh(), description: "", sfiaCodes: "" };
    const cases: [Record<string, string>, string][] = [
      [{ key: "" }, "key"],
      [{ key: "Has Spaces" }, "key"],
      [{ key: "under_score" }, "key"],
      [{ key: "x".repeat(41) }, "key"],
      [{ key: taken.key }, "key"],
      [{ name: "" }, "name"],
      [{ name: "   " }, "name"],
      [{ name: ` ${taken.name.toUpperCase()} ` }, "name"],
      [{ name: "debugging  AND root-cause analysis" }, "name"],
      [{ sfiaCodes: "US1P" }, "sfiaCodes"],
      [{ sfiaCodes: "USUP, usup" }, "sfiaCodes"],
    ];
    for (const [change, field] of cases) {
      const before = await snapshot();
      const res = await app.post("/admin/skills", { ...base, ...change }, admin);
      expect(res.status, JSON.stringify(change)).toBe(422);
      expect(await res.text(), JSON.stringify(change)).toContain(`id="f-${field}-error"`);
      expect(await snapshot(), JSON.stringify(change)).toBe(before);
    }
  });
});

describe("skills catalogue: editing", () => {
  it("renames, describes and maps a skill; the key and history stay; the next page load shows the name", async () => {
    const s = await add();
    const page = await pageOf(s.key);
    const renamed = `${s.name} renamed`;
    const res = await app.post(
      `/admin/skills/${s.key}`,
      { intent: "save", ...page, name: renamed, description: "Now described", sfiaCodes: "itmg" },
      admin,
    );
    expect(res.status).toBe(302);
    expect(await skill(s.key)).toMatchObject({ name: renamed, description: "Now described", sfia_codes: "ITMG", version: 2 });
    expect(await (await app.get("/admin/skills", admin)).text()).toContain(renamed);
    expect(await auditActions(s.key)).toEqual(["skill_create", "skill_update"]);
  });

  it("refuses a save from a stale page with 409, keeping the other admin's change", async () => {
    const s = await add();
    const page = await pageOf(s.key);
    const first = await app.post(
      `/admin/skills/${s.key}`,
      { intent: "save", ...page, name: `${s.name} one`, sfiaCodes: "" },
      admin,
    );
    expect(first.status).toBe(302);
    const before = await snapshot();
    const second = await app.post(
      `/admin/skills/${s.key}`,
      { intent: "save", ...page, name: `${s.name} two`, sfiaCodes: "" },
      admin,
    );
    expect(second.status).toBe(409);
    expect(await snapshot()).toBe(before);
    expect((await skill(s.key)).name).toBe(`${s.name} one`);
  });

  it("refuses an empty name on edit with 422 at the field", async () => {
    const s = await add();
    const before = await snapshot();
    const res = await app.post(`/admin/skills/${s.key}`, { intent: "save", ...(await pageOf(s.key)), name: "" }, admin);
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('id="f-name-error"');
    expect(await snapshot()).toBe(before);
  });
});

describe("skills catalogue: order and retirement", () => {
  it("moves a skill one place up, audited; the first cannot move up", async () => {
    const s = await add();
    const keys = (await listSkills(app.db, { includeRetired: true })).map((k) => k.key);
    const i = keys.indexOf(s.key);
    expect((await app.post("/admin/skills", { intent: "move", key: s.key, direction: "up" }, admin)).status).toBe(302);
    const after = (await listSkills(app.db, { includeRetired: true })).map((k) => k.key);
    expect(after.indexOf(s.key)).toBe(i - 1);
    expect(await auditActions(s.key)).toContain("skill_move");
    const before = await snapshot();
    const first = await app.post("/admin/skills", { intent: "move", key: after[0]!, direction: "up" }, admin);
    expect(first.status).toBe(409);
    expect(await snapshot()).toBe(before);
  });

  it("retires a skill: it leaves the lists of new work, keeps its row, shows as retired; restoring brings it back", async () => {
    const s = await add();
    const retire = await app.post(`/admin/skills/${s.key}`, { intent: "retire", key: s.key, ...(await pageOf(s.key)) }, admin);
    expect(retire.status).toBe(302);
    expect(Number((await skill(s.key)).retired)).toBe(1);
    expect((await listSkills(app.db)).map((k) => k.key)).not.toContain(s.key);
    expect((await listSkills(app.db, { includeRetired: true })).map((k) => k.key)).toContain(s.key);
    expect(await (await app.get("/admin/ladder", admin)).text()).not.toContain(s.name);
    expect(await (await app.get(`/admin/skills/${s.key}`, admin)).text()).toContain("Retired");

    const again = await app.post(`/admin/skills/${s.key}`, { intent: "retire", key: s.key }, admin);
    expect(again.status).toBe(409);

    const restore = await app.post(`/admin/skills/${s.key}`, { intent: "restore", key: s.key, ...(await pageOf(s.key)) }, admin);
    expect(restore.status).toBe(302);
    expect((await listSkills(app.db)).map((k) => k.key)).toContain(s.key);
    expect(await auditActions(s.key)).toEqual(["skill_create", "skill_retire", "skill_restore"]);
  });

  it("refuses everyone but admins, changing nothing", async () => {
    const manager = await app.signIn("daniel.kowalski@example.com");
    const before = await snapshot();
    const res = await app.post("/admin/skills", { intent: "create", ...fresh(), sfiaCodes: "" }, manager);
    expect(res.status).toBe(403);
    expect(await snapshot()).toBe(before);
  });
});
