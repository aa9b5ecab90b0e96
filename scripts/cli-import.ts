// `import`: a ticketing-tool CSV export through the web import's own steps (issue 17, point 5). The file
// is previewed as /import previews an upload (previewUpload, previewOf), the preview is printed, and
// without --dry-run it is confirmed as the preview page confirms it (applyBatch): one transaction, undoable
// on the web like any other import.
import fs from "node:fs";
import path from "node:path";
import type { Actor } from "../app/auth/authorize.server";
import { GRANTS, reachesEveryone } from "../app/auth/permissions";
import { now } from "../app/clock.server";
import { type DB } from "../app/db.server";
import { type PlanCounts, SKIP_LABELS, type SkipReason } from "../app/domain/import/plan";
import type { Role } from "../app/domain/types";
import { getBatch } from "../app/models/imports.server";
import { findPersonByEmail, firstActiveWithRole } from "../app/models/people.server";
import { applyBatch, discardPreview } from "../app/services/import-batch.server";
import { type PreviewView, previewOf, previewUpload, scopeFor } from "../app/services/import.server";
import type { Failure } from "../app/utils/result";
import { type CliIO, type Handler, fail, parse, refuse } from "./cli-shared";

export const IMPORT_HELP = `  import          --file FILE [--as EMAIL] [--dry-run]
                  Imports a ServiceNow, Jira or PagerDuty CSV export as /import does: prints the preview
                  (tickets new, to update, unchanged, kept, skipped and why; who they go to; unknown
                  handles; rows with errors by row number), then writes it in one transaction (undoable
                  at /import/ID). --dry-run prints the preview and imports nothing. Without --as, imports
                  for the organisation as its first active admin: each ticket goes to the person with its
                  handle; tickets of unknown handles are skipped (listed; add the handle to a person and
                  import again). --as EMAIL imports as that person would on the web (an engineer: only
                  the tickets under their own handles). Exit 1: file unreadable or not an export, unknown
                  or deactivated person.`;

/** --as EMAIL, or the organisation's importer: the first active person whose role imports for everyone. */
async function actorFor(db: DB, email: string | undefined): Promise<{ actor: Actor; label: string } | { error: string }> {
  if (email !== undefined) {
    const person = await findPersonByEmail(db, email);
    if (!person) return { error: `no person with email ${email}` };
    if (!person.active) return { error: `${person.name} <${person.email}> is deactivated and cannot import` };
    return { actor: person, label: `${person.name} <${person.email}>` };
  }
  const roles = (Object.keys(GRANTS) as Role[]).filter((r) => reachesEveryone(r, "import:run"));
  const admin = await firstActiveWithRole(db, roles);
  if (!admin)
    return {
      error:
        'no active admin to import as: create one with "npm run cli -- create-user --role admin …", or name someone with --as EMAIL',
    };
  return { actor: admin, label: `${admin.name} <${admin.email}>` };
}

function refusal(result: Failure): string {
  if (result.kind === "invalid") return Object.values(result.fieldErrors).join("; ") || result.formError || "not accepted";
  return "message" in result && result.message ? result.message : result.kind;
}

function skipped(counts: PlanCounts): string {
  const reasons = (Object.keys(counts.skipped) as SkipReason[]).filter((k) => counts.skipped[k] > 0);
  return reasons.length ? ` (${reasons.map((r) => `${counts.skipped[r]} ${SKIP_LABELS[r]}`).join(", ")})` : "";
}

