// The admin CLI as a function, so tests can run it against a throwaway database.
import fs from "node:fs";
import path from "node:path";
import type { Kysely } from "kysely";
import type { Database } from "../db/schema";
import { type DB, describeLocation, isPostgres } from "../app/db.server";
import { migrateToLatest } from "../db/migrate";
import { findPersonByEmail, listPositions, listTeams } from "../app/models/people.server";
import { rebuildSkillMonths } from "../app/models/skill-months.server";
import { rebuildLoadMonths } from "../app/models/load-months.server";
import { CLI_ACTOR } from "../app/auth/authorize.server";
import { now } from "../app/clock.server";
import { setPasswordSchema } from "../app/schemas/password";
import { newPersonSchema } from "../app/schemas/person";
import {
  type LadderPreview,
  applyLadderTemplate,
  exportLadderTemplate,
  previewLadderTemplate,
} from "../app/services/ladder-template.server";
import { parseOrgExport } from "../app/domain/org-export-format";
import {
  OrgImportError,
  exportOrganisation,
  importOrganisation,
  notEmpty,
  targetCatalogue,
} from "../app/models/org-export.server";
import { resetPassword as resetPasswordOf } from "../app/services/passwords.server";
import { createPerson, issueSetPasswordLink } from "../app/services/people-admin.server";
import {
  BackupError,
  ENGINE_TITLE,
  advanceIdentitySequences,
  backupDatabase,
  checkBackupFile,
  engineOf,
  findPgTool,
  restoreDatabase,
} from "./backup";
import { IMPORT_HELP, importTickets } from "./cli-import";
import { PORTFOLIO_HELP, exportPortfolio } from "./cli-portfolio";
import { type CliIO, type Handler, fail, parse } from "./cli-shared";

export type { CliIO };

/** Commands that work on the database as it stands: the CLI does not migrate it first. */
export const UNMIGRATED_COMMANDS = new Set(["backup", "restore"]);

export const HELP = `SupportPath admin CLI

Usage: npm run cli -- <command> [options]

Commands:
  create-user     --email E --name N [--role engineer|manager|admin] [--manager-email M]
                  [--team T] [--position P] [--handle H ...] [--password P]
                  Creates a person. Without --password, prints a one-time set-password link.
  reset-password  --email E [--password P]
                  Sets a new password (and signs the person out everywhere), or prints a one-time link.
  backup          --out FILE
                  Backs up the database to FILE (a new file, readable by its owner only: mode 0600).
                  SQLite: an online copy, safe while the app runs. PostgreSQL: pg_dump's custom format.
  restore         --from FILE [--yes]
                  Replaces all the data of the configured database with a backup made by "backup" on the
                  same engine, then brings its schema up to date. Stop the app first. Refuses a database
                  that has people unless --yes is given.
  export-org      --out FILE
                  Writes all of the organisation's data (people, evidence, rules, ladder, appraisals with
                  snapshots and audit, goals, settings, imports, token metadata) to FILE (new, mode 0600)
                  in the portable format of docs/org-export-format.md. Leaves out sessions, sign-in
                  state, set-password links, password hashes and token hashes.
  import-org      --in FILE
                  Loads a file written by export-org (from either engine) into an empty database, in one
                  transaction. Refuses a database that already has data (exit 1) and a file that is not
                  a valid export (exit 2). Afterwards nobody has a password: issue links with
                  reset-password; imported integration tokens are revoked.
  export-ladder   --out FILE
                  Writes the career ladder (positions, tracks, requirements, required certifications) to
                  FILE (new) as a ladder template (docs/ladder-template-format.md), as /admin/ladder/export.
  import-ladder   --file FILE [--dry-run]
                  Checks a ladder template and prints what importing it changes, as /admin/ladder/import's
                  preview; without --dry-run, applies it in one transaction (audited). Positions the file
                  leaves out are retired, never deleted. A file that does not validate: exit 1, every
                  problem printed.
${IMPORT_HELP}
${PORTFOLIO_HELP}
  rebuild-scores  Recomputes the stored monthly skill buckets from the evidence's contributions and the
                  team view's monthly load rows from the evidence, in one transaction (after loading
                  evidence rows around the app; see docs/decisions/005).
  help            This text.

Environment: DATABASE_URL (postgres://…) selects PostgreSQL; otherwise DATABASE_PATH, the SQLite file
(default data/supportpath.db). PG_BIN: the folder of pg_dump and pg_restore (default: PATH, then
/usr/lib/postgresql/15/bin).
Exit status: 0 done, 1 could not be done (the message says why), 2 bad arguments or input.`;

