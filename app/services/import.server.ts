// Importing ticketing-tool CSV exports: upload → preview batch (stored, nothing else written) → confirm
// (one transaction) → undo (one transaction). See app/domain/import/plan.ts for the rules.
import { MaxPartSizeExceededError, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";
import { widestScope } from "~/auth/permissions";
import { type Actor, refuseCapability } from "~/auth/authorize.server";
import { type DB, inTransaction } from "~/db.server";
import {
  type ImportItem,
  type ImportPlan,
  type ImportScope,
  type PlannedItem,
  type PlanAction,
  checkUpload,
  formatName,
  handlesIn,
  importKeyOf,
  parseImport,
  planImport,
} from "~/domain/import/index";
import type { Evidence } from "../../db/schema";
import { recordAudit } from "~/models/audit.server";
import { constraintViolation, uniqueOr } from "~/models/constraint-errors.server";
import { lockImports, lockPeople } from "~/models/locks.server";
import { businessHours, listKinds, listRules } from "~/models/catalog.server";
import {
  type BatchPayload,
  type BatchRow,
  type BatchSummary,
  addBatchItems,
  batchItems,
  batchItemsForUndo,
  createBatch,
  deletePreviewBatch,
  batchPayload,
  getBatch,
  handleTaken,
  laterBatchTouching,
  lockBatchOwners,
  listBatches,
  markApplied,
  claimBatch,
  personBrief,
  readPayload,
  storedByKeys,
} from "~/models/imports.server";
import { deleteEvidence, detachFromBatch, restoreEvidence, writePlanned } from "~/models/evidence-writer.server";
import { addHandle, peopleByHandles } from "~/models/people.server";
import { normaliseHandle } from "~/domain/org-tree";
import { checkEvidenceFields } from "~/schemas/ingest.server";
import type { MapHandleValues } from "~/schemas/import";
import { type Failure, type Result, conflict, forbidden, invalid, notFound, ok } from "~/utils/result";

/**
 * Largest accepted upload: IMPORT_MAX_MB megabytes (default 64, enough for the full 141,712-event
 * ServiceNow log of 45 MB). Read at each upload, so a test or an operator can change it.
 */
export function importMaxBytes(): number {
  const mb = Number(process.env.IMPORT_MAX_MB ?? "");
  return Math.round((Number.isFinite(mb) && mb > 0 ? mb : 64) * 1024 * 1024);
}

function mbText(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return `${mb >= 10 ? Math.round(mb) : Math.round(mb * 10) / 10} MB`;
}

/** An engineer imports for themself; a role that may import for anyone imports for the organisation. */
export function scopeFor(user: Pick<Actor, "role">): ImportScope {
  return widestScope(user.role, "import:run") === "any" ? "org" : "self";
}

// ---------------------------------------------------------------------------------------------
// Upload

export type UploadRead = { ok: true; filename: string; bytes: Uint8Array } | { ok: false; malformed: boolean; message: string };

/**
 * Reads the multipart upload (field "file") without ever holding more than the limit in memory. Request
 * parsing, not a command: `malformed` (not a multipart post, no file) is the route's 400, the rest 422.
 */
export async function readUpload(request: Request): Promise<UploadRead> {
  const fail = (malformed: boolean, message: string) => ({ ok: false as const, malformed, message });
  const type = request.headers.get("Content-Type") ?? "";
  if (!type.toLowerCase().startsWith("multipart/form-data")) return fail(true, "Choose a CSV file to upload.");
  const limit = importMaxBytes();
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: limit + 1 }));
  } catch (e) {
    if (e instanceof MaxPartSizeExceededError) return fail(false, `The file is too large; the limit is ${mbText(limit)}.`);
    return fail(true, "The upload could not be read. Try again.");
  }
  const file = form.get("file");
  if (!file || typeof file === "string" || (file.size === 0 && !file.name)) return fail(true, "Choose a CSV file to upload.");
  return { ok: true, filename: (file.name || "upload.csv").slice(0, 200), bytes: new Uint8Array(await file.arrayBuffer()) };
}

