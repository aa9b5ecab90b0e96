import SQLite from "better-sqlite3";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { kyselyOver } from "../../app/db.server";
import { reusingStatements } from "../../app/db-statements.server";

describe("reusingStatements", () => {
  it("prepares each SQL text once and reuses the statement, up to its limit", () => {
    const sqlite = new SQLite(":memory:");
    let prepared = 0;
    const original = sqlite.prepare.bind(sqlite);
    sqlite.prepare = ((s: string) => {
      prepared++;
      return original(s);
    }) as typeof sqlite.prepare;
    const db = reusingStatements(sqlite, 2);
    const a = db.prepare("select 1 as x");
    expect(db.prepare("select 1 as x")).toBe(a);
    expect(prepared).toBe(1);
    db.prepare("select 2 as x");
    db.prepare("select 3 as x"); // the third text pushes out the least recently used (select 1)
    expect(db.prepare("select 1 as x")).not.toBe(a);
    expect(prepared).toBe(4);
    db.close();
  });

  it("gives right answers through kysely when a statement is reused with other parameters", async () => {
    const db = kyselyOver(new SQLite(":memory:"));
    await sql`create table t (id integer primary key, name text)`.execute(db);
    for (const name of ["a", "b", "c"]) await sql`insert into t (name) values (${name})`.execute(db);
    const names = [];
    for (const id of [1, 2, 3, 2]) {
      const r = await sql<{ name: string }>`select name from t where id = ${id}`.execute(db);
      names.push(r.rows[0]!.name);
    }
    expect(names).toEqual(["a", "b", "c", "b"]);
    // write transactions begin immediate (several processes share the file) and still commit and roll back
    await db.transaction().execute(async (tx) => sql`insert into t (name) values ('d')`.execute(tx));
    await expect(
      db.transaction().execute(async (tx) => {
        await sql`insert into t (name) values ('e')`.execute(tx);
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    const all = await sql<{ n: number }>`select count(*) as n from t`.execute(db);
    expect(all.rows[0]!.n).toBe(4);
    await db.destroy();
  });
});