const createUser: Handler = async (args, db, io) => {
  const v = parse(args, {
    email: { type: "string" },
    name: { type: "string" },
    role: { type: "string" },
    "manager-email": { type: "string" },
    team: { type: "string" },
    position: { type: "string" },
    handle: { type: "string", multiple: true },
    password: { type: "string" },
  });
  if (!v.email || !v.name) return fail(io, "create-user needs --email and --name");
  let managerId: number | undefined;
  if (v["manager-email"]) {
    const m = await findPersonByEmail(db, String(v["manager-email"]));
    if (!m) return fail(io, `no person with email ${v["manager-email"]}`);
    managerId = m.id;
  }
  let teamId: number | undefined;
  if (v.team) {
    const t = (await listTeams(db)).find((x) => x.name.toLowerCase() === String(v.team).toLowerCase());
    if (!t) return fail(io, `no team named ${v.team}`);
    teamId = t.id;
  }
  let positionId: number | undefined;
  if (v.position) {
    const p = (await listPositions(db)).find(
      (x) => x.name.toLowerCase() === String(v.position).toLowerCase() || x.key === v.position,
    );
    if (!p) return fail(io, `no position named ${v.position}`);
    positionId = p.id;
  }
  // The same schema and command as the admin page, so the CLI refuses exactly what the form refuses.
  const parsed = newPersonSchema.safeParse({
    name: String(v.name),
    email: String(v.email),
    role: String(v.role ?? "engineer"),
    managerId,
    teamId,
    positionId,
    handles: ((v.handle as string[] | undefined) ?? []).join("\n"),
    password: v.password ? String(v.password) : undefined,
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) io.err(`error: ${issue.path.join(".") || "input"}: ${issue.message}`);
    return 2;
  }
  const result = await createPerson(db, CLI_ACTOR, parsed.data, now());
  if (result.kind !== "ok") {
    if (result.kind === "invalid")
      for (const [field, message] of Object.entries(result.fieldErrors)) io.err(`error: ${field}: ${message}`);
    else io.err(`error: ${result.message}`);
    return result.kind === "invalid" || result.kind === "conflict" ? 2 : 1;
  }
  io.out(`Created person #${result.value.id} <${v.email}>.`);
  if (result.value.setPasswordToken) io.out(`One-time set-password link (72 h): /set-password/${result.value.setPasswordToken}`);
  return 0;
};

const resetPassword: Handler = async (args, db, io) => {
  const v = parse(args, { email: { type: "string" }, password: { type: "string" } });
  if (!v.email) return fail(io, "reset-password needs --email");
  const person = await findPersonByEmail(db, String(v.email));
  if (!person) return fail(io, `no person with email ${v.email}`);
  if (v.password) {
    const parsed = setPasswordSchema.safeParse({ password: String(v.password), confirm: String(v.password) });
    if (!parsed.success) return fail(io, `password: ${parsed.error.issues[0]?.message ?? "not accepted"}`);
    const result = await resetPasswordOf(db, CLI_ACTOR, person.id, parsed.data, now());
    if (result.kind !== "ok") return fail(io, "message" in result ? result.message : "not accepted");
    io.out(`Password changed for ${person.email}; their sessions were revoked.`);
  } else {
    const result = await issueSetPasswordLink(db, CLI_ACTOR, person.id, now());
    if (result.kind !== "ok") return fail(io, "message" in result ? result.message : "not accepted");
    io.out(`One-time set-password link for ${person.email} (72 h): /set-password/${result.value.token}`);
  }
  return 0;
};

const missingTable = (e: unknown) => /no such table|does not exist/.test((e as Error).message);

/** False for a database never migrated: a new, empty one (or the wrong one). */
async function hasTables(db: DB): Promise<boolean> {
  try {
    await db.selectFrom("people").select("id").limit(1).execute();
    return true;
  } catch (e) {
    if (missingTable(e)) return false;
    throw e;
  }
}

