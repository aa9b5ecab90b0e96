// Backup and restore for both engines (ADR 006). SQLite uses better-sqlite3's online backup API, both
// ways: a backup copies the live file page by page, a restore copies the backup's pages over the live
// file through SQLite's own locking (open connections see the new content; journal_mode stays WAL).
// PostgreSQL uses the server's own tools: pg_dump's custom format, and pg_restore in one transaction.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { sql } from "kysely";
import { type DB, isPostgresUrl } from "../app/db.server";

/** A problem the operator can act on: the CLI prints the message and exits with 1. */
export class BackupError extends Error {}

export type Engine = "sqlite" | "postgres";

export const ENGINE_TITLE: Record<Engine, string> = { sqlite: "SQLite", postgres: "PostgreSQL" };

export function engineOf(location: string): Engine {
  return isPostgresUrl(location) ? "postgres" : "sqlite";
}

const SQLITE_MAGIC = Buffer.from("SQLite format 3\0", "latin1");
const PG_CUSTOM_MAGIC = Buffer.from("PGDMP", "latin1");

/** Which engine wrote `file`, from its first bytes; null when it is neither kind of backup. */
export function backupEngineOf(file: string): Engine | null {
  const head = Buffer.alloc(16);
  const fd = fs.openSync(file, "r");
  try {
    fs.readSync(fd, head, 0, head.length, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (head.equals(SQLITE_MAGIC)) return "sqlite";
  if (head.subarray(0, PG_CUSTOM_MAGIC.length).equals(PG_CUSTOM_MAGIC)) return "postgres";
  return null;
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL client tools

/** Debian's PostgreSQL 15 keeps its tools here, off PATH. */
export const PG_BIN_FALLBACK = "/usr/lib/postgresql/15/bin";

/**
 * The path of pg_dump or pg_restore: in PG_BIN when it is set (and nowhere else), otherwise on PATH,
 * then in Debian's PostgreSQL 15 folder.
 */
export function findPgTool(tool: "pg_dump" | "pg_restore", env: NodeJS.ProcessEnv = process.env): string {
  const pinned = env.PG_BIN?.trim();
  const dirs = pinned ? [pinned] : [...(env.PATH ?? "").split(path.delimiter).filter(Boolean), PG_BIN_FALLBACK];
  for (const dir of dirs) {
    const candidate = path.join(dir, tool);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      if (fs.statSync(candidate).isFile()) return candidate;
    } catch {
      // not here
    }
  }
  const where = pinned ? `PG_BIN (${pinned})` : `PATH or ${PG_BIN_FALLBACK}`;
  throw new BackupError(
    `${tool} was not found in ${where}. Install the PostgreSQL 15 client tools (apt-get install postgresql-client-15), ` +
      `or set PG_BIN to the folder that holds ${tool}.`,
  );
}

/** libpq arguments for `url`: the password travels in PGPASSWORD, not on a command line `ps` can show. */
function connection(url: string, env: NodeJS.ProcessEnv): { dbname: string; env: NodeJS.ProcessEnv } {
  const u = new URL(url);
  const password = u.password ? decodeURIComponent(u.password) : null;
  u.password = "";
  return { dbname: u.toString(), env: password === null ? env : { ...env, PGPASSWORD: password } };
}

async function runTool(
  tool: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    // stdin stays the terminal's, so libpq can still ask for a password there
    const child = spawn(tool, args, { env, stdio: ["inherit", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr }));
  });
}

function toolFailed(tool: string, r: { code: number; stderr: string }): BackupError {
  const detail = r.stderr.trim() ? `\n${r.stderr.trim()}` : "";
  return new BackupError(`${path.basename(tool)} failed (exit ${r.code}).${detail}`);
}

// ---------------------------------------------------------------------------------------------
// Backup

/**
 * Writes a backup of the database at `location` to `file`, which must not exist yet. The copy is made
 * under a temporary name created with mode 0600 (a backup holds password hashes and session ids) and
 * renamed into place once complete, so a failed backup leaves no partial file behind.
 */
