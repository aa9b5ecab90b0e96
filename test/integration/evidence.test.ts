// The evidence area over HTTP: logging, editing, review, adjustments, endorsements, deletion and
// the mapping-rule admin, each with the invalid and unauthorised variants writing nothing.
import { beforeAll, describe, expect, it } from "vitest";
import { now, nowMs } from "../../app/clock.server";
import type { Actor } from "../../app/auth/authorize.server";
import { adjustEvidence, createEvidenceItem, reviewEvidence, submitEvidence } from "../../app/services/evidence.server";
import { createRule, setRuleActive } from "../../app/services/rules.server";
import { type TestApp, startApp } from "../support/app";

let app: TestApp;
const cookie: Record<string, string> = {};
const id: Record<string, number> = {};

const EMAILS = {
  ben: "ben.carter@example.com",
  aisha: "aisha.khan@example.com",
  olga: "olga.ivanova@example.com",
  daniel: "daniel.kowalski@example.com",
  sofia: "sofia.marin@example.com",
  admin: "admin@example.com",
} as const;

beforeAll(async () => {
  app = await startApp();
  for (const [who, email] of Object.entries(EMAILS)) {
    cookie[who] = await app.signIn(email);
    id[who] = await app.personId(email);
  }
});

/** Row counts of every table the evidence area writes. */
async function counts() {
  const out: Record<string, number> = {};
  for (const t of ["evidence", "contributions", "adjustments", "endorsements", "audit_log", "mapping_rules"] as const) {
    const r = await app.db
      .selectFrom(t)
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    out[t] = Number(r.n);
  }
  return out;
}

/** A snapshot of one item and what hangs off it, to prove that nothing changed. */
async function snapshot(evidenceId: number) {
  return {
    item: await app.db.selectFrom("evidence").selectAll().where("id", "=", evidenceId).executeTakeFirst(),
    contributions: await app.db
      .selectFrom("contributions")
      .selectAll()
      .where("evidence_id", "=", evidenceId)
      .orderBy("id")
      .execute(),
    adjustments: await app.db.selectFrom("adjustments").selectAll().where("evidence_id", "=", evidenceId).execute(),
    endorsements: await app.db.selectFrom("endorsements").selectAll().where("evidence_id", "=", evidenceId).execute(),
  };
}

function incident(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    intent: "submit",
    title: "Led the P1 bridge for the payments outage",
    kind: "incident",
    externalRef: "INC0099001",
    startedAt: "2026-01-10T02:00",
    resolvedAt: "2026-01-10T05:30",
    priority: "P1",
    impact: "critical",
    workRole: "lead",
    outcome: "resolved",
    afterHours: "on",
    afterHoursMinutes: "210",
    durationMinutes: "",
    notes: "**Root cause:** an expired certificate.",
    links: "https://status.example.com/incidents/1\nhttps://wiki.example.com/pm/1",
    ...overrides,
  };
}

async function create(who: keyof typeof EMAILS, form: Record<string, string>): Promise<number> {
  const res = await app.post("/evidence/new", form, cookie[who]);
  expect(res.status, await res.clone().text()).toBe(302);
  const m = /^\/evidence\/(\d+)\?/.exec(res.headers.get("location") ?? "");
  expect(m).not.toBeNull();
  return Number(m![1]);
}

async function contributionsOf(evidenceId: number) {
  return app.db
    .selectFrom("contributions")
    .select(["skill_key", "points", "reason", "adjusted", "counted", "verified"])
    .where("evidence_id", "=", evidenceId)
    .orderBy("id")
    .execute();
}

async function auditOf(evidenceId: number) {
  return app.db
    .selectFrom("audit_log")
    .selectAll()
    .where("entity", "=", "evidence")
    .where("entity_id", "=", String(evidenceId))
    .orderBy("id")
    .execute();
}

/** The page's HTML without React's text-node separators ("Page <!-- -->2<!-- --> of 5"). */
async function text(res: Response): Promise<string> {
  return (await res.text()).replace(/<!-- -->/g, "");
}

/** React escapes quotes and apostrophes in text; compare against the same escaping. */
function html(text: string) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/'/g, "&#x27;").replace(/"/g, "&quot;");
}

