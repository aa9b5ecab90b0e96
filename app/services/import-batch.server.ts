// Commands on an import batch: confirm (write the preview), discard, map a handle, undo. Each is
// (db, actor, …, now) → Result, authorised inside, and writes evidence only through the evidence writer.
import { type Actor, refuseCapability } from "~/auth/authorize.server";
import { type DB, inTransaction } from "~/db.server";
import { type ImportPlan, handlesIn } from "~/domain/import/index";
import { resolvePerson } from "~/domain/handle-suggestion";
import { normaliseHandle } from "~/domain/org-tree";
import type { Evidence } from "../../db/schema";
import { recordAudit } from "~/models/audit.server";
import { listRules } from "~/models/catalog.server";
import { constraintViolation, uniqueOr } from "~/models/constraint-errors.server";
import { deleteEvidence, detachFromBatch, restoreEvidence, writePlanned } from "~/models/evidence-writer.server";
import {
  type BatchRow,
  type BatchSummary,
  activePeople,
  addBatchItems,
  batchItemsForUndo,
  claimBatch,
  deletePreviewBatch,
  getBatch,
  handleTaken,
  laterBatchTouching,
  lockBatchOwners,
  markApplied,
  personBrief,
} from "~/models/imports.server";
import { lockImports, lockPeople } from "~/models/locks.server";
import { peopleByHandles } from "~/models/people.server";
import { addHandle } from "~/models/people-writes.server";
import type { MapHandleValues } from "~/schemas/import.server";
import { type Failure, type Result, conflict, forbidden, invalid, notFound, ok } from "~/utils/result";
import { MAX_ROW_ERRORS, planFor, readPayloadCooperatively, scopeFor } from "./import.server";
import { Slicer } from "./import-steps.server";

/** The import commands take the batch as the route found it (batchFor: its uploader's, or any for an org-wide importer). */
function refuseBatch(user: Actor, batch: Pick<BatchRow, "created_by">): Failure | null {
  return (
    refuseCapability(user, "import:run") ??
    (batch.created_by !== user.id && scopeFor(user) !== "org" ? notFound("No such import.") : null)
  );
}

/**
 * Writes a preview batch in ONE transaction: plans it against what is stored now, writes the plan through
 * the evidence writer (keeping each updated row as it was in import_batch_items.previous_json), marks the
 * batch applied. Any failure rolls everything back and the batch stays a preview.
 */
