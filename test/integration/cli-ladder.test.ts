// The CLI's ladder commands (issue 17, part 4; ADR 022), run as cli.test.ts runs the others: the same services
// as /admin/ladder/export and /import, checked by the file written and the database afterwards.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DB, openDatabase } from "../../app/db.server";
import { migrateToLatest } from "../../db/migrate";
import { type CliIO, runCli } from "../../scripts/cli-commands";
import { copyTemplate } from "../support/template";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sp-cli-ladder-"));
let db: DB;
let location: string;
let out: string[] = [];
let err: string[] = [];
const io = (): CliIO => ({ out: (l) => out.push(l), err: (l) => err.push(l), location });
const run = (...argv: string[]) => {
  out = [];
  err = [];
  return runCli(argv, db, io());
};

beforeAll(async () => {
  location = await copyTemplate("cli-ladder");
  db = openDatabase(location);
  await migrateToLatest(db);
});

afterAll(async () => {
  await db.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
});

const positions = () => db.selectFrom("positions").selectAll().orderBy("id").execute();

describe("cli: export-ladder and import-ladder", () => {
  it("exports the ladder as the default template; importing it back changes nothing", async () => {
    const file = path.join(dir, "ladder.json");
    expect(await run("export-ladder", "--out", file)).toBe(0);
    const exported = JSON.parse(fs.readFileSync(file, "utf8")) as { name: string };
    const shipped = JSON.parse(fs.readFileSync("seeds/ladders/support-default.json", "utf8")) as { name: string };
    expect({ ...exported, name: "" }).toEqual({ ...shipped, name: "" });
    expect(await run("export-ladder", "--out", file)).toBe(2); // never overwrites
    const before = await positions();
    expect(await run("import-ladder", "--file", file)).toBe(0);
    expect(out.join("\n")).toContain("no changes");
    expect(await positions()).toEqual(before);
  });

  it("previews with --dry-run (nothing written), then imports the dual-track template", async () => {
    const before = await positions();
    expect(await run("import-ladder", "--file", "seeds/ladders/support-dual-track.json", "--dry-run")).toBe(0);
    expect(out.join("\n")).toContain("Principal Support Engineer (principal): add");
    expect(await positions()).toEqual(before);
    expect(await run("import-ladder", "--file", "seeds/ladders/support-dual-track.json")).toBe(0);
    expect(out.join("\n")).toContain("Imported.");
    const principal = await db.selectFrom("positions").selectAll().where("key", "=", "principal").executeTakeFirstOrThrow();
    expect(principal.track).toBe("ic");
    expect(await run("import-ladder", "--file", "seeds/ladders/support-dual-track.json")).toBe(0);
    expect(out.join("\n")).toContain("no changes");
  });

  it("refuses a bad file (exit 1, every problem), a missing file (1) and missing arguments (2)", async () => {
    const t = JSON.parse(fs.readFileSync("seeds/ladders/support-default.json", "utf8"));
    t.positions[1].requirements.debugging = 99;
    t.positions[2].requirements.juggling = 1;
    const bad = path.join(dir, "bad.json");
    fs.writeFileSync(bad, JSON.stringify(t));
    const before = await positions();
    expect(await run("import-ladder", "--file", bad)).toBe(1);
    expect(err.join("\n")).toContain('Position 2 "Support Engineer II" (se2): requirements.debugging');
    expect(await positions()).toEqual(before);
    expect(await run("import-ladder", "--file", path.join(dir, "nope.json"))).toBe(1);
    expect(err.join("\n")).toContain("not found");
    expect(await run("import-ladder")).toBe(2);
    expect(await run("export-ladder")).toBe(2);
  });
});