describe("logging evidence", () => {
  it("creates a P1 incident the engineer led, maps it onto skills with reasons and audits it", async () => {
    const before = await counts();
    const evidenceId = await create("ben", incident());
    const row = await app.db.selectFrom("evidence").selectAll().where("id", "=", evidenceId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      person_id: id.ben,
      status: "submitted",
      kind: "incident",
      priority: "P1",
      work_role: "lead",
      after_hours: 1,
      after_hours_minutes: 210,
      source: "manual",
      started_at: "2026-01-10T02:00:00.000Z",
      resolved_at: "2026-01-10T05:30:00.000Z",
    });
    // the duration, left empty, comes from start and finish
    expect(row.duration_minutes).toBe(210);
    expect(JSON.parse(row.links_json!)).toEqual(["https://status.example.com/incidents/1", "https://wiki.example.com/pm/1"]);
    const contributions = await contributionsOf(evidenceId);
    const bySkill = (k: string) => contributions.filter((c) => c.skill_key === k).reduce((s, c) => s + c.points, 0);
    expect(bySkill("crisis")).toBe(4 + 1); // P1 incident + handled after hours
    expect(bySkill("leadership")).toBe(3);
    expect(bySkill("debugging")).toBe(2);
    expect(contributions.every((c) => c.counted === 1 && c.verified === 0)).toBe(true);
    const audit = await auditOf(evidenceId);
    expect(audit.map((a) => a.action)).toEqual(["evidence_create"]);
    expect(JSON.parse(audit[0]!.after_json!)).toMatchObject({ status: "submitted" });
    const after = await counts();
    expect(after.evidence).toBe(before.evidence + 1);
    expect(after.audit_log).toBe(before.audit_log + 1);

    const page = await app.get(`/evidence/${evidenceId}`, cookie.ben);
    expect(page.status).toBe(200);
    const body = await page.text();
    expect(body).toContain("P1 incident: +4 Crisis and major-incident handling");
    expect(body).toContain("Major incident you led: +3 Leadership and ownership");
    expect(body).toContain("Incident resolved: +2 Debugging and root-cause analysis");
    expect(body).toContain("<strong>Root cause:</strong>");
  });

  it("saves a draft that nobody else can see", async () => {
    const evidenceId = await create("ben", incident({ intent: "draft", title: "Draft: still writing this up" }));
    expect(
      (await app.db.selectFrom("evidence").select("status").where("id", "=", evidenceId).executeTakeFirstOrThrow()).status,
    ).toBe("draft");
    expect((await contributionsOf(evidenceId)).every((c) => c.counted === 0)).toBe(true);
    expect((await app.get(`/evidence/${evidenceId}`, cookie.ben)).status).toBe(200);
    for (const who of ["aisha", "daniel", "admin", "olga"] as const)
      expect((await app.get(`/evidence/${evidenceId}`, cookie[who])).status).toBe(404);
    const list = await (await app.get(`/evidence?person=${id.ben}`, cookie.daniel)).text();
    expect(list).not.toContain("Draft: still writing this up");
  });

  it("refuses invalid input with a message next to each field and writes nothing", async () => {
    const before = await counts();
    const future = new Date(nowMs() + 3 * 86_400_000).toISOString().slice(0, 16);
    const res = await app.post(
      "/evidence/new",
      incident({
        title: "  ",
        kind: "no-such-kind",
        resolvedAt: future,
        links: "https://ok.example.com\njavascript:alert(1)",
        priority: "P9",
      }),
      cookie.ben,
    );
    expect(res.status).toBe(422);
    const body = await res.text();
    expect(body).toContain("Enter a title.");
    expect(body).toContain("Choose a kind of work from the list.");
    expect(body).toContain("The finish date cannot be in the future.");
    expect(body).toContain("Line 2 is not an http(s) link");
    expect(body).toContain("Choose a priority from the list.");
    expect(body).toContain('id="f-title-error"');
    expect(await counts()).toEqual(before);
  });

  it("refuses a start after the finish, a malformed date and a 201-character title", async () => {
    const before = await counts();
    const a = await app.post("/evidence/new", incident({ startedAt: "2026-01-10T06:00" }), cookie.ben);
    expect(a.status).toBe(422);
    expect(await a.text()).toContain("The start must be before the finish.");
    const b = await app.post("/evidence/new", incident({ resolvedAt: "2026-02-31T10:00" }), cookie.ben);
    expect(b.status).toBe(422);
    expect(await b.text()).toContain("Enter a date and time");
    const c = await app.post("/evidence/new", incident({ title: "x".repeat(201) }), cookie.ben);
    expect(c.status).toBe(422);
    expect(await c.text()).toContain("Use at most 200 characters.");
    expect(await counts()).toEqual(before);
  });

  it("clears details that do not apply to the chosen kind", async () => {
    const evidenceId = await create(
      "ben",
      incident({ kind: "knowledge", title: "KB: rotating the payments key", workRole: "lead" }),
    );
    const row = await app.db.selectFrom("evidence").selectAll().where("id", "=", evidenceId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      priority: null,
      impact: null,
      work_role: null,
      outcome: null,
      after_hours: 0,
      after_hours_minutes: 0,
    });
    expect((await contributionsOf(evidenceId)).map((c) => c.skill_key).sort()).toEqual(["communication", "itil"]);
  });

  it("renders notes safely: script tags, event handlers and javascript: links are neutralised", async () => {
    const evidenceId = await create(
      "ben",
      incident({
        notes: "<script>alert('x')</script>\n\n<img src=x onerror=alert(1)>\n\n[click me](javascript:alert(2))",
      }),
    );
    const body = await (await app.get(`/evidence/${evidenceId}`, cookie.ben)).text();
    expect(body).not.toContain("<script>alert");
    expect(body).toContain("&lt;script&gt;alert");
    expect(body).not.toMatch(/<img[^>]*onerror/);
    expect(body).not.toMatch(/href="javascript:/i);
  });
});

