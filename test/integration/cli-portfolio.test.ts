// The CLI's `export-portfolio` (issue 17, point 5): the files /portfolio.pdf, .md and .json give, written by the
// command line. Each test makes its own person and evidence (factories), so the tests share no data.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DB, openDatabase } from "../../app/db.server";
import { migrateToLatest } from "../../db/migrate";
import { type CliIO, runCli } from "../../scripts/cli-commands";
import { flat, pdfText } from "../fixtures/portfolio/pdf-text";
import { jsonResumeErrors } from "../fixtures/portfolio/json-resume";
import { makeEvidence, makePerson, uid } from "../support/factories";
import { copyTemplate, testPostgresAdminUrl } from "../support/template";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sp-cli-portfolio-"));
let db: DB;
let location: string;

beforeAll(async () => {
  location = await copyTemplate("cli-portfolio");
  db = openDatabase(location);
  await migrateToLatest(db);
});

afterAll(async () => {
  await db.destroy();
  const adminUrl = testPostgresAdminUrl();
  if (adminUrl) {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS "${new URL(location).pathname.slice(1)}" WITH (FORCE)`);
    await client.end();
  } else {
    for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(location + suffix, { force: true });
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Runs the CLI with its own output (tests run in parallel: no shared buffers). */
async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = { out: (l) => out.push(l), err: (l) => err.push(l), location };
  const code = await runCli(argv, db, io);
  return { code, out: out.join("\n"), err: err.join("\n") };
}

/** An engineer on the ladder's second rung with two items of their own, resolved in the last days. */
async function engineerWithEvidence() {
  const person = await makePerson(db, { name: `Zoë Ünal ${uid()}`, position: "Support Engineer II" });
  const items = [
    await makeEvidence(db, person.id, { title: `Failover drill ${uid()}` }, { status: "verified" }),
    await makeEvidence(db, person.id, { title: `Queue backlog ${uid()}` }),
  ];
  return { person, items };
}

const outFile = (ext: string) => path.join(dir, `portfolio-${uid()}.${ext}`);
const modeOf = (file: string) => fs.statSync(file).mode & 0o777;

describe("cli: export-portfolio", () => {
  it("writes the PDF: a new file readable by its owner only, with the person's name in it", async () => {
    const { person } = await engineerWithEvidence();
    const file = outFile("pdf");
    const r = await cli("export-portfolio", "--email", person.email, "--format", "pdf", "--out", file);
    expect(r).toMatchObject({ code: 0, err: "" });
    expect(r.out).toContain(`Wrote the portfolio of ${person.name} towards Senior Support Engineer`);
    const bytes = fs.readFileSync(file);
    expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(modeOf(file)).toBe(0o600);
    expect(flat((await pdfText(new Uint8Array(bytes))).text)).toContain(person.name);
  });

  it("writes the Markdown: the person's name, the headings and their evidence", async () => {
    const { person, items } = await engineerWithEvidence();
    const file = outFile("md");
    expect((await cli("export-portfolio", "--email", person.email, "--format", "md", "--out", file)).code).toBe(0);
    const md = fs.readFileSync(file, "utf8");
    expect(md).toMatch(new RegExp(`^# Promotion portfolio: ${person.name}$`, "m"));
    expect(md).toMatch(/^## Readiness and gaps$/m);
    expect(md).toMatch(/^## Evidence by skill$/m);
    expect(md).toContain("**Target position:** Senior Support Engineer");
    for (const item of items) expect(md).toContain(item.title);
    expect(modeOf(file)).toBe(0o600);
  });

  it("writes the JSON Resume: valid against the schema, with the person's items", async () => {
    const { person, items } = await engineerWithEvidence();
    const file = outFile("json");
    expect((await cli("export-portfolio", "--email", person.email, "--format", "JSON", "--out", file)).code).toBe(0);
    const doc = JSON.parse(fs.readFileSync(file, "utf8")) as {
      basics: { name: string; email: string };
      meta: { supportpath: { evidence: { id: number; title: string }[]; targetPosition: { name: string } } };
    };
    expect(jsonResumeErrors(doc)).toEqual([]);
    expect(doc.basics).toMatchObject({ name: person.name, email: person.email });
    expect(doc.meta.supportpath.evidence.map((e) => e.id).sort()).toEqual(items.map((i) => i.id).sort());
    expect(doc.meta.supportpath.targetPosition.name).toBe("Senior Support Engineer");
  });

  it("--target takes a position by name, key or id; --from and --to set the period", async () => {
    const { person } = await engineerWithEvidence();
    const lead = await db
      .selectFrom("positions")
      .select(["id", "key", "name"])
      .where("name", "=", "Support Team Lead")
      .executeTakeFirstOrThrow();
    for (const target of [lead.name.toUpperCase(), lead.key, String(lead.id)]) {
      const file = outFile("json");
      const r = await cli("export-portfolio", "--email", person.email, "--format", "json", "--out", file, "--target", target);
      expect(r.code).toBe(0);
      expect(r.out).toContain(`towards ${lead.name}`);
      const doc = JSON.parse(fs.readFileSync(file, "utf8")) as { meta: { supportpath: { targetPosition: { id: number } } } };
      expect(doc.meta.supportpath.targetPosition.id).toBe(lead.id);
    }
    // a period before the items were resolved holds none of them
    const file = outFile("json");
    const r = await cli(
      "export-portfolio",
      "--email",
      person.email,
      "--format",
      "json",
      "--out",
      file,
      "--from",
      "2001-01-01",
      "--to",
      "2001-12-31",
    );
    expect(r.code).toBe(0);
    expect(r.out).toContain("2001-01-01 to 2001-12-31");
    const doc = JSON.parse(fs.readFileSync(file, "utf8")) as { meta: { supportpath: { evidence: unknown[] } } };
    expect(doc.meta.supportpath.evidence).toEqual([]);
  });

  it("refuses an unknown email or position (exit 1) and bad arguments (exit 2), writing no file", async () => {
    const { person } = await engineerWithEvidence();
    const file = outFile("md");
    const args = ["export-portfolio", "--email", person.email, "--format", "md", "--out", file];

    let r = await cli("export-portfolio", "--email", `nobody.${uid()}@nowhere.example`, "--format", "md", "--out", file);
    expect(r.code).toBe(1);
    expect(r.err).toContain("no person with email nobody.");

    r = await cli(...args, "--target", "Chief Wizard");
    expect(r.code).toBe(1);
    expect(r.err).toContain('no position "Chief Wizard". The positions are:');
    const positions = await db.selectFrom("positions").select(["id", "key", "name"]).where("retired", "=", 0).execute();
    for (const p of positions) expect(r.err).toContain(`  ${p.name} (key ${p.key}, id ${p.id})`);

    r = await cli("export-portfolio", "--email", person.email, "--format", "docx", "--out", file);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--format must be pdf, md or json, not "docx"');
    for (const missing of ["--email", "--format", "--out"]) {
      const i = args.indexOf(missing);
      r = await cli(...args.slice(0, i), ...args.slice(i + 2));
      expect(r.code).toBe(2);
      expect(r.err).toContain("export-portfolio needs --email, --format and --out");
    }
    r = await cli(...args, "--from", "02/12/2026");
    expect(r.code).toBe(2);
    expect(r.err).toContain("--from: Enter the start date as YYYY-MM-DD.");
    r = await cli(...args, "--from", "2026-02-01", "--to", "2025-02-01");
    expect(r.code).toBe(2);
    expect(r.err).toContain("--to: The end date must be on or after the start date.");
    r = await cli(...args, "--pages", "3");
    expect(r.code).toBe(2);
    expect(r.err).toContain("Unknown option '--pages'");
    expect(fs.existsSync(file)).toBe(false);

    // never overwrites
    fs.writeFileSync(file, "keep me");
    r = await cli(...args);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${file} already exists; choose a new file`);
    expect(fs.readFileSync(file, "utf8")).toBe("keep me");
  });
});
