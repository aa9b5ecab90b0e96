// export-org / import-org (ADR 018, docs/org-export-format.md): the demo organisation round-trips on the
// engine under test and, when a PostgreSQL server is given, from SQLite to PostgreSQL and back; every
// table is compared row by row against the source.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { type Kysely, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DB, isPostgres, openDatabase } from "../../app/db.server";
import {
  EXCLUDED_TABLES,
  ORG_EXPORT_VERSION,
  exclusionReason,
  omittedColumns,
  portableValue,
} from "../../app/domain/org-export-format";
import { migrateToLatest } from "../../db/migrate";
import { seedDemo } from "../../seeds/index";
import { type CliIO, runCli } from "../../scripts/cli-commands";
import { copyTemplate, emptyDatabase, testPostgresAdminUrl } from "../support/template";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sp-org-export-"));
const handles: DB[] = [];
let fileNo = 0;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tables are read from the catalogue
type AnyDb = Kysely<any>;
const newFile = () => path.join(dir, `org-${++fileNo}.json`);

interface Target {
  location: string;
  db: DB;
}

function open(location: string): Target {
  const db = openDatabase(location);
  handles.push(db);
  return { location, db };
}

async function demo(): Promise<Target> {
  return open(await copyTemplate("org-export"));
}

async function empty(location?: string): Promise<Target> {
  const t = open(location ?? (await emptyDatabase("org-export-empty")));
  await migrateToLatest(t.db);
  return t;
}

async function cli(t: Target, ...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = { out: (l) => out.push(l), err: (l) => err.push(l), location: t.location };
  const code = await runCli(argv, t.db, io);
  return { code, out: out.join("\n"), err: err.join("\n"), errLines: err };
}

async function exportOf(t: Target): Promise<string> {
  const file = newFile();
  const r = await cli(t, "export-org", "--out", file);
  expect(r.err).toBe("");
  expect(r.code).toBe(0);
  return file;
}