describe("editing", () => {
  it("sends a verified item back for review when its owner changes it, re-derives its points and audits the change", async () => {
    const evidenceId = await create(
      "ben",
      incident({ priority: "P3", impact: "medium", workRole: "contributor", afterHours: "" }),
    );
    expect((await app.post(`/evidence/${evidenceId}`, { intent: "verify" }, cookie.daniel)).status).toBe(302);
    expect((await contributionsOf(evidenceId)).map((c) => c.skill_key)).not.toContain("crisis");
    // the edit page is a page of its own, showing the stored values and the verified warning
    const form = await text(await app.get(`/evidence/${evidenceId}/edit`, cookie.ben));
    expect(form).toContain("<h1>Edit evidence");
    expect(form).toContain('<option value="P3" selected="">');
    expect(form).toContain("Saving a change sends it back to your manager for review.");
    expect(form).not.toContain('id="h-points"');
    const res = await app.post(
      `/evidence/${evidenceId}/edit`,
      incident({ intent: "save", priority: "P1", workRole: "contributor", afterHours: "" }),
      cookie.ben,
    );
    expect(res.status).toBe(302);
    const row = await app.db.selectFrom("evidence").selectAll().where("id", "=", evidenceId).executeTakeFirstOrThrow();
    expect(row.status).toBe("submitted");
    expect(row.verified_by).toBeNull();
    const contributions = await contributionsOf(evidenceId);
    expect(contributions.find((c) => c.skill_key === "crisis")).toMatchObject({ points: 4, reason: "P1 incident", verified: 0 });
    const last = (await auditOf(evidenceId)).at(-1)!;
    expect(last.action).toBe("evidence_update");
    expect(JSON.parse(last.before_json!)).toMatchObject({ status: "verified", priority: "P3", impact: "medium" });
    expect(JSON.parse(last.after_json!)).toMatchObject({ status: "submitted", priority: "P1", impact: "critical" });
    const page = await (await app.get(`/evidence/${evidenceId}`, cookie.ben)).text();
    expect(page).toContain("Edited: priority, impact (Verified → Submitted)");
  });

  it("saving the form unchanged writes nothing and keeps a verified item verified", async () => {
    const evidenceId = await create("ben", incident());
    expect((await app.post(`/evidence/${evidenceId}`, { intent: "verify" }, cookie.daniel)).status).toBe(302);
    // as an import would store them: with seconds, which the form (minutes) does not show
    await app.db
      .updateTable("evidence")
      .set({ started_at: "2026-01-10T02:00:42.000Z", resolved_at: "2026-01-10T05:30:17.000Z" })
      .where("id", "=", evidenceId)
      .execute();
    const before = { ...(await snapshot(evidenceId)), counts: await counts() };
    const res = await app.post(
      `/evidence/${evidenceId}/edit`,
      incident({ intent: "save", durationMinutes: "210", notes: "**Root cause:** an expired certificate.\r\n" }),
      cookie.ben,
    );
    expect(res.status).toBe(302);
    expect({ ...(await snapshot(evidenceId)), counts: await counts() }).toEqual(before);
  });

  it("refuses invalid changes with 422 and leaves the item as it was", async () => {
    const evidenceId = await create("ben", incident());
    const before = { ...(await snapshot(evidenceId)), counts: await counts() };
    const res = await app.post(
      `/evidence/${evidenceId}/edit`,
      incident({ intent: "save", title: "", links: "ftp://files.example.com/x" }),
      cookie.ben,
    );
    expect(res.status).toBe(422);
    const body = await res.text();
    expect(body).toContain("Enter a title.");
    expect(body).toContain("is not an http(s) link");
    expect({ ...(await snapshot(evidenceId)), counts: await counts() }).toEqual(before);
  });

  it("lets nobody but the owner open or post the edit form (404), and changes nothing", async () => {
    const evidenceId = await create("ben", incident());
    const before = await snapshot(evidenceId);
    for (const who of ["aisha", "daniel", "olga", "sofia", "admin"] as const) {
      expect((await app.get(`/evidence/${evidenceId}/edit`, cookie[who])).status).toBe(404);
      expect(
        (await app.post(`/evidence/${evidenceId}/edit`, incident({ intent: "save", title: "Hijacked" }), cookie[who])).status,
      ).toBe(404);
    }
    expect(await snapshot(evidenceId)).toEqual(before);
  });

  it("submits a draft through the edit form", async () => {
    const evidenceId = await create("ben", incident({ intent: "draft" }));
    const res = await app.post(`/evidence/${evidenceId}/edit`, incident({ intent: "submit", title: "Now complete" }), cookie.ben);
    expect(res.status).toBe(302);
    expect(
      await app.db.selectFrom("evidence").select(["status", "title"]).where("id", "=", evidenceId).executeTakeFirstOrThrow(),
    ).toEqual({ status: "submitted", title: "Now complete" });
  });
});

