// What the benchmarks share: which engines to run (SQLite always; PostgreSQL too when DATABASE_URL is a
// server URL), a fresh bench database on that server, copying a SQLite bench file into it in bulk, and
// the statistics and table printing.
import fs from "node:fs";
import os from "node:os";
import SQLite from "better-sqlite3";
import pg from "pg";
import { isPostgresUrl, openDatabase } from "../../app/db.server";
import { migrateToLatest } from "../../db/migrate";
import { CREATE_DATABASE_OPTIONS, databaseUrl, withAdminClient } from "../../scripts/pg-admin";

export type EngineName = "sqlite" | "postgres";

export const ENGINE_LABEL: Record<EngineName, string> = { sqlite: "SQLite", postgres: "PostgreSQL" };

/**
 * The engines of this run: SQLite, then PostgreSQL when DATABASE_URL holds a postgres:// URL of a server
 * (any database on it: the benches create their own `bench_*` databases). `--engine=sqlite|postgres`
 * runs one of them only.
 */
export function benchEngines(): { engines: EngineName[]; adminUrl: string | null } {
  const url = process.env.DATABASE_URL?.trim() || null;
  const adminUrl = url && isPostgresUrl(url) ? url : null;
  if (url && !adminUrl)
    throw new Error("DATABASE_URL must be a postgres:// URL of a PostgreSQL server (or unset for SQLite only)");
  const only = process.argv.find((a) => a.startsWith("--engine="))?.slice("--engine=".length);
  let engines: EngineName[] = adminUrl ? ["sqlite", "postgres"] : ["sqlite"];
  if (only === "sqlite" || only === "postgres") engines = engines.filter((e) => e === only);
  if (only === "postgres" && !adminUrl) throw new Error("--engine=postgres needs DATABASE_URL");
  return { engines, adminUrl };
}

function checkName(name: string): string {
  if (!/^bench_[a-z0-9_]+$/.test(name)) throw new Error(`bench database names are bench_[a-z0-9_]+, not ${name}`);
  return name;
}

/** Drops and creates `name` (a bench_* database) on the server, empty or cloned from `template`. */
export async function freshPostgresDatabase(adminUrl: string, name: string, template?: string): Promise<string> {
  await withAdminClient(adminUrl, async (c) => {
    await c.query(`DROP DATABASE IF EXISTS "${checkName(name)}" WITH (FORCE)`);
    await c.query(
      template
        ? `CREATE DATABASE "${name}" TEMPLATE "${checkName(template)}"`
        : `CREATE DATABASE "${name}" TEMPLATE template0 ${CREATE_DATABASE_OPTIONS}`,
    );
  });
  return databaseUrl(adminUrl, name);
}

export async function dropPostgresDatabase(adminUrl: string, name: string): Promise<void> {
  await withAdminClient(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${checkName(name)}" WITH (FORCE)`));
}

/** VACUUM ANALYZE, as autovacuum would after a bulk load: statistics, and the visibility map index-only scans need. */
export async function vacuumAnalyze(url: string): Promise<void> {
  await withAdminClient(url, (c) => c.query("VACUUM ANALYZE"));
}

/** One pg connection of the server's own kind for raw-SQL baselines (no kysely). */
export async function rawPostgres(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}

const ROWS_PER_STATEMENT = 10_000;

/**
 * Inserts rows (arrays in `columns` order) with one `INSERT … SELECT * FROM unnest($1::type[], …)` per
 * 10,000 rows: one parameter per column, whatever the row count. `types` are PostgreSQL type names.
 */
export async function insertUnnest(
  client: pg.Client,
  table: string,
  columns: string[],
  types: string[],
  rows: unknown[][],
): Promise<void> {
  const text = `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) SELECT * FROM unnest(${types.map((t, i) => `$${i + 1}::${t}[]`).join(", ")})`;
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    const chunk = rows.slice(i, i + ROWS_PER_STATEMENT);
    await client.query(
      text,
      columns.map((_, c) => chunk.map((r) => r[c] ?? null)),
    );
  }
}

/** Column names and PostgreSQL types (udt_name: int4, int8, text…) of a table, in table order. */
export async function columnTypes(client: pg.Client, table: string): Promise<{ name: string; type: string }[]> {
  const r = await client.query<{ column_name: string; udt_name: string }>(
    "SELECT column_name, udt_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 ORDER BY ordinal_position",
    [table],
  );
  return r.rows.map((c) => ({ name: c.column_name, type: c.udt_name }));
}

