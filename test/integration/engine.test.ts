// What must not depend on the engine (ADR 006): counts and sums are numbers, text sorts by code point
// (names, ISO dates), constraint violations are recognised alike.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DB, isPostgres, openDatabase } from "../../app/db.server";
import { constraintViolation, violates } from "../../app/models/constraint-errors.server";
import { copyTemplate, testEngine } from "../support/template";

let db: DB;
beforeAll(async () => {
  db = openDatabase(await copyTemplate("engine"));
});
afterAll(async () => {
  await db.destroy();
});

describe(`the ${testEngine()} engine`, () => {
  it("is the one the run asked for", () => {
    expect(isPostgres(db)).toBe(testEngine() === "postgres");
  });

  it("returns counts, sums, maxima and averages as numbers", async () => {
    const r = await db
      .selectFrom("contributions")
      .select((eb) => [
        eb.fn.countAll<number>().as("n"),
        eb.fn.sum<number>("points").as("total"),
        eb.fn.max<number>("evidence_id").as("last"),
        sql<number>`sum(points * 1.5)`.as("scaled"),
        sql<number>`avg(points)`.as("mean"),
      ])
      .executeTakeFirstOrThrow();
    for (const v of Object.values(r)) expect(typeof v).toBe("number");
    expect(r.n).toBeGreaterThan(1000);
    expect(r.scaled).toBeCloseTo(r.total * 1.5, 6);
    const months = await db.selectFrom("skill_months").select(["month_mid_ms"]).limit(1).executeTakeFirstOrThrow();
    expect(typeof months.month_mid_ms).toBe("number");
  });

  it("orders text by code point, as JavaScript compares strings", async () => {
    const names = [
      "beta",
      "Beta",
      "alpha",
      "Zoë",
      "Zoe",
      "Ольга",
      "李美",
      "émile",
      "Émile",
      "2024-01-10",
      "2024-01-09T23:00:00.000Z",
      "2024-01-9",
    ];
    const ids: number[] = [];
    for (const name of names)
      ids.push((await db.insertInto("teams").values({ name }).returning("id").executeTakeFirstOrThrow()).id);
    const rows = await db.selectFrom("teams").select("name").where("id", "in", ids).orderBy("name").execute();
    expect(rows.map((r) => r.name)).toEqual([...names].sort());
  });

  it("recognises a unique violation by its constraint on either engine", async () => {
    const e = await db
      .insertInto("people")
      .values({ email: "ben.carter@example.com", name: "Again", role: "engineer", created_at: "x", updated_at: "x" })
      .execute()
      .catch((x: unknown) => x);
    expect(constraintViolation(e)?.kind).toBe("unique");
    expect(violates(e, "unique", "people_email_key", "people.email")).toBe(true);
    expect(violates(e, "unique", "itsm_handles.handle_key")).toBe(false);
    const fk = await db
      .insertInto("itsm_handles")
      .values({ person_id: 999_999, handle: "x", handle_key: "x-unique-fk" })
      .execute()
      .catch((x: unknown) => x);
    expect(constraintViolation(fk)?.kind).toBe("foreign_key");
    expect(constraintViolation(new Error("database is locked"))).toBeNull();
  });
});