describe("verification", () => {
  it("the person's manager verifies a submitted item: status, verifier, weights and audit", async () => {
    const evidenceId = await create("ben", incident());
    const res = await app.post(`/evidence/${evidenceId}`, { intent: "verify" }, cookie.daniel);
    expect(res.status).toBe(302);
    const row = await app.db.selectFrom("evidence").selectAll().where("id", "=", evidenceId).executeTakeFirstOrThrow();
    expect(row.status).toBe("verified");
    expect(row.verified_by).toBe(id.daniel);
    expect(row.verified_at).not.toBeNull();
    expect((await contributionsOf(evidenceId)).every((c) => c.verified === 1 && c.counted === 1)).toBe(true);
    const last = (await auditOf(evidenceId)).at(-1)!;
    expect(last).toMatchObject({ action: "evidence_verify", actor_id: id.daniel, subject_person_id: id.ben });
    expect(JSON.parse(last.before_json!)).toEqual({ status: "submitted" });
    expect(JSON.parse(last.after_json!)).toEqual({ status: "verified" });
    expect(await (await app.get(`/evidence/${evidenceId}`, cookie.ben)).text()).toContain("Verified");
  });

  it("a manager of another team, a colleague, the owner and the admin cannot verify (404), and nothing changes", async () => {
    const evidenceId = await create("ben", incident());
    const before = { ...(await snapshot(evidenceId)), counts: await counts() };
    for (const who of ["sofia", "aisha", "ben", "admin", "olga"] as const) {
      expect((await app.post(`/evidence/${evidenceId}`, { intent: "verify" }, cookie[who])).status, who).toBe(404);
    }
    expect((await app.post("/review", { intent: "verify", id: String(evidenceId) }, cookie.sofia)).status).toBe(404);
    for (const who of ["aisha", "ben", "admin"] as const) {
      expect((await app.post("/review", { intent: "verify", id: String(evidenceId) }, cookie[who])).status, who).toBe(403);
    }
    expect({ ...(await snapshot(evidenceId)), counts: await counts() }).toEqual(before);
  });

  it("verifies from the review queue, which lists the subtree's submitted items only", async () => {
    const evidenceId = await create("ben", incident({ title: "Queue me: cache stampede on the pricing service" }));
    const waiting = await app.db
      .selectFrom("evidence")
      .select("id")
      .where("person_id", "=", id.ben)
      .where("status", "=", "submitted")
      .execute();
    const lastPage = Math.ceil(waiting.length / 25);
    // oldest first: the new item is on the last page of Ben's queue
    const queue = await text(await app.get(`/review?person=${id.ben}&page=${lastPage}`, cookie.daniel));
    expect(queue).toContain("Queue me: cache stampede");
    expect(queue).toContain(`(${waiting.length} waiting)`);
    const sofia = await text(await app.get(`/review?person=${id.ben}&page=${lastPage}`, cookie.sofia));
    expect(sofia).not.toContain("Queue me: cache stampede");
    // an id outside her subtree is ignored: she sees her own reports' queue, without Ben anywhere
    expect(sofia).not.toContain("Ben Carter");
    const hers = await app.db
      .selectFrom("evidence")
      .innerJoin("people", "people.id", "evidence.person_id")
      .select("people.name")
      .where("people.manager_id", "=", id.sofia)
      .where("evidence.status", "=", "submitted")
      .executeTakeFirstOrThrow();
    expect(sofia).toContain(html(hers.name));
    const res = await app.post(`/review?person=${id.ben}`, { intent: "verify", id: String(evidenceId) }, cookie.daniel);
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toContain(`person=${id.ben}`);
    expect(
      (await app.db.selectFrom("evidence").select("status").where("id", "=", evidenceId).executeTakeFirstOrThrow()).status,
    ).toBe("verified");
  });

  it("returns an item only with a reason; the reason is stored, shown and audited", async () => {
    const evidenceId = await create("ben", incident());
    const before = { ...(await snapshot(evidenceId)), counts: await counts() };
    const bad = await app.post(`/evidence/${evidenceId}`, { intent: "return", reason: "   " }, cookie.daniel);
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain("Say why the item is returned.");
    const bad2 = await app.post("/review", { intent: "return", id: String(evidenceId), reason: "" }, cookie.daniel);
    expect(bad2.status).toBe(422);
    expect({ ...(await snapshot(evidenceId)), counts: await counts() }).toEqual(before);

    const res = await app.post(
      `/evidence/${evidenceId}`,
      { intent: "return", reason: "Which customer was affected?" },
      cookie.daniel,
    );
    expect(res.status).toBe(302);
    const row = await app.db.selectFrom("evidence").selectAll().where("id", "=", evidenceId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: "returned", return_reason: "Which customer was affected?" });
    expect((await contributionsOf(evidenceId)).every((c) => c.counted === 0)).toBe(true);
    const last = (await auditOf(evidenceId)).at(-1)!;
    expect(last).toMatchObject({ action: "evidence_return", reason: "Which customer was affected?" });
    const page = await (await app.get(`/evidence/${evidenceId}`, cookie.ben)).text();
    expect(page).toContain(html("Which customer was affected?"));

    // resubmitted by the owner, then verified
    expect((await app.post(`/evidence/${evidenceId}`, { intent: "submit" }, cookie.ben)).status).toBe(302);
    expect((await app.post(`/evidence/${evidenceId}`, { intent: "verify" }, cookie.daniel)).status).toBe(302);
    expect((await auditOf(evidenceId)).map((a) => a.action)).toEqual([
      "evidence_create",
      "evidence_return",
      "evidence_submit",
      "evidence_verify",
    ]);
  });

  it("refuses moves the workflow does not allow (409) without writing", async () => {
    const evidenceId = await create("ben", incident());
    expect((await app.post(`/evidence/${evidenceId}`, { intent: "verify" }, cookie.daniel)).status).toBe(302);
    const before = { ...(await snapshot(evidenceId)), counts: await counts() };
    expect((await app.post(`/evidence/${evidenceId}`, { intent: "verify" }, cookie.daniel)).status).toBe(409);
    expect((await app.post(`/evidence/${evidenceId}`, { intent: "submit" }, cookie.ben)).status).toBe(409);
    expect({ ...(await snapshot(evidenceId)), counts: await counts() }).toEqual(before);
  });
});

