// The organisation export file (docs/org-export-format.md, ADR 018): its name and version, what never
// leaves the database, and the checks a file passes before import-org writes a row. Pure: the models
// read the catalogue and the rows; this module decides.

export const ORG_EXPORT_FORMAT = "supportpath-org-export";
/** Bump when a reader of this version could misread a newer file; the reader refuses a newer one. */
export const ORG_EXPORT_VERSION = 1;

/**
 * Tables that are never exported, with the reason the file and the docs give. Every other table in the
 * database's catalogue is exported, so a table a later migration adds travels without an edit here.
 */
export const EXCLUDED_TABLES: Readonly<Record<string, string>> = {
  sessions: "signed-in sessions: their ids are bearer credentials, and a restored organisation signs in afresh",
  login_attempts: "sign-in throttle counters: short-lived security state about addresses and accounts",
  password_tokens: "one-time set-password links: credentials, valid for hours only",
  kysely_migration: "the migrator's bookkeeping: the file names its migrations in schema.migrations instead",
  kysely_migration_lock: "the migrator's lock row",
};

/** Tables whose name says they hold short-lived security state (a throttle, a lock-out, a nonce). */
const SECURITY_STATE = /^(sign_in_|login_|throttle|rate_limit|csrf|nonce)/;

/** Why a table is not exported, or null when it is. */
export function exclusionReason(table: string): string | null {
  if (Object.hasOwn(EXCLUDED_TABLES, table)) return EXCLUDED_TABLES[table]!;
  if (table.startsWith("sqlite_")) return "SQLite's own catalogue";
  if (SECURITY_STATE.test(table)) return "short-lived security state (throttling, anti-forgery)";
  return null;
}

/**
 * Columns left out of exported tables. A password hash can be attacked offline and a token hash is a
 * credential's stand-in; an export is a copy of the organisation's data that may be handed on, so no
 * credential travels in it (the engine-specific `backup` keeps them, for disaster recovery).
 */
export const OMITTED_COLUMNS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  people: { password_hash: "credentials never leave: after import-org, people set a password through a link" },
  api_tokens: { token_hash: "credentials never leave: imported tokens are revoked, issue new ones" },
};

export function omittedColumns(table: string): string[] {
  return Object.keys(OMITTED_COLUMNS[table] ?? {});
}

/** What import-org writes in place of an omitted column (and any column the fill changes). */
export function fillOmitted(table: string, row: Record<string, Value>, now: Date): Record<string, Value> {
  if (table === "people") return { ...row, password_hash: null };
  if (table === "api_tokens") {
    // a value no SHA-256 hex digest can equal, unique per row (the column is unique)
    return { ...row, token_hash: `not-a-token:imported:${String(row.id)}`, revoked_at: row.revoked_at ?? now.toISOString() };
  }
  return row;
}

/** The values a file holds: what both engines store (integers, text, NULL) and JSON can say exactly. */
export type Value = string | number | boolean | null;

/** A database value as the file writes it: instants as ISO strings, 64-bit integers as numbers. */
export function portableValue(v: unknown, where: string): Value {
  if (v === null || v === undefined) return null;
  if (typeof v === "string" || typeof v === "boolean") return v;
  if (typeof v === "number") {
    if (!Number.isFinite(v)) throw new Error(`${where}: ${v} cannot be written as JSON`);
    return v;
  }
  if (typeof v === "bigint") {
    if (v > BigInt(Number.MAX_SAFE_INTEGER) || v < BigInt(Number.MIN_SAFE_INTEGER)) return v.toString();
    return Number(v);
  }
  if (v instanceof Date) return v.toISOString();
  throw new Error(`${where}: a value of type ${Object.prototype.toString.call(v)} has no portable form`);
}

/** A value as import-org binds it: better-sqlite3 takes no booleans, and PostgreSQL reads 1/0 as a boolean. */
export function bindableValue(v: Value): string | number | null {
  return typeof v === "boolean" ? (v ? 1 : 0) : v;
}

export interface ExportTable {
  name: string;
  columns: string[];
  rows: Value[][];
}

export interface ExportHeader {
  format: typeof ORG_EXPORT_FORMAT;
  formatVersion: number;
  exportedAt: string;
  /** the engine it was read from: informative only, any engine imports it */
  engine: "sqlite" | "postgres";
  schema: { migrations: string[]; latest: string | null };
  excludedTables: Record<string, string>;
  omittedColumns: Record<string, Record<string, string>>;
}