async function tables(db: AnyDb): Promise<string[]> {
  const rows = isPostgres(db)
    ? await sql<{ name: string }>`select table_name as name from information_schema.tables
        where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(db)
    : await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(db);
  return rows.rows.map((r) => r.name).sort();
}

/** Every row of a table as portable values, in a total order (all columns), omitted columns dropped. */
async function rowsOf(db: AnyDb, table: string): Promise<Record<string, unknown>[]> {
  const rows = (await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db)).rows.map((r) =>
    Object.fromEntries(
      Object.entries(r)
        .filter(([c]) => !omittedColumns(table).includes(c) && !(table === "api_tokens" && c === "revoked_at"))
        .map(([c, v]) => [c, portableValue(v, c)]),
    ),
  );
  return rows.sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
}

/** Compares every exported table of `a` and `b` row by row; returns the tables compared. */
async function expectSameData(a: AnyDb, b: AnyDb): Promise<string[]> {
  const names = (await tables(a)).filter((t) => !exclusionReason(t));
  expect((await tables(b)).filter((t) => !exclusionReason(t))).toEqual(names);
  for (const t of names) {
    const [ra, rb] = [await rowsOf(a, t), await rowsOf(b, t)];
    expect({ table: t, rows: rb.length }).toEqual({ table: t, rows: ra.length });
    for (let i = 0; i < ra.length; i++) expect({ table: t, row: rb[i] }).toEqual({ table: t, row: ra[i] });
  }
  return names;
}

async function expectCredentialsGone(db: DB) {
  const withHash = await db.selectFrom("people").select("id").where("password_hash", "is not", null).execute();
  expect(withHash).toEqual([]);
  const tokens = await db.selectFrom("api_tokens").select(["token_hash", "revoked_at"]).execute();
  for (const t of tokens) {
    expect(t.token_hash).toMatch(/^not-a-token:imported:/);
    expect(t.revoked_at).not.toBeNull();
  }
}

let source: Target;
let file: string;

beforeAll(async () => {
  source = await demo();
  // an API token, so its metadata travels and its hash does not
  const admin = await source.db.selectFrom("people").select("id").where("role", "=", "admin").executeTakeFirstOrThrow();
  await source.db
    .insertInto("api_tokens")
    .values({
      name: "ServiceNow",
      token_hash: "a".repeat(64),
      prefix: "sp_abcd",
      created_by: admin.id,
      created_at: "2026-11-01T09:00:00.000Z",
    })
    .execute();
  file = await exportOf(source);
}, 120_000);

afterAll(async () => {
  for (const h of handles) await h.destroy().catch(() => {});
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("export-org", () => {
  it("writes a versioned file, readable by its owner only, with every table exported or explicitly excluded", async () => {
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const data = JSON.parse(fs.readFileSync(file, "utf8"));
    expect(data.format).toBe("supportpath-org-export");
    expect(data.formatVersion).toBe(ORG_EXPORT_VERSION);
    expect(data.schema.latest).toBe(data.schema.migrations.at(-1));
    const exported = data.tables.map((t: { name: string }) => t.name);
    const all = await tables(source.db);
    // a table is either in the file or excluded with a reason; nothing falls between
    for (const t of all) expect({ t, in: exported.includes(t) || !!exclusionReason(t) }).toEqual({ t, in: true });
    expect(Object.keys(data.excludedTables).sort()).toEqual(all.filter((t) => exclusionReason(t)));
    expect(exported).toEqual(
      expect.arrayContaining(["people", "evidence", "mapping_rules", "positions", "position_requirements"]),
    );
    expect(exported).toEqual(expect.arrayContaining(["appraisals", "appraisal_ratings", "audit_log", "goals", "settings"]));
    for (const t of Object.keys(EXCLUDED_TABLES)) expect(exported).not.toContain(t);
    // credentials never leave
    const people = data.tables.find((t: { name: string }) => t.name === "people");
    expect(people.columns).not.toContain("password_hash");
    expect(people.rows.length).toBe(
      Number((await sql<{ n: number }>`select count(*) as n from people`.execute(source.db)).rows[0]!.n),
    );
    expect(data.tables.find((t: { name: string }) => t.name === "api_tokens").columns).not.toContain("token_hash");
    expect(fs.readFileSync(file, "utf8")).not.toMatch(/\$scrypt|\$argon|aaaaaaaaaaaaaaaa/);
    // tables come in an order safe to insert: people before evidence, evidence before contributions
    expect(exported.indexOf("people")).toBeLessThan(exported.indexOf("evidence"));
    expect(exported.indexOf("evidence")).toBeLessThan(exported.indexOf("contributions"));
  });

  it("refuses to overwrite a file", async () => {
    const r = await cli(source, "export-org", "--out", file);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/already exists/);
  });
});

describe("import-org", () => {
  it("round-trips the demo organisation: every table, row by row", async () => {
    const target = await empty();
    const r = await cli(target, "import-org", "--in", file);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/people have no password yet/);
    const compared = await expectSameData(source.db, target.db);
    expect(compared.length).toBeGreaterThanOrEqual(20);
    await expectCredentialsGone(target.db);
    // new rows get fresh ids (PostgreSQL's sequences were moved past the imported ids)
    const maxTeam = (
      await target.db
        .selectFrom("teams")
        .select((eb) => eb.fn.max("id").as("m"))
        .executeTakeFirstOrThrow()
    ).m;
    const added = await target.db
      .insertInto("teams")
      .values({ name: "Imported later" })
      .returning("id")
      .executeTakeFirstOrThrow();
    expect(added.id).toBeGreaterThan(Number(maxTeam));
    // and an export of the imported database is the same data again
    const again = JSON.parse(fs.readFileSync(await exportOf({ ...target }), "utf8"));
    const first = JSON.parse(fs.readFileSync(file, "utf8"));
    const people = (d: typeof first) => d.tables.find((t: { name: string }) => t.name === "people").rows;
    expect(people(again)).toEqual(people(first));
  }, 120_000);

  it("carries a table and a column a later migration adds, without an edit", async () => {
    const later = await demo();
    const target = await empty();
    for (const db of [later.db, target.db]) {
      await sql`create table later_things (id integer primary key, person_id integer not null references people(id), note text)`.execute(
        db,
      );
      await sql`alter table evidence add column later_score integer not null default 1`.execute(db);
    }
    await sql`insert into later_things (id, person_id, note) select id, id, 'note ' || name from people`.execute(later.db);
    await sql`update evidence set later_score = 3 where id % 7 = 0`.execute(later.db);
    const f = await exportOf(later);
    const r = await cli(target, "import-org", "--in", f);
    expect(r.err).toBe("");
    const compared = await expectSameData(later.db, target.db);
    expect(compared).toContain("later_things");
    const v = await sql<{ n: number }>`select count(*) as n from evidence where later_score = 3`.execute(target.db);
    expect(Number(v.rows[0]!.n)).toBeGreaterThan(0);
  }, 120_000);

  it("refuses a database that already has data, and changes nothing", async () => {
    const target = await demo();
    const before = await rowsOf(target.db, "people");
    const r = await cli(target, "import-org", "--in", file);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/already has data: .*people \(\d+\)/);
    expect(r.err).toMatch(/empty database only/);
    expect(await rowsOf(target.db, "people")).toEqual(before);
  });

  describe("refuses a bad file with a message (exit 2), never a stack trace, and writes nothing", () => {
    let target: Target;
    beforeAll(async () => {
      target = await empty();
    });
    const good = () => JSON.parse(fs.readFileSync(file, "utf8"));
    const cases: [string, () => string, RegExp][] = [
      ["not JSON", () => "{ this is not json", /not JSON/],
      ["another file", () => JSON.stringify({ name: "package", version: "1.0.0" }), /not a SupportPath organisation export/],
      [
        "a future format version",
        () => JSON.stringify({ ...good(), formatVersion: ORG_EXPORT_VERSION + 1 }),
        /format version 2, written by a newer SupportPath/,
      ],
      [
        "a version that is not a number",
        () => JSON.stringify({ ...good(), formatVersion: "1" }),
        /"formatVersion" must be a whole number/,
      ],
      [
        "a schema this database has not reached",
        () =>
          JSON.stringify({
            ...good(),
            schema: { migrations: [...good().schema.migrations, "0099_future"], latest: "0099_future" },
          }),
        /written at schema 0099_future, which this database has not reached/,
      ],
      [
        "an unknown table",
        () => JSON.stringify({ ...good(), tables: [...good().tables, { name: "martians", columns: ["id"], rows: [[1]] }] }),
        /unknown table martians/,
      ],
      [
        "an unknown column",
        () => {
          const d = good();
          const teams = d.tables.find((t: { name: string }) => t.name === "teams");
          teams.columns.push("colour");
          for (const r of teams.rows) r.push("red");
          return JSON.stringify(d);
        },
        /table teams: unknown column colour/,
      ],
      [
        "a row of the wrong length",
        () => {
          const d = good();
          d.tables.find((t: { name: string }) => t.name === "teams").rows[0].pop();
          return JSON.stringify(d);
        },
        /table teams, row 1: expected \d+ values, one per column/,
      ],
      [
        "an excluded table",
        () => JSON.stringify({ ...good(), tables: [...good().tables, { name: "sessions", columns: ["id"], rows: [["x"]] }] }),
        /table sessions is never imported/,
      ],
      [
        "a password hash",
        () => {
          const d = good();
          const people = d.tables.find((t: { name: string }) => t.name === "people");
          people.columns.push("password_hash");
          for (const r of people.rows) r.push("$scrypt$x");
          return JSON.stringify(d);
        },
        /password_hash is never imported/,
      ],
      [
        "a row the database refuses (a duplicate key)",
        () => {
          const d = good();
          const teams = d.tables.find((t: { name: string }) => t.name === "teams");
          teams.rows.push([...teams.rows[0]]);
          return JSON.stringify(d);
        },
        /table teams: the database refused a row/,
      ],
    ];
    for (const [name, text, message] of cases) {
      it(name, async () => {
        const f = newFile();
        fs.writeFileSync(f, text());
        const r = await cli(target, "import-org", "--in", f);
        expect(r.code).toBe(2);
        expect(r.err).toMatch(message);
        for (const line of r.errLines) expect(line).toMatch(/^error: |^Run "npm run cli/);
        expect(r.err).not.toMatch(/\n\s+at /);
        expect(Number((await sql<{ n: number }>`select count(*) as n from teams`.execute(target.db)).rows[0]!.n)).toBe(0);
      });
    }
    it("a missing file", async () => {
      const r = await cli(target, "import-org", "--in", path.join(dir, "nope.json"));
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/cannot read .*ENOENT/);
    });
  });
});

describe.runIf(testPostgresAdminUrl())("across engines", () => {
  it("SQLite → PostgreSQL → SQLite keeps every table, row by row", async () => {
    const lite = await empty(path.join(dir, "demo.db"));
    await seedDemo(lite.db);
    const pgTarget = await empty();
    expect(isPostgres(pgTarget.db)).toBe(true);
    const toPg = await cli(pgTarget, "import-org", "--in", await exportOf(lite));
    expect(toPg.err).toBe("");
    await expectSameData(lite.db, pgTarget.db);
    const back = await empty(path.join(dir, "back.db"));
    const toLite = await cli(back, "import-org", "--in", await exportOf(pgTarget));
    expect(toLite.err).toBe("");
    await expectSameData(lite.db, back.db);
    await expectCredentialsGone(back.db);
  }, 300_000);
});
