// The CLI's `import` (issue 17, point 5): the web import's preview and confirm, run from the command line on
// the real ServiceNow event log and on small fixtures. Each test has a database of its own (a copy of the
// template), so the tests meet no one's data and the counts are the file's alone.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { type DB, openDatabase } from "../../app/db.server";
import { migrateToLatest } from "../../db/migrate";
import { type CliIO, runCli } from "../../scripts/cli-commands";
import { copyTemplate, testPostgresAdminUrl } from "../support/template";

// In CI the shared folder sits beside the repository (as import-real.test.ts finds it).
const DATASET = path.resolve(process.cwd(), "../shared/datasets/servicenow-incident-event-log.csv");
const JIRA = path.resolve("test/fixtures/import/jira.csv");
const dataset = fs.readFileSync(DATASET, "utf8");
const header = dataset.split(/\r?\n/, 1)[0]!.split(",");
const rows = dataset
  .split(/\r?\n/)
  .slice(1)
  .filter((l) => l !== "")
  .map((l) => l.split(","));
/** incidents in the file: the preview collapses the event log to one ticket each */
const incidents = new Set(rows.map((r) => r[header.indexOf("number")]!)).size;
/** every handle that resolved something in the file */
const resolvers = new Set(rows.map((r) => r[header.indexOf("resolved_by")]!).filter((h) => h !== "?"));

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sp-cli-import-"));
const opened: { db: DB; location: string }[] = [];