export interface OrgExport extends ExportHeader {
  tables: ExportTable[];
}

export function exportHeader(engine: "sqlite" | "postgres", migrations: string[], now: Date, excluded: string[]): ExportHeader {
  return {
    format: ORG_EXPORT_FORMAT,
    formatVersion: ORG_EXPORT_VERSION,
    exportedAt: now.toISOString(),
    engine,
    schema: { migrations, latest: migrations.at(-1) ?? null },
    excludedTables: Object.fromEntries(excluded.map((t) => [t, exclusionReason(t) ?? ""])),
    omittedColumns: OMITTED_COLUMNS as Record<string, Record<string, string>>,
  };
}

// The file as text, one row per line so it diffs and greps well, in chunks (the opening with the header,
// one per table, the closing) so a caller can write or stream it without holding the rows beside it.

export function exportOpening(header: ExportHeader): string {
  const head = JSON.stringify(header, null, 2);
  return `${head.slice(0, -2)},\n  "tables": [`;
}

export function tableChunk(t: ExportTable, first: boolean): string {
  const rows = t.rows.map((r) => `      ${JSON.stringify(r)}`).join(",\n");
  const body = rows ? `\n${rows}\n    ` : "";
  return `${first ? "" : ","}\n    {"name": ${JSON.stringify(t.name)}, "columns": ${JSON.stringify(t.columns)}, "rows": [${body}]}`;
}

export const EXPORT_CLOSING = "\n  ]\n}\n";

export function serialiseExport(header: ExportHeader, tables: ExportTable[]): string {
  return exportOpening(header) + tables.map((t, i) => tableChunk(t, i === 0)).join("") + EXPORT_CLOSING;
}

// ---------------------------------------------------------------------------------------------
// Reading a file

export type Checked<T> = { ok: true; value: T } | { ok: false; errors: string[] };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const MAX_ERRORS = 20;

/** Parses and checks the file's own shape: JSON, the format's name and version, tables, columns, rows. */
export function parseOrgExport(text: string): Checked<OrgExport> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { ok: false, errors: [`the file is not JSON (${(e as Error).message})`] };
  }
  if (!isObject(data) || data.format !== ORG_EXPORT_FORMAT) {
    return { ok: false, errors: [`the file is not a SupportPath organisation export (no "format": "${ORG_EXPORT_FORMAT}")`] };
  }
  const version = data.formatVersion;
  if (typeof version !== "number" || !Number.isInteger(version) || version < 1) {
    return { ok: false, errors: [`"formatVersion" must be a whole number from 1; the file has ${JSON.stringify(version)}`] };
  }
  if (version > ORG_EXPORT_VERSION) {
    return {
      ok: false,
      errors: [
        `the file is format version ${version}, written by a newer SupportPath; this one reads version ${ORG_EXPORT_VERSION} and older: upgrade SupportPath first`,
      ],
    };
  }
  const errors: string[] = [];
  const schema = data.schema;
  const migrations =
    isObject(schema) && Array.isArray(schema.migrations) && schema.migrations.every((m) => typeof m === "string")
      ? (schema.migrations as string[])
      : null;
  if (!migrations) errors.push(`"schema.migrations" must be a list of migration names`);
  if (!Array.isArray(data.tables)) return { ok: false, errors: [...errors, `"tables" must be a list`] };
  const seen = new Set<string>();
  data.tables.forEach((t: unknown, i: number) => {
    if (errors.length >= MAX_ERRORS) return;
    if (!isObject(t) || typeof t.name !== "string" || !t.name) return void errors.push(`tables[${i}] has no "name"`);
    const name = t.name;
    if (seen.has(name)) return void errors.push(`table ${name} appears twice`);
    seen.add(name);
    const cols = t.columns;
    if (!Array.isArray(cols) || cols.length === 0 || !cols.every((c) => typeof c === "string" && c)) {
      return void errors.push(`table ${name}: "columns" must be a list of column names`);
    }
    if (new Set(cols).size !== cols.length) return void errors.push(`table ${name}: a column is named twice`);
    if (!Array.isArray(t.rows)) return void errors.push(`table ${name}: "rows" must be a list`);
    t.rows.forEach((r: unknown, j: number) => {
      if (errors.length >= MAX_ERRORS) return;
      if (!Array.isArray(r) || r.length !== cols.length) {
        return void errors.push(`table ${name}, row ${j + 1}: expected ${cols.length} values, one per column`);
      }
      const bad = r.findIndex((v) => !(v === null || ["string", "boolean"].includes(typeof v) || Number.isFinite(v)));
      if (bad >= 0) errors.push(`table ${name}, row ${j + 1}: ${String(cols[bad])} holds a value no column stores`);
    });
  });
  if (errors.length) return { ok: false, errors: errors.slice(0, MAX_ERRORS) };
  return { ok: true, value: data as unknown as OrgExport };
}