describe("deleting", () => {
  it("asks for confirmation, then deletes the item with its points and keeps an audit copy", async () => {
    const evidenceId = await create("ben", incident({ title: "Delete me" }));
    const confirmPage = await app.get(`/evidence/${evidenceId}/delete`, cookie.ben);
    expect(confirmPage.status).toBe(200);
    const confirmHtml = await text(confirmPage);
    expect(confirmHtml).toContain("Delete this item?");
    expect(confirmHtml).toContain("Delete me");
    expect(confirmHtml).not.toContain('id="h-points"');
    const before = { ...(await snapshot(evidenceId)), counts: await counts() };
    const unconfirmed = await app.post(`/evidence/${evidenceId}/delete`, {}, cookie.ben);
    expect(unconfirmed.status).toBe(422); // an invalid submission, like any other form's
    expect(await text(unconfirmed)).toContain("Confirm the deletion with the Delete button.");
    for (const who of ["aisha", "daniel", "admin", "sofia"] as const) {
      expect((await app.post(`/evidence/${evidenceId}/delete`, { confirm: "yes" }, cookie[who])).status).toBe(404);
    }
    expect({ ...(await snapshot(evidenceId)), counts: await counts() }).toEqual(before);

    const res = await app.post(`/evidence/${evidenceId}/delete`, { confirm: "yes" }, cookie.ben);
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/evidence?deleted=1");
    expect(await app.db.selectFrom("evidence").select("id").where("id", "=", evidenceId).executeTakeFirst()).toBeUndefined();
    expect(await contributionsOf(evidenceId)).toEqual([]);
    const audit = (await auditOf(evidenceId)).at(-1)!;
    expect(audit.action).toBe("evidence_delete");
    expect(JSON.parse(audit.before_json!)).toMatchObject({ id: evidenceId, title: "Delete me" });
    expect((await app.get(`/evidence/${evidenceId}`, cookie.ben)).status).toBe(404);
  });
});

describe("adjustments", () => {
  it("the owner adjusts within bounds with a reason; adjusted points are marked on the item and in the list", async () => {
    const evidenceId = await create("ben", incident({ title: "Adjust me: SSO outage" }));
    expect((await app.post(`/evidence/${evidenceId}`, { intent: "verify" }, cookie.daniel)).status).toBe(302);
    const res = await app.post(
      `/evidence/${evidenceId}`,
      {
        intent: "adjust",
        "adj.communication": "+2",
        "reason.communication": "I wrote every customer update",
        "adj.crisis": "-1",
        "reason.crisis": "Someone else ran most of the bridge",
      },
      cookie.ben,
    );
    expect(res.status).toBe(302);
    const adjustments = await app.db
      .selectFrom("adjustments")
      .select(["skill_key", "points", "reason", "created_by"])
      .where("evidence_id", "=", evidenceId)
      .orderBy("skill_key")
      .execute();
    expect(adjustments).toEqual([
      { skill_key: "communication", points: 2, reason: "I wrote every customer update", created_by: id.ben },
      { skill_key: "crisis", points: -1, reason: "Someone else ran most of the bridge", created_by: id.ben },
    ]);
    const adjusted = (await contributionsOf(evidenceId)).filter((c) => c.adjusted === 1);
    expect(adjusted.map((c) => [c.skill_key, c.points]).sort()).toEqual([
      ["communication", 2],
      ["crisis", -1],
    ]);
    // a verified item that changes goes back for review
    expect(
      (await app.db.selectFrom("evidence").select("status").where("id", "=", evidenceId).executeTakeFirstOrThrow()).status,
    ).toBe("submitted");
    const last = (await auditOf(evidenceId)).at(-1)!;
    expect(last.action).toBe("evidence_adjust");
    expect(JSON.parse(last.before_json!)).toMatchObject({ status: "verified", adjustments: [] });
    const page = await (await app.get(`/evidence/${evidenceId}`, cookie.ben)).text();
    expect(page).toContain("I wrote every customer update: +2 Customer and stakeholder communication");
    expect(page).toContain('<span class="badge adjusted">adjusted</span>');
    const list = await (await app.get(`/evidence?q=${encodeURIComponent("Adjust me")}`, cookie.ben)).text();
    expect(list).toContain("Adjust me: SSO outage");
    expect(list).toContain('<span class="badge adjusted">adjusted</span>');
  });

  it("refuses adjustments out of bounds, below zero or without a reason, next to the skill, writing nothing", async () => {
    const evidenceId = await create("ben", incident());
    const before = { ...(await snapshot(evidenceId)), counts: await counts() };
    const cases: [Record<string, string>, string, string][] = [
      [{ "adj.debugging": "5", "reason.debugging": "huge" }, "adj-debugging-error", "Adjustment must be between -3 and +3"],
      [{ "adj.continuity": "-1", "reason.continuity": "none" }, "adj-continuity-error", "below 0"],
      [{ "adj.design": "2", "reason.design": "" }, "reason-design-error", "A reason is required"],
      [{ "adj.design": "two", "reason.design": "x" }, "adj-design-error", "A whole number"],
    ];
    for (const [form, field, message] of cases) {
      const res = await app.post(`/evidence/${evidenceId}`, { intent: "adjust", ...form }, cookie.ben);
      expect(res.status).toBe(422);
      const body = await res.text();
      expect(body).toContain(`id="${field}"`);
      expect(body).toContain(message);
    }
    expect({ ...(await snapshot(evidenceId)), counts: await counts() }).toEqual(before);
  });

  it("only the owner adjusts (404 for everyone else, nothing written)", async () => {
    const evidenceId = await create("ben", incident());
    const before = await snapshot(evidenceId);
    for (const who of ["aisha", "daniel", "admin", "olga"] as const) {
      expect(
        (await app.post(`/evidence/${evidenceId}`, { intent: "adjust", "adj.design": "1", "reason.design": "x" }, cookie[who]))
          .status,
      ).toBe(404);
    }
    expect(await snapshot(evidenceId)).toEqual(before);
  });
});

