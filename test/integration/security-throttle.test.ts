// Sign-in throttling that cannot lock a victim out (issue 12 part 3): back-off per account and address, a
// limit per address, X-Forwarded-For believed from trusted proxies only, the same throttle on the profile's
// password check and on set-password links, and the structured events of failures and refusals.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { FREE_PAIR_FAILURES, MAX_FAILURES_PER_ADDRESS, SLOW_ACCOUNT_FAILURES } from "../../app/auth/throttle";
import { eventsDuring } from "../support/events";
import { type TestApp, startApp } from "../support/app";
import { makePerson } from "../support/factories";

let app: TestApp;
beforeAll(async () => {
  app = await startApp();
});
afterEach(() => {
  delete process.env.TRUSTED_PROXIES;
  vi.restoreAllMocks();
});

const RIGHT = "the-right-password-1";
// Addresses of this file's own (RFC 5737 ranges), so the tests' counts never meet.
let next = 0;
const address = () => `198.51.100.${++next}`;

async function person() {
  return makePerson(app.db, { password: RIGHT });
}

function login(email: string, password: string, from: string, headers: Record<string, string> = {}) {
  return app.post("/login", { email, password }, null, headers, { address: from });
}

describe("the victim case", () => {
  it("an attacker hammering an account is backed off; the owner's right password from elsewhere still works", async () => {
    const victim = await person();
    const attacker = address();
    const home = address();
    for (let i = 0; i < FREE_PAIR_FAILURES; i++) expect((await login(victim.email, `guess-${i}`, attacker)).status).toBe(401);
    // the attacker's pair waits now, whatever it sends: the right password too, so guessing gains nothing
    for (const pw of ["guess-x", RIGHT]) {
      const refused = await login(victim.email, pw, attacker);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(refused.headers.get("set-cookie")).toBeNull();
    }
    // … while the owner signs in from home
    const ok = await login(victim.email, RIGHT, home);
    expect(ok.status).toBe(302);
    expect(ok.headers.get("set-cookie")).toMatch(/^sp_session=/);
  });

  it("many addresses failing on one account slow it down but never lock it", async () => {
    const victim = await person();
    for (let i = 0; i < SLOW_ACCOUNT_FAILURES + 2; i++) {
      expect((await login(victim.email, `spray-${i}`, address())).status).toBe(401);
    }
    expect((await login(victim.email, RIGHT, address())).status).toBe(302);
  });

  it("a right password clears its own pair's back-off", async () => {
    const me = await person();
    const from = address();
    for (let i = 0; i < FREE_PAIR_FAILURES - 1; i++) await login(me.email, `typo-${i}`, from);
    expect((await login(me.email, RIGHT, from)).status).toBe(302);
    // counted afresh: FREE_PAIR_FAILURES - 1 more typos are still free
    for (let i = 0; i < FREE_PAIR_FAILURES - 1; i++) expect((await login(me.email, `typo2-${i}`, from)).status).toBe(401);
    expect((await login(me.email, RIGHT, from)).status).toBe(302);
  });
});

describe("the limit per address", () => {
  it("an address spraying many accounts is refused for every account; other addresses are not", async () => {
    const sprayer = address();
    for (let i = 0; i < MAX_FAILURES_PER_ADDRESS; i++) {
      expect((await login(`nobody.${i}.${sprayer}@example.com`, "password1", sprayer)).status).toBe(401);
    }
    const someone = await person();
    expect((await login(someone.email, RIGHT, sprayer)).status).toBe(429);
    expect((await login(someone.email, RIGHT, address())).status).toBe(302);
  });
});

