// Importing ticketing-tool CSV exports: upload → preview batch (stored, nothing else written) → confirm
// (one transaction) → undo (one transaction). See app/domain/import/plan.ts for the rules. This module
// reads the upload, stores the preview and shows batches; the commands on a batch are in
// ./import-batch.server.ts. A large file is read, planned and stored a step at a time, letting other requests
// in between (./import-steps.server.ts, ADR 008).
import { readFile } from "node:fs/promises";
import { widestScope } from "~/auth/permissions";
import { type Actor, refuseCapability } from "~/auth/authorize.server";
import { type DB, inTransaction } from "~/db.server";
import {
  type DateOrder,
  type DatesRead,
  type TimesRead,
  type ImportItem,
  type ImportOptions,
  type ImportPlan,
  type ImportResult,
  type ImportScope,
  type PlannedItem,
  type PlanAction,
  checkUploadPartsSteps,
  formatName,
  handlesIn,
  importKeyOf,
  planImportSteps,
  readImport,
} from "~/domain/import/index";
import { parseLines, stringifyLines } from "~/domain/import/json-lines";
import { recordAudit } from "~/models/audit.server";
import { businessHours, importRules, listKinds } from "~/models/catalog.server";
import {
  type BatchPayload,
  type BatchRow,
  type BatchSummary,
  activePeople,
  batchItems,
  batchPayloadText,
  createBatch,
  getBatch,
  listBatches,
  storedByKeys,
  undoCountsOf,
} from "~/models/imports.server";
import { suggestPerson } from "~/domain/handle-suggestion";
import { peopleByHandles } from "~/models/people.server";
import { workingTimeOf } from "~/models/working-time.server";
import { isTimeZone } from "~/domain/working-time";
import { now as clockNow } from "~/clock.server";
import { checkEvidenceFields } from "~/schemas/ingest.server";
import { inputBounds } from "~/schemas/rules";
import { type Result, invalid, ok } from "~/utils/result";
import { decodePayload, encodePayload } from "./import-payload.server";
import { Slicer, runCooperatively } from "./import-steps.server";

/**
 * Largest accepted upload: IMPORT_MAX_MB megabytes (default 64, enough for the full 141,712-event
 * ServiceNow log of 45 MB). Read at each upload, so a test or an operator can change it.
 */
export function importMaxBytes(): number {
  const mb = Number(process.env.IMPORT_MAX_MB ?? "");
  return Math.round((Number.isFinite(mb) && mb > 0 ? mb : 64) * 1024 * 1024);
}

/** An engineer imports for themself; a role that may import for anyone imports for the organisation. */
export function scopeFor(user: Pick<Actor, "role">): ImportScope {
  return widestScope(user.role, "import:run") === "any" ? "org" : "self";
}

// ---------------------------------------------------------------------------------------------
// Preview

/** An upload: its bytes, or the temporary file it was streamed to (app/utils/upload.server.ts). */
export type UploadSource = { filename: string; bytes: Uint8Array } | { filename: string; path: string };

/** Checks and parses the file and stores it as a preview batch. Writes nothing else. */
export async function previewUpload(
  db: DB,
  user: Actor,
  upload: UploadSource,
  now: Date,
  choices: { dateOrder?: string | null; timeZone?: string | null } = {},
): Promise<Result<{ batchId: number }>> {
  const refused = refuseCapability(user, "import:run");
  if (refused) return refused;
  const dateOrder = choices.dateOrder || "auto";
  if (!isDateOrder(dateOrder)) return invalid({ dateOrder: "Choose how the file writes its dates." });
  // by default the uploader's own zone, else the organisation's
  const timeZone = choices.timeZone || (await workingTimeOf(db, user.id)).zone;
  if (!isTimeZone(timeZone)) return invalid({ timeZone: "Choose a time zone from the list (such as Europe/London)." });
  const slicer = new Slicer();
  const [hours, rules] = await Promise.all([businessHours(db), importRules(db)]);
  const parsed = await readUploaded(
    upload,
    { businessHours: hours, jiraDoneResolutions: rules.jiraDoneResolutions, dateOrder, timeZone },
    slicer,
  );
  if ("message" in parsed) return invalid({ file: parsed.message });
  if (parsed.error || !parsed.format) return invalid({ file: parsed.error ?? "Unrecognised CSV." });
  if (parsed.items.length === 0 && parsed.rowsRead === 0) return invalid({ file: "The file has a header but no rows." });
  const scope = scopeFor(user);
  const payload: BatchPayload = {
    kind: "preview",
    format: parsed.format,
    rowsRead: parsed.rowsRead,
    dates: parsed.dates,
    times: parsed.times,
    items: parsed.items,
    rowErrors: parsed.rowErrors,
  };
  const stored = await storedPayload(payload, slicer);
  const batchId = await inTransaction(db, async (tx) => {
    const id = await createBatch(tx, { createdBy: user.id, scope, filename: upload.filename, payload, payloadJson: stored }, now);
    await recordAudit(
      tx,
      {
        actorId: user.id,
        action: "import_preview",
        entity: "import_batch",
        entityId: id,
        subjectPersonId: scope === "self" ? user.id : null,
        after: {
          filename: upload.filename,
          format: parsed.format,
          rowsRead: parsed.rowsRead,
          items: parsed.items.length,
          rowErrors: parsed.rowErrors.length,
        },
      },
      now,
    );
    return id;
  });
  return ok({ batchId });
}

