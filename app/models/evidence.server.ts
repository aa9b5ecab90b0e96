import { now as clockNow } from "~/clock.server";
import { containsText } from "./search.server";
import { type DB, inTransaction } from "~/db.server";
import type { Evidence, NewEvidence } from "../../db/schema";
import { counts } from "~/domain/evidence-status";
import { applyAdjustments, mapWorkItem } from "~/domain/mapping";
import { fieldColumns } from "~/domain/import/evidence";
import type { Adjustment, Contribution, EvidenceFields, EvidenceStatus, MappingRule, WorkItem } from "~/domain/types";
import { listRules } from "./catalog.server";
import { lockAllScores, lockPeople } from "./locks.server";
import { monthsOfItems, rebuildSkillMonths, refreshSkillMonths } from "./skill-months.server";

/** The fields a person enters (or an import supplies) for one item. */
export type EvidenceInput = EvidenceFields;

/** Evidence columns from an item's fields (the mapping lives beside the import rules that compare them). */
export const toColumns = fieldColumns;

export function toInput(row: Evidence): EvidenceInput {
  return {
    kind: row.kind,
    title: row.title,
    externalRef: row.external_ref,
    startedAt: row.started_at,
    resolvedAt: row.resolved_at,
    priority: row.priority,
    impact: row.impact,
    workRole: row.work_role,
    outcome: row.outcome,
    afterHours: !!row.after_hours,
    afterHoursMinutes: row.after_hours_minutes,
    durationMinutes: row.duration_minutes,
    emergency: !!row.emergency,
    addsFunctionality: !!row.adds_functionality,
    fixesSlowness: !!row.fixes_slowness,
    reassignmentCount: row.reassignment_count,
    reopenCount: row.reopen_count,
    problemRef: row.problem_ref,
    changeRef: row.change_ref,
    resolutionCode: row.resolution_code,
    notes: row.notes,
    links: row.links_json ? (JSON.parse(row.links_json) as string[]) : [],
  };
}

/** What the mapping engine sees of a stored or entered item. */
export function workItemOf(i: EvidenceInput): WorkItem {
  return {
    kind: i.kind,
    priority: (i.priority as WorkItem["priority"]) ?? null,
    impact: (i.impact as WorkItem["impact"]) ?? null,
    role: (i.workRole as WorkItem["role"]) ?? null,
    outcome: (i.outcome as WorkItem["outcome"]) ?? null,
    afterHours: i.afterHours,
    afterHoursMinutes: i.afterHoursMinutes,
    durationMinutes: i.durationMinutes,
    emergency: i.emergency,
    addsFunctionality: i.addsFunctionality,
    fixesSlowness: i.fixesSlowness,
    reassignmentCount: i.reassignmentCount,
    reopenCount: i.reopenCount,
    problemRef: i.problemRef,
    changeRef: i.changeRef,
  };
}

interface Owner {
  id: number;
  person_id: number;
  resolved_at: string;
  status: EvidenceStatus;
}

function contributionRows(e: Owner, contributions: Contribution[]) {
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
  const rows = await db.selectFrom("adjustments").select(["skill_key", "points", "reason"]).where("evidence_id", "=", evidenceId).orderBy("id").execute();
  return rows.map((r) => ({ skill: r.skill_key, points: r.points, reason: r.reason }));
}

/**
 * Takes the write locks of these items' owners (see locks.server.ts) before anything of theirs is
 * changed, so that concurrent writers for one person queue instead of crossing.
 */
export async function lockOwners(db: DB, evidenceIds: number[]) {
  if (!evidenceIds.length) return;
  const owners = await db.selectFrom("evidence").select("person_id").distinct().where("id", "in", evidenceIds).execute();
  await lockPeople(db, owners.map((o) => o.person_id));
}

/** Re-derives an item's stored contributions from the rules and its adjustments. */
export async function materialise(db: DB, e: Owner & EvidenceInput, rules: MappingRule[], adjustments?: Adjustment[]) {
  await lockPeople(db, [e.person_id]);
  const adj = adjustments ?? (await adjustmentsOf(db, e.id));
  const contributions = applyAdjustments(mapWorkItem(workItemOf(e), rules), adj);
  const before = await monthsOfItems(db, [e.id]);
  await db.deleteFrom("contributions").where("evidence_id", "=", e.id).execute();
  const rows = contributionRows(e, contributions);
  if (rows.length) await db.insertInto("contributions").values(rows).execute();
  await refreshSkillMonths(db, [...before, { personId: e.person_id, month: e.resolved_at.slice(0, 7) }]);
}