describe("the client address", () => {
  it("X-Forwarded-For from a client that is not a trusted proxy is ignored: its own address is counted", async () => {
    const spoofer = address();
    for (let i = 0; i < MAX_FAILURES_PER_ADDRESS; i++) {
      // a different claimed address every time does not escape the limit
      await login(`ghost.${i}@example.com`, "password1", spoofer, { "X-Forwarded-For": `203.0.113.${i + 1}` });
    }
    const someone = await person();
    expect((await login(someone.email, RIGHT, spoofer, { "X-Forwarded-For": "203.0.113.200" })).status).toBe(429);
  });

  it("behind a trusted proxy the client is the right-most untrusted hop of X-Forwarded-For", async () => {
    process.env.TRUSTED_PROXIES = "10.0.0.0/8";
    const proxy = "10.9.8.7";
    const client = address();
    for (let i = 0; i < MAX_FAILURES_PER_ADDRESS; i++) {
      // the client prepends a made-up hop each time; our proxy appends the real one
      await login(`phantom.${i}@example.com`, "password1", proxy, { "X-Forwarded-For": `203.0.113.${i + 1}, ${client}` });
    }
    const someone = await person();
    expect((await login(someone.email, RIGHT, proxy, { "X-Forwarded-For": `1.2.3.4, ${client}` })).status).toBe(429);
    // another client behind the same proxy is not affected, nor is the proxy's own address
    expect((await login(someone.email, RIGHT, proxy, { "X-Forwarded-For": address() })).status).toBe(302);
    expect((await login(someone.email, RIGHT, proxy)).status).toBe(302);
  });

  it("a TRUSTED_PROXIES entry that is not an address or range stops `npm start` with a message", () => {
    const r = spawnSync(process.execPath, [path.resolve("build/server/main.js"), "--no-prepare"], {
      env: { ...process.env, TRUSTED_PROXIES: "10.0.0.0/8, proxy.internal", SESSION_SECRET: "x", PORT: "0" },
      encoding: "utf8",
      timeout: 20_000,
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('TRUSTED_PROXIES: "proxy.internal" is not an address or a CIDR range');
  });
});

describe("the same throttle on every password check", () => {
  it("the profile's current-password check backs off per address, and still works from elsewhere", async () => {
    const me = await person();
    const cookie = await app.post("/login", { email: me.email, password: RIGHT }, null, {}, { address: address() });
    const session = cookie.headers.get("set-cookie")!.split(";")[0]!;
    const change = (current: string, from: string) =>
      app.post(
        "/profile",
        { current, password: "a-new-password-123", confirm: "a-new-password-123" },
        session,
        {},
        { address: from },
      );
    const laptop = address();
    for (let i = 0; i < FREE_PAIR_FAILURES; i++) expect((await change(`wrong-${i}`, laptop)).status).toBe(422);
    const refused = await change(RIGHT, laptop);
    expect(refused.status).toBe(429);
    expect(await refused.text()).toContain("Too many failed");
    // the password was not changed by the refused request; from another address it is
    expect((await change(RIGHT, address())).status).toBe(200);
  });

  it("failed profile checks count towards sign-in's back-off for the same account and address", async () => {
    const me = await person();
    const from = address();
    const res = await app.post("/login", { email: me.email, password: RIGHT }, null, {}, { address: from });
    const session = res.headers.get("set-cookie")!.split(";")[0]!;
    for (let i = 0; i < FREE_PAIR_FAILURES; i++) {
      await app.post(
        "/profile",
        { current: `nope-${i}`, password: "a-new-password-123", confirm: "a-new-password-123" },
        session,
        {},
        { address: from },
      );
    }
    expect((await login(me.email, RIGHT, from)).status).toBe(429);
  });

  it("set-password links that do not work count against the address", async () => {
    const guesser = address();
    for (let i = 0; i < MAX_FAILURES_PER_ADDRESS; i++) {
      expect((await app.fetch(`/set-password/guess-${i}-aaaaaaaaaaaaaaaaaaaaaaaaaa`, { address: guesser })).status).toBe(404);
    }
    expect((await app.fetch("/set-password/one-more-guess", { address: guesser })).status).toBe(429);
    expect((await app.fetch("/set-password/one-more-guess", { address: address() })).status).toBe(404);
  });
});

describe("structured events", () => {
  it("a failed sign-in and a throttled one are logged as one JSON line each, never with the password", async () => {
    const victim = await person();
    const from = address();
    const events = await eventsDuring(async () => {
      for (let i = 0; i <= FREE_PAIR_FAILURES; i++) await login(victim.email, `secret-guess-${i}`, from);
    });
    const failed = events.filter((e) => e.event === "auth.sign_in_failed");
    const throttled = events.filter((e) => e.event === "auth.sign_in_throttled");
    expect(failed).toHaveLength(FREE_PAIR_FAILURES);
    expect(failed[0]).toMatchObject({ address: from, account: victim.id });
    expect(Date.parse(failed[0]!.at as string)).not.toBeNaN();
    expect(throttled).toEqual([
      expect.objectContaining({ address: from, reason: "pair", account: expect.stringMatching(/^h:/) }),
    ]);
    const raw = JSON.stringify(events);
    expect(raw).not.toContain("secret-guess");
    expect(raw).not.toContain(victim.email);
  });

  it("an unknown account is named by a hash of the email typed", async () => {
    const events = await eventsDuring(async () => {
      await login("no.such.person@example.com", "whatever-1", address());
    });
    expect(events).toEqual([
      expect.objectContaining({ event: "auth.sign_in_failed", account: expect.stringMatching(/^h:[0-9a-f]{16}$/) }),
    ]);
    expect(JSON.stringify(events)).not.toContain("no.such.person");
  });

  it("refused access (403 and 404 of the permission module) is logged with who, where from and what", async () => {
    const me = await person();
    const from = address();
    const res = await app.post("/login", { email: me.email, password: RIGHT }, null, {}, { address: from });
    const session = res.headers.get("set-cookie")!.split(";")[0]!;
    const other = await makePerson(app.db);
    const events = await eventsDuring(async () => {
      expect((await app.fetch("/admin/people", { cookie: session, address: from })).status).toBe(403);
      expect((await app.fetch(`/people/${other.id}`, { cookie: session, address: from })).status).toBe(404);
    });
    expect(events).toEqual([
      expect.objectContaining({ event: "access.forbidden", account: me.id, address: from, method: "GET", path: "/admin/people" }),
      expect.objectContaining({ event: "access.not_found", account: me.id, address: from, path: `/people/${other.id}` }),
    ]);
  });
});
