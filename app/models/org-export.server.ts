// The organisation export and import over the database's own catalogue (ADR 018): the tables, columns,
// primary and foreign keys are read from SQLite's pragmas or PostgreSQL's catalogue, so a table or
// column a later migration adds is carried without an edit. Which tables and columns never leave, and
// the file's checks, are in app/domain/org-export-format.ts.
import { type Kysely, sql } from "kysely";
import { type DB, isPostgres } from "~/db.server";
import {
  type ExportHeader,
  type ExportTable,
  type ForeignKey,
  type OrgExport,
  type TargetCatalogue,
  type Value,
  bindableValue,
  checkAgainstTarget,
  dependencyOrder,
  exclusionReason,
  exportHeader,
  fillOmitted,
  omittedColumns,
  parentsFirst,
  portableValue,
  EXPORT_CLOSING,
  exportOpening,
  tableChunk,
} from "~/domain/org-export-format";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the tables come from the catalogue, not the Database interface
type AnyDb = Kysely<any>;

interface TableInfo {
  name: string;
  columns: string[];
  primaryKey: string[];
}

async function tableNames(db: AnyDb): Promise<string[]> {
  const rows = isPostgres(db)
    ? await sql<{ name: string }>`
        select table_name as name from information_schema.tables
        where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(db)
    : await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(db);
  return rows.rows.map((r) => r.name).sort();
}

async function tableInfo(db: AnyDb, table: string): Promise<TableInfo> {
  if (isPostgres(db)) {
    const cols = await sql<{ name: string }>`
      select column_name as name from information_schema.columns
      where table_schema = current_schema() and table_name = ${table} order by ordinal_position`.execute(db);
    const pk = await sql<{ name: string }>`
      select a.attname as name
      from pg_index i
      join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
      where i.indrelid = ${sql.lit(`"${table.replace(/"/g, '""')}"`)}::regclass and i.indisprimary
      order by array_position(i.indkey, a.attnum)`.execute(db);
    return { name: table, columns: cols.rows.map((r) => r.name), primaryKey: pk.rows.map((r) => r.name) };
  }
  const cols = await sql<{ name: string; pk: number }>`select name, pk from pragma_table_info(${table}) order by cid`.execute(db);
  const primaryKey = cols.rows
    .filter((c) => c.pk > 0)
    .sort((a, b) => a.pk - b.pk)
    .map((c) => c.name);
  return { name: table, columns: cols.rows.map((r) => r.name), primaryKey };
}

async function foreignKeys(db: AnyDb, tables: string[]): Promise<ForeignKey[]> {
  if (isPostgres(db)) {
    const rows = await sql<ForeignKey>`
      select c.conrelid::regclass::text as "table", a.attname as "column",
             c.confrelid::regclass::text as "references", ra.attname as "referencedColumn"
      from pg_constraint c
      join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
      join pg_attribute ra on ra.attrelid = c.confrelid and ra.attnum = c.confkey[1]
      where c.contype = 'f' and c.connamespace = current_schema()::regnamespace`.execute(db);
    return rows.rows.map((k) => ({ ...k, table: unquote(k.table), references: unquote(k.references) }));
  }
  const keys: ForeignKey[] = [];
  for (const table of tables) {
    const rows = await sql<{ table: string; from: string; to: string | null }>`
      select "table", "from", "to" from pragma_foreign_key_list(${table})`.execute(db);
    for (const r of rows.rows) keys.push({ table, column: r.from, references: r.table, referencedColumn: r.to ?? "id" });
  }
  return keys;
}

const unquote = (name: string) => (name.startsWith('"') ? name.slice(1, -1).replace(/""/g, '"') : name);

/** Every table the export carries, with its columns (less the omitted ones), in an order safe to insert. */
async function exportedTables(db: AnyDb) {
  const names = await tableNames(db);
  const carried = names.filter((t) => !exclusionReason(t));
  const keys = await foreignKeys(db, carried);
  const infos = new Map<string, TableInfo>();
  for (const t of carried) infos.set(t, await tableInfo(db, t));
  const order = dependencyOrder(carried, keys);
  return { names, keys, order: order.map((t) => infos.get(t)!) };
}

/** The migrations applied to the database, oldest first (the file records them as its schema version). */
async function appliedMigrations(db: AnyDb): Promise<string[]> {
  try {
    const rows = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
    return rows.rows.map((r) => r.name);
  } catch {
    return [];
  }
}

async function readTable(db: AnyDb, info: TableInfo): Promise<ExportTable> {
  const columns = info.columns.filter((c) => !omittedColumns(info.name).includes(c));
  const orderBy = (info.primaryKey.length ? info.primaryKey : columns).map((c) => sql.ref(c));
  const rows = await sql<Record<string, unknown>>`
    select ${sql.join(columns.map((c) => sql.ref(c)))} from ${sql.table(info.name)} order by ${sql.join(orderBy)}`.execute(db);
  return {
    name: info.name,
    columns,
    rows: rows.rows.map((r) => columns.map((c) => portableValue(r[c], `${info.name}.${c}`))),
  };
}

/** A consistent read: one transaction, a snapshot on PostgreSQL (SQLite's single connection is one already). */
function snapshot<T>(db: DB, fn: (tx: AnyDb) => Promise<T>): Promise<T> {
  const tx = isPostgres(db) ? db.transaction().setIsolationLevel("repeatable read") : db.transaction();
  return tx.execute((t) => fn(t as AnyDb));
}

/**
 * The whole organisation as the export file's text, in chunks (the header, then one per table): each
 * table's rows are read and turned into text before the next is read, so the rows are never held
 * beside the text. All tables are read in one transaction, so the file is one moment's data.
 */
export async function exportOrganisation(
  db: DB,
  now: Date,
): Promise<{ header: ExportHeader; chunks: string[]; counts: Record<string, number> }> {
  return snapshot(db, async (tx) => {
    const { names, order } = await exportedTables(tx);
    const header = exportHeader(
      isPostgres(db) ? "postgres" : "sqlite",
      await appliedMigrations(tx),
      now,
      names.filter((t) => exclusionReason(t) && !t.startsWith("sqlite_")),
    );
    const counts: Record<string, number> = {};
    const chunks = [exportOpening(header)];
    for (const [i, info] of order.entries()) {
      const table = await readTable(tx, info);
      counts[table.name] = table.rows.length;
      chunks.push(tableChunk(table, i === 0));
    }
    chunks.push(EXPORT_CLOSING);
    return { header, chunks, counts };
  });
}

/** What a target database looks like to import-org. */
export async function targetCatalogue(db: DB): Promise<TargetCatalogue & { nonEmpty: Record<string, number> }> {
  const names = await tableNames(db);
  const columns: Record<string, string[]> = {};
  const nonEmpty: Record<string, number> = {};
  for (const t of names) {
    columns[t] = (await tableInfo(db, t)).columns;
    if (exclusionReason(t)) continue;
    const n = Number((await sql<{ n: number | string }>`select count(*) as n from ${sql.table(t)}`.execute(db)).rows[0]?.n ?? 0);
    if (n > 0) nonEmpty[t] = n;
  }
  return { migrations: await appliedMigrations(db), columns, nonEmpty };
}

export class OrgImportError extends Error {
  constructor(
    message: string,
    /** "input": the file is at fault (exit 2); "target": the database is not one to import into (exit 1) */
    readonly cause_: "input" | "target",
  ) {
    super(message);
  }
}

// SQLite binds at most 32766 values per statement and PostgreSQL 65535: stay well below both.
const VALUES_PER_STATEMENT = 10_000;

/**
 * Loads a checked file into an empty, migrated database in one transaction: tables in foreign-key order
 * (rows of a self-referencing table parents first), omitted columns filled, and PostgreSQL's id
 * sequences moved past the largest id so new rows get fresh ids. Nothing is written when anything fails.
 */
export async function importOrganisation(db: DB, file: OrgExport, now: Date): Promise<Record<string, number>> {
  const before = await targetCatalogue(db);
  const errors = checkAgainstTarget(file, before);
  if (errors.length) throw new OrgImportError(errors.join("\n"), "input");
  return db.transaction().execute(async (t) => {
    const tx = t as AnyDb;
    // the emptiness check again inside the transaction, so two imports cannot interleave
    for (const table of Object.keys(before.columns)) {
      if (exclusionReason(table)) continue;
      const row = await sql`select 1 as one from ${sql.table(table)} limit 1`.execute(tx);
      if (row.rows.length) throw notEmpty(await targetCatalogue(tx as DB));
    }
    const { order, keys } = await exportedTables(tx);
    const byName = new Map(file.tables.map((x) => [x.name, x]));
    const counts: Record<string, number> = {};
    for (const info of order) {
      const table = byName.get(info.name);
      if (!table || table.rows.length === 0) continue;
      let rows = table.rows;
      const selfKey = keys.find((k) => k.table === info.name && k.references === info.name);
      if (selfKey) {
        const keyIndex = table.columns.indexOf(selfKey.referencedColumn);
        const parentIndex = table.columns.indexOf(selfKey.column);
        if (keyIndex >= 0 && parentIndex >= 0) rows = parentsFirst(rows, keyIndex, parentIndex);
      }
      const objects = rows.map((r) =>
        Object.fromEntries(
          Object.entries(fillOmitted(info.name, Object.fromEntries(table.columns.map((c, i) => [c, r[i]!])), now)).map(
            ([c, v]) => [c, bindableValue(v as Value)],
          ),
        ),
      );
      const perRow = Math.max(1, Object.keys(objects[0] ?? {}).length);
      const size = Math.max(1, Math.floor(VALUES_PER_STATEMENT / perRow));
      for (let i = 0; i < objects.length; i += size) {
        try {
          await tx
            .insertInto(info.name)
            .values(objects.slice(i, i + size))
            .execute();
        } catch (e) {
          throw new OrgImportError(`table ${info.name}: the database refused a row (${(e as Error).message})`, "input");
        }
      }
      counts[info.name] = objects.length;
    }
    if (isPostgres(db)) await advanceSequences(tx);
    return counts;
  });
}

export function notEmpty(target: { nonEmpty: Record<string, number> }): OrgImportError {
  const list = Object.entries(target.nonEmpty)
    .map(([t, n]) => `${t} (${n})`)
    .join(", ");
  return new OrgImportError(`the database already has data: ${list}. import-org loads into an empty database only`, "target");
}

/** Every id sequence moved to the largest id its column holds, so the next insert gets a fresh one. */
async function advanceSequences(db: AnyDb): Promise<void> {
  const cols = await sql<{ table_name: string; column_name: string; seq: string }>`
    select table_name, column_name, seq from (
      select table_name, column_name,
             pg_get_serial_sequence(quote_ident(table_schema) || '.' || quote_ident(table_name), column_name) as seq
      from information_schema.columns where table_schema = current_schema()) s
    where seq is not null`.execute(db);
  for (const { table_name, column_name, seq } of cols.rows) {
    await sql`select setval(${seq}::regclass, coalesce((select max(${sql.ref(column_name)}) from ${sql.table(table_name)}), 0) + 1, false)`.execute(
      db,
    );
  }
}
