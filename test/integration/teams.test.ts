// Teams over HTTP (issue 16, point 9): admins add, rename, retire and restore teams; a duplicate name is
// refused at the field (422) whatever its case; retiring a team with active members is refused (409) with a
// message naming it; a retired team takes no new members and is labelled retired; a stale page gets 409;
// only admins reach the pages (403). Also: the review queue's message names the item by its title.
import { beforeAll, describe, expect, it } from "vitest";
import { type TestApp, startApp } from "../support/app";
import { makeEvidence, makePerson, makeTeam, teamId, uid } from "../support/factories";

let app: TestApp;
let admin: string;

beforeAll(async () => {
  app = await startApp();
  admin = await app.signIn("admin@example.com");
});

const team = (id: number) => app.db.selectFrom("teams").selectAll().where("id", "=", id).executeTakeFirstOrThrow();

async function add(name = `Team ${uid()}`) {
  const res = await app.post("/admin/teams", { intent: "create", name }, admin);
  expect(res.status).toBe(302);
  const id = Number(/created=(\d+)/.exec(res.headers.get("location") ?? "")![1]);
  return { id, name };
}

async function versionOf(id: number) {
  const html = await (await app.get(`/admin/teams/${id}`, admin)).text();
  return /name="version" value="(\d+)"/.exec(html)![1]!;
}

const auditOf = (id: number) =>
  app.db
    .selectFrom("audit_log")
    .select("action")
    .where("entity", "=", "team")
    .where("entity_id", "=", String(id))
    .orderBy("id")
    .execute()
    .then((rows) => rows.map((r) => r.action));

describe("teams: create and rename", () => {
  it("adds a team, names it in the message and lists it, audited", async () => {
    const t = await add();
    const page = await app.get(`/admin/teams?created=${t.id}`, admin);
    const html = await page.text();
    expect(html).toContain(`Team “${t.name}” added.`);
    expect((await team(t.id)).retired_at).toBeNull();
    expect(await auditOf(t.id)).toEqual(["team_create"]);
  });

  it("refuses a duplicate name in any case next to the name field (422) and writes nothing", async () => {
    const t = await add();
    const before = await app.db.selectFrom("teams").select("id").execute();
    const res = await app.post("/admin/teams", { intent: "create", name: `  ${t.name.toUpperCase()} ` }, admin);
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('id="f-name-error"');
    expect(html).toContain(`A team is already called “${t.name}”: choose another name.`);
    expect((await app.db.selectFrom("teams").select("id").execute()).length).toBe(before.length);
  });

  it("refuses an empty name (422)", async () => {
    const res = await app.post("/admin/teams", { intent: "create", name: "   " }, admin);
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('id="f-name-error"');
    expect(html).toContain("Enter a name.");
  });

  it("renames a team; a rename to another team's name is 422; a stale page is 409", async () => {
    const t = await add();
    const other = await add();
    const version = await versionOf(t.id);
    const renamed = `Renamed ${uid()}`;
    const res = await app.post(`/admin/teams/${t.id}`, { intent: "rename", name: renamed, version, base: "" }, admin);
    expect(res.status).toBe(302);
    expect(await (await app.get(res.headers.get("location")!, admin)).text()).toContain(
      `Renamed: the team is now “${renamed}” everywhere.`,
    );
    expect((await team(t.id)).name).toBe(renamed);

    const dup = await app.post(`/admin/teams/${t.id}`, { intent: "rename", name: other.name }, admin);
    expect(dup.status).toBe(422);
    const stale = await app.post(`/admin/teams/${t.id}`, { intent: "rename", name: `Later ${uid()}`, version, base: "" }, admin);
    expect(stale.status).toBe(409);
    expect((await team(t.id)).name).toBe(renamed);
    expect(await auditOf(t.id)).toEqual(["team_create", "team_rename"]);
  });
});

describe("teams: retire", () => {
  it("refuses to retire a team with active members (409), naming the team", async () => {
    const { team: name } = await makeTeam(app.db, { count: 1 });
    const id = await teamId(app.db, name);
    const res = await app.post(`/admin/teams/${id}`, { intent: "retire" }, admin);
    expect(res.status).toBe(409);
    expect(await res.text()).toContain(`“${name}” still has 2 active members: move them all to another team first.`);
    expect((await team(id)).retired_at).toBeNull();
  });

  it("retires a team whose members have left; it keeps them, is labelled retired and takes no new members", async () => {
    const t = await add();
    const leaver = await makePerson(app.db, { team: t.id });
    await app.db.updateTable("people").set({ active: 0 }).where("id", "=", leaver.id).execute();
    const res = await app.post(`/admin/teams/${t.id}`, { intent: "retire" }, admin);
    expect(res.status).toBe(302);
    expect((await team(t.id)).retired_at).not.toBeNull();
    expect(
      (await app.db.selectFrom("people").select("team_id").where("id", "=", leaver.id).executeTakeFirstOrThrow()).team_id,
    ).toBe(t.id);
    const list = await (await app.get("/admin/teams", admin)).text();
    expect(list).toMatch(new RegExp(`${t.name}</a> <span class="badge returned">retired</span>`));
    expect(await (await app.get("/admin/people/new", admin)).text()).toContain(`${t.name} (retired)`);

    const again = await app.post(`/admin/teams/${t.id}`, { intent: "retire" }, admin);
    expect(again.status).toBe(409);
    expect(await auditOf(t.id)).toEqual(["team_create", "team_retire"]);

    const restored = await app.post(`/admin/teams/${t.id}`, { intent: "restore" }, admin);
    expect(restored.status).toBe(302);
    expect((await team(t.id)).retired_at).toBeNull();
  });

  it("a new person cannot join a retired team: 422 at the team field", async () => {
    const t = await add();
    await app.post(`/admin/teams/${t.id}`, { intent: "retire" }, admin);
    const u = uid();
    const res = await app.post(
      "/admin/people/new",
      { name: `Joiner ${u}`, email: `joiner.${u}@test.example`, role: "engineer", teamId: String(t.id), handles: `j${u}` },
      admin,
    );
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('id="f-teamId-error"');
    expect(html).toContain(`“${t.name}” is retired and takes no new members: choose a live team.`);
  });
});

describe("teams: who may", () => {
  it("refuses a manager and an engineer (403)", async () => {
    for (const email of ["daniel.kowalski@example.com", "ben.carter@example.com"]) {
      const cookie = await app.signIn(email);
      expect((await app.get("/admin/teams", cookie)).status).toBe(403);
      expect((await app.post("/admin/teams", { intent: "create", name: `Nope ${uid()}` }, cookie)).status).toBe(403);
    }
  });
});

describe("review queue message", () => {
  it("names the item verified by its title, not its id", async () => {
    const title = `Restored the mail relay ${uid()}`;
    const item = await makeEvidence(app.db, await app.personId("ben.carter@example.com"), { title }, { status: "submitted" });
    const cookie = await app.signIn("daniel.kowalski@example.com");
    const res = await app.post("/review", { intent: "verify", id: String(item.id) }, cookie);
    expect(res.status).toBe(302);
    const html = await (await app.get(res.headers.get("location")!, cookie)).text();
    const notice = /data-testid="review-done"[^>]*>(.*?)<\/p>/.exec(html)?.[1] ?? "";
    expect(notice).toContain(`href="/evidence/${item.id}"`);
    expect(notice.replace(/<[^>]+>/g, "")).toBe(`Verified: “${title}”.`);
    expect(html).not.toContain(`item ${item.id}`);
  });
});
