// Several instances starting at once on an empty PostgreSQL database migrate it and load the catalog
// and the demo organisation exactly once (ADR 006).
import { afterAll, describe, expect, it } from "vitest";
import { type DB, openDatabase } from "../../app/db.server";
import { migrations } from "../../db/migrations/index";
import { DEMO_PEOPLE, prepareDatabase } from "../../seeds/index";
import { DEFAULT_RULES, DEFAULT_SKILLS } from "../../app/domain/defaults";
import { emptyDatabase, testEngine } from "../support/template";

const handles: DB[] = [];
afterAll(async () => {
  await Promise.all(handles.map((h) => h.destroy()));
});

const count = async (db: DB, table: "people" | "skills" | "mapping_rules" | "evidence") =>
  Number(
    (
      await db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe.skipIf(testEngine() !== "postgres")(
  "three instances starting together on an empty database (PostgreSQL: SQLite is one instance's database)",
  () => {
    it("migrate and seed it exactly once", { timeout: 30_000 }, async () => {
      const location = await emptyDatabase("startup");
      // each instance has its own pool, as separate processes would
      for (let i = 0; i < 3; i++) handles.push(openDatabase(location));
      const results = await Promise.all(handles.map((db) => prepareDatabase(db, { demo: true })));

      const seeded = results.filter((r) => r !== null);
      expect(seeded).toHaveLength(1);
      const db = handles[0]!;
      const applied = await db
        .selectFrom("kysely_migration" as never)
        .select("name" as never)
        .execute();
      expect(applied.map((r) => (r as { name: string }).name).sort()).toEqual(Object.keys(migrations).sort());
      expect(await count(db, "people")).toBe(DEMO_PEOPLE.length);
      expect(await count(db, "skills")).toBe(DEFAULT_SKILLS.length);
      expect(await count(db, "mapping_rules")).toBe(DEFAULT_RULES.length);
      expect(await count(db, "evidence")).toBe(seeded[0]!.evidence);

      // and a later start changes nothing
      expect(await prepareDatabase(handles[1]!, { demo: true })).toBeNull();
      expect(await count(db, "people")).toBe(DEMO_PEOPLE.length);
    });
  },
);