export async function backupDatabase(location: string, file: string, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  if (fs.existsSync(file)) throw new BackupError(`${file} already exists; choose a new file`);
  const engine = engineOf(location);
  const pgDump = engine === "postgres" ? findPgTool("pg_dump", env) : null;
  if (engine === "sqlite" && (location === ":memory:" || !fs.existsSync(location))) {
    throw new BackupError(`there is no SQLite database at ${location}`);
  }
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const partial = `${file}.partial-${process.pid}`;
  fs.closeSync(fs.openSync(partial, "wx", 0o600));
  try {
    if (pgDump) {
      const c = connection(location, env);
      const r = await runTool(pgDump, ["--format=custom", `--file=${partial}`, `--dbname=${c.dbname}`], c.env);
      if (r.code !== 0) throw toolFailed(pgDump, r);
    } else {
      const source = new SQLite(location, { fileMustExist: true });
      try {
        // SQLite creates the copy's journal with the mode of the (0600) file it copies into
        await source.backup(partial);
      } finally {
        source.close();
      }
    }
    fs.chmodSync(partial, 0o600);
    if (fs.existsSync(file)) throw new BackupError(`${file} already exists; choose a new file`);
    fs.renameSync(partial, file);
  } finally {
    fs.rmSync(partial, { force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// Restore

/** Refuses a file that is not a SupportPath backup for the engine at `location`, saying why. */
export async function checkBackupFile(location: string, file: string, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new BackupError(`there is no file ${file}`);
  const target = engineOf(location);
  const kind = backupEngineOf(file);
  if (!kind) {
    throw new BackupError(`${file} is not a SupportPath backup (neither a SQLite database nor a pg_dump custom-format archive)`);
  }
  if (kind !== target) {
    throw new BackupError(
      `${file} is a ${ENGINE_TITLE[kind]} backup, but the configured database is ${ENGINE_TITLE[target]}; ` +
        `restore it into a ${ENGINE_TITLE[kind]} database (${kind === "postgres" ? "DATABASE_URL" : "DATABASE_PATH, with DATABASE_URL unset"}).`,
    );
  }
  if (kind === "sqlite") {
    const copy = new SQLite(file, { readonly: true, fileMustExist: true });
    try {
      const check = copy.pragma("quick_check", { simple: true });
      if (check !== "ok") throw new BackupError(`${file} is a damaged SQLite database (quick_check: ${String(check)})`);
      if (!copy.prepare("select 1 from sqlite_master where type = 'table' and name = 'people'").get()) {
        throw new BackupError(`${file} is a SQLite database but not a SupportPath one (it has no people table)`);
      }
    } finally {
      copy.close();
    }
    return;
  }
  const pgRestore = findPgTool("pg_restore", env);
  const r = await runTool(pgRestore, ["--list", file], env);
  if (r.code !== 0) throw toolFailed(pgRestore, r);
  if (!/^\d+; \d+ \d+ TABLE \S+ people /m.test(r.stdout)) {
    throw new BackupError(`${file} is a pg_dump archive but not of a SupportPath database (it has no people table)`);
  }
}

/**
 * Replaces the data at `location` with the backup in `file` (checked with `checkBackupFile` first).
 * On PostgreSQL pg_restore drops and recreates the archive's tables in one transaction: a failure
 * leaves the database as it was.
 */
export async function restoreDatabase(location: string, file: string, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  if (engineOf(location) === "postgres") {
    const pgRestore = findPgTool("pg_restore", env);
    const c = connection(location, env);
    const r = await runTool(
      pgRestore,
      ["--clean", "--if-exists", "--no-owner", "--single-transaction", "--exit-on-error", `--dbname=${c.dbname}`, file],
      c.env,
    );
    if (r.code !== 0) throw toolFailed(pgRestore, r);
    return;
  }
  if (location === ":memory:") throw new BackupError("cannot restore into an in-memory database");
  const backup = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    await backup.backup(location);
  } finally {
    backup.close();
  }
}

/**
 * After a PostgreSQL restore: every identity sequence must hand out ids above the table's largest, or
 * the next insert fails on the primary key. pg_restore sets them from the archive; this checks, and
 * moves on any that lag. Returns the tables whose sequence had to be moved.
 */
export async function advanceIdentitySequences(db: DB): Promise<string[]> {
  const columns = await sql<{ table_name: string; column_name: string; seq: string | null }>`
    select table_name, column_name,
           pg_get_serial_sequence(quote_ident(table_schema) || '.' || quote_ident(table_name), column_name) as seq
    from information_schema.columns
    where table_schema = current_schema() and is_identity = 'YES'
    order by table_name`.execute(db);
  const moved: string[] = [];
  for (const { table_name, column_name, seq } of columns.rows) {
    if (!seq) continue;
    const max = (
      await sql<{ m: number | null }>`select max(${sql.ref(column_name)}) as m from ${sql.table(table_name)}`.execute(db)
    ).rows[0]?.m;
    if (max == null) continue;
    const state = (
      await sql<{ last_value: number; is_called: boolean }>`select last_value, is_called from ${sql.raw(seq)}`.execute(db)
    ).rows[0];
    const lastHandedOut = state.is_called ? Number(state.last_value) : Number(state.last_value) - 1;
    if (lastHandedOut >= Number(max)) continue;
    await sql`select setval(${seq}::regclass, ${Number(max)}, true)`.execute(db);
    moved.push(table_name);
  }
  return moved;
}