describe("endorsements", () => {
  it("a colleague in the same team endorses with a short comment, shown on the item", async () => {
    const evidenceId = await create("ben", incident());
    const res = await app.post(
      `/evidence/${evidenceId}`,
      { intent: "endorse", comment: "I was on that bridge: calm and clear." },
      cookie.aisha,
    );
    expect(res.status).toBe(302);
    const rows = await app.db
      .selectFrom("endorsements")
      .select(["person_id", "comment"])
      .where("evidence_id", "=", evidenceId)
      .execute();
    expect(rows).toEqual([{ person_id: id.aisha, comment: "I was on that bridge: calm and clear." }]);
    expect((await auditOf(evidenceId)).at(-1)!.action).toBe("evidence_endorse");
    const page = await (await app.get(`/evidence/${evidenceId}`, cookie.ben)).text();
    expect(page).toContain("I was on that bridge: calm and clear.");
    expect(page).toContain("Aisha Khan");
  });

  it("refuses a comment over 280 characters or an empty one (422), the owner and other teams (404); nothing written", async () => {
    const evidenceId = await create("ben", incident());
    const before = { ...(await snapshot(evidenceId)), counts: await counts() };
    const long = await app.post(`/evidence/${evidenceId}`, { intent: "endorse", comment: "x".repeat(281) }, cookie.aisha);
    expect(long.status).toBe(422);
    expect(await long.text()).toContain("Use at most 280 characters.");
    expect((await app.post(`/evidence/${evidenceId}`, { intent: "endorse", comment: " " }, cookie.aisha)).status).toBe(422);
    for (const who of ["ben", "olga", "sofia"] as const) {
      expect((await app.post(`/evidence/${evidenceId}`, { intent: "endorse", comment: "Great" }, cookie[who])).status, who).toBe(
        404,
      );
    }
    expect({ ...(await snapshot(evidenceId)), counts: await counts() }).toEqual(before);
  });
});

describe("the list", () => {
  it("filters by kind, status, skill, period and text from the URL and pages the result", async () => {
    const rows = await app.db
      .selectFrom("evidence")
      .select(["id", "kind", "status", "resolved_at"])
      .where("person_id", "=", id.aisha)
      .execute();
    const expected = rows.filter(
      (r) => r.kind === "incident" && r.status === "verified" && r.resolved_at >= "2025-06-01" && r.resolved_at < "2026-12-01",
    ).length;
    expect(expected).toBeGreaterThan(0);
    const res = await app.get("/evidence?kind=incident&status=verified&from=2025-06-01&to=2026-11-30", cookie.aisha);
    expect(res.status).toBe(200);
    const body = await text(res);
    expect(body).toContain(`(${expected} items)`);
    // the filter form shows the chosen values again
    expect(body).toMatch(/<option value="incident" selected="">/);

    const withSkill = await app.db
      .selectFrom("evidence")
      .select("id")
      .where("person_id", "=", id.aisha)
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom("contributions")
            .select("contributions.id")
            .whereRef("contributions.evidence_id", "=", "evidence.id")
            .where("skill_key", "=", "continuity")
            .where("points", ">", 0),
        ),
      )
      .execute();
    const skillPage = await text(await app.get("/evidence?skill=continuity", cookie.aisha));
    expect(skillPage).toContain(`(${withSkill.length} items)`);

    const page2 = await text(await app.get("/evidence?page=2", cookie.aisha));
    expect(page2).toMatch(/Page 2 of \d+/);
    expect(page2).toContain('href="/evidence?page=1"');
  });

  it("ignores malformed filter values instead of failing", async () => {
    const res = await app.get("/evidence?status=bogus&from=2025-13-45&kind=<script>&page=-3", cookie.ben);
    expect(res.status).toBe(200);
    expect(await text(res)).toMatch(/Page 1 of/);
  });

  it("a manager reads a report's list (without drafts); another manager and another team's engineer get 404", async () => {
    const nonDrafts = await app.db
      .selectFrom("evidence")
      .select("id")
      .where("person_id", "=", id.ben)
      .where("status", "!=", "draft")
      .execute();
    const res = await app.get(`/evidence?person=${id.ben}`, cookie.daniel);
    expect(res.status).toBe(200);
    const body = await text(res);
    expect(body).toContain("Evidence: Ben Carter");
    expect(body).toContain(`(${nonDrafts.length} items)`);
    expect(body).not.toContain("Log evidence");
    expect((await app.get(`/evidence?person=${id.ben}`, cookie.sofia)).status).toBe(404);
    expect((await app.get(`/evidence?person=${id.ben}`, cookie.olga)).status).toBe(404);
    expect((await app.get("/evidence?person=999999", cookie.daniel)).status).toBe(404);
    expect((await app.get("/evidence?person=abc", cookie.daniel)).status).toBe(404);
  });
});