export interface CreateOptions {
  status: EvidenceStatus;
  source?: "manual" | "import" | "api";
  importKey?: string | null;
  batchId?: number | null;
  /** pass the active rules when creating many items at once */
  rules?: MappingRule[];
}

export async function createEvidence(db: DB, personId: number, input: EvidenceInput, opts: CreateOptions, now = clockNow()): Promise<number> {
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
    const rules = opts.rules ?? (await listRules(tx, { activeOnly: true }));
    await materialise(tx, { ...input, id, person_id: personId, resolved_at: input.resolvedAt, status: opts.status }, rules, []);
    return id;
  });
}

/** Replaces an item's fields; its status follows the review rules chosen by the caller. */
export async function updateEvidence(db: DB, id: number, input: EvidenceInput, status: EvidenceStatus, now = clockNow(), opts: { markEdited?: boolean } = {}) {
  await inTransaction(db, async (tx) => {
    await lockOwners(tx, [id]);
    const row = await tx
      .updateTable("evidence")
      .set({
        ...toColumns(input),
        status,
        updated_at: now.toISOString(),
        ...(status !== "verified" ? { verified_by: null, verified_at: null } : {}),
        ...(opts.markEdited ? { edited_at: now.toISOString() } : {}),
      })
      .where("id", "=", id)
      .returning(["id", "person_id", "resolved_at", "status"])
      .executeTakeFirstOrThrow();
    await materialise(tx, { ...input, ...row }, await listRules(tx, { activeOnly: true }));
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
    await tx
      .updateTable("evidence")
      .set({
        status,
        updated_at: now.toISOString(),
        return_reason: status === "returned" ? (by.returnReason ?? null) : null,
        verified_by: status === "verified" ? (by.verifiedBy ?? null) : null,
        verified_at: status === "verified" ? now.toISOString() : null,
      })
      .where("id", "=", id)
      .execute();
    await tx
      .updateTable("contributions")
      .set({ counted: counts(status) ? 1 : 0, verified: status === "verified" ? 1 : 0 })
      .where("evidence_id", "=", id)
      .execute();
    await refreshSkillMonths(tx, await monthsOfItems(tx, [id]));
  });
}

export async function saveAdjustments(db: DB, id: number, adjustments: Adjustment[], actorId: number, now = clockNow()) {
  await inTransaction(db, async (tx) => {
    await lockOwners(tx, [id]);
    await tx.deleteFrom("adjustments").where("evidence_id", "=", id).execute();
    if (adjustments.length) {
      await tx
        .insertInto("adjustments")
        .values(adjustments.map((a) => ({ evidence_id: id, skill_key: a.skill, points: a.points, reason: a.reason, created_by: actorId, created_at: now.toISOString() })))
        .execute();
    }
    const row = await tx.selectFrom("evidence").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    await materialise(tx, { ...toInput(row), id, person_id: row.person_id, resolved_at: row.resolved_at, status: row.status }, await listRules(tx, { activeOnly: true }), adjustments);
  });
}

/** After the rule table changes: every item's contributions again, in one transaction. */
export async function rematerialiseAll(db: DB) {
  await inTransaction(db, async (tx) => {
    await lockAllScores(tx);
    const rules = await listRules(tx, { activeOnly: true });
    const items = await tx.selectFrom("evidence").selectAll().execute();
    const adj = await tx.selectFrom("adjustments").select(["evidence_id", "skill_key", "points", "reason"]).execute();
    const byItem = new Map<number, Adjustment[]>();
    for (const a of adj) byItem.set(a.evidence_id, [...(byItem.get(a.evidence_id) ?? []), { skill: a.skill_key, points: a.points, reason: a.reason }]);
    await tx.deleteFrom("contributions").execute();
    let batch: ReturnType<typeof contributionRows> = [];
    for (const row of items) {
      const input = toInput(row);
      const contributions = applyAdjustments(mapWorkItem(workItemOf(input), rules), byItem.get(row.id) ?? []);
      batch.push(...contributionRows(row, contributions));
      if (batch.length >= 500) {
        await tx.insertInto("contributions").values(batch).execute();
        batch = [];
      }
    }
    if (batch.length) await tx.insertInto("contributions").values(batch).execute();
    await rebuildSkillMonths(tx);
  });
}

export async function deleteEvidence(db: DB, id: number) {
  await inTransaction(db, async (tx) => {
    await lockOwners(tx, [id]);
    const before = await monthsOfItems(tx, [id]);
    await tx.deleteFrom("goal_evidence").where("evidence_id", "=", id).execute();
    await tx.deleteFrom("evidence").where("id", "=", id).execute();
    await refreshSkillMonths(tx, before);
  });
}

