// THE evidence writer: every insert, update and delete of evidence rows, their adjustments and
// contributions, and the refresh of the stored monthly buckets (skill_months, ADR 005) goes through here —
// the form, the CSV import, the ingest API, import undo and rule changes alike (ADR 007). The team view's
// stored load rows (load_months, migration 0009) move with the evidence rows here too: their facts are read
// before and after each change of an item (loadFactsOf) and the difference applied (applyLoadChanges).
//
// It is a model, not a service: it holds SQL and the lock discipline (ADR 006) and decides nothing. Who may
// write, which status follows and what an import does with a ticket are decided before it is called, by
// the commands in app/services and the pure plan in app/domain/import/plan.ts. Keeping the writes in one
// module keeps the three things that must move together — the row, its contributions, its buckets — in
// one place; test/unit/evidence-writer-only.test.ts fails if another module writes those tables.
import { now as clockNow } from "~/clock.server";
import { type DB, inTransaction } from "~/db.server";
import type { ContributionTable, Evidence, NewEvidence } from "../../db/schema";
import { type Insertable, sql } from "kysely";
import { ERASED_TEXT } from "~/domain/erasure";
import { toInput, workItemOf } from "~/domain/evidence-row";
import { counts } from "~/domain/evidence-status";
import { fieldColumns as toColumns } from "~/domain/import/evidence";
import { statusAfterUpdate } from "~/domain/import/plan";
import { versionColumns } from "~/domain/import/source-version";
import type { SourceVersion } from "~/domain/import/types";
import { applyAdjustments, mapWorkItem } from "~/domain/mapping";
import type { Adjustment, Contribution, EvidenceFields, EvidenceStatus, MappingRule } from "~/domain/types";
import { listRules } from "./catalog.server";
import { lockAllScores, lockPeople } from "./locks.server";
import { unitsOf } from "~/domain/skill-month-deltas";
import { applyItemChanges, itemSkillsOf, rebuildSkillMonths } from "./skill-months.server";
import { type LoadGroup, applyLoadChanges, loadFactsOf, loadFactsOfRows } from "./load-months.server";

const CHUNK = 500;