describe("mapping rules admin", () => {
  async function ruleForm(overrides: Record<string, string | string[]> = {}) {
    return {
      intent: "save",
      kind: "knowledge",
      skill: "leadership",
      points: "2",
      reason: "Article others rely on",
      ...overrides,
    };
  }

  it("is for admins only", async () => {
    expect((await app.get("/admin/rules", cookie.admin)).status).toBe(200);
    for (const who of ["ben", "daniel"] as const) {
      expect((await app.get("/admin/rules", cookie[who])).status).toBe(403);
      expect((await app.post("/admin/rules/new", await ruleForm(), cookie[who])).status).toBe(403);
    }
  });

  it("refuses an unknown skill, points out of range and unknown condition values (422), next to the field, writing nothing", async () => {
    const before = await counts();
    // what the form's schema refuses (the browser says the same before sending)
    const res = await app.post(
      "/admin/rules/new",
      await ruleForm({ points: "11", reason: "", "when.priority": ["P1", "P7"], "when.afterHours": "maybe" }),
      cookie.admin,
    );
    expect(res.status).toBe(422);
    const body = await res.text();
    expect(body).toContain('id="f-points-error"');
    expect(body).toContain("Points must be a whole number from 0 to 10");
    expect(body).toContain("A reason is required");
    expect(body).toContain("Unknown priority P7");
    expect(body).toContain("Must be yes or no");
    // what only the catalog knows: the command's check
    const unknown = await app.post("/admin/rules/new", await ruleForm({ skill: "juggling" }), cookie.admin);
    expect(unknown.status).toBe(422);
    const text = await unknown.text();
    expect(text).toContain('id="f-skill-error"');
    expect(text).toContain("Unknown skill");
    const firstRule = (await app.db.selectFrom("mapping_rules").select("id").orderBy("id").executeTakeFirstOrThrow()).id;
    const edit = await app.post(`/admin/rules/${firstRule}`, await ruleForm({ points: "-1" }), cookie.admin);
    expect(edit.status).toBe(422);
    expect(await counts()).toEqual(before);
  });

  it("adding, editing, deactivating and activating a rule re-derives every item's points and is audited", async () => {
    const knowledgeItems = await app.db.selectFrom("evidence").select("id").where("kind", "=", "knowledge").execute();
    expect(knowledgeItems.length).toBeGreaterThan(1);
    const leadershipOnKnowledge = async () => {
      const r = await app.db
        .selectFrom("contributions")
        .innerJoin("evidence", "evidence.id", "contributions.evidence_id")
        .select((eb) => [eb.fn.countAll<number>().as("n"), eb.fn.sum<number>("contributions.points").as("pts")])
        .where("evidence.kind", "=", "knowledge")
        .where("contributions.skill_key", "=", "leadership")
        .where("contributions.adjusted", "=", 0)
        .executeTakeFirstOrThrow();
      return { n: Number(r.n), pts: Number(r.pts ?? 0) };
    };
    expect(await leadershipOnKnowledge()).toEqual({ n: 0, pts: 0 });

    const created = await app.post("/admin/rules/new", await ruleForm(), cookie.admin);
    expect(created.status).toBe(302);
    const ruleId = Number(/created=(\d+)/.exec(created.headers.get("location")!)![1]);
    expect(await leadershipOnKnowledge()).toEqual({ n: knowledgeItems.length, pts: 2 * knowledgeItems.length });

    // An edit is previewed first (issue 16): nothing changes until it is applied as previewed.
    const preview = await app.post(`/admin/rules/${ruleId}`, await ruleForm({ points: "3" }), cookie.admin);
    expect(preview.status).toBe(200);
    const html = await preview.text();
    expect(html).toContain(`${knowledgeItems.length} items of`);
    expect(await leadershipOnKnowledge()).toEqual({ n: knowledgeItems.length, pts: 2 * knowledgeItems.length });
    const key = /name="previewed" value="([^"]*)"/
      .exec(html)![1]!
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, "&");
    const edited = await app.post(
      `/admin/rules/${ruleId}`,
      { ...(await ruleForm({ points: "3" })), apply: "yes", previewed: key },
      cookie.admin,
    );
    expect(edited.status).toBe(302);
    expect(await leadershipOnKnowledge()).toEqual({ n: knowledgeItems.length, pts: 3 * knowledgeItems.length });

    expect((await app.post("/admin/rules", { intent: "deactivate", id: String(ruleId) }, cookie.admin)).status).toBe(302);
    expect(await leadershipOnKnowledge()).toEqual({ n: 0, pts: 0 });
    expect((await app.post(`/admin/rules/${ruleId}`, { intent: "activate" }, cookie.admin)).status).toBe(302);
    expect((await leadershipOnKnowledge()).n).toBe(knowledgeItems.length);

    const audit = await app.db
      .selectFrom("audit_log")
      .select(["action", "actor_id", "before_json", "after_json"])
      .where("entity", "=", "mapping_rule")
      .where("entity_id", "=", String(ruleId))
      .orderBy("id")
      .execute();
    expect(audit.map((a) => a.action)).toEqual(["rule_create", "rule_update", "rule_deactivate", "rule_activate"]);
    expect(audit.every((a) => a.actor_id === id.admin)).toBe(true);
    expect(JSON.parse(audit[1]!.before_json!)).toMatchObject({ points: 2 });
    expect(JSON.parse(audit[1]!.after_json!)).toMatchObject({ points: 3 });

    const list = await (await app.get("/admin/rules", cookie.admin)).text();
    expect(list).toContain("Article others rely on");

    // the item pages show the new reason
    const visible = await app.db
      .selectFrom("evidence")
      .select("id")
      .where("kind", "=", "knowledge")
      .where("status", "!=", "draft")
      .executeTakeFirstOrThrow();
    const page = await (await app.get(`/evidence/${visible.id}`, cookie.admin)).text();
    expect(page).toContain("Article others rely on: +3 Leadership and ownership");

    // clean up so other tests see the default catalog
    expect((await app.post(`/admin/rules/${ruleId}`, { intent: "deactivate" }, cookie.admin)).status).toBe(302);
  });

  it("answers 404 for a rule that does not exist", async () => {
    expect((await app.get("/admin/rules/999999", cookie.admin)).status).toBe(404);
    expect((await app.post("/admin/rules/999999", await ruleForm(), cookie.admin)).status).toBe(404);
    expect((await app.post("/admin/rules", { intent: "activate", id: "999999" }, cookie.admin)).status).toBe(404);
  });
});

