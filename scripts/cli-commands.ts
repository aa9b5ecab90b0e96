// The admin CLI as a function, so tests can run it against a throwaway database.
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import type { Kysely } from "kysely";
import type { Database } from "../db/schema";
import type { DB } from "../app/db.server";
import { hashPassword, passwordProblem } from "../app/auth/password.server";
import { recordAudit } from "../app/models/audit.server";
import { createPasswordToken } from "../app/models/password-tokens.server";
import { findPersonByEmail, listPositions, listTeams, setPasswordHash } from "../app/models/people.server";
import { revokeAllSessions } from "../app/models/sessions.server";
import { rebuildSkillMonths } from "../app/models/skill-months.server";
import { createPersonFromForm } from "../app/services/people-admin.server";

export interface CliIO {
  out: (line: string) => void;
  err: (line: string) => void;
  /** the better-sqlite3 handle behind `db`, for online backups */
  backup: (file: string) => Promise<void>;
}

export const HELP = `SupportPath admin CLI

Usage: npm run cli -- <command> [options]

Commands:
  create-user     --email E --name N [--role engineer|manager|admin] [--manager-email M]
                  [--team T] [--position P] [--handle H ...] [--password P]
                  Creates a person. Without --password, prints a one-time set-password link.
  reset-password  --email E [--password P]
                  Sets a new password (and signs the person out everywhere), or prints a one-time link.
  backup          --out FILE
                  Online backup of the database to FILE (safe while the app runs).
  rebuild-scores  Recomputes the stored monthly skill buckets from the evidence's contributions, in one
                  transaction (after loading evidence rows around the app; see docs/decisions/005).
  help            This text.

Environment: DATABASE_PATH (default data/supportpath.db).`;

type Handler = (args: string[], db: DB, io: CliIO) => Promise<number>;

function fail(io: CliIO, message: string): number {
  io.err(`error: ${message}`);
  io.err(`Run "npm run cli -- help" for usage.`);
  return 2;
}

function parse(args: string[], options: Record<string, { type: "string"; multiple?: boolean }>) {
  return parseArgs({ args, options, strict: true, allowPositionals: false }).values as Record<string, string | string[] | undefined>;
}

const createUser: Handler = async (args, db, io) => {
  const v = parse(args, {
    email: { type: "string" }, name: { type: "string" }, role: { type: "string" }, "manager-email": { type: "string" },
    team: { type: "string" }, position: { type: "string" }, handle: { type: "string", multiple: true }, password: { type: "string" },
  });
  if (!v.email || !v.name) return fail(io, "create-user needs --email and --name");
  let managerId = "";
  if (v["manager-email"]) {
    const m = await findPersonByEmail(db, String(v["manager-email"]));
    if (!m) return fail(io, `no person with email ${v["manager-email"]}`);
    managerId = String(m.id);
  }
  let teamId = "";
  if (v.team) {
    const t = (await listTeams(db)).find((x) => x.name.toLowerCase() === String(v.team).toLowerCase());
    if (!t) return fail(io, `no team named ${v.team}`);
    teamId = String(t.id);
  }
  let positionId = "";
  if (v.position) {
    const p = (await listPositions(db)).find((x) => x.name.toLowerCase() === String(v.position).toLowerCase() || x.key === v.position);
    if (!p) return fail(io, `no position named ${v.position}`);
    positionId = String(p.id);
  }
  const result = await createPersonFromForm(db, null, {
    name: String(v.name), email: String(v.email), role: String(v.role ?? "engineer"),
    managerId, teamId, positionId, handles: ((v.handle as string[] | undefined) ?? []).join("\n"),
    password: String(v.password ?? ""),
  });
  if (!result.ok) {
    for (const [field, message] of Object.entries(result.errors)) io.err(`error: ${field}: ${message}`);
    return 2;
  }
  io.out(`Created person #${result.id} <${v.email}>.`);
  if (result.setPasswordToken) io.out(`One-time set-password link (72 h): /set-password/${result.setPasswordToken}`);
  return 0;
};

const resetPassword: Handler = async (args, db, io) => {
  const v = parse(args, { email: { type: "string" }, password: { type: "string" } });
  if (!v.email) return fail(io, "reset-password needs --email");
  const person = await findPersonByEmail(db, String(v.email));
  if (!person) return fail(io, `no person with email ${v.email}`);
  if (v.password) {
    const problem = passwordProblem(String(v.password));
    if (problem) return fail(io, `password: ${problem}`);
    await setPasswordHash(db, person.id, await hashPassword(String(v.password)));
    await revokeAllSessions(db, person.id);
    await recordAudit(db, { actorId: null, action: "password_reset_cli", entity: "person", entityId: person.id, subjectPersonId: person.id });
    io.out(`Password changed for ${person.email}; their sessions were revoked.`);
  } else {
    const token = await createPasswordToken(db, person.id);
    io.out(`One-time set-password link for ${person.email} (72 h): /set-password/${token}`);
  }
  return 0;
};

const backup: Handler = async (args, _db, io) => {
  const v = parse(args, { out: { type: "string" } });
  if (!v.out) return fail(io, "backup needs --out FILE");
  const file = path.resolve(String(v.out));
  if (fs.existsSync(file)) return fail(io, `${file} already exists; choose a new file`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await io.backup(file);
  io.out(`Backed up to ${file} (${fs.statSync(file).size} bytes).`);
  return 0;
};

const rebuildScores: Handler = async (args, db, io) => {
  parse(args, {});
  const rows = await db.transaction().execute(async (tx) => {
    await rebuildSkillMonths(tx);
    return (await tx.selectFrom("skill_months").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n;
  });
  io.out(`Rebuilt the monthly skill buckets: ${rows} rows.`);
  return 0;
};

const COMMANDS: Record<string, Handler> = {
  "create-user": createUser,
  "reset-password": resetPassword,
  backup,
  "rebuild-scores": rebuildScores,
};

export async function runCli(argv: string[], db: Kysely<Database>, io: CliIO): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === "help" || command === "--help" || command === "-h") {
    io.out(HELP);
    return command ? 0 : 2;
  }
  const handler = COMMANDS[command];
  if (!handler) return fail(io, `unknown command "${command}"`);
  try {
    return await handler(rest, db, io);
  } catch (e) {
    if (e instanceof TypeError && "code" in e && String((e as { code: string }).code).startsWith("ERR_PARSE_ARGS")) {
      return fail(io, e.message);
    }
    throw e;
  }
}