export async function applyBatch(
  db: DB,
  user: Actor,
  batchId: number,
  now: Date,
): Promise<Result<{ counts: ImportPlan["counts"] }>> {
  // A preview's payload is written once and never changes: read and decode it before the transaction, a step
  // at a time, so that the transaction (on SQLite it holds the one connection every other request waits for)
  // only plans and writes. Inside, the batch is read again; a different batch under the id refuses.
  const slicer = new Slicer();
  const before = await getBatch(db, batchId, { payload: true });
  const preread = before?.status === "preview" ? await readPayloadCooperatively(before.payload_json, slicer) : null;
  try {
    return await inTransaction(db, async (tx): Promise<Result<{ counts: ImportPlan["counts"] }>> => {
      await lockImports(tx);
      const batch = await getBatch(tx, batchId);
      if (!batch || batch.created_at !== before?.created_at) return notFound("No such import.");
      const refused = refuseBatch(user, batch);
      if (refused) return refused;
      // Conditional: of two confirmations racing on two instances, only one moves the batch on.
      if (batch.status !== "preview" || !(await claimBatch(tx, batchId, "preview", "applied", now))) {
        return conflict(batch.status === "undone" ? "This import was undone." : "This import has already been written.");
      }
      const payload = preread;
      if (!payload || payload.kind !== "preview") return conflict("This import has nothing left to write.");
      // The people first, in id order, then what is stored, as the ingest API does (ADR 006). Taken as the
      // writes come (the creates' owners, then each update's owner in file order) the locks crossed those
      // of an ingest request or another writer holding the same two people the other way round: deadlocks,
      // each detected after deadlock_timeout and retried. A plan read before the locks could also overwrite
      // an item its owner edited meanwhile.
      const named =
        batch.scope === "self"
          ? [batch.created_by]
          : [...(await peopleByHandles(tx, handlesIn(payload.items))).values()].map((p) => p.id);
      await lockPeople(tx, named);
      const { plan, stored } = await planFor(tx, batch, payload.items, slicer, now);
      await lockPeople(
        tx,
        [...stored.values()].map((s) => s.person.id),
      ); // normally held already: an item stays with its owner
      const rules = await listRules(tx, { activeOnly: true });

      const updates = plan.items
        .filter((i) => i.action === "update")
        .map((i) => ({ row: stored.get(i.importKey)!.row, fields: i.fields!, sourceVersion: i.sourceVersion }));
      const ids = await writePlanned(
        tx,
        {
          creates: plan.items
            .filter((i) => i.action === "create")
            .map((i) => ({ personId: i.person!.id, fields: i.fields!, importKey: i.importKey, sourceVersion: i.sourceVersion })),
          updates,
        },
        { source: "import", batchId, rules },
        now,
      );
      await addBatchItems(tx, [
        ...ids.map((id) => ({ batch_id: batchId, evidence_id: id, action: "created" as const, previous_json: null })),
        ...updates.map((u) => ({
          batch_id: batchId,
          evidence_id: u.row.id,
          action: "updated" as const,
          previous_json: JSON.stringify(u.row),
        })),
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
      await recordAudit(
        tx,
        {
          actorId: user.id,
          action: "import_apply",
          entity: "import_batch",
          entityId: batchId,
          subjectPersonId: batch.scope === "self" ? batch.created_by : null,
          after: plan.counts,
        },
        now,
      );
      return ok({ counts: plan.counts });
    });
  } catch (e) {
    // A row written meanwhile by someone else (the API, another instance) collides with one of ours.
    if (constraintViolation(e))
      return conflict(
        "Some of these items were changed by someone else while the import was written; nothing was written. Confirm again to import against what is stored now.",
      );
    throw e;
  }
}

export async function discardPreview(db: DB, user: Actor, batch: BatchRow, now: Date): Promise<Result> {
  const refused = refuseBatch(user, batch);
  if (refused) return refused;
  if (batch.status !== "preview") return conflict("Only a preview can be discarded; undo a written import instead.");
  return inTransaction(db, async (tx) => {
    if (!(await deletePreviewBatch(tx, batch.id))) return conflict("This preview was written or discarded meanwhile.");
    await recordAudit(
      tx,
      {
        actorId: user.id,
        action: "import_discard",
        entity: "import_batch",
        entityId: batch.id,
        subjectPersonId: batch.scope === "self" ? batch.created_by : null,
      },
      now,
    );
    return ok();
  });
}

/** Who may map a handle on this batch: an org-wide importer (403 otherwise), on an org preview (409 otherwise). */
export function refuseHandleMapping(user: Actor, batch: Pick<BatchRow, "scope" | "status">): Failure | null {
  if (scopeFor(user) !== "org") return forbidden("Only an admin maps handles to people.");
  if (batch.scope !== "org" || batch.status !== "preview")
    return conflict("Handles are mapped on an organisation import that is still a preview.");
  return null;
}

/** Admin, on an org-wide preview: give an unknown handle to a person (audited); the preview is recomputed. */
export async function mapHandle(
  db: DB,
  user: Actor,
  batch: BatchRow,
  input: MapHandleValues,
  now: Date,
): Promise<Result<{ personName: string }>> {
  const refused = refuseHandleMapping(user, batch);
  if (refused) return refused;
  const { handle } = input;
  let personId = input.personId;
  if (personId === undefined) {
    const found = resolvePerson(input.person ?? "", await activePeople(db));
    if (!found.ok) return invalid({ person: found.message });
    personId = found.person.id;
  }
  const person = await personBrief(db, personId);
  if (!person || !person.active) return invalid({ person: "Choose an active person." });
  const key = normaliseHandle(handle);
  const taken = `The handle "${handle}" already belongs to someone.`;
  if (await handleTaken(db, key)) return invalid({ handle: taken });
  // Mapped meanwhile by another admin (another instance): the unique handle key answers.
  const written = await uniqueOr(
    () =>
      inTransaction(db, async (tx) => {
        await addHandle(tx, personId, handle);
        await recordAudit(
          tx,
          {
            actorId: user.id,
            action: "handle_add",
            entity: "person",
            entityId: personId,
            subjectPersonId: personId,
            after: { handle },
            reason: `Mapped while previewing import #${batch.id}`,
          },
          now,
        );
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
    if (batch.status !== "applied")
      return conflict(batch.status === "undone" ? "This import was already undone." : "Only a written import can be undone.");
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
    await recordAudit(
      tx,
      {
        actorId: user.id,
        action: "import_undo",
        entity: "import_batch",
        entityId: batchId,
        subjectPersonId: batch.scope === "self" ? batch.created_by : null,
        after: counts,
      },
      now,
    );
    return ok({ counts });
  });
}
