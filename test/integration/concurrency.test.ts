// Many clients at once against real app instances (ADR 006): on PostgreSQL two remix-serve instances
// behind the round-robin proxy, on SQLite one, on a copy of the demo. For a bounded time (a deadline and
// a request budget) parallel loops (concurrency-clients.ts) drive the same two people of one team in one
// month: Ben and Aisha log, edit, adjust and resubmit items; their manager Daniel verifies and returns
// them; two admins upload and confirm small ServiceNow imports with overlapping tickets (the same batch
// confirmed twice at once, too); an integration posts to the ingest API, the same reference three times
// at once. Afterwards: no 5xx or network error and only the 409s a lost race explains; nothing stored
// twice; every confirmed batch applied once; item counts equal to the creates that succeeded; no
// deadlock (PostgreSQL) and no write that started from a status another write had changed; every
// contribution in step with its item; the stored monthly buckets equal to the reference aggregate.
import crypto from "node:crypto";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { now as clockNow } from "../../app/clock.server";
import { type DB, openDatabase } from "../../app/db.server";
import type { SkillBucket } from "../../app/domain/scoring";
import { skillBuckets } from "../../app/models/scores.server";
import { personBuckets } from "../../app/models/skill-months.server";
import { DEMO_PASSWORD } from "../../seeds/people";
import { Session } from "../support/http-client";
import { type Instances, startInstances } from "../support/instances";
import { copyTemplate, testEngine } from "../support/template";
import { type Engineer, type Kind, Scenario, apiKey, ownerOf, ticketKey } from "./concurrency-clients";

