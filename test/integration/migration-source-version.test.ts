// Migration 0025 (issue 13, point 5): imported items remember the source's version of their ticket. Items
// stored before it have none (null: never "older than stored", nothing to compare with), and it goes back down.
import { afterEach, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import { openDatabase } from "../../app/db.server";
import { createMigrator } from "../../db/migrate";
import { seedDemoOnce } from "../../seeds/index";
import { emptyDatabase } from "../support/template";

const open: Kysely<any>[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((db) => db.destroy()));
});

const columnsOf = async (db: Kysely<any>) =>
  (await db.introspection.getTables()).find((t) => t.name === "evidence")!.columns.map((c) => c.name);

describe("migration 0025: the source's version of an imported ticket", () => {
  it("adds two empty columns to every stored item, and drops them going down", async () => {
    const db = openDatabase(await emptyDatabase("migration-0025")) as unknown as Kysely<any>;
    open.push(db);
    const migrator = createMigrator(db);
    const to = await migrator.migrateTo("0024_request_kind");
    if (to.error) throw to.error;
    await seedDemoOnce(db as never);
    const before = await db
      .selectFrom("evidence")
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(before.n)).toBeGreaterThan(0);
    expect(await columnsOf(db)).not.toContain("source_mod_count");

    const up = await migrator.migrateTo("0025_source_version");
    if (up.error) throw up.error;
    expect(await columnsOf(db)).toEqual(expect.arrayContaining(["source_mod_count", "source_updated_at"]));
    const versions = await db.selectFrom("evidence").select(["source_mod_count", "source_updated_at"]).distinct().execute();
    expect(versions).toEqual([{ source_mod_count: null, source_updated_at: null }]);

    const down = await migrator.migrateTo("0024_request_kind");
    if (down.error) throw down.error;
    expect(await columnsOf(db)).not.toContain("source_updated_at");
    expect(await columnsOf(db)).not.toContain("source_mod_count");
  });
});