/**
 * The file's bytes, then its text, then the result: each dropped once the next is made (its own function, so
 * that none stays referenced while the rest of the upload runs: a 64 MB file is 64 MB of each).
 */
async function readUploaded(
  upload: UploadSource,
  opts: ImportOptions,
  slicer: Slicer,
): Promise<ImportResult | { message: string }> {
  const checked = await checkedText(upload, slicer);
  if (!checked.ok) return { message: checked.message };
  return runCooperatively(readImport(checked.parts, opts), slicer);
}

/** The file's bytes, checked and decoded: a function of its own, so that the bytes are garbage once it returns. */
async function checkedText(upload: UploadSource, slicer: Slicer) {
  const bytes = "path" in upload ? await readFile(upload.path) : upload.bytes;
  return runCooperatively(checkUploadPartsSteps(bytes, importMaxBytes()), slicer);
}

async function storedPayload(payload: BatchPayload, slicer: Slicer): Promise<string> {
  const json = await runCooperatively(
    stringifyLines(
      {
        kind: payload.kind,
        format: payload.format,
        rowsRead: payload.rowsRead,
        dates: payload.dates ?? null,
        times: payload.times ?? null,
      },
      { items: payload.items, rowErrors: payload.rowErrors },
    ),
    slicer,
  );
  return encodePayload(json);
}

export type UploadErrors = { file?: string; dateOrder?: string; timeZone?: string };

/** An upload's refusal by field: the date order's message next to its select, any other next to the file. */
export function uploadErrors(result: { fieldErrors: Record<string, string | undefined>; formError?: string }): UploadErrors {
  const { dateOrder, timeZone, file } = result.fieldErrors;
  if ((dateOrder || timeZone) && !file) return { ...(dateOrder ? { dateOrder } : {}), ...(timeZone ? { timeZone } : {}) };
  return { file: file ?? result.formError ?? "The file could not be read." };
}

const DATE_ORDERS: readonly string[] = ["auto", "dmy", "mdy"] satisfies DateOrder[];
const isDateOrder = (v: string): v is DateOrder => DATE_ORDERS.includes(v);