const ENGINE = testEngine();
const INSTANCES = ENGINE === "postgres" ? 2 : 1;
// 8 s of traffic (on SQLite some 700 requests, a dozen confirm races) leaves the test well inside its 30 s
// with sign-ins, the checks and, on PostgreSQL, the wait for the instances' connections to end.
const BUDGET = { durationMs: 8_000, maxRequests: 3_000 };
const LOOPS = { perEngineer: 5, manager: 3, importPair: 1, importSingle: 1, api: 2, apiRace: 1 }; // 18 loops
const RUN = crypto.randomBytes(3).toString("hex");
const EMAIL = {
  ben: "ben.carter@example.com",
  aisha: "aisha.khan@example.com",
  daniel: "daniel.kowalski@example.com",
  admin: "admin@example.com",
  admin2: `second.admin.${RUN}@example.com`, // made in beforeAll: the demo has one admin
} as const;
// One month for everything: the last full one (a resolved date may not lie in the future).
const clock = clockNow();
const MONTH = new Date(Date.UTC(clock.getUTCFullYear(), clock.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
// The instances' connections carry a name of their own, so that the test can wait for them to be gone.
const APP_NAME = "sp-concurrency";

type BySource = Record<"manual" | "import" | "api", number>;
let app: Instances;
let db: DB;
let apiToken = "";
let deadlocksBefore = 0;
const personId: Record<Engineer, number> = { ben: 0, aisha: 0 };
const before: Partial<Record<Engineer, BySource>> = {};

async function itemsBySource(person: number): Promise<BySource> {
  const rows = await db
    .selectFrom("evidence")
    .select(["source", (eb) => eb.fn.countAll<number>().as("n")])
    .where("person_id", "=", person)
    .groupBy("source")
    .execute();
  const n = Object.fromEntries(rows.map((r) => [r.source, Number(r.n)]));
  return { manual: n.manual ?? 0, import: n.import ?? 0, api: n.api ?? 0 };
}

async function deadlocks(): Promise<number> {
  const r = await sql<{ n: number }>`select deadlocks as n from pg_stat_database where datname = current_database()`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

const sortBuckets = (bs: SkillBucket[]) =>
  [...bs].sort((a, b) => (a.skill === b.skill ? a.month.localeCompare(b.month) : a.skill.localeCompare(b.skill)));

beforeAll(async () => {
  const copy = await copyTemplate("concurrency");
  db = openDatabase(copy);
  if (ENGINE === "postgres") deadlocksBefore = await deadlocks();
  const admin = await db.selectFrom("people").selectAll().where("email", "=", EMAIL.admin).executeTakeFirstOrThrow();
  const ts = new Date().toISOString();
  await db
    .insertInto("people")
    .values({
      email: EMAIL.admin2,
      name: "Second Admin",
      role: "admin",
      password_hash: admin.password_hash,
      manager_id: null,
      team_id: null,
      position_id: admin.position_id,
      created_at: ts,
      updated_at: ts,
    })
    .execute();
  for (const who of ["ben", "aisha"] as const) {
    personId[who] = (await db.selectFrom("people").select("id").where("email", "=", EMAIL[who]).executeTakeFirstOrThrow()).id;
    before[who] = await itemsBySource(personId[who]);
  }
  app = await startInstances({
    location: ENGINE === "postgres" ? `${copy}?application_name=${APP_NAME}` : copy,
    count: INSTANCES,
  });
});

afterAll(async () => {
  await app?.stop();
  await db?.destroy();
});

describe(`concurrent clients on ${ENGINE} (${INSTANCES} instance${INSTANCES > 1 ? "s" : ""})`, () => {
  it("answers every request without a 5xx, stores nothing twice and keeps the monthly buckets in step", async () => {
    const sc = new Scenario({ db, baseUrl: app.url, run: RUN, month: MONTH, personId, apiToken: () => apiToken }, BUDGET);
    const t = sc.traffic;
    // Sessions first, each loop its own (as separate browsers), and an integration token.
    const session = (who: string, email: string) => new Session<Kind>(t, who).signIn("login", email, DEMO_PASSWORD);
    const engineers = await Promise.all(
      (["ben", "aisha"] as const).flatMap((who) =>
        Array.from({ length: LOOPS.perEngineer }, (_, i) => session(`${who}#${i}`, EMAIL[who]).then((s) => ({ s, who, i }))),
      ),
    );
    const managers = await Promise.all(Array.from({ length: LOOPS.manager }, (_, i) => session(`daniel#${i}`, EMAIL.daniel)));
    const [admin, admin2, admin3] = await Promise.all(
      [EMAIL.admin, EMAIL.admin2, EMAIL.admin].map((e, i) => session(`admin#${i}`, e)),
    );
    const tokenPage = await admin!.post("token", "/admin/tokens", { intent: "create", name: `Concurrency ${RUN}` });
    apiToken = /data-testid="new-token"[^>]*>([^<]+)</.exec(tokenPage?.text ?? "")?.[1] ?? "";
    expect(apiToken, "integration token").not.toBe("");

    t.start();
    await Promise.all([
      ...engineers.map(({ s, who, i }) => sc.engineer(s, who, i)),
      ...managers.map((s) => sc.manager(s)),
      ...Array.from({ length: LOOPS.importPair }, () => sc.importPair(admin!, admin2!)),
      ...Array.from({ length: LOOPS.importSingle }, () => sc.importSingle(admin3!)),
      ...Array.from({ length: LOOPS.api }, (_, i) => sc.api(new Session<Kind>(t, `integration#${i}`))),
      ...Array.from({ length: LOOPS.apiRace }, (_, i) => sc.apiRace(new Session<Kind>(t, `integration-race#${i}`))),
    ]);
    const seconds = t.seconds();
    const perInstance = app.proxy.counts().join("+");

    // PostgreSQL counts the deadlocks it broke (inTransaction retries them, so no client sees one). A
    // backend reports its counts when it ends: stop the instances and wait for their connections to go.
    let crossed = 0;
    if (ENGINE === "postgres") {
      await app.stop();
      for (let i = 0; i < 100; i++) {
        const r = await sql<{
          n: number;
        }>`select count(*) as n from pg_stat_activity where application_name = ${APP_NAME}`.execute(db);
        if (Number(r.rows[0]!.n) === 0) break;
        await new Promise((res) => setTimeout(res, 100));
      }
      crossed = (await deadlocks()) - deadlocksBefore;
    }

    const loops = Object.values(LOOPS).reduce((a, b) => a + b, 0) + LOOPS.perEngineer;
    console.log(
      `concurrency [${ENGINE}, ${INSTANCES} instance(s), ${loops} loops]: ${t.issued} requests in ${seconds.toFixed(1)} s ` +
        `(${(t.issued / seconds).toFixed(0)}/s; per instance ${perInstance}); statuses ${t.statuses()}; ${t.summary()}; ` +
        `${sc.createdTitles.ben.length + sc.createdTitles.aisha.length} items logged, ${sc.confirmedBatches.size} batches confirmed ` +
        `(${sc.confirmedTickets.size} tickets), ${sc.apiRefs.size} API refs, ${ENGINE === "postgres" ? `${crossed} deadlocks, ` : ""}${t.errors.length} errors`,
    );
    if (t.errors.length) {
      console.error(t.errors.slice(0, 20).join("\n"));
      for (const [i, out] of app.output().entries())
        if (/error/i.test(out)) console.error(`--- instance ${i} ---\n${out.slice(-4000)}`);
    }

    // 0 errors: no network error, no 5xx, no 4xx but the 409s of a lost race (their messages checked as they came).
    expect.soft(t.errors).toEqual([]);
    expect.soft(t.issued).toBeGreaterThan(100);
    for (const kind of ["create", "edit", "adjust", "review", "upload", "confirm", "confirm-race", "api", "api-race"] as const) {
      expect.soft(t.count(kind), `${kind} requests`).toBeGreaterThan(0);
    }
    expect
      .soft(
        t
          .entries()
          .filter(
            ([kind, status]) =>
              /^4/.test(status) && !(status === "409" && ["confirm-race", "review", "resubmit", "edit", "adjust"].includes(kind)),
          ),
      )
      .toEqual([]);
    // Each batch confirmed twice at once was written by exactly one of the two.
    expect.soft(sc.racePairs.length).toBeGreaterThan(0);
    expect.soft(sc.racePairs.filter((p) => [...p.statuses].sort().join() !== "302,409")).toEqual([]);
    expect.soft(t.count("confirm-race", 409)).toBe(sc.racePairs.length);
    // The same new reference posted three times at once: created once, found twice.
    expect.soft(sc.apiRaces.length).toBeGreaterThan(0);
    expect.soft(sc.apiRaces.filter((r) => r.created !== 1 || [...r.statuses].sort().join() !== "200,200,201")).toEqual([]);
    // Writers of the same people queue on their locks (ADR 006): none may hold one and wait for another's.
    expect.soft(crossed, "deadlocks detected by PostgreSQL").toBe(0);

    // 0 duplicates: no import key twice, every logged title once, every confirmed batch applied once.
    const dupKeys = await db
      .selectFrom("evidence")
      .select(["import_key", (eb) => eb.fn.countAll<number>().as("n")])
      .where("import_key", "is not", null)
      .groupBy("import_key")
      .having((eb) => eb.fn.countAll(), ">", 1)
      .execute();
    expect.soft(dupKeys).toEqual([]);
    const titles = await db
      .selectFrom("evidence")
      .select(["title", (eb) => eb.fn.countAll<number>().as("n")])
      .where("title", "like", `cc-${RUN}-%`)
      .groupBy("title")
      .execute();
    const stored = new Map(titles.map((r) => [r.title, Number(r.n)]));
    const created = new Set([...sc.createdTitles.ben, ...sc.createdTitles.aisha]);
    expect
      .soft(
        [...created].filter((title) => stored.get(title) !== 1),
        "titles not stored exactly once",
      )
      .toEqual([]);
    expect
      .soft(
        [...stored.keys()].filter((title) => !created.has(title)),
        "titles stored but never answered as created",
      )
      .toEqual([]);
    const ids = sc.uploaded;
    const batches = ids.length
      ? await db
          .selectFrom("import_batches")
          .select(["id", "status", "items_created", "items_updated"])
          .where("id", "in", ids)
          .execute()
      : [];
    expect.soft(batches.length).toBe(ids.length);
    expect
      .soft(
        batches.filter((b) => (b.status === "applied") !== sc.confirmedBatches.has(b.id)),
        "batch status vs confirms",
      )
      .toEqual([]);
    const applies = ids.length
      ? await db
          .selectFrom("audit_log")
          .select(["entity_id", (eb) => eb.fn.countAll<number>().as("n")])
          .where("action", "=", "import_apply")
          .where("entity", "=", "import_batch")
          .where("entity_id", "in", ids.map(String))
          .groupBy("entity_id")
          .execute()
      : [];
    expect
      .soft(
        applies.filter((a) => Number(a.n) !== 1),
        "batches applied more than once",
      )
      .toEqual([]);
    expect.soft(applies.length).toBe(sc.confirmedBatches.size);
    const listed = ids.length
      ? await db
          .selectFrom("import_batch_items")
          .select(["batch_id", (eb) => eb.fn.countAll<number>().as("n")])
          .where("batch_id", "in", ids)
          .groupBy("batch_id")
          .execute()
      : [];
    const listedBy = new Map(listed.map((l) => [l.batch_id, Number(l.n)]));
    expect
      .soft(
        batches.filter((b) => b.status === "applied" && (listedBy.get(b.id) ?? 0) !== b.items_created + b.items_updated),
        "batch items vs its counts",
      )
      .toEqual([]);
    expect.soft(new Set(sc.apiCreated).size, "API references created twice").toBe(sc.apiCreated.length);

    // Item counts: what is stored for each person is exactly what the clients were told was created.
    for (const who of ["ben", "aisha"] as const) {
      const tickets = [...sc.confirmedTickets].filter((n) => ownerOf(n) === who);
      const refs = [...sc.apiRefs].filter((r) => ownerOf(r) === who);
      const now = await itemsBySource(personId[who]);
      const added = {
        manual: now.manual - before[who]!.manual,
        import: now.import - before[who]!.import,
        api: now.api - before[who]!.api,
      };
      expect
        .soft(added, `${who}: new items by source`)
        .toEqual({ manual: sc.createdTitles[who].length, import: tickets.length, api: refs.length });
      const keys = new Set(
        (
          await db
            .selectFrom("evidence")
            .select("import_key")
            .where("person_id", "=", personId[who])
            .where("import_key", "is not", null)
            .execute()
        ).map((k) => k.import_key),
      );
      expect
        .soft(
          tickets.filter((n) => !keys.has(ticketKey(n))),
          `${who}: confirmed tickets missing`,
        )
        .toEqual([]);
      expect
        .soft(
          refs.filter((r) => !keys.has(apiKey(r))),
          `${who}: API references missing`,
        )
        .toEqual([]);
    }

    // No lost update: along each logged item's audit trail every change starts from the status the change
    // before it left (imports and the API update their own items without an evidence audit entry).
    const logged = (
      await db.selectFrom("evidence").select("id").where("source", "=", "manual").where("title", "like", `cc-${RUN}-%`).execute()
    ).map((r) => String(r.id));
    const trail = logged.length
      ? await db
          .selectFrom("audit_log")
          .select(["entity_id", "action", "before_json", "after_json"])
          .where("entity", "=", "evidence")
          .where("entity_id", "in", logged)
          .orderBy("id")
          .execute()
      : [];
    const last = new Map<string, { action: string; status: string }>();
    const stale: string[] = [];
    for (const a of trail) {
      const from = a.before_json ? (JSON.parse(a.before_json) as { status?: string }).status : undefined;
      const to = (JSON.parse(a.after_json ?? "{}") as { status?: string }).status;
      const prev = last.get(a.entity_id!);
      if (prev && from && from !== prev.status)
        stale.push(`#${a.entity_id}: ${prev.action} left it ${prev.status}, then ${a.action} started from ${from}`);
      if (to) last.set(a.entity_id!, { action: a.action, status: to });
    }
    expect.soft(stale, "writes that started from a status another write had changed").toEqual([]);

    // Every contribution agrees with its item: owner, instant, and counted/verified from the item's status.
    const astray = await db
      .selectFrom("contributions")
      .innerJoin("evidence", "evidence.id", "contributions.evidence_id")
      .select(["evidence.id", "evidence.status", "contributions.counted", "contributions.verified", "contributions.skill_key"])
      .where((eb) =>
        eb.or([
          eb("contributions.person_id", "!=", eb.ref("evidence.person_id")),
          eb("contributions.resolved_at", "!=", eb.ref("evidence.resolved_at")),
          eb.and([eb("evidence.status", "in", ["submitted", "verified"]), eb("contributions.counted", "!=", 1)]),
          eb.and([eb("evidence.status", "not in", ["submitted", "verified"]), eb("contributions.counted", "!=", 0)]),
          eb.and([eb("evidence.status", "=", "verified"), eb("contributions.verified", "!=", 1)]),
          eb.and([eb("evidence.status", "!=", "verified"), eb("contributions.verified", "!=", 0)]),
        ]),
      )
      .execute();
    expect.soft(astray, "contributions out of step with their item").toEqual([]);

    // The stored monthly buckets equal the reference aggregate, for everybody (the two people above all).
    const everyone = (await db.selectFrom("people").select("id").execute()).map((p) => p.id);
    const reference = await skillBuckets(db, everyone);
    for (const id of everyone) {
      expect
        .soft(sortBuckets(await personBuckets(db, id)), `buckets of person ${id}`)
        .toEqual(sortBuckets(reference.get(id) ?? []));
    }
    for (const who of ["ben", "aisha"] as const) {
      expect
        .soft(
          (await personBuckets(db, personId[who])).some((b) => b.month === MONTH),
          `${who} has buckets in ${MONTH}`,
        )
        .toBe(true);
    }
  }, 30_000);
});
