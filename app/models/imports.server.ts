// SQL of the import area: batches (preview → applied → undone) and their items. The evidence rows an
// import creates, updates, restores or removes are written by ./evidence-writer.server.ts (ADR 007).
import { now as clockNow } from "~/clock.server";
import type { DB } from "~/db.server";
import type { Evidence, ImportBatch } from "../../db/schema";
import { toInput } from "~/domain/evidence-row";
import type {
  DatesRead,
  EvidenceFields,
  Format,
  ImportItem,
  ImportScope,
  PlanCounts,
  RowError,
  StoredItem,
  TimesRead,
} from "~/domain/import/index";
import { lockPeople } from "./locks.server";

/** What a preview batch stores until it is confirmed: the parsed, normalised file. */
export interface BatchPayload {
  kind: "preview";
  format: Format;
  rowsRead: number;
  /** how the numeric dates were read (absent in previews stored before it was recorded) */
  dates?: DatesRead | null;
  /** the zone the times without an offset were read in (absent in previews stored before it was recorded) */
  times?: TimesRead | null;
  items: ImportItem[];
  rowErrors: RowError[];
}

/** What an applied batch keeps instead of the items: the outcome, for its page. */
export interface BatchSummary {
  kind: "summary";
  format: Format;
  rowsRead: number;
  items: number;
  rowErrors: RowError[];
  counts: PlanCounts;
}

const CHUNK = 500;