describe("the commands, called directly (no route in front)", () => {
  const actor = async (who: keyof typeof EMAILS): Promise<Actor> =>
    app.db.selectFrom("people").select(["id", "role", "team_id"]).where("id", "=", id[who]!).executeTakeFirstOrThrow();
  const values = {
    intent: "submit" as const,
    title: "Direct",
    kind: "incident",
    resolvedAt: "2026-01-10T05:30",
    afterHours: false,
    afterHoursMinutes: 0,
    durationMinutes: 0,
    emergency: false,
    addsFunctionality: false,
    fixesSlowness: false,
    reassignmentCount: 0,
    reopenCount: 0,
    externalRef: null,
    priority: null,
    impact: null,
    workRole: null,
    outcome: null,
    problemRef: null,
    changeRef: null,
    resolutionCode: null,
    notes: null,
    links: [],
  };

  it("authorise inside: a role without the capability is forbidden, an item out of reach is not found, and nothing is written", async () => {
    const before = await counts();
    const rule = { kind: "knowledge", skill: "leadership", points: 1, reason: "x", when: {} };
    expect(await createRule(app.db, await actor("ben"), rule, now())).toMatchObject({ kind: "forbidden" });
    expect(await setRuleActive(app.db, await actor("admin"), 999_999, true, now())).toMatchObject({ kind: "notFound" });
    const daniels = await app.db
      .selectFrom("evidence")
      .select("id")
      .where("person_id", "=", id.daniel)
      .where("status", "=", "submitted")
      .executeTakeFirstOrThrow();
    expect(await submitEvidence(app.db, await actor("ben"), daniels.id, now())).toMatchObject({ kind: "notFound" });
    expect(await reviewEvidence(app.db, await actor("sofia"), daniels.id, { event: "verify" }, now())).toMatchObject({
      kind: "notFound",
    });
    expect(await adjustEvidence(app.db, await actor("ben"), 999_999, [], now())).toMatchObject({ kind: "notFound" });
    expect(await counts()).toEqual(before);
  });

  it("check what only the database knows (invalid) and refuse moves the workflow does not allow (conflict)", async () => {
    const before = await counts();
    expect(await createEvidenceItem(app.db, await actor("ben"), { ...values, kind: "party" }, now())).toEqual({
      kind: "invalid",
      fieldErrors: { kind: "Choose a kind of work from the list." },
    });
    const submitted = await app.db
      .selectFrom("evidence")
      .select("id")
      .where("person_id", "=", id.ben)
      .where("status", "=", "submitted")
      .executeTakeFirstOrThrow();
    expect(await submitEvidence(app.db, await actor("ben"), submitted.id, now())).toMatchObject({ kind: "conflict" });
    expect(await counts()).toEqual(before);
    const created = await createEvidenceItem(app.db, await actor("ben"), values, now());
    expect(created).toMatchObject({ kind: "ok", value: { status: "submitted" } });
  });
});