function chunks<T>(list: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

interface Owner {
  id: number;
  person_id: number;
  resolved_at: string;
  status: EvidenceStatus;
}

type ContributionRow = Insertable<ContributionTable> & { evidence_id: number; counted: number; verified: number };

function contributionRows(e: Owner, contributions: Contribution[]): ContributionRow[] {
  return contributions.map((c) => ({
    evidence_id: e.id,
    person_id: e.person_id,
    resolved_at: e.resolved_at,
    counted: counts(e.status) ? 1 : 0,
    verified: e.status === "verified" ? 1 : 0,
    skill_key: c.skill,
    points: c.points,
    reason: c.reason,
    rule_id: c.ruleId,
    adjusted: c.adjusted ? 1 : 0,
    original_points: c.originalPoints,
  }));
}

export async function adjustmentsOf(db: DB, evidenceId: number): Promise<Adjustment[]> {
  const rows = await db
    .selectFrom("adjustments")
    .select(["skill_key", "points", "reason"])
    .where("evidence_id", "=", evidenceId)
    .orderBy("id")
    .execute();
  return rows.map((r) => ({ skill: r.skill_key, points: r.points, reason: r.reason }));
}

/**
 * Takes the write locks of these items' owners (see locks.server.ts) before anything of theirs is
 * changed, so that concurrent writers for one person queue instead of crossing.
 */
export async function lockOwners(db: DB, evidenceIds: number[]) {
  if (!evidenceIds.length) return;
  const owners = await db.selectFrom("evidence").select("person_id").distinct().where("id", "in", evidenceIds).execute();
  await lockPeople(
    db,
    owners.map((o) => o.person_id),
  );
}

/** Re-derives an item's stored contributions from the rules and its adjustments, and its buckets. */
async function materialise(db: DB, e: Owner & EvidenceFields, rules: MappingRule[], adjustments?: Adjustment[]) {
  await lockPeople(db, [e.person_id]);
  const adj = adjustments ?? (await adjustmentsOf(db, e.id));
  const contributions = applyAdjustments(mapWorkItem(workItemOf(e), rules), adj);
  const before = await itemSkillsOf(db, [e.id]);
  await db.deleteFrom("contributions").where("evidence_id", "=", e.id).execute();
  const rows = contributionRows(e, contributions);
  if (rows.length) await db.insertInto("contributions").values(rows).execute();
  // Only the buckets of the units that changed move (ADR 011): the cost does not grow with the person's items.
  await applyItemChanges(db, before, unitsOf(rows));
}

export interface CreateOptions {
  status: EvidenceStatus;
  source?: "manual" | "import" | "api";
  importKey?: string | null;
  batchId?: number | null;
  /** pass the active rules when creating many items at once */
  rules?: MappingRule[];
}

/** One new item (the form; seeds and tests), its contributions and buckets. */
export async function createEvidence(
  db: DB,
  personId: number,
  input: EvidenceFields,
  opts: CreateOptions,
  now = clockNow(),
): Promise<number> {
  return inTransaction(db, async (tx) => {
    await lockPeople(tx, [personId]);
    const ts = now.toISOString();
    const values: NewEvidence = {
      ...toColumns(input),
      person_id: personId,
      source: opts.source ?? "manual",
      import_key: opts.importKey ?? null,
      import_batch_id: opts.batchId ?? null,
      status: opts.status,
      created_at: ts,
      updated_at: ts,
    };
    const { id } = await tx.insertInto("evidence").values(values).returning("id").executeTakeFirstOrThrow();
    await applyLoadChanges(tx, [], await loadFactsOf(tx, [id]));
    const rules = opts.rules ?? (await listRules(tx, { activeOnly: true }));
    await materialise(tx, { ...input, id, person_id: personId, resolved_at: input.resolvedAt, status: opts.status }, rules, []);
    return id;
  });
}

export interface NewImported {
  personId: number;
  fields: EvidenceFields;
  importKey: string;
  /** the ticket's version in the export it came from (CSV imports; absent from the API) */
  sourceVersion?: SourceVersion | null;
}

/**
 * Creates imported items (status "submitted": self-reported until a manager verifies) with their skill
 * contributions, in multi-row inserts: the same mapping engine and rules as createEvidence
 * (test/integration/import.test.ts compares the two). Returns ids in order.
 */
export async function createImported(
  db: DB,
  rows: NewImported[],
  opts: { source: "import" | "api"; batchId: number | null; rules: MappingRule[] },
  now = clockNow(),
): Promise<number[]> {
  const ts = now.toISOString();
  const status = "submitted" as const;
  const ids: number[] = [];
  if (!rows.length) return ids;
  await inTransaction(db, async (tx) => {
    await lockPeople(
      tx,
      rows.map((r) => r.personId),
    );
    const added: ContributionRow[] = [];
    const load: LoadGroup[] = [];
    for (const part of chunks(rows, 400)) {
      const values = part.map((r) => ({
        ...toColumns(r.fields),
        person_id: r.personId,
        source: opts.source,
        import_key: r.importKey,
        import_batch_id: opts.batchId,
        ...(r.sourceVersion !== undefined ? versionColumns(r.sourceVersion) : {}),
        status,
        created_at: ts,
        updated_at: ts,
      }));
      load.push(...loadFactsOfRows(values));
      const inserted = await tx.insertInto("evidence").values(values).returning(["id", "import_key"]).execute();
      const idByKey = new Map(inserted.map((r) => [r.import_key!, r.id]));
      const contributions: ContributionRow[] = [];
      for (const r of part) {
        const id = idByKey.get(r.importKey)!;
        ids.push(id);
        const owner = { id, person_id: r.personId, resolved_at: r.fields.resolvedAt, status };
        contributions.push(...contributionRows(owner, applyAdjustments(mapWorkItem(workItemOf(r.fields), opts.rules), [])));
      }
      for (const cpart of chunks(contributions, 1000)) await tx.insertInto("contributions").values(cpart).execute();
      added.push(...contributions);
    }
    // New items only add to their buckets: nothing was there before them.
    await applyItemChanges(tx, [], unitsOf(added));
    await applyLoadChanges(tx, [], load);
  });
  return ids;
}

/**
 * Replaces an item's fields (the owner's edit, or a later export of an imported ticket); its adjustments
 * stay and its contributions and buckets follow. A status other than verified clears the review. Every
 * write raises the item's version (ADR 017); with `expectedVersion` nothing is written unless the item is
 * still at that version, and false is returned (the page the edit came from is stale).
 */
export async function updateEvidence(
  db: DB,
  id: number,
  input: EvidenceFields,
  status: EvidenceStatus,
  now = clockNow(),
  opts: {
    markEdited?: boolean;
    batchId?: number | null;
    rules?: MappingRule[];
    expectedVersion?: number;
    /** an export's version of the ticket, recorded with its fields (CSV imports) */
    sourceVersion?: SourceVersion | null;
  } = {},
): Promise<boolean> {
  return inTransaction(db, async (tx) => {
    await lockOwners(tx, [id]);
    const loadBefore = await loadFactsOf(tx, [id]);
    const row = await tx
      .updateTable("evidence")
      .set((eb) => ({
        ...toColumns(input),
        status,
        updated_at: now.toISOString(),
        version: eb("version", "+", 1),
        ...(status !== "verified" ? { verified_by: null, verified_at: null } : {}),
        ...(opts.markEdited ? { edited_at: now.toISOString() } : {}),
        ...(opts.batchId !== undefined ? { import_batch_id: opts.batchId } : {}),
        ...(opts.sourceVersion !== undefined ? versionColumns(opts.sourceVersion) : {}),
      }))
      .where("id", "=", id)
      .$if(opts.expectedVersion !== undefined, (q) => q.where("version", "=", opts.expectedVersion!))
      .returning(["id", "person_id", "resolved_at", "status"])
      .executeTakeFirst();
    if (!row) {
      if (opts.expectedVersion === undefined) throw new Error(`No evidence item ${id} to update`);
      return false;
    }
    await applyLoadChanges(tx, loadBefore, await loadFactsOf(tx, [id]));
    await materialise(tx, { ...input, ...row }, opts.rules ?? (await listRules(tx, { activeOnly: true })));
    return true;
  });
}

/** The planned writes of an import or an ingest request (see domain/import/plan.ts), in one go. */
export interface PlannedWrites {
  creates: NewImported[];
  /** stored rows to overwrite with the plan's (merged) fields; a verified one goes back to "submitted" */
  updates: { row: Evidence; fields: EvidenceFields; sourceVersion?: SourceVersion | null }[];
}

/** Writes a plan: the creates in multi-row inserts, then each update. Returns the created ids in order. */
export async function writePlanned(
  db: DB,
  plan: PlannedWrites,
  opts: { source: "import" | "api"; batchId: number | null; rules: MappingRule[] },
  now = clockNow(),
): Promise<number[]> {
  return inTransaction(db, async (tx) => {
    const ids = await createImported(tx, plan.creates, opts, now);
    for (const u of plan.updates) {
      await updateEvidence(tx, u.row.id, u.fields, statusAfterUpdate(u.row.status), now, {
        rules: opts.rules,
        ...(opts.batchId !== null ? { batchId: opts.batchId } : {}),
        ...(u.sourceVersion !== undefined ? { sourceVersion: u.sourceVersion } : {}),
      });
    }
    return ids;
  });
}

export async function setEvidenceStatus(
  db: DB,
  id: number,
  status: EvidenceStatus,
  by: { verifiedBy?: number; returnReason?: string | null },
  now = clockNow(),
) {
  await inTransaction(db, async (tx) => {
    await lockOwners(tx, [id]);
    const loadBefore = await loadFactsOf(tx, [id]);
    await tx
      .updateTable("evidence")
      .set((eb) => ({
        status,
        updated_at: now.toISOString(),
        version: eb("version", "+", 1),
        return_reason: status === "returned" ? (by.returnReason ?? null) : null,
        verified_by: status === "verified" ? (by.verifiedBy ?? null) : null,
        verified_at: status === "verified" ? now.toISOString() : null,
      }))
      .where("id", "=", id)
      .execute();
    await applyLoadChanges(tx, loadBefore, await loadFactsOf(tx, [id]));
    const before = await itemSkillsOf(tx, [id]);
    await tx
      .updateTable("contributions")
      .set({ counted: counts(status) ? 1 : 0, verified: status === "verified" ? 1 : 0 })
      .where("evidence_id", "=", id)
      .execute();
    await applyItemChanges(tx, before, await itemSkillsOf(tx, [id]));
  });
}

/**
 * Replaces an item's adjustments and re-derives its contributions; raises its version (ADR 017). With
 * `expectedVersion`, nothing is written unless the item is still at that version, and false is returned.
 */
export async function saveAdjustments(
  db: DB,
  id: number,
  adjustments: Adjustment[],
  actorId: number,
  now = clockNow(),
  opts: { expectedVersion?: number } = {},
): Promise<boolean> {
  return inTransaction(db, async (tx) => {
    await lockOwners(tx, [id]);
    const bumped = await tx
      .updateTable("evidence")
      .set((eb) => ({ version: eb("version", "+", 1) }))
      .where("id", "=", id)
      .$if(opts.expectedVersion !== undefined, (q) => q.where("version", "=", opts.expectedVersion!))
      .executeTakeFirst();
    if (Number(bumped.numUpdatedRows) !== 1) return false;
    await tx.deleteFrom("adjustments").where("evidence_id", "=", id).execute();
    if (adjustments.length) {
      await tx
        .insertInto("adjustments")
        .values(
          adjustments.map((a) => ({
            evidence_id: id,
            skill_key: a.skill,
            points: a.points,
            reason: a.reason,
            created_by: actorId,
            created_at: now.toISOString(),
          })),
        )
        .execute();
    }
    const row = await tx.selectFrom("evidence").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    await materialise(
      tx,
      { ...toInput(row), id, person_id: row.person_id, resolved_at: row.resolved_at, status: row.status },
      await listRules(tx, { activeOnly: true }),
      adjustments,
    );
    return true;
  });
}

/** After the rule table changes: every item's contributions again and the whole bucket table, in one transaction. */
export async function rematerialiseAll(db: DB) {
  await inTransaction(db, async (tx) => {
    await lockAllScores(tx);
    const rules = await listRules(tx, { activeOnly: true });
    const items = await tx.selectFrom("evidence").selectAll().execute();
    const adj = await tx.selectFrom("adjustments").select(["evidence_id", "skill_key", "points", "reason"]).execute();
    const byItem = new Map<number, Adjustment[]>();
    for (const a of adj)
      byItem.set(a.evidence_id, [
        ...(byItem.get(a.evidence_id) ?? []),
        { skill: a.skill_key, points: a.points, reason: a.reason },
      ]);
    await tx.deleteFrom("contributions").execute();
    let batch: Insertable<ContributionTable>[] = [];
    for (const row of items) {
      const contributions = applyAdjustments(mapWorkItem(workItemOf(toInput(row)), rules), byItem.get(row.id) ?? []);
      batch.push(...contributionRows(row, contributions));
      if (batch.length >= CHUNK) {
        await tx.insertInto("contributions").values(batch).execute();
        batch = [];
      }
    }
    if (batch.length) await tx.insertInto("contributions").values(batch).execute();
    await rebuildSkillMonths(tx);
  });
}

/** Deletes items (their contributions, adjustments and endorsements go by cascade) and refreshes their buckets. */
export async function deleteEvidence(db: DB, ids: number | number[]) {
  const list = Array.isArray(ids) ? ids : [ids];
  if (!list.length) return;
  await inTransaction(db, async (tx) => {
    await lockOwners(tx, list);
    const before = await itemSkillsOf(tx, list);
    const loadBefore = await loadFactsOf(tx, list);
    for (const part of chunks(list)) {
      await tx.deleteFrom("goal_evidence").where("evidence_id", "in", part).execute();
      await tx.deleteFrom("evidence").where("id", "in", part).execute();
    }
    await applyItemChanges(tx, before, []);
    await applyLoadChanges(tx, loadBefore, []);
  });
}

/** Import undo: the items stay but no longer belong to the batch (their owner edited them since). */
export async function detachFromBatch(db: DB, ids: number[]) {
  for (const part of chunks(ids))
    await db.updateTable("evidence").set({ import_batch_id: null }).where("id", "in", part).execute();
}

/** Import undo: puts an item back as it was before an import updated it (fields, status, review), contributions included. */
export async function restoreEvidence(db: DB, previous: Evidence, rules: MappingRule[]) {
  await inTransaction(db, async (tx) => {
    await lockPeople(tx, [previous.person_id]);
    // The version moves on rather than back: a page loaded while the import's values stood is stale too.
    const { id, version: _version, ...rest } = previous;
    const loadBefore = await loadFactsOf(tx, [id]);
    await tx
      .updateTable("evidence")
      .set((eb) => ({ ...rest, version: eb("version", "+", 1) }))
      .where("id", "=", id)
      .execute();
    await applyLoadChanges(tx, loadBefore, await loadFactsOf(tx, [id]));
    await materialise(
      tx,
      { ...toInput(previous), id, person_id: previous.person_id, resolved_at: previous.resolved_at, status: previous.status },
      rules,
    );
  });
}

/**
 * Erasure (ADR 023): blanks what a person wrote or typed on their items (titles, notes, links, ticket ids, review
 * and adjustment reasons). The fields the mapping rules read and every point stay — a problem or change link
 * only as "there is one", which is all rule linkedProblem looks at — so no contribution or bucket moves, now
 * or when a rule change re-derives every item. Returns how many items were kept.
 */
export async function eraseItemText(db: DB, personId: number, now: Date): Promise<number> {
  const theirs = db.selectFrom("evidence").select("id").where("person_id", "=", personId);
  await db.updateTable("evidence").set({ import_batch_id: null }).where("person_id", "=", personId).execute();
  const kept = await db
    .updateTable("evidence")
    .set((eb) => ({
      title: ERASED_TEXT,
      external_ref: null,
      import_key: null,
      resolution_code: null,
      notes: null,
      links_json: null,
      return_reason: null,
      updated_at: now.toISOString(),
      version: eb("version", "+", 1),
    }))
    .where("person_id", "=", personId)
    .executeTakeFirst();
  for (const column of ["problem_ref", "change_ref"] as const)
    await db
      .updateTable("evidence")
      .set({ [column]: ERASED_TEXT })
      .where("person_id", "=", personId)
      .where(sql<string>`trim(${sql.ref(column)})`, "<>", "")
      .execute();
  await db
    .updateTable("contributions")
    .set({ reason: ERASED_TEXT })
    .where("person_id", "=", personId)
    .where("adjusted", "=", 1)
    .execute();
  await db.updateTable("adjustments").set({ reason: ERASED_TEXT }).where("evidence_id", "in", theirs).execute();
  return Number(kept.numUpdatedRows);
}

/** The writer's tables whose free text erasure scrubs of mentions (never a column the rules or buckets read). */
export const WRITER_TEXT_TABLES: ReadonlySet<string> = new Set(["evidence", "contributions", "adjustments"]);
const WRITER_TEXT_COLUMNS: Record<string, readonly string[]> = {
  evidence: ["title", "notes", "links_json", "return_reason"],
  contributions: ["reason"],
  adjustments: ["reason"],
};

/** Erasure: one free-text value of one row of the writer's tables, with a mention replaced. */
export async function setItemText(db: DB, table: string, id: number, column: string, value: string) {
  if (!WRITER_TEXT_COLUMNS[table]?.includes(column)) throw new Error(`setItemText: ${table}.${column} is not free text`);
  const t = table as "evidence" | "contributions" | "adjustments";
  await db
    .updateTable(t)
    .set({ [column]: value } as never)
    .where("id", "=", id)
    .execute();
}