const backup: Handler = async (args, db, io) => {
  const v = parse(args, { out: { type: "string" } });
  if (!v.out) return fail(io, "backup needs --out FILE");
  const file = path.resolve(String(v.out));
  if (fs.existsSync(file)) return fail(io, `${file} already exists; choose a new file`);
  if (engineOf(io.location) === "postgres") findPgTool("pg_dump", io.env); // a missing tool first, before connecting
  if (!(await hasTables(db))) {
    throw new BackupError(
      `the database at ${describeLocation(io.location)} has no SupportPath tables; check DATABASE_URL / DATABASE_PATH`,
    );
  }
  await backupDatabase(io.location, file, io.env);
  io.out(
    `Backed up ${describeLocation(io.location)} to ${file} (${ENGINE_TITLE[engineOf(io.location)]}, ${fs.statSync(file).size} bytes).`,
  );
  return 0;
};

async function countRows(db: DB, table: "people" | "evidence"): Promise<number> {
  try {
    return (
      await db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow()
    ).n;
  } catch (e) {
    // a database never migrated (a new, empty one) has no tables yet
    if (missingTable(e)) return 0;
    throw e;
  }
}

const restore: Handler = async (args, db, io) => {
  const v = parse(args, { from: { type: "string" }, yes: { type: "boolean" } });
  if (!v.from) return fail(io, "restore needs --from FILE");
  const file = path.resolve(String(v.from));
  const target = describeLocation(io.location);
  await checkBackupFile(io.location, file, io.env);
  const people = await countRows(db, "people");
  if (people > 0 && v.yes !== true) {
    io.err(
      `error: the database at ${target} has ${people} ${people === 1 ? "person" : "people"}; restoring ${file} replaces all of its data.`,
    );
    io.err("Stop the app, then run the command again with --yes to overwrite it.");
    return 1;
  }
  await restoreDatabase(io.location, file, io.env);
  // a backup made by an older version comes forward to this version's schema
  await migrateToLatest(db);
  const moved = isPostgres(db) ? await advanceIdentitySequences(db) : [];
  io.out(
    `Restored ${file} into ${target}: ${await countRows(db, "people")} people, ${await countRows(db, "evidence")} evidence items.`,
  );
  if (moved.length) io.out(`Moved the id sequences of ${moved.join(", ")} past their largest id.`);
  return 0;
};

const rebuildScores: Handler = async (args, db, io) => {
  parse(args, {});
  const rows = await db.transaction().execute(async (tx) => {
    await rebuildSkillMonths(tx);
    await rebuildLoadMonths(tx);
    return (
      await tx
        .selectFrom("skill_months")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow()
    ).n;
  });
  io.out(`Rebuilt the monthly skill buckets: ${rows} rows.`);
  return 0;
};

const exportOrg: Handler = async (args, db, io) => {
  const v = parse(args, { out: { type: "string" } });
  if (!v.out) return fail(io, "export-org needs --out FILE");
  const file = path.resolve(String(v.out));
  if (fs.existsSync(file)) return fail(io, `${file} already exists; choose a new file`);
  let exported: Awaited<ReturnType<typeof exportOrganisation>>;
  try {
    exported = await exportOrganisation(db, now());
  } catch (e) {
    // a value with no portable form, a foreign-key cycle, a lost connection: said in one line
    io.err(`error: could not read ${describeLocation(io.location)}: ${(e as Error).message}`);
    return 1;
  }
  const { chunks, counts } = exported;
  // the file holds everyone's data: readable by its owner only, like a backup
  const fd = fs.openSync(file, "wx", 0o600);
  try {
    for (const chunk of chunks) fs.writeSync(fd, chunk);
  } finally {
    fs.closeSync(fd);
  }
  const rows = Object.values(counts).reduce((a, b) => a + b, 0);
  io.out(`Exported ${Object.keys(counts).length} tables (${rows} rows) from ${describeLocation(io.location)} to ${file}.`);
  return 0;
};

