// Migration 0024 (issue 13, point 5): an organisation whose catalogue was loaded before Jira's service
// requests and tasks had a kind of their own gets the "request" kind and its two rules, after its own; an
// organisation that already made a kind with that key keeps it; an empty database is left to the seed.
import { afterEach, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import { openDatabase } from "../../app/db.server";
import { createMigrator, migrateToLatest } from "../../db/migrate";
import { ensureCatalog } from "../../seeds/catalog";
import { emptyDatabase } from "../support/template";

const open: Kysely<any>[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((db) => db.destroy()));
});

/** A database at migration 0023 with the catalogue loaded as it was then (no "request" kind or rules). */
async function before0024(): Promise<Kysely<any>> {
  const db = openDatabase(await emptyDatabase("migration-0024")) as unknown as Kysely<any>;
  open.push(db);
  const to = await createMigrator(db).migrateTo("0023_time_zones");
  if (to.error) throw to.error;
  await ensureCatalog(db);
  await db.deleteFrom("mapping_rules").where("kind", "=", "request").execute();
  await db.deleteFrom("evidence_kinds").where("key", "=", "request").execute();
  return db;
}

const kinds = (db: Kysely<any>) =>
  db.selectFrom("evidence_kinds").select(["key", "name", "sort_order"]).orderBy("sort_order").execute();
const requestRules = (db: Kysely<any>) =>
  db
    .selectFrom("mapping_rules")
    .select(["kind", "when_json", "skill_key", "points", "reason", "sort_order"])
    .where("kind", "=", "request")
    .orderBy("sort_order")
    .execute();

describe("migration 0024: the request kind", () => {
  it("adds the kind and its two rules after what an organisation has", async () => {
    const db = await before0024();
    const lastKind = Math.max(...(await kinds(db)).map((k) => Number(k.sort_order)));
    const lastRule = await db
      .selectFrom("mapping_rules")
      .select((eb) => eb.fn.max("sort_order").as("m"))
      .executeTakeFirstOrThrow();
    await migrateToLatest(db);
    expect((await kinds(db)).at(-1)).toEqual({ key: "request", name: "Service request or task", sort_order: lastKind + 1 });
    expect(await requestRules(db)).toEqual([
      {
        kind: "request",
        when_json: "{}",
        skill_key: "itil",
        points: 1,
        reason: "Service request or task fulfilled",
        sort_order: Number(lastRule.m) + 1,
      },
      {
        kind: "request",
        when_json: "{}",
        skill_key: "communication",
        points: 1,
        reason: "Work done for the person who asked",
        sort_order: Number(lastRule.m) + 2,
      },
    ]);
  });

  it("keeps an organisation's own kind of that key, and leaves an empty database to the seed", async () => {
    const db = await before0024();
    await db.insertInto("evidence_kinds").values({ key: "request", name: "Ticket requests", sort_order: 99 }).execute();
    await migrateToLatest(db);
    expect((await kinds(db)).filter((k) => k.key === "request")).toEqual([
      { key: "request", name: "Ticket requests", sort_order: 99 },
    ]);
    expect(await requestRules(db)).toEqual([]);

    const empty = openDatabase(await emptyDatabase("migration-0024-empty")) as unknown as Kysely<any>;
    open.push(empty);
    await migrateToLatest(empty);
    expect(await kinds(empty)).toEqual([]);
    // the seed's catalogue lists the kind and its rules itself
    await ensureCatalog(empty);
    expect((await kinds(empty)).map((k) => k.key)).toContain("request");
    expect((await requestRules(empty)).map((r) => r.skill_key)).toEqual(["itil", "communication"]);
  });
});
