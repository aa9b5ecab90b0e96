import { beforeAll, describe, expect, it } from "vitest";
import { now as clockNow, nowMs } from "../../app/clock.server";
import { type TestApp, startApp } from "../support/app";
import { FREE_PAIR_FAILURES, MAX_FAILURES_PER_ADDRESS } from "../../app/auth/throttle";
import { BAD_CREDENTIALS } from "../../app/auth/sign-in.server";

let app: TestApp;
beforeAll(async () => {
  app = await startApp();
});

describe("sign-in", () => {
  it("signs in with the right password and sets a hardened session cookie", async () => {
    const res = await app.post("/login", { email: "aisha.khan@example.com", password: "supportpath-demo" });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/");
    const cookie = res.headers.get("set-cookie")!;
    expect(cookie).toMatch(/^sp_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i);
    const home = await app.get("/", cookie.split(";")[0]);
    expect(home.status).toBe(200);
    expect(await home.text()).toContain("Aisha Khan");
  });

  it("marks the cookie Secure behind https", async () => {
    const res = await app.post("/login", { email: "ben.carter@example.com", password: "supportpath-demo" }, null, {
      "X-Forwarded-Proto": "https",
    });
    expect(res.headers.get("set-cookie")).toMatch(/Secure/i);
  });

  it("issues a new session id at every sign-in", async () => {
    const a = await app.signIn("tom.becker@example.com");
    const b = await app.signIn("tom.becker@example.com");
    expect(a).not.toBe(b);
    const sessions = await app.db
      .selectFrom("sessions")
      .select("id")
      .where("person_id", "=", await app.personId("tom.becker@example.com"))
      .execute();
    expect(sessions.length).toBeGreaterThanOrEqual(2);
  });

  it("gives the same message for a wrong email and a wrong password", async () => {
    const wrongPw = await app.post("/login", { email: "zoe.adams@example.com", password: "not-the-password" });
    const wrongEmail = await app.post("/login", { email: "nobody@example.com", password: "not-the-password" });
    expect(wrongPw.status).toBe(401);
    expect(wrongEmail.status).toBe(401);
    const [a, b] = [await wrongPw.text(), await wrongEmail.text()];
    expect(a).toContain(BAD_CREDENTIALS.replace(/'/g, "&#x27;"));
    expect(b).toContain(BAD_CREDENTIALS.replace(/'/g, "&#x27;"));
  });

  it("backs off an address that keeps failing on an account, even with the right password, and says so", async () => {
    const email = "hannah.schmidt@example.com";
    const attacker = "198.51.100.7";
    for (let i = 0; i < FREE_PAIR_FAILURES; i++) {
      expect((await app.post("/login", { email, password: "wrong-password-" + i }, null, {}, { address: attacker })).status).toBe(
        401,
      );
    }
    const refused = await app.post("/login", { email, password: "supportpath-demo" }, null, {}, { address: attacker });
    expect(refused.status).toBe(429);
    expect(await refused.text()).toContain("Too many failed sign-in attempts");
    expect(refused.headers.get("set-cookie")).toBeNull();
    // the account's owner, elsewhere, is not locked out (test/integration/security-throttle.test.ts has more)
    expect(
      (await app.post("/login", { email, password: "supportpath-demo" }, null, {}, { address: "198.51.100.8" })).status,
    ).toBe(302);
  });

  it("limits failures per address across accounts", async () => {
    const sprayer = "203.0.113.9";
    for (let i = 0; i < MAX_FAILURES_PER_ADDRESS; i++) {
      await app.post("/login", { email: `ghost${i}@example.com`, password: "x-wrong-password" }, null, {}, { address: sprayer });
    }
    const res = await app.post(
      "/login",
      { email: "grace.liu@example.com", password: "supportpath-demo" },
      null,
      {},
      { address: sprayer },
    );
    expect(res.status).toBe(429);
  });

  it("refuses an empty field with 422 and never sends a typed password back", async () => {
    const empty = await app.post("/login", { email: "zoe.adams@example.com", password: "" });
    expect(empty.status).toBe(422);
    expect(await empty.text()).toContain("Enter your email and password.");
    const wrong = await app.post("/login", { email: "zoe.adams@example.com", password: "typed-secret-123" });
    expect(wrong.status).toBe(401);
    const html = await wrong.text();
    expect(html).not.toContain("typed-secret-123");
    expect(html).toContain("zoe.adams@example.com");
  });

  it("a wrong current password on the profile is refused at the field, echoing no password", async () => {
    const cookie = await app.signIn("ravi.patel@example.com");
    const res = await app.post(
      "/profile",
      { current: "typed-secret-456", password: "new-secret-7890", confirm: "new-secret-7890" },
      cookie,
    );
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('id="f-current-error"');
    expect(html).not.toContain("typed-secret-456");
    expect(html).not.toContain("new-secret-7890");
  });

  it("follows redirectTo only for same-site paths", async () => {
    const cases: [string, string][] = [
      ["/evidence?kind=incident", "/evidence?kind=incident"],
      ["https://evil.example/phish", "/"],
      ["//evil.example", "/"],
      ["/\\evil.example", "/"],
      ["javascript:alert(1)", "/"],
    ];
    for (const [to, expected] of cases) {
      const res = await app.post("/login", { email: "noah.brown@example.com", password: "supportpath-demo", redirectTo: to });
      expect(res.status).toBe(302);
      expect(res.headers.get("location")).toBe(expected);
    }
  });

  it("sends anonymous visitors to sign in, remembering where they were going", async () => {
    const res = await app.get("/admin/people?q=x");
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/login?redirectTo=%2Fadmin%2Fpeople%3Fq%3Dx");
  });
});

describe("sessions", () => {
  it("sign-out revokes the session on the server", async () => {
    const cookie = await app.signIn("emma.wilson@example.com");
    const out = await app.post("/logout", {}, cookie);
    expect(out.status).toBe(302);
    expect(out.headers.get("set-cookie")).toMatch(/Max-Age=0/i);
    // replaying the old cookie no longer works
    expect((await app.get("/", cookie)).status).toBe(302);
  });

  it("an expired session no longer signs anyone in", async () => {
    const cookie = await app.signIn("jonas.berg@example.com");
    expect((await app.get("/", cookie)).status).toBe(200);
    const id = await app.personId("jonas.berg@example.com");
    await app.db
      .updateTable("sessions")
      .set({ expires_at: new Date(nowMs() - 1000).toISOString() })
      .where("person_id", "=", id)
      .execute();
    const res = await app.get("/", cookie);
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toMatch(/^\/login/);
  });

  it("a revoked session (e.g. after deactivation) is refused", async () => {
    const cookie = await app.signIn("fatima.alsayed@example.com");
    const id = await app.personId("fatima.alsayed@example.com");
    await app.db.updateTable("sessions").set({ revoked_at: clockNow().toISOString() }).where("person_id", "=", id).execute();
    expect((await app.get("/", cookie)).status).toBe(302);
  });

  it("a forged cookie is ignored", async () => {
    expect((await app.get("/", "sp_session=forged-value")).status).toBe(302);
  });
});