afterAll(async () => {
  for (const o of opened) await o.db.destroy();
  const adminUrl = testPostgresAdminUrl();
  if (adminUrl) {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    for (const o of opened) await client.query(`DROP DATABASE IF EXISTS "${new URL(o.location).pathname.slice(1)}" WITH (FORCE)`);
    await client.end();
  } else {
    for (const o of opened) for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(o.location + suffix, { force: true });
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A database of the test's own, and the CLI run against it with its output kept. */
async function fresh(name: string) {
  const location = await copyTemplate(`cli-import-${name}`);
  const db = openDatabase(location);
  opened.push({ db, location });
  await migrateToLatest(db);
  const io = { out: [] as string[], err: [] as string[] };
  const cliIO: CliIO = { out: (l) => io.out.push(l), err: (l) => io.err.push(l), location };
  const run = (...argv: string[]) => {
    io.out = [];
    io.err = [];
    return runCli(argv, db, cliIO);
  };
  return { db, run, out: () => io.out.join("\n"), err: () => io.err.join("\n") };
}

async function counts(db: DB) {
  const n = async (table: "evidence" | "import_batches" | "import_batch_items" | "audit_log") =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    evidence: await n("evidence"),
    batches: await n("import_batches"),
    batchItems: await n("import_batch_items"),
    audit: await n("audit_log"),
  };
}

/** "N new, N to update, N unchanged, …" of the preview's summary line. */
function summary(out: string) {
  const m = /\s(\d+) new, (\d+) to update, (\d+) unchanged, (\d+) kept \(edited by owner\), (\d+) skipped/.exec(out);
  if (!m) throw new Error(`no summary line in:\n${out}`);
  const [create, update, unchanged, kept, skip] = m.slice(1).map(Number) as [number, number, number, number, number];
  return { create, update, unchanged, kept, skip };
}

const written = (db: DB, batchId: number) =>
  db
    .selectFrom("import_batch_items")
    .innerJoin("evidence", "evidence.id", "import_batch_items.evidence_id")
    .select(["evidence.person_id", "evidence.source", "import_batch_items.action"])
    .where("import_batch_items.batch_id", "=", batchId)
    .execute();

const latestBatch = (db: DB) => db.selectFrom("import_batches").selectAll().orderBy("id", "desc").executeTakeFirstOrThrow();

describe("cli: import", () => {
  it("--dry-run prints the preview of the real event log and imports nothing", async () => {
    const { db, run, out } = await fresh("dry");
    const before = await counts(db);
    expect(await run("import", "--file", DATASET, "--dry-run")).toBe(0);
    const text = out();
    expect(text).toContain(`(ServiceNow): ${rows.length} rows read, ${incidents} tickets, 0 rows with errors.`);
    expect(text).toContain("For the organisation, as ");
    const s = summary(text);
    expect(s.create).toBeGreaterThan(0);
    expect(s.create + s.update + s.unchanged + s.kept + s.skip).toBe(incidents);
    expect(text).toMatch(/^Attributed to:$/m);
    // the demo has handles for some of the file's resolvers only: the others are listed, their tickets skipped
    expect(text).toMatch(/^Unknown handles \(\d+\), their resolved tickets skipped:$/m);
    const unknown = [...text.matchAll(/^ {2}(.+): (\d+) ticket\(s\)$/gm)];
    expect(unknown.length).toBeGreaterThan(0);
    for (const [, handle] of unknown) expect(resolvers.has(handle!)).toBe(true);
    expect(text).toContain("Dry run: nothing was imported");
    // no evidence and no batch left over; the audit log has the preview and its discarding, as on the web
    expect(await counts(db)).toEqual({ ...before, audit: before.audit + 2 });
    const audit = await db.selectFrom("audit_log").select(["action", "entity_id"]).orderBy("id", "desc").limit(2).execute();
    expect(audit.map((a) => a.action).sort()).toEqual(["import_discard", "import_preview"]);
    expect(audit[0]!.entity_id).toBe(audit[1]!.entity_id); // one batch, made and discarded
  });

  it("writes the import as the first active admin; a second run finds it all unchanged", async () => {
    const { db, run, out } = await fresh("apply");
    const before = await counts(db);
    expect(await run("import", "--file", DATASET, "--dry-run")).toBe(0);
    const planned = summary(out());

    expect(await run("import", "--file", DATASET)).toBe(0);
    expect(summary(out())).toEqual(planned);
    const batch = await latestBatch(db);
    expect(out()).toContain(`Written as import #${batch.id} in one transaction: ${planned.create} new item(s), 0 updated`);
    const admin = await db
      .selectFrom("people")
      .select(["id", "role"])
      .where("active", "=", 1)
      .where("role", "=", "admin")
      .orderBy("id")
      .executeTakeFirstOrThrow();
    expect(batch).toMatchObject({ status: "applied", scope: "org", created_by: admin.id, filename: path.basename(DATASET) });
    const items = await written(db, batch.id);
    expect(items).toHaveLength(planned.create);
    expect(items.every((i) => i.source === "import" && i.action === "created")).toBe(true);
    expect(new Set(items.map((i) => i.person_id)).size).toBeGreaterThan(1); // the organisation's, by handle
    expect((await counts(db)).evidence).toBe(before.evidence + planned.create);

    expect(await run("import", "--file", DATASET)).toBe(0);
    expect(summary(out())).toEqual({ ...planned, create: 0, unchanged: planned.create });
    expect(out()).toContain(`Nothing new: all ${planned.create} importable ticket(s) were already imported.`);
    expect((await counts(db)).evidence).toBe(before.evidence + planned.create);
  });

  it("--as an engineer imports only the tickets under their own handles", async () => {
    const { db, run, out } = await fresh("self");
    // an engineer of the demo who resolved tickets in the file
    const handles = await db
      .selectFrom("itsm_handles")
      .innerJoin("people", "people.id", "itsm_handles.person_id")
      .select(["people.id", "people.email", "people.name", "itsm_handles.handle"])
      .where("people.role", "=", "engineer")
      .where("people.active", "=", 1)
      .orderBy("people.id")
      .execute();
    const engineer = handles.find((h) => resolvers.has(h.handle))!;
    expect(engineer).toBeDefined();
    expect(await run("import", "--file", DATASET, "--as", engineer.email.toUpperCase())).toBe(0);
    const text = out();
    expect(text).toContain(`For ${engineer.name} <${engineer.email}> only: tickets under their own handles.`);
    expect(text).toMatch(/skipped \(.*\d+ not yours/);
    expect(text).not.toContain("Unknown handles"); // only the organisation's import lists them
    const s = summary(text);
    expect(s.create).toBeGreaterThan(0);
    const batch = await latestBatch(db);
    expect(batch).toMatchObject({ scope: "self", created_by: engineer.id, status: "applied" });
    const items = await written(db, batch.id);
    expect(items).toHaveLength(s.create);
    expect(items.every((i) => i.person_id === engineer.id)).toBe(true);
  });

  it("prints the rows the parser could not read, by row number, and the unknown handles", async () => {
    const { run, out } = await fresh("row-errors");
    expect(await run("import", "--file", JIRA, "--dry-run")).toBe(0);
    const text = out();
    expect(text).toContain("(Jira): 7 rows read, 4 tickets, 3 rows with errors.");
    expect(text).toMatch(/^ {2}row 6 \(OPS-4\): Created: cannot read the date "not a date"/m);
    expect(text).toMatch(/^ {2}row 7: Missing Issue key$/m);
    expect(text).toMatch(/^ {2}row 9 \(OPS-6\): Row has 3 columns; the header has 17/m);
    expect(text).toMatch(/^ {2}alice: 1 ticket\(s\)$/m);
  });

  it("is documented in the help, with what happens to unknown handles", async () => {
    const { run, out } = await fresh("help");
    expect(await run("help")).toBe(0);
    expect(out()).toContain("import          --file FILE [--as EMAIL] [--dry-run]");
    expect(out()).toContain("tickets of unknown handles are skipped");
    expect(out()).toContain("export-portfolio --email E --format pdf|md|json --out FILE [--target POSITION]");
  });

  it("refuses bad arguments (exit 2) and what it cannot do (exit 1), writing nothing", async () => {
    const { db, run, out, err } = await fresh("errors");
    const before = await counts(db);

    expect(await run("import")).toBe(2);
    expect(err()).toContain("import needs --file FILE");
    expect(await run("import", "--file", DATASET, "--dry-run", "--yes")).toBe(2);
    expect(err()).toContain("Unknown option '--yes'");
    expect(await run("import", "--file", DATASET, "--as")).toBe(2);

    const missing = path.join(dir, "nope.csv");
    expect(await run("import", "--file", missing)).toBe(1);
    expect(err()).toBe(`error: cannot read ${missing} (ENOENT)`);
    expect(await run("import", "--file", dir)).toBe(1);
    expect(err()).toContain("is not a file");

    const notCsv = path.join(dir, "notes.txt");
    fs.writeFileSync(notCsv, "# Shopping\nmilk, eggs\n");
    expect(await run("import", "--file", notCsv)).toBe(1);
    expect(err()).toMatch(/notes\.txt: Unrecognised CSV/);
    const headerOnly = path.join(dir, "header-only.csv");
    fs.writeFileSync(headerOnly, `${header.join(",")}\n`);
    expect(await run("import", "--file", headerOnly)).toBe(1);
    expect(err()).toContain("The file has a header but no rows.");

    expect(await run("import", "--file", DATASET, "--as", "nobody@nowhere.example")).toBe(1);
    expect(err()).toBe("error: no person with email nobody@nowhere.example");
    const gone = await db
      .selectFrom("people")
      .select(["id", "email"])
      .where("role", "=", "engineer")
      .orderBy("id")
      .executeTakeFirstOrThrow();
    await db.updateTable("people").set({ active: 0 }).where("id", "=", gone.id).execute();
    expect(await run("import", "--file", DATASET, "--as", gone.email)).toBe(1);
    expect(err()).toContain("is deactivated and cannot import");

    // no active admin to import as the organisation
    await db.updateTable("people").set({ active: 0 }).where("role", "=", "admin").execute();
    expect(await run("import", "--file", DATASET, "--dry-run")).toBe(1);
    expect(err()).toContain("no active admin to import as");
    expect(out()).toBe("");

    expect(await counts(db)).toEqual(before);
  });
});