const importOrg: Handler = async (args, db, io) => {
  const v = parse(args, { in: { type: "string" } });
  if (!v.in) return fail(io, "import-org needs --in FILE");
  const file = path.resolve(String(v.in));
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    return fail(io, `cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  const parsed = parseOrgExport(text);
  if (!parsed.ok) {
    for (const message of parsed.errors) io.err(`error: ${file}: ${message}`);
    return 2;
  }
  const target = await targetCatalogue(db);
  try {
    if (Object.keys(target.nonEmpty).length) throw notEmpty(target);
    const counts = await importOrganisation(db, parsed.value, now());
    const people = counts.people ?? 0;
    io.out(
      `Imported ${file} into ${describeLocation(io.location)}: ${Object.values(counts).reduce((a, b) => a + b, 0)} rows in ${Object.keys(counts).length} tables.`,
    );
    if (people) io.out(`${people} people have no password yet: give each a link with "npm run cli -- reset-password --email …".`);
    return 0;
  } catch (e) {
    if (!(e instanceof OrgImportError)) {
      io.err(`error: could not import into ${describeLocation(io.location)}: ${(e as Error).message}; nothing was written.`);
      return 1;
    }
    for (const line of e.message.split("\n")) io.err(`error: ${line}`);
    if (e.cause_ === "target") io.err(`Point DATABASE_URL / DATABASE_PATH at a new database; nothing was written.`);
    return e.cause_ === "target" ? 1 : 2;
  }
};

// Ladder templates (issue 17, part 4; ADR 022): the same commands as /admin/ladder/export and /import.
const exportLadder: Handler = async (args, db, io) => {
  const v = parse(args, { out: { type: "string" } });
  if (!v.out) return fail(io, "export-ladder needs --out FILE");
  const file = path.resolve(String(v.out));
  if (fs.existsSync(file)) return fail(io, `${file} already exists; choose a new file`);
  const result = await exportLadderTemplate(db, CLI_ACTOR);
  if (result.kind !== "ok") return fail(io, "message" in result ? result.message : "not allowed");
  fs.writeFileSync(file, `${JSON.stringify(result.value, null, 2)}\n`, { flag: "wx" });
  io.out(`Wrote ${result.value.positions.length} positions to ${file}.`);
  return 0;
};

function printLadderPreview(io: CliIO, preview: LadderPreview) {
  if (preview.empty) {
    io.out(`${preview.name}: no changes; the ladder already matches this template.`);
    return;
  }
  const { counts } = preview.plan;
  const summary = (Object.entries(counts) as [string, number][]).filter(([, n]) => n > 0).map(([k, n]) => `${n} ${k}`);
  io.out(`${preview.name}: ${summary.join(", ")}; ${preview.plan.unchanged} unchanged.`);
  for (const c of preview.plan.changes) {
    io.out(`  ${c.name} (${c.key}): ${c.kinds.join(", ")}`);
    for (const d of c.details) io.out(`    ${d}`);
    if (c.holders > 0) io.out(`    held by ${c.holders} ${c.holders === 1 ? "person" : "people"}, who keep it`);
  }
  for (const n of preview.plan.newCertifications) io.out(`  new certification: ${n.name} (${n.key})`);
}

const importLadder: Handler = async (args, db, io) => {
  const v = parse(args, { file: { type: "string" }, "dry-run": { type: "boolean" } });
  if (!v.file) return fail(io, "import-ladder needs --file FILE");
  const file = path.resolve(String(v.file));
  if (!fs.existsSync(file)) {
    io.err(`error: ${file} not found`);
    return 1;
  }
  const text = fs.readFileSync(file, "utf8");
  const result = v["dry-run"]
    ? await previewLadderTemplate(db, CLI_ACTOR, text)
    : await applyLadderTemplate(db, CLI_ACTOR, text, null, now());
  if (result.kind !== "ok") {
    if (result.kind === "invalid") {
      // one problem is the file's message; several are listed one by one after a summary (the web page's shape)
      const entries = Object.entries(result.fieldErrors);
      for (const [, m] of entries.length > 1 ? entries.filter(([k]) => k !== "file") : entries) io.err(`error: ${m}`);
    } else io.err(`error: ${"message" in result ? result.message : "not accepted"}`);
    return 1;
  }
  printLadderPreview(io, result.value);
  if (!v["dry-run"] && !result.value.empty) io.out("Imported.");
  return 0;
};

const COMMANDS: Record<string, Handler> = {
  "export-org": exportOrg,
  "import-org": importOrg,
  "create-user": createUser,
  "reset-password": resetPassword,
  backup,
  restore,
  "rebuild-scores": rebuildScores,
  "export-ladder": exportLadder,
  "import-ladder": importLadder,
  import: importTickets,
  "export-portfolio": exportPortfolio,
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
    if (e instanceof BackupError) {
      io.err(`error: ${e.message}`);
      return 1;
    }
    if (e instanceof TypeError && "code" in e && String((e as { code: string }).code).startsWith("ERR_PARSE_ARGS")) {
      return fail(io, e.message);
    }
    throw e;
  }
}