/** Checks and parses the file and stores it as a preview batch. Writes nothing else. */
export async function previewUpload(db: DB, user: Actor, upload: { filename: string; bytes: Uint8Array }, now: Date): Promise<Result<{ batchId: number }>> {
  const refused = refuseCapability(user, "import:run");
  if (refused) return refused;
  const checked = checkUpload(upload.bytes, importMaxBytes());
  if (!checked.ok) return invalid({ file: checked.message });
  const parsed = parseImport(checked.text, { businessHours: await businessHours(db) });
  if (parsed.error || !parsed.format) return invalid({ file: parsed.error ?? "Unrecognised CSV." });
  if (parsed.items.length === 0 && parsed.rowsRead === 0) return invalid({ file: "The file has a header but no rows." });
  const scope = scopeFor(user);
  const payload: BatchPayload = { kind: "preview", format: parsed.format, rowsRead: parsed.rowsRead, items: parsed.items, rowErrors: parsed.rowErrors };
  const batchId = await inTransaction(db, async (tx) => {
    const id = await createBatch(tx, { createdBy: user.id, scope, filename: upload.filename, payload }, now);
    await recordAudit(tx, {
      actorId: user.id, action: "import_preview", entity: "import_batch", entityId: id,
      subjectPersonId: scope === "self" ? user.id : null,
      after: { filename: upload.filename, format: parsed.format, rowsRead: parsed.rowsRead, items: parsed.items.length, rowErrors: parsed.rowErrors.length },
    }, now);
    return id;
  });
  return ok({ batchId });
}

// ---------------------------------------------------------------------------------------------
// Preview

/** A batch the user may see and act on (their own, or any for an org-wide importer); null otherwise. */
export async function batchFor(db: DB, user: Actor, id: number): Promise<BatchRow | null> {
  const batch = await getBatch(db, id);
  if (!batch) return null;
  if (batch.created_by !== user.id && scopeFor(user) !== "org") return null;
  return batch;
}

export async function batchesFor(db: DB, user: Actor) {
  return listBatches(db, scopeFor(user) === "org" ? {} : { createdBy: user.id });
}

async function planFor(db: DB, batch: Pick<BatchRow, "scope" | "created_by" | "creator_name">, items: ImportItem[]) {
  const kinds = new Set((await listKinds(db)).map((k) => k.key));
  const keys = items.filter((i) => i.resolved).map(importKeyOf);
  const [people, stored] = await Promise.all([peopleByHandles(db, handlesIn(items)), storedByKeys(db, keys)]);
  const plan = planImport({
    items,
    scope: batch.scope,
    uploader: { id: batch.created_by, name: batch.creator_name },
    people,
    stored,
    check: (fields) => {
      const bad = checkEvidenceFields(fields, kinds);
      return bad ? `${bad.field}: ${bad.message}` : null;
    },
  });
  return { plan, stored };
}

export interface PreviewView {
  format: string;
  rowsRead: number;
  itemCount: number;
  counts: ImportPlan["counts"];
  unknownHandles: ImportPlan["unknownHandles"];
  byPerson: ImportPlan["byPerson"];
  rowErrors: BatchPayload["rowErrors"];
  rowErrorCount: number;
  items: Pick<PlannedItem, "ref" | "title" | "kind" | "state" | "priority" | "rows" | "handle" | "person" | "action" | "reason" | "storedId" | "changed">[];
  shown: number;
  page: number;
  pages: number;
}

const PAGE = 100;
const MAX_ROW_ERRORS = 500;

function pageOf(items: PlannedItem[], show: PlanAction | "all", page: number) {
  const list = show === "all" ? items : items.filter((i) => i.action === show);
  const pages = Math.max(1, Math.ceil(list.length / PAGE));
  const p = Math.min(page, pages);
  return {
    items: list.slice((p - 1) * PAGE, p * PAGE).map((i) => ({
      ref: i.ref, title: i.title, kind: i.kind, state: i.state, priority: i.priority, rows: i.rows.slice(0, 20), handle: i.handle,
      person: i.person, action: i.action, reason: i.reason, storedId: i.storedId, changed: i.changed,
    })),
    shown: list.length,
    page: p,
    pages,
  };
}

/** What the preview page shows, recomputed from the stored payload and the current people and evidence. */
export async function previewOf(db: DB, batch: BatchRow, show: PlanAction | "all" = "all", page = 1): Promise<PreviewView | null> {
  const payload = await batchPayload(db, batch.id);
  if (!payload || payload.kind !== "preview") return null;
  const { plan } = await planFor(db, batch, payload.items);
  return {
    format: formatName(payload.format),
    rowsRead: payload.rowsRead,
    itemCount: payload.items.length,
    counts: plan.counts,
    unknownHandles: batch.scope === "org" ? plan.unknownHandles : [],
    byPerson: plan.byPerson,
    rowErrors: payload.rowErrors.slice(0, MAX_ROW_ERRORS),
    rowErrorCount: payload.rowErrors.length,
    ...pageOf(plan.items, show, page),
  };
}

export interface AppliedView {
  format: string;
  rowsRead: number;
  itemCount: number;
  counts: BatchSummary["counts"] | null;
  rowErrors: BatchSummary["rowErrors"];
  rowErrorCount: number;
  written: Awaited<ReturnType<typeof batchItems>>;
}