/**
 * Copies every application table of a SQLite bench file into a migrated PostgreSQL database with the same
 * schema (migrateToLatest on both), ids included, then moves the identity sequences past them. One
 * transaction; foreign-key triggers are off while it runs (session_replication_role = replica, as a
 * restore does) so tables can go in any order. Returns the rows copied per table.
 */
export async function copySqliteToPostgres(file: string, url: string): Promise<Record<string, number>> {
  const src = new SQLite(file, { readonly: true });
  const client = await rawPostgres(url);
  const copied: Record<string, number> = {};
  try {
    const tables = (
      src
        .prepare(
          "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'kysely_%' ORDER BY name",
        )
        .all() as { name: string }[]
    ).map((t) => t.name);
    await client.query("BEGIN");
    await client.query("SET LOCAL session_replication_role = replica");
    for (const table of tables) {
      const cols = await columnTypes(client, table);
      if (!cols.length) throw new Error(`table ${table} is not in the PostgreSQL database (migrate it first)`);
      await client.query(`DELETE FROM "${table}"`);
      const names = cols.map((c) => c.name);
      const stmt = src.prepare(`SELECT ${names.map((n) => `"${n}"`).join(", ")} FROM "${table}"`).raw(true);
      let batch: unknown[][] = [];
      let n = 0;
      for (const row of stmt.iterate() as Iterable<unknown[]>) {
        batch.push(row);
        if (batch.length === ROWS_PER_STATEMENT) {
          await insertUnnest(
            client,
            table,
            names,
            cols.map((c) => c.type),
            batch,
          );
          n += batch.length;
          batch = [];
        }
      }
      if (batch.length)
        await insertUnnest(
          client,
          table,
          names,
          cols.map((c) => c.type),
          batch,
        );
      copied[table] = n + batch.length;
    }
    await client.query("COMMIT");
    await moveSequences(client);
  } catch (e) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw e;
  } finally {
    src.close();
    await client.end();
  }
  return copied;
}

/** After rows were written with explicit ids: every identity column's sequence continues after its max. */
export async function moveSequences(client: pg.Client): Promise<void> {
  const ids = await client.query<{ table_name: string; column_name: string }>(
    "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' AND is_identity = 'YES'",
  );
  for (const { table_name: t, column_name: c } of ids.rows) {
    await client.query(
      `SELECT setval(pg_get_serial_sequence('"${t}"', '${c}'), coalesce((SELECT max("${c}") FROM "${t}"), 0) + 1, false)`,
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Statistics and output

export const median = (xs: number[]) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
export const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.95) - 1)]!;

export function cpuModel(): string {
  try {
    const line = fs
      .readFileSync("/proc/cpuinfo", "utf8")
      .split("\n")
      .find((l) => l.startsWith("model name"));
    return line ? line.split(":")[1]!.trim() : (os.cpus()[0]?.model ?? "unknown");
  } catch {
    return os.cpus()[0]?.model ?? "unknown";
  }
}

export function loadAverage(): string {
  try {
    return fs.readFileSync("/proc/loadavg", "utf8").trim();
  } catch {
    return os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(" ");
  }
}

export function machineLine(): string {
  return `machine: nproc ${os.cpus().length}, ${cpuModel()}, node ${process.version}, ${os.platform()} ${os.release()}`;
}

/** A Markdown table (so it pastes into RESULTS.md as it is), columns padded for the terminal. */
export function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(" | ")} |`;
  console.log(line(header));
  console.log(`| ${widths.map((w, i) => (i === 0 ? "-".repeat(w) : "-".repeat(Math.max(1, w - 1)) + ":")).join(" | ")} |`);
  for (const r of rows) console.log(line(r));
}

/** A fresh, migrated PostgreSQL bench database holding the SQLite bench file's rows. */
export async function postgresCopyOf(
  adminUrl: string,
  name: string,
  sqliteFile: string,
): Promise<{ url: string; copied: Record<string, number> }> {
  const url = await freshPostgresDatabase(adminUrl, name);
  const db = openDatabase(url);
  await migrateToLatest(db);
  await db.destroy();
  return { url, copied: await copySqliteToPostgres(sqliteFile, url) };
}