/** A stored payload (./import-payload.server.ts) read a slice at a time (a preview's is ~12 MB of JSON for 20,000 tickets). */
export async function readPayloadCooperatively(
  stored: string | null,
  slicer = new Slicer(),
): Promise<BatchPayload | BatchSummary | null> {
  if (!stored) return null;
  const json = await decodePayload(stored);
  return runCooperatively(parseLines<BatchPayload | BatchSummary>(json), slicer);
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

export async function planFor(
  db: DB,
  batch: Pick<BatchRow, "scope" | "created_by" | "creator_name">,
  items: ImportItem[],
  slicer = new Slicer(),
  now = clockNow(),
) {
  // The same rules as the form and the API; an export's times carry no zone (wall-clock times).
  const bounds = inputBounds(now);
  const kinds = new Set((await listKinds(db)).map((k) => k.key));
  const keys = items.filter((i) => i.resolved).map(importKeyOf);
  const [people, stored] = await Promise.all([peopleByHandles(db, handlesIn(items)), storedByKeys(db, keys)]);
  const plan = await runCooperatively(
    planImportSteps({
      items,
      scope: batch.scope,
      uploader: { id: batch.created_by, name: batch.creator_name },
      people,
      stored,
      check: (fields) => {
        const bad = checkEvidenceFields(fields, kinds, bounds, { startedAt: true, resolvedAt: true });
        return bad ? `${bad.field}: ${bad.message}` : null;
      },
    }),
    slicer,
  );
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
  dates: DatesRead | null;
  times: TimesRead | null;
  items: Pick<
    PlannedItem,
    "ref" | "title" | "kind" | "state" | "priority" | "rows" | "handle" | "person" | "action" | "reason" | "storedId" | "changed"
  >[];
  shown: number;
  page: number;
  pages: number;
}

/** Tickets per preview page: the page stays small however large the file (issue 16). */
export const PAGE = 50;
export const MAX_ROW_ERRORS = 500;

function pageOf(items: PlannedItem[], show: PlanAction | "all", page: number) {
  const list = show === "all" ? items : items.filter((i) => i.action === show);
  const pages = Math.max(1, Math.ceil(list.length / PAGE));
  const p = Math.min(page, pages);
  return {
    items: list.slice((p - 1) * PAGE, p * PAGE).map((i) => ({
      ref: i.ref,
      title: i.title,
      kind: i.kind,
      state: i.state,
      priority: i.priority,
      rows: i.rows.slice(0, 20),
      handle: i.handle,
      person: i.person,
      action: i.action,
      reason: i.reason,
      storedId: i.storedId,
      changed: i.changed,
    })),
    shown: list.length,
    page: p,
    pages,
  };
}

/** What the preview page shows, recomputed from the stored payload and the current people and evidence. */
export async function previewOf(
  db: DB,
  batch: BatchRow,
  show: PlanAction | "all" = "all",
  page = 1,
): Promise<PreviewView | null> {
  const slicer = new Slicer();
  const payload = await readPayloadCooperatively(await batchPayloadText(db, batch.id), slicer);
  if (!payload || payload.kind !== "preview") return null;
  const { plan } = await planFor(db, batch, payload.items, slicer);
  return {
    format: formatName(payload.format),
    rowsRead: payload.rowsRead,
    itemCount: payload.items.length,
    counts: plan.counts,
    unknownHandles: batch.scope === "org" ? plan.unknownHandles : [],
    byPerson: plan.byPerson,
    rowErrors: payload.rowErrors.slice(0, MAX_ROW_ERRORS),
    rowErrorCount: payload.rowErrors.length,
    dates: payload.dates ?? null,
    times: payload.times ?? null,
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
  /** a written batch's items, a page at a time; an undone batch lists none (they are gone or detached) */
  written: Awaited<ReturnType<typeof batchItems>> & { page: number; pages: number };
  /** what undoing did, for an undone batch */
  undone: { deleted: number; restored: number; kept: number } | null;
}

export async function appliedOf(db: DB, batch: BatchRow, page = 1): Promise<AppliedView> {
  const payload = await readPayloadCooperatively(await batchPayloadText(db, batch.id));
  const summary = payload?.kind === "summary" ? payload : null;
  const undone = batch.status === "undone" ? await undoCountsOf(db, batch.id) : null;
  const total = await batchItems(db, batch.id, 0);
  const pages = Math.max(1, Math.ceil(total.total / PAGE));
  const p = Math.min(page, pages);
  return {
    format: formatName((batch.format as BatchSummary["format"]) ?? "servicenow"),
    rowsRead: batch.rows_read,
    itemCount: summary?.items ?? 0,
    counts: summary?.counts ?? null,
    rowErrors: (summary?.rowErrors ?? []).slice(0, MAX_ROW_ERRORS),
    rowErrorCount: summary?.rowErrors.length ?? 0,
    written:
      batch.status === "undone"
        ? { ...total, page: 1, pages: 1 }
        : { ...(await batchItems(db, batch.id, PAGE, (p - 1) * PAGE)), page: p, pages },
    undone: batch.status === "undone" ? (undone ?? { deleted: 0, restored: 0, kept: 0 }) : null,
  };
}

export interface HandleChoice {
  handle: string;
  items: number;
  suggestion: { id: number; name: string } | null;
}

/**
 * For an org-wide importer mapping unknown handles: the people to pick from (one list, shared by every
 * handle's picker) and each handle with the person its name looks like, if anyone's does.
 */
export async function handleChoices(db: DB, unknown: ImportPlan["unknownHandles"]) {
  if (unknown.length === 0) return { people: [], handles: [] as HandleChoice[] };
  const people = await activePeople(db);
  const handles = unknown.map((u): HandleChoice => {
    const s = suggestPerson(u.handle, people);
    return { handle: u.handle, items: u.items, suggestion: s ? { id: s.id, name: s.name } : null };
  });
  return { people, handles };
}