export async function appliedOf(db: DB, batch: BatchRow): Promise<AppliedView> {
  const payload = await batchPayload(db, batch.id);
  const summary = payload?.kind === "summary" ? payload : null;
  return {
    format: formatName((batch.format as BatchSummary["format"]) ?? "servicenow"),
    rowsRead: batch.rows_read,
    itemCount: summary?.items ?? 0,
    counts: summary?.counts ?? null,
    rowErrors: (summary?.rowErrors ?? []).slice(0, MAX_ROW_ERRORS),
    rowErrorCount: summary?.rowErrors.length ?? 0,
    written: await batchItems(db, batch.id),
  };
}

// ---------------------------------------------------------------------------------------------
// Confirm

/** The import commands take the batch as the route found it (batchFor: its uploader's, or any for an org-wide importer). */
function refuseBatch(user: Actor, batch: Pick<BatchRow, "created_by">): Failure | null {
  return refuseCapability(user, "import:run") ?? (batch.created_by !== user.id && scopeFor(user) !== "org" ? notFound("No such import.") : null);
}

/**
 * Writes a preview batch in ONE transaction: plans it against what is stored now, writes the plan through
 * the evidence writer (keeping each updated row as it was in import_batch_items.previous_json), marks the
 * batch applied. Any failure rolls everything back and the batch stays a preview.
 */
export async function applyBatch(db: DB, user: Actor, batchId: number, now: Date): Promise<Result<{ counts: ImportPlan["counts"] }>> {
  try {
    return await inTransaction(db, async (tx): Promise<Result<{ counts: ImportPlan["counts"] }>> => {
      await lockImports(tx);
      const batch = await getBatch(tx, batchId, { payload: true });
      if (!batch) return notFound("No such import.");
      const refused = refuseBatch(user, batch);
      if (refused) return refused;
      // Conditional: of two confirmations racing on two instances, only one moves the batch on.
      if (batch.status !== "preview" || !(await claimBatch(tx, batchId, "preview", "applied", now))) {
        return conflict(batch.status === "undone" ? "This import was undone." : "This import has already been written.");
      }
      const payload = readPayload(batch);
      if (!payload || payload.kind !== "preview") return conflict("This import has nothing left to write.");
      // The people first, in id order, then what is stored, as the ingest API does (ADR 006). Taken as the
      // writes come (the creates' owners, then each update's owner in file order) the locks crossed those
      // of an ingest request or another writer holding the same two people the other way round: deadlocks,
      // each detected after deadlock_timeout and retried. A plan read before the locks could also overwrite
      // an item its owner edited meanwhile.
      const named = batch.scope === "self" ? [batch.created_by] : [...(await peopleByHandles(tx, handlesIn(payload.items))).values()].map((p) => p.id);
      await lockPeople(tx, named);
      const { plan, stored } = await planFor(tx, batch, payload.items);
      await lockPeople(tx, [...stored.values()].map((s) => s.person.id)); // normally held already: an item stays with its owner
      const rules = await listRules(tx, { activeOnly: true });

      const updates = plan.items.filter((i) => i.action === "update").map((i) => ({ row: stored.get(i.importKey)!.row, fields: i.fields! }));
      const ids = await writePlanned(
        tx,
        { creates: plan.items.filter((i) => i.action === "create").map((i) => ({ personId: i.person!.id, fields: i.fields!, importKey: i.importKey })), updates },
        { source: "import", batchId, rules },
        now,
      );
      await addBatchItems(tx, [
        ...ids.map((id) => ({ batch_id: batchId, evidence_id: id, action: "created" as const, previous_json: null })),
        ...updates.map((u) => ({ batch_id: batchId, evidence_id: u.row.id, action: "updated" as const, previous_json: JSON.stringify(u.row) })),
      ]);
      const summary: BatchSummary = {
        kind: "summary",
        format: payload.format,
        rowsRead: payload.rowsRead,
        items: payload.items.length,
        rowErrors: payload.rowErrors.slice(0, MAX_ROW_ERRORS),
        counts: plan.counts,
      };
      await markApplied(tx, batchId, summary, now);
      await recordAudit(tx, {
        actorId: user.id, action: "import_apply", entity: "import_batch", entityId: batchId,
        subjectPersonId: batch.scope === "self" ? batch.created_by : null, after: plan.counts,
      }, now);
      return ok({ counts: plan.counts });
    });
  } catch (e) {
    // A row written meanwhile by someone else (the API, another instance) collides with one of ours.
    if (constraintViolation(e)) return conflict("Some of these items were changed by someone else while the import was written; nothing was written. Confirm again to import against what is stored now.");
    throw e;
  }
}