export async function getEvidence(db: DB, id: number) {
  return db.selectFrom("evidence").selectAll().where("id", "=", id).executeTakeFirst();
}

/** An item with everything its page shows. */
export async function getEvidenceDetail(db: DB, id: number) {
  const item = await db
    .selectFrom("evidence")
    .innerJoin("people", "people.id", "evidence.person_id")
    .leftJoin("people as verifier", "verifier.id", "evidence.verified_by")
    .leftJoin("evidence_kinds", "evidence_kinds.key", "evidence.kind")
    .selectAll("evidence")
    .select(["people.name as person_name", "people.team_id as person_team_id", "verifier.name as verifier_name", "evidence_kinds.name as kind_name"])
    .where("evidence.id", "=", id)
    .executeTakeFirst();
  if (!item) return null;
  const [contributions, adjustments, endorsements] = await Promise.all([
    db
      .selectFrom("contributions")
      .innerJoin("skills", "skills.key", "contributions.skill_key")
      .select(["contributions.skill_key", "skills.name as skill_name", "contributions.points", "contributions.reason", "contributions.adjusted", "contributions.original_points", "contributions.rule_id"])
      .where("contributions.evidence_id", "=", id)
      .orderBy("contributions.id")
      .execute(),
    adjustmentsOf(db, id),
    db
      .selectFrom("endorsements")
      .innerJoin("people", "people.id", "endorsements.person_id")
      .select(["endorsements.id", "endorsements.comment", "endorsements.created_at", "endorsements.person_id", "people.name"])
      .where("endorsements.evidence_id", "=", id)
      .orderBy("endorsements.id")
      .execute(),
  ]);
  return { item, contributions, adjustments, endorsements };
}

export interface EvidenceFilter {
  personIds: number[];
  kind?: string | null;
  skill?: string | null;
  status?: EvidenceStatus | null;
  from?: string | null;
  to?: string | null;
  q?: string | null;
  page?: number;
  pageSize?: number;
  /** leave out other people's drafts: a draft is private to its owner */
  excludeDrafts?: boolean;
}

export async function listEvidence(db: DB, f: EvidenceFilter) {
  const pageSize = f.pageSize ?? 25;
  const page = Math.max(1, f.page ?? 1);
  let q = db.selectFrom("evidence").where("evidence.person_id", "in", f.personIds.length ? f.personIds : [-1]);
  if (f.kind) q = q.where("evidence.kind", "=", f.kind);
  if (f.status) q = q.where("evidence.status", "=", f.status);
  if (f.excludeDrafts) q = q.where("evidence.status", "!=", "draft");
  if (f.from) q = q.where("evidence.resolved_at", ">=", f.from);
  if (f.to) q = q.where("evidence.resolved_at", "<", nextDay(f.to));
  if (f.q?.trim()) {
    const text = f.q;
    q = q.where((eb) => eb.or([containsText(eb.ref("evidence.title"), text), containsText(eb.ref("evidence.external_ref"), text)]));
  }
  if (f.skill) {
    const skill = f.skill;
    q = q.where((eb) =>
      eb.exists(eb.selectFrom("contributions").select("contributions.id").whereRef("contributions.evidence_id", "=", "evidence.id").where("contributions.skill_key", "=", skill).where("contributions.points", ">", 0)),
    );
  }
  const total = await q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  const rows = await q
    .innerJoin("people", "people.id", "evidence.person_id")
    .leftJoin("evidence_kinds", "evidence_kinds.key", "evidence.kind")
    .select([
      "evidence.id", "evidence.title", "evidence.kind", "evidence_kinds.name as kind_name", "evidence.external_ref",
      "evidence.resolved_at", "evidence.priority", "evidence.status", "evidence.person_id", "evidence.after_hours",
      "evidence.source", "people.name as person_name",
    ])
    .orderBy("evidence.resolved_at", "desc")
    .orderBy("evidence.id", "desc")
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return { rows: await withSkillTotals(db, rows), total: Number(total.n), page, pageSize, pages: Math.max(1, Math.ceil(Number(total.n) / pageSize)) };
}

/** A page of items with each one's net points per skill, in one query for the whole page. */
async function withSkillTotals<T extends { id: number }>(db: DB, rows: T[]) {
  const ids = rows.map((r) => r.id);
  const contributions = ids.length
    ? await db.selectFrom("contributions").select(["evidence_id", "skill_key", "points", "adjusted"]).where("evidence_id", "in", ids).orderBy("id").execute()
    : [];
  return rows.map((r) => ({ ...r, skills: totalsOf(contributions.filter((c) => c.evidence_id === r.id)) }));
}

