// Issue 16, point 5: a mapping-rule edit shows what it changes (items and points per skill) before it is
// saved; the preview writes nothing; "Apply" saves only the values previewed. Each test makes its own rule.
import { beforeAll, describe, expect, it } from "vitest";
import { type TestApp, startApp } from "../support/app";
import { uid } from "../support/factories";

let app: TestApp;
let admin = "";

beforeAll(async () => {
  app = await startApp();
  admin = await app.signIn("admin@example.com");
});

const form = (reason: string, over: Record<string, string> = {}) => ({
  intent: "save",
  kind: "knowledge",
  skill: "leadership",
  points: "2",
  reason,
  ...over,
});

/** Everything a preview must leave alone: the rule, every contribution, the stored buckets, the rule's audit. */
async function stored(ruleId: number) {
  const rule = await app.db.selectFrom("mapping_rules").selectAll().where("id", "=", ruleId).executeTakeFirstOrThrow();
  const contributions = await app.db
    .selectFrom("contributions")
    .select((eb) => [eb.fn.countAll<number>().as("n"), eb.fn.sum<number>("points").as("pts")])
    .where("rule_id", "=", ruleId)
    .executeTakeFirstOrThrow();
  const audit = await app.db
    .selectFrom("audit_log")
    .select("id")
    .where("entity", "=", "mapping_rule")
    .where("entity_id", "=", String(ruleId))
    .execute();
  return JSON.stringify({ rule, n: Number(contributions.n), pts: Number(contributions.pts ?? 0), audit: audit.length });
}

const keyOf = (html: string) =>
  /name="previewed" value="([^"]*)"/
    .exec(html)![1]!
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");

async function newRule() {
  const reason = `Preview rule ${uid()}`;
  const res = await app.post("/admin/rules/new", form(reason), admin);
  expect(res.status).toBe(302);
  return Number(/created=(\d+)/.exec(res.headers.get("location")!)![1]);
}

describe("mapping-rule edit preview", () => {
  it("shows the items and points per skill that change, and writes nothing", async () => {
    const ruleId = await newRule();
    const knowledge = Number(
      (
        await app.db
          .selectFrom("evidence")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .where("kind", "=", "knowledge")
          .executeTakeFirstOrThrow()
      ).n,
    );
    const total = Number(
      (
        await app.db
          .selectFrom("evidence")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
    const before = await stored(ruleId);
    const res = await app.post(`/admin/rules/${ruleId}`, form("Renamed and moved", { skill: "communication" }), admin);
    expect(res.status).toBe(200);
    const html = await res.text();
    // every knowledge item moves 2 points from leadership to communication
    expect(html).toContain(`${knowledge} items of ${total} change their points.`);
    expect(html).toMatch(
      new RegExp(
        `Leadership and ownership</th><td>${knowledge}</td><td>${2 * knowledge}</td><td>0</td><td>-${2 * knowledge}</td>`,
      ),
    );
    expect(html).toMatch(
      new RegExp(
        `Customer and stakeholder communication</th><td>${knowledge}</td><td>0</td><td>${2 * knowledge}</td><td>\\+${2 * knowledge}</td>`,
      ),
    );
    expect(html).toContain("Apply: save the rule");
    expect(await stored(ruleId)).toBe(before);
  });

  it("applies the values previewed; values changed since the preview get a new preview, not a save", async () => {
    const ruleId = await newRule();
    const before = await stored(ruleId);
    const preview = await (await app.post(`/admin/rules/${ruleId}`, form("Three points", { points: "3" }), admin)).text();
    const key = keyOf(preview);

    const changed = await app.post(
      `/admin/rules/${ruleId}`,
      { ...form("Three points", { points: "4" }), apply: "yes", previewed: key },
      admin,
    );
    expect(changed.status).toBe(200);
    expect(await changed.text()).toContain("The rule was changed after the last preview");
    expect(await stored(ruleId)).toBe(before);

    const applied = await app.post(
      `/admin/rules/${ruleId}`,
      { ...form("Three points", { points: "3" }), apply: "yes", previewed: key },
      admin,
    );
    expect(applied.status).toBe(302);
    const rule = await app.db.selectFrom("mapping_rules").selectAll().where("id", "=", ruleId).executeTakeFirstOrThrow();
    expect(rule).toMatchObject({ points: 3, reason: "Three points" });
  });

  it("refuses bad values with the fields' messages before any preview (422, nothing written)", async () => {
    const ruleId = await newRule();
    const before = await stored(ruleId);
    const res = await app.post(`/admin/rules/${ruleId}`, form("Bad", { skill: "juggling" }), admin);
    expect(res.status).toBe(422);
    expect(await res.text()).toContain("Unknown skill");
    expect(await stored(ruleId)).toBe(before);
  });

  it("keeps the preview bounded in time over every stored item", async () => {
    const ruleId = await newRule();
    const t0 = performance.now();
    const res = await app.post(`/admin/rules/${ruleId}`, form("Any kind", { kind: "*" }), admin);
    expect(res.status).toBe(200);
    expect(performance.now() - t0).toBeLessThan(5000);
  });
});