export async function discardPreview(db: DB, user: Actor, batch: BatchRow, now: Date): Promise<Result> {
  const refused = refuseBatch(user, batch);
  if (refused) return refused;
  if (batch.status !== "preview") return conflict("Only a preview can be discarded; undo a written import instead.");
  return inTransaction(db, async (tx) => {
    if (!(await deletePreviewBatch(tx, batch.id))) return conflict("This preview was written or discarded meanwhile.");
    await recordAudit(tx, {
      actorId: user.id, action: "import_discard", entity: "import_batch", entityId: batch.id,
      subjectPersonId: batch.scope === "self" ? batch.created_by : null,
    }, now);
    return ok();
  });
}

/** Who may map a handle on this batch: an org-wide importer (403 otherwise), on an org preview (409 otherwise). */
export function refuseHandleMapping(user: Actor, batch: Pick<BatchRow, "scope" | "status">): Failure | null {
  if (scopeFor(user) !== "org") return forbidden("Only an admin maps handles to people.");
  if (batch.scope !== "org" || batch.status !== "preview") return conflict("Handles are mapped on an organisation import that is still a preview.");
  return null;
}

/** Admin, on an org-wide preview: give an unknown handle to a person (audited); the preview is recomputed. */
export async function mapHandle(db: DB, user: Actor, batch: BatchRow, input: MapHandleValues, now: Date): Promise<Result<{ personName: string }>> {
  const refused = refuseHandleMapping(user, batch);
  if (refused) return refused;
  const { handle, personId } = input;
  const person = await personBrief(db, personId);
  if (!person || !person.active) return invalid({ personId: "Choose an active person." });
  const key = normaliseHandle(handle);
  const taken = `The handle "${handle}" already belongs to someone.`;
  if (await handleTaken(db, key)) return invalid({ handle: taken });
  // Mapped meanwhile by another admin (another instance): the unique handle key answers.
  const written = await uniqueOr(
    () =>
      inTransaction(db, async (tx) => {
        await addHandle(tx, personId, handle);
        await recordAudit(tx, {
          actorId: user.id, action: "handle_add", entity: "person", entityId: personId, subjectPersonId: personId,
          after: { handle }, reason: `Mapped while previewing import #${batch.id}`,
        }, now);
      }),
    [{ names: ["itsm_handles_handle_key_key", "itsm_handles.handle_key"], field: "handle", message: taken }],
  );
  return written.ok ? ok({ personName: person.name }) : invalid(written.errors);
}

// ---------------------------------------------------------------------------------------------
// Undo

export interface UndoCounts {
  deleted: number;
  restored: number;
  kept: number;
}

/**
 * Undoes an applied batch in ONE transaction, through the evidence writer: items it created are deleted,
 * items it updated are restored from previous_json, except items their owner edited since the import,
 * which are kept and detached from the batch. A later import that changed the same items must be undone first.
 */
export async function undoBatch(db: DB, user: Actor, batchId: number, now: Date): Promise<Result<{ counts: UndoCounts }>> {
  return inTransaction(db, async (tx): Promise<Result<{ counts: UndoCounts }>> => {
    await lockImports(tx);
    const batch = await getBatch(tx, batchId);
    if (!batch) return notFound("No such import.");
    const refused = refuseBatch(user, batch);
    if (refused) return refused;
    if (batch.status !== "applied") return conflict(batch.status === "undone" ? "This import was already undone." : "Only a written import can be undone.");
    const later = await laterBatchTouching(tx, batchId);
    if (later) return conflict(`Import #${later.id} changed items of this one afterwards: undo #${later.id} first.`);
    if (!(await claimBatch(tx, batchId, "applied", "undone", now))) return conflict("This import was already undone.");
    // Every owner first, in id order, then read the items as they are: restores lock no one crosswise.
    await lockBatchOwners(tx, batchId);
    const items = await batchItemsForUndo(tx, batchId);
    const rules = await listRules(tx, { activeOnly: true });
    const appliedAt = batch.applied_at ?? batch.created_at;
    const editedSince = (e: Evidence) => e.edited_at !== null && e.edited_at >= appliedAt;
    const toDelete: number[] = [];
    const toDetach: number[] = [];
    let restored = 0;
    for (const item of items) {
      const current = item.current;
      if (!current) continue; // deleted by its owner since
      if (editedSince(current)) {
        toDetach.push(current.id);
      } else if (item.action === "created") {
        toDelete.push(current.id);
      } else if (item.previous_json) {
        await restoreEvidence(tx, JSON.parse(item.previous_json) as Evidence, rules);
        restored++;
      }
    }
    await deleteEvidence(tx, toDelete);
    await detachFromBatch(tx, toDetach);
    const counts = { deleted: toDelete.length, restored, kept: toDetach.length };
    await recordAudit(tx, {
      actorId: user.id, action: "import_undo", entity: "import_batch", entityId: batchId,
      subjectPersonId: batch.scope === "self" ? batch.created_by : null, after: counts,
    }, now);
    return ok({ counts });
  });
}
