// ADR 005 / 007: evidence rows, their adjustments and contributions, and the stored monthly buckets are
// written by one module, app/models/evidence-writer.server.ts, whatever the path (form, CSV import, ingest
// API, import undo, rule change). A write anywhere else could leave the buckets out of step with the
// contributions, which the oracle test (test/integration/skill-months.test.ts) only catches for the
// writes it knows. skill-months.server.ts stores the buckets, and only the writer may ask it to.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? files(p) : /\.tsx?$/.test(e.name) ? [p] : [];
  });
}

const TABLES = "evidence|contributions|adjustments|skill_months|load_months";
/** A kysely write to one of the tables (`.insertInto("evidence")`, `.deleteFrom("contributions as c")`…). */
const KYSELY_WRITE = new RegExp(
  `\\.(insertInto|updateTable|deleteFrom|replaceInto|mergeInto)\\(\\s*["'\`](${TABLES})(\\s+as\\s+\\w+)?["'\`]`,
  "g",
);
/** The same in raw SQL inside a sql`…` template. */
const RAW_WRITE = new RegExp(`sql\`[^\`]*\\b(insert\\s+into|update|delete\\s+from)\\s+"?(${TABLES})"?\\b`, "gi");
/** Who may refresh or rebuild the buckets. */
const BUCKET_CALL = /\b(refreshSkillMonths|rebuildSkillMonths|applyItemChanges|applyLoadChanges|rebuildLoadMonths)\b/;

const WRITER = path.join("app", "models", "evidence-writer.server.ts");
const BUCKETS = path.join("app", "models", "skill-months.server.ts");
/** The team view's stored load rows (load_months, migration 0009), moved by the writer as the buckets are. */
const LOAD = path.join("app", "models", "load-months.server.ts");

function offenders(allowed: string[], test: (text: string) => boolean) {
  return files(path.resolve("app"))
    .map((f) => path.relative(process.cwd(), f))
    .filter((f) => !allowed.includes(f))
    .filter((f) => test(fs.readFileSync(f, "utf8")));
}

describe("the evidence writer", () => {
  it("is the only module that writes evidence, adjustments, contributions and buckets", () => {
    const writes = (text: string) => new RegExp(KYSELY_WRITE.source).test(text) || new RegExp(RAW_WRITE.source, "i").test(text);
    expect(offenders([WRITER, BUCKETS, LOAD], writes)).toEqual([]);
  });

  it("is the only module that refreshes or rebuilds the stored buckets", () => {
    expect(offenders([WRITER, BUCKETS, LOAD], (text) => BUCKET_CALL.test(text))).toEqual([]);
  });

  it("would notice a write elsewhere, across lines or aliased, and not a read or another table", () => {
    const hit = (code: string) => new RegExp(KYSELY_WRITE.source).test(code) || new RegExp(RAW_WRITE.source, "i").test(code);
    expect(hit(`await tx\n  .updateTable("evidence")\n  .set({ title })`)).toBe(true);
    expect(hit(`db.deleteFrom('contributions as c')`)).toBe(true);
    expect(hit("db.insertInto(`skill_months`)")).toBe(true);
    expect(hit("await sql`delete from skill_months where person_id = ${id}`.execute(db)")).toBe(true);
    expect(hit(`db.selectFrom("evidence").selectAll()`)).toBe(false);
    expect(hit(`db.insertInto("evidence_kinds")`)).toBe(false);
    expect(hit(`db.insertInto("endorsements")`)).toBe(false);
  });
});