function chunks<T>(list: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

export async function createBatch(
  db: DB,
  b: { createdBy: number; scope: ImportScope; filename: string; payload: BatchPayload; payloadJson?: string },
  now = clockNow(),
): Promise<number> {
  const row = await db
    .insertInto("import_batches")
    .values({
      created_by: b.createdBy,
      scope: b.scope,
      format: b.payload.format,
      filename: b.filename,
      status: "preview",
      rows_read: b.payload.rowsRead,
      // the caller may pass the payload as it is to be stored (app/services/import-payload.server.ts)
      payload_json: b.payloadJson ?? JSON.stringify(b.payload),
      created_at: now.toISOString(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export type BatchRow = ImportBatch & { creator_name: string };

/** A batch with its creator's name; the (possibly large) payload only when asked for. */
export async function getBatch(db: DB, id: number, opts: { payload?: boolean } = {}): Promise<BatchRow | undefined> {
  const row = await db
    .selectFrom("import_batches")
    .innerJoin("people", "people.id", "import_batches.created_by")
    .select([
      "import_batches.id",
      "import_batches.created_by",
      "import_batches.scope",
      "import_batches.format",
      "import_batches.filename",
      "import_batches.status",
      "import_batches.rows_read",
      "import_batches.items_created",
      "import_batches.items_updated",
      "import_batches.items_unchanged",
      "import_batches.created_at",
      "import_batches.applied_at",
      "import_batches.undone_at",
      "people.name as creator_name",
    ])
    .$if(!!opts.payload, (q) => q.select("import_batches.payload_json"))
    .where("import_batches.id", "=", id)
    .executeTakeFirst();
  return row ? { payload_json: null, ...row } : undefined;
}

/** The stored payload as it is (a preview's is compressed: read it with readPayloadCooperatively in the import service). */
export async function batchPayloadText(db: DB, id: number): Promise<string | null> {
  const row = await db.selectFrom("import_batches").select("payload_json").where("id", "=", id).executeTakeFirst();
  return row?.payload_json ?? null;
}

/** Batches, newest first; `createdBy` restricts to one person's. */
export async function listBatches(db: DB, f: { createdBy?: number; limit?: number } = {}) {
  return db
    .selectFrom("import_batches")
    .innerJoin("people", "people.id", "import_batches.created_by")
    .select([
      "import_batches.id",
      "import_batches.scope",
      "import_batches.format",
      "import_batches.filename",
      "import_batches.status",
      "import_batches.rows_read",
      "import_batches.items_created",
      "import_batches.items_updated",
      "import_batches.items_unchanged",
      "import_batches.created_at",
      "import_batches.applied_at",
      "import_batches.undone_at",
      "import_batches.created_by",
      "people.name as creator_name",
    ])
    .$if(f.createdBy !== undefined, (q) => q.where("import_batches.created_by", "=", f.createdBy!))
    .orderBy("import_batches.id", "desc")
    .limit(f.limit ?? 100)
    .execute();
}

export async function deletePreviewBatch(db: DB, id: number): Promise<boolean> {
  const r = await db.deleteFrom("import_batches").where("id", "=", id).where("status", "=", "preview").executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

function fieldsOf(row: Evidence): EvidenceFields {
  return toInput(row) as EvidenceFields;
}

/** Evidence already stored under these import keys, with its owner. */
export async function storedByKeys(db: DB, keys: string[]): Promise<Map<string, StoredItem & { row: Evidence }>> {
  const out = new Map<string, StoredItem & { row: Evidence }>();
  for (const part of chunks([...new Set(keys)])) {
    const rows = await db
      .selectFrom("evidence")
      .innerJoin("people", "people.id", "evidence.person_id")
      .selectAll("evidence")
      .select("people.name as person_name")
      .where("evidence.import_key", "in", part)
      .execute();
    for (const r of rows) {
      const { person_name, ...row } = r;
      out.set(row.import_key!, {
        id: row.id,
        person: { id: row.person_id, name: person_name },
        editedAt: row.edited_at,
        status: row.status,
        columns: row,
        fields: fieldsOf(row),
        row,
      });
    }
  }
  return out;
}

export async function addBatchItems(
  db: DB,
  rows: { batch_id: number; evidence_id: number; action: "created" | "updated"; previous_json: string | null }[],
) {
  for (const part of chunks(rows)) await db.insertInto("import_batch_items").values(part).execute();
}

export async function markApplied(db: DB, id: number, summary: BatchSummary, now = clockNow()) {
  await db
    .updateTable("import_batches")
    .set({
      status: "applied",
      applied_at: now.toISOString(),
      items_created: summary.counts.create,
      items_updated: summary.counts.update,
      items_unchanged: summary.counts.unchanged + summary.counts.kept,
      payload_json: JSON.stringify(summary),
    })
    .where("id", "=", id)
    .execute();
}

/** The items a batch wrote, with their current state, for its page. */
export async function batchItems(db: DB, batchId: number, limit = 200, offset = 0) {
  const rows =
    limit === 0
      ? []
      : await db
          .selectFrom("import_batch_items")
          .leftJoin("evidence", "evidence.id", "import_batch_items.evidence_id")
          .leftJoin("people", "people.id", "evidence.person_id")
          .select([
            "import_batch_items.evidence_id",
            "import_batch_items.action",
            "evidence.title",
            "evidence.external_ref",
            "evidence.status",
            "evidence.priority",
            "evidence.resolved_at",
            "evidence.edited_at",
            "evidence.import_batch_id",
            "people.name as person_name",
          ])
          .where("import_batch_items.batch_id", "=", batchId)
          .orderBy("import_batch_items.evidence_id")
          .limit(limit)
          .offset(offset)
          .execute();
  const total = await db
    .selectFrom("import_batch_items")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("batch_id", "=", batchId)
    .executeTakeFirstOrThrow();
  return { rows, total: Number(total.n) };
}

/** Takes the write locks of everyone whose items this batch wrote (see locks.server.ts). */
export async function lockBatchOwners(db: DB, batchId: number) {
  const owners = await db
    .selectFrom("import_batch_items")
    .innerJoin("evidence", "evidence.id", "import_batch_items.evidence_id")
    .select("evidence.person_id")
    .distinct()
    .where("import_batch_items.batch_id", "=", batchId)
    .execute();
  await lockPeople(
    db,
    owners.map((o) => o.person_id),
  );
}

/** Everything undo needs: each item of the batch with the evidence row as it is now. */
export async function batchItemsForUndo(db: DB, batchId: number) {
  const items = await db.selectFrom("import_batch_items").selectAll().where("batch_id", "=", batchId).execute();
  const current = new Map<number, Evidence>();
  for (const part of chunks(items.map((i) => i.evidence_id))) {
    const rows = await db.selectFrom("evidence").selectAll().where("id", "in", part).execute();
    for (const r of rows) current.set(r.id, r);
  }
  return items.map((i) => ({ ...i, current: current.get(i.evidence_id) ?? null }));
}

/** A later applied batch that also wrote items of this one (it has to be undone first). */
export async function laterBatchTouching(db: DB, batchId: number) {
  return db
    .selectFrom("import_batch_items as mine")
    .innerJoin("import_batch_items as other", "other.evidence_id", "mine.evidence_id")
    .innerJoin("import_batches", "import_batches.id", "other.batch_id")
    .select("import_batches.id")
    .where("mine.batch_id", "=", batchId)
    .where("other.batch_id", ">", batchId)
    .where("import_batches.status", "=", "applied")
    .orderBy("import_batches.id", "desc")
    .executeTakeFirst();
}

/**
 * Moves a batch from one state to the next only if it is still in the first: the one conditional
 * update that decides which of two racing confirmations (or undos) goes ahead. False: someone else did.
 */
export async function claimBatch(
  db: DB,
  id: number,
  from: "preview" | "applied",
  to: "applied" | "undone",
  now = clockNow(),
): Promise<boolean> {
  const at = now.toISOString();
  const r = await db
    .updateTable("import_batches")
    .set(to === "applied" ? { status: to, applied_at: at } : { status: to, undone_at: at })
    .where("id", "=", id)
    .where("status", "=", from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function handleTaken(db: DB, handleKey: string): Promise<boolean> {
  return !!(await db.selectFrom("itsm_handles").select("id").where("handle_key", "=", handleKey).executeTakeFirst());
}

export async function personBrief(db: DB, id: number) {
  return db.selectFrom("people").select(["id", "name", "active"]).where("id", "=", id).executeTakeFirst();
}

/** Active people, for mapping a handle to someone. */
export async function activePeople(db: DB) {
  return db.selectFrom("people").select(["id", "name", "email"]).where("active", "=", 1).orderBy("name").execute();
}

/** What undoing a batch did (deleted, restored, kept), as its import_undo audit entry recorded it. */
export async function undoCountsOf(db: DB, batchId: number) {
  const row = await db
    .selectFrom("audit_log")
    .select("after_json")
    .where("entity", "=", "import_batch")
    .where("entity_id", "=", String(batchId))
    .where("action", "=", "import_undo")
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
  if (!row?.after_json) return null;
  const c = JSON.parse(row.after_json) as Partial<Record<"deleted" | "restored" | "kept", number>>;
  return { deleted: c.deleted ?? 0, restored: c.restored ?? 0, kept: c.kept ?? 0 };
}
