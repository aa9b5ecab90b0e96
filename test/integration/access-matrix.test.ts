import { beforeAll, describe, expect, it } from "vitest";
import { type TestApp, startApp } from "../support/app";
import { makePerson } from "../support/factories";
import { fingerprint } from "../support/fingerprint";
import { AREAS } from "./access/index";
import { ACTORS, type Actor, type Ctx } from "./access/types";

let app: TestApp;
const ctx: Ctx = {};
const cookies = new Map<Actor, string | null>();

// The extra column: an admin who signed in and was then deactivated (by another admin, the product's way),
// whose old cookie is replayed. It must get exactly what anonymous gets — sent to sign in, refused — and
// change nothing; its expectation is derived from the anonymous column, not written into every row.
let deactivated = "";

beforeAll(async () => {
  app = await startApp();
  for (const area of AREAS) Object.assign(ctx, (await area.prepare?.(app, ctx)) ?? {});
  const gone = await makePerson(app.db, { role: "admin", password: "deactivated-admin-pw" });
  deactivated = await app.signIn(gone.email, gone.password!);
  expect((await app.get("/admin", deactivated)).status).toBe(200);
  const admin = await app.signIn(ACTORS.admin);
  expect((await app.post(`/admin/people/${gone.id}`, { intent: "deactivate" }, admin)).status).toBe(302);
});

async function cookieFor(actor: Actor): Promise<string | null> {
  const email = ACTORS[actor];
  if (!email) return null;
  // Sign in afresh when a row may have revoked the session (deactivation).
  const existing = cookies.get(actor);
  if (existing && (await app.get("/profile", existing)).status === 200) return existing;
  await app.db.updateTable("people").set({ active: 1 }).where("email", "=", email).execute();
  const c = await app.signIn(email);
  cookies.set(actor, c);
  return c;
}

const actors = Object.keys(ACTORS) as Actor[];

for (const area of AREAS) {
  describe(`access matrix: ${area.name}`, () => {
    for (const row of area.rows) {
      it(`${row.method} ${row.path(new Proxy({}, { get: (_t, k) => `:${String(k)}` }))}`, async () => {
        const got: Record<string, number> = {};
        for (const actor of actors) {
          const cookie = await cookieFor(actor);
          const path = row.path(ctx);
          const res = row.method === "GET" ? await app.get(path, cookie) : await app.post(path, row.form?.(ctx) ?? {}, cookie);
          got[actor] = res.status;
          if (actor === "anonymous" && res.status === 302) expect(res.headers.get("location")).toMatch(/^\/login/);
        }
        expect(got).toEqual(row.expect);

        const path = row.path(ctx);
        const before = row.method === "POST" ? await fingerprint(app.db) : "";
        const res =
          row.method === "GET" ? await app.get(path, deactivated) : await app.post(path, row.form?.(ctx) ?? {}, deactivated);
        expect(res.status, "deactivated: as anonymous").toBe(row.expect.anonymous);
        if (res.status === 302) expect(res.headers.get("location")).toMatch(/^\/login/);
        if (row.method === "POST") expect(await fingerprint(app.db), "deactivated: nothing changed").toBe(before);
      });
    }
  });
}
