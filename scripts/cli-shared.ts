// What every CLI command module shares: the IO it prints to, argument parsing and the usage error (exit 2).
import fs from "node:fs";
import { parseArgs } from "node:util";
import type { DB } from "../app/db.server";

export interface CliIO {
  out: (line: string) => void;
  err: (line: string) => void;
  /** where `db` lives (a SQLite file or a postgres:// URL): backup and restore work on the database there */
  location: string;
  /** the environment pg_dump and pg_restore are looked up in (PG_BIN, PATH) and run with; default process.env */
  env?: NodeJS.ProcessEnv;
}

export type Handler = (args: string[], db: DB, io: CliIO) => Promise<number>;

/** A usage error: bad or missing arguments (exit 2). */
export function fail(io: CliIO, message: string): number {
  io.err(`error: ${message}`);
  io.err(`Run "npm run cli -- help" for usage.`);
  return 2;
}

/** The command could not be done (exit 1): the message says why. */
export function refuse(io: CliIO, message: string): number {
  io.err(`error: ${message}`);
  return 1;
}

/** Strict: an unknown option throws ERR_PARSE_ARGS_*, which runCli turns into a usage error. */
export function parse(args: string[], options: Record<string, { type: "string" | "boolean"; multiple?: boolean }>) {
  return parseArgs({ args, options, strict: true, allowPositionals: false }).values as Record<
    string,
    string | string[] | boolean | undefined
  >;
}

/** Writes a new file readable by its owner only (it holds personal data); throws EEXIST rather than overwrite. */
export function writeNewPrivateFile(file: string, data: string | Uint8Array): void {
  const fd = fs.openSync(file, "wx", 0o600);
  try {
    fs.writeFileSync(fd, data);
  } finally {
    fs.closeSync(fd);
  }
}