/** The target database as import-org sees it. */
export interface TargetCatalogue {
  migrations: string[];
  /** every table with its columns, excluded ones too */
  columns: Record<string, string[]>;
}

/**
 * Checks a parsed file against the target: it was written at a schema the target has reached, and names
 * only tables and columns the target has and accepts. Columns the file lacks (added by a later
 * migration) take their defaults.
 */
export function checkAgainstTarget(file: OrgExport, target: TargetCatalogue): string[] {
  const errors: string[] = [];
  const known = new Set(target.migrations);
  const ahead = file.schema.migrations.filter((m) => !known.has(m));
  if (ahead.length) {
    errors.push(
      `the file was written at schema ${ahead.at(-1)}, which this database has not reached (${target.migrations.at(-1) ?? "none"}); upgrade SupportPath first`,
    );
  }
  for (const t of file.tables) {
    if (errors.length >= MAX_ERRORS) break;
    const reason = exclusionReason(t.name);
    if (reason) {
      errors.push(`table ${t.name} is never imported (${reason})`);
      continue;
    }
    const cols = target.columns[t.name];
    if (!cols) {
      errors.push(`unknown table ${t.name}: this database has no such table`);
      continue;
    }
    const have = new Set(cols);
    const unknown = t.columns.filter((c) => !have.has(c));
    if (unknown.length) errors.push(`table ${t.name}: unknown column${unknown.length > 1 ? "s" : ""} ${unknown.join(", ")}`);
    const secret = t.columns.filter((c) => omittedColumns(t.name).includes(c));
    if (secret.length)
      errors.push(`table ${t.name}: ${secret.join(", ")} is never imported (credentials never travel in an export)`);
  }
  return errors;
}

// ---------------------------------------------------------------------------------------------
// Order

export interface ForeignKey {
  table: string;
  column: string;
  references: string;
  referencedColumn: string;
}

/**
 * Tables in an order where every table comes after those it references (ties alphabetical, so the file
 * is stable). A cycle between tables has no such order: it is reported by name.
 */
export function dependencyOrder(tables: string[], keys: ForeignKey[]): string[] {
  const wanted = new Set(tables);
  const deps = new Map(tables.map((t) => [t, new Set<string>()]));
  for (const k of keys)
    if (wanted.has(k.table) && wanted.has(k.references) && k.table !== k.references) deps.get(k.table)!.add(k.references);
  const order: string[] = [];
  const done = new Set<string>();
  while (order.length < tables.length) {
    const ready = [...wanted].filter((t) => !done.has(t) && [...deps.get(t)!].every((d) => done.has(d))).sort();
    if (!ready.length) {
      const left = [...wanted].filter((t) => !done.has(t)).sort();
      throw new Error(`the foreign keys between ${left.join(", ")} form a cycle; no import order exists`);
    }
    for (const t of ready) {
      order.push(t);
      done.add(t);
    }
  }
  return order;
}

/** Rows of a table that references itself (people.manager_id), parents before the rows that name them. */
export function parentsFirst(rows: Value[][], keyIndex: number, parentIndex: number): Value[][] {
  const byKey = new Map(rows.map((r) => [r[keyIndex], r]));
  const out: Value[][] = [];
  const placed = new Set<Value>();
  const visiting = new Set<Value>();
  const place = (r: Value[]) => {
    const key = r[keyIndex];
    if (placed.has(key) || visiting.has(key)) return;
    visiting.add(key);
    const parent = r[parentIndex];
    if (parent !== null && parent !== key && byKey.has(parent)) place(byKey.get(parent)!);
    visiting.delete(key);
    placed.add(key);
    out.push(r);
  };
  for (const r of rows) place(r);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Download names

/** "supportpath-org-2026-12-02.json": the day of the export, in UTC like every stored instant. */
export function orgExportFileName(now: Date): string {
  return `supportpath-org-${now.toISOString().slice(0, 10)}.json`;
}