function totalsOf(rows: { skill_key: string; points: number; adjusted: number }[]) {
  const out: { skill: string; points: number; adjusted: boolean }[] = [];
  for (const r of rows) {
    const hit = out.find((o) => o.skill === r.skill_key);
    if (hit) {
      hit.points += r.points;
      hit.adjusted ||= !!r.adjusted;
    } else out.push({ skill: r.skill_key, points: r.points, adjusted: !!r.adjusted });
  }
  return out.filter((o) => o.points !== 0);
}

function nextDay(day: string): string {
  const d = new Date(day.slice(0, 10) + "T00:00:00Z");
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** Submitted items of the given people, oldest first: a manager's review queue. */
export async function reviewQueue(db: DB, personIds: number[]) {
  if (!personIds.length) return [];
  return db
    .selectFrom("evidence")
    .innerJoin("people", "people.id", "evidence.person_id")
    .leftJoin("evidence_kinds", "evidence_kinds.key", "evidence.kind")
    .select(["evidence.id", "evidence.title", "evidence.kind", "evidence_kinds.name as kind_name", "evidence.priority", "evidence.resolved_at", "evidence.updated_at", "people.name as person_name", "evidence.person_id"])
    .where("evidence.status", "=", "submitted")
    .where("evidence.person_id", "in", personIds)
    .orderBy("evidence.updated_at", "asc")
    .limit(200)
    .execute();
}

export async function addEndorsement(db: DB, evidenceId: number, personId: number, comment: string, now = clockNow()) {
  await db
    .insertInto("endorsements")
    .values({ evidence_id: evidenceId, person_id: personId, comment, created_at: now.toISOString() })
    .onConflict((oc) => oc.columns(["evidence_id", "person_id"]).doUpdateSet({ comment, created_at: now.toISOString() }))
    .execute();
}

/** Submitted items of the given people, oldest first, a page at a time (the review queue page). */
export async function reviewQueuePage(db: DB, personIds: number[], opts: { page?: number; pageSize?: number; personId?: number | null } = {}) {
  const pageSize = opts.pageSize ?? 25;
  const page = Math.max(1, opts.page ?? 1);
  const ids = opts.personId ? personIds.filter((id) => id === opts.personId) : personIds;
  if (!ids.length) return { rows: [], total: 0, page, pageSize, pages: 1 };
  const base = db.selectFrom("evidence").where("evidence.status", "=", "submitted").where("evidence.person_id", "in", ids);
  const total = Number((await base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
  const rows = await base
    .innerJoin("people", "people.id", "evidence.person_id")
    .leftJoin("evidence_kinds", "evidence_kinds.key", "evidence.kind")
    .select([
      "evidence.id", "evidence.title", "evidence.kind", "evidence_kinds.name as kind_name", "evidence.external_ref",
      "evidence.priority", "evidence.resolved_at", "evidence.updated_at", "evidence.after_hours", "evidence.source",
      "people.name as person_name", "evidence.person_id",
    ])
    .orderBy("evidence.updated_at", "asc")
    .orderBy("evidence.id", "asc")
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return {
    rows: await withSkillTotals(db, rows),
    total,
    page,
    pageSize,
    pages: Math.max(1, Math.ceil(total / pageSize)),
  };
}

/** Number of submitted items per person among `personIds` (for the review queue's person filter). */
export async function submittedCounts(db: DB, personIds: number[]) {
  if (!personIds.length) return [];
  return db
    .selectFrom("evidence")
    .innerJoin("people", "people.id", "evidence.person_id")
    .select(["people.id", "people.name", (eb) => eb.fn.countAll<number>().as("n")])
    .where("evidence.status", "=", "submitted")
    .where("evidence.person_id", "in", personIds)
    .groupBy(["people.id", "people.name"])
    .orderBy("people.name")
    .execute();
}

export async function countEvidence(db: DB): Promise<number> {
  const row = await db.selectFrom("evidence").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The rule output for an item before any adjustment (what adjustments are judged against). */
export function ruleContributions(row: Evidence, rules: MappingRule[]): Contribution[] {
  return mapWorkItem(workItemOf(toInput(row)), rules);
}

/** One person's endorsement of an item, if any. */
export async function endorsementBy(db: DB, evidenceId: number, personId: number) {
  return db.selectFrom("endorsements").selectAll().where("evidence_id", "=", evidenceId).where("person_id", "=", personId).executeTakeFirst();
}
