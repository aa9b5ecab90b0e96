import { describe, expect, it } from "vitest";
import {
  ORG_EXPORT_VERSION,
  type OrgExport,
  checkAgainstTarget,
  dependencyOrder,
  exclusionReason,
  exportHeader,
  fillOmitted,
  parentsFirst,
  parseOrgExport,
  portableValue,
  serialiseExport,
} from "../../app/domain/org-export-format";

const NOW = new Date("2026-12-02T10:00:00.000Z");
const header = exportHeader("sqlite", ["0001_people", "0002_evidence"], NOW, ["sessions"]);
const file = (tables: OrgExport["tables"]) => serialiseExport(header, tables);

describe("the export file", () => {
  it("serialises to JSON that parses back to the same tables", () => {
    const tables = [
      {
        name: "teams",
        columns: ["id", "name"],
        rows: [
          [1, "Platform"],
          [2, 'Désk "quoted"'],
        ],
      },
      { name: "empty", columns: ["id"], rows: [] },
    ];
    const parsed = parseOrgExport(file(tables));
    expect(parsed.ok && parsed.value.tables).toEqual(tables);
    expect(parsed.ok && parsed.value.schema.latest).toBe("0002_evidence");
  });

  it("says what is wrong with a bad file", () => {
    const bad = (text: string) => {
      const r = parseOrgExport(text);
      return r.ok ? [] : r.errors;
    };
    expect(bad("nope")[0]).toMatch(/not JSON/);
    expect(bad("[]")[0]).toMatch(/not a SupportPath organisation export/);
    const good = JSON.parse(file([]));
    expect(bad(JSON.stringify({ ...good, formatVersion: ORG_EXPORT_VERSION + 1 }))[0]).toMatch(/newer SupportPath/);
    expect(bad(JSON.stringify({ ...good, formatVersion: 0 }))[0]).toMatch(/whole number from 1/);
    expect(bad(JSON.stringify({ ...good, tables: [{ name: "t", columns: ["a", "a"], rows: [] }] }))[0]).toMatch(/named twice/);
    expect(bad(JSON.stringify({ ...good, tables: [{ name: "t", columns: ["a"], rows: [[{}]] }] }))[0]).toMatch(/a holds a value/);
    expect(
      bad(
        JSON.stringify({
          ...good,
          tables: [
            { name: "t", columns: ["a"], rows: [[1]] },
            { name: "t", columns: ["a"], rows: [] },
          ],
        }),
      )[0],
    ).toMatch(/appears twice/);
  });

  it("is checked against the target's migrations, tables and columns", () => {
    const parsed = parseOrgExport(
      file([
        { name: "teams", columns: ["id", "name", "colour"], rows: [] },
        { name: "ghosts", columns: ["id"], rows: [] },
      ]),
    );
    if (!parsed.ok) throw new Error("parse");
    const errors = checkAgainstTarget(parsed.value, { migrations: ["0001_people"], columns: { teams: ["id", "name"] } });
    expect(errors).toEqual([
      expect.stringMatching(/schema 0002_evidence, which this database has not reached \(0001_people\)/),
      "table teams: unknown column colour",
      "unknown table ghosts: this database has no such table",
    ]);
  });
});

describe("what leaves and how", () => {
  it("excludes credentials and transient security state by name", () => {
    for (const t of [
      "sessions",
      "password_tokens",
      "login_attempts",
      "kysely_migration",
      "sqlite_sequence",
      "sign_in_failures",
      "throttle_keys",
    ])
      expect(exclusionReason(t)).toBeTruthy();
    for (const t of ["people", "evidence", "audit_log", "settings", "goals"]) expect(exclusionReason(t)).toBeNull();
  });

  it("fills what was omitted: no password, tokens that match nothing and are revoked", () => {
    expect(fillOmitted("people", { id: 1, name: "A" }, NOW)).toEqual({ id: 1, name: "A", password_hash: null });
    expect(fillOmitted("api_tokens", { id: 7, revoked_at: null }, NOW)).toEqual({
      id: 7,
      token_hash: "not-a-token:imported:7",
      revoked_at: NOW.toISOString(),
    });
    expect(fillOmitted("api_tokens", { id: 7, revoked_at: "2026-01-01T00:00:00.000Z" }, NOW).revoked_at).toBe(
      "2026-01-01T00:00:00.000Z",
    );
  });

  it("writes engine values portably", () => {
    expect(portableValue(new Date("2026-01-02T03:04:05.000Z"), "x")).toBe("2026-01-02T03:04:05.000Z");
    expect(portableValue(12n, "x")).toBe(12);
    expect(portableValue(undefined, "x")).toBeNull();
    expect(() => portableValue(Buffer.from("x"), "t.c")).toThrow(/t\.c: .*no portable form/);
  });
});

describe("order", () => {
  const fk = (table: string, references: string) => ({ table, column: `${references}_id`, references, referencedColumn: "id" });

  it("puts every table after those it references, ties alphabetical, self-references ignored", () => {
    expect(
      dependencyOrder(
        ["evidence", "people", "teams", "contributions", "skills"],
        [
          fk("people", "teams"),
          fk("people", "people"),
          fk("evidence", "people"),
          fk("contributions", "evidence"),
          fk("contributions", "skills"),
        ],
      ),
    ).toEqual(["skills", "teams", "people", "evidence", "contributions"]);
  });

  it("names the tables of a cycle", () => {
    expect(() => dependencyOrder(["a", "b", "c"], [fk("a", "b"), fk("b", "a")])).toThrow(/between a, b form a cycle/);
  });

  it("puts managers before their reports, whatever their ids", () => {
    const rows = [
      [1, 3],
      [2, null],
      [3, 2],
      [4, 1],
    ];
    expect(parentsFirst(rows, 0, 1).map((r) => r[0])).toEqual([2, 3, 1, 4]);
  });
});