/** The facts the preview page shows, as lines. */
function printPreview(io: CliIO, file: string, forWhom: string, p: PreviewView) {
  const c = p.counts;
  io.out(
    `Preview of ${file} (${p.format}): ${p.rowsRead} rows read, ${p.itemCount} tickets, ${p.rowErrorCount} rows with errors.`,
  );
  io.out(forWhom);
  io.out(
    `  ${c.create} new, ${c.update} to update, ${c.unchanged} unchanged, ${c.kept} kept (edited by owner), ${c.skip} skipped${skipped(c)}.`,
  );
  if (p.byPerson.length) {
    io.out("Attributed to:");
    for (const t of p.byPerson)
      io.out(`  ${t.person.name}: ${t.create} new, ${t.update} to update, ${t.unchanged} unchanged, ${t.kept} kept`);
  }
  if (p.unknownHandles.length) {
    io.out(`Unknown handles (${p.unknownHandles.length}), their resolved tickets skipped:`);
    for (const u of p.unknownHandles) io.out(`  ${u.handle}: ${u.items} ticket(s)`);
  }
  if (p.rowErrorCount) {
    io.out(`Rows with errors (${p.rowErrorCount}; row numbers are the file's lines, the header is row 1):`);
    for (const e of p.rowErrors) io.out(`  row ${e.row}${e.ref ? ` (${e.ref})` : ""}: ${e.message}`);
    if (p.rowErrorCount > p.rowErrors.length) io.out(`  … the first ${p.rowErrors.length} of ${p.rowErrorCount} shown.`);
  }
}

export const importTickets: Handler = async (args, db, io) => {
  const v = parse(args, { file: { type: "string" }, as: { type: "string" }, "dry-run": { type: "boolean" } });
  if (!v.file) return fail(io, "import needs --file FILE");
  if (v.as === "") return fail(io, "--as needs an email");
  const file = path.resolve(String(v.file));
  try {
    if (!fs.statSync(file).isFile()) return refuse(io, `${file} is not a file`);
    fs.accessSync(file, fs.constants.R_OK);
  } catch (e) {
    return refuse(io, `cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  const who = await actorFor(db, v.as === undefined ? undefined : String(v.as));
  if ("error" in who) return refuse(io, who.error);
  const { actor } = who;
  const forWhom =
    scopeFor(actor) === "org"
      ? `For the organisation, as ${who.label}.`
      : `For ${who.label} only: tickets under their own handles.`;
  const upload = { filename: path.basename(file), path: file };

  // The preview as the web makes it: stored as a preview batch (its own short transaction), then read back.
  // A dry run discards it as the preview page's Discard does, rather than rolling one long transaction back:
  // on SQLite that would hold the write lock while a large file is planned, and the app's writers would time out.
  const made = await previewUpload(db, actor, upload, now());
  if (made.kind !== "ok") return refuse(io, `${file}: ${refusal(made)}`);
  const batchId = made.value.batchId;
  const batch = await getBatch(db, batchId);
  const preview = batch ? await previewOf(db, batch) : null;
  if (!batch || !preview) return refuse(io, `${file}: the preview of import #${batchId} could not be read back`);
  printPreview(io, file, forWhom, preview);

  if (v["dry-run"]) {
    const discarded = await discardPreview(db, actor, batch, now());
    if (discarded.kind !== "ok") return refuse(io, `${refusal(discarded)} (the preview is import #${batchId})`);
    io.out("Dry run: nothing was imported (the audit log records the preview and its discarding).");
    return 0;
  }

  let applied: Awaited<ReturnType<typeof applyBatch>>;
  try {
    applied = await applyBatch(db, actor, batchId, now());
  } catch (e) {
    // rolled back whole, as the page says when confirming fails
    io.err(`error: the import failed and nothing was written: ${(e as Error).message}`);
    io.err(`The preview stays as import #${batchId} (/import/${batchId}).`);
    return 1;
  }
  if (applied.kind !== "ok") {
    io.err(`error: ${refusal(applied)}`);
    io.err(`Nothing was written; the preview stays as import #${batchId} (/import/${batchId}).`);
    return 1;
  }
  const c = applied.value.counts;
  io.out(
    c.create + c.update === 0
      ? `Nothing new: all ${c.unchanged + c.kept} importable ticket(s) were already imported. Nothing was added (import #${batchId}).`
      : `Written as import #${batchId} in one transaction: ${c.create} new item(s), ${c.update} updated (undo at /import/${batchId}).`,
  );
  return 0;
};
