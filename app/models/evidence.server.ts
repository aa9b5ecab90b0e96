// Evidence reads: an item, its page, the lists and the review queue. Every write of evidence rows, their
// contributions and the stored buckets lives in ./evidence-writer.server.ts (ADR 007); the names it had
// here are re-exported so seeds, benchmarks and tests keep one import.
import { now as clockNow } from "~/clock.server";
import { containsText } from "./search.server";
import { visibleTo } from "./evidence-visibility.server";
import type { DB } from "~/db.server";
import type { Evidence } from "../../db/schema";
import { toInput, workItemOf } from "~/domain/evidence-row";
import { fieldColumns } from "~/domain/import/evidence";
import { mapWorkItem } from "~/domain/mapping";
import { skillLabel } from "~/domain/skill-catalogue";
import type { Contribution, EvidenceFields, EvidenceStatus, MappingRule } from "~/domain/types";
import { adjustmentsOf } from "./evidence-writer.server";

export {
  type CreateOptions,
  adjustmentsOf,
  createEvidence,
  deleteEvidence,
  lockOwners,
  rematerialiseAll,
  saveAdjustments,
  setEvidenceStatus,
  updateEvidence,
} from "./evidence-writer.server";
export { toInput, workItemOf } from "~/domain/evidence-row";

/** The fields a person enters (or an import supplies) for one item. */
export type EvidenceInput = EvidenceFields;

/** Evidence columns from an item's fields (the mapping lives beside the import rules that compare them). */
export const toColumns = fieldColumns;

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
    .select([
      "people.name as person_name",
      "people.team_id as person_team_id",
      "verifier.name as verifier_name",
      "evidence_kinds.name as kind_name",
    ])
    .where("evidence.id", "=", id)
    .executeTakeFirst();
  if (!item) return null;
  const [contributions, adjustments, endorsements] = await Promise.all([
    db
      .selectFrom("contributions")
      .innerJoin("skills", "skills.key", "contributions.skill_key")
      .select([
        "contributions.skill_key",
        "skills.name as skill_name",
        "skills.retired as skill_retired",
        "contributions.points",
        "contributions.reason",
        "contributions.adjusted",
        "contributions.original_points",
        "contributions.rule_id",
      ])
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
  // A retired skill still shows the points an item earned for it, labelled so (issue 17, part 1).
  const labelled = contributions.map(({ skill_retired, ...c }) => ({
    ...c,
    skill_name: skillLabel({ name: c.skill_name, retired: !!skill_retired }),
  }));
  return { item, contributions: labelled, adjustments, endorsements };
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
  /** who is looking: another person's drafts are left out (a draft is private to its owner, seesDraftOf) */
  viewerId: number;
}

export async function listEvidence(db: DB, f: EvidenceFilter) {
  const pageSize = f.pageSize ?? 25;
  const page = Math.max(1, f.page ?? 1);
  let q = db.selectFrom("evidence").where("evidence.person_id", "in", f.personIds.length ? f.personIds : [-1]);
  if (f.kind) q = q.where("evidence.kind", "=", f.kind);
  if (f.status) q = q.where("evidence.status", "=", f.status);
  q = q.where(visibleTo(f.viewerId));
  if (f.from) q = q.where("evidence.resolved_at", ">=", f.from);
  if (f.to) q = q.where("evidence.resolved_at", "<", nextDay(f.to));
  if (f.q?.trim()) {
    const text = f.q;
    q = q.where((eb) =>
      eb.or([containsText(eb.ref("evidence.title"), text), containsText(eb.ref("evidence.external_ref"), text)]),
    );
  }
  if (f.skill) {
    const skill = f.skill;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom("contributions")
          .select("contributions.id")
          .whereRef("contributions.evidence_id", "=", "evidence.id")
          .where("contributions.skill_key", "=", skill)
          .where("contributions.points", ">", 0),
      ),
    );
  }
  const total = await q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  const rows = await q
    .innerJoin("people", "people.id", "evidence.person_id")
    .leftJoin("evidence_kinds", "evidence_kinds.key", "evidence.kind")
    .select([
      "evidence.id",
      "evidence.title",
      "evidence.kind",
      "evidence_kinds.name as kind_name",
      "evidence.external_ref",
      "evidence.resolved_at",
      "evidence.priority",
      "evidence.status",
      "evidence.person_id",
      "evidence.after_hours",
      "evidence.source",
      "people.name as person_name",
    ])
    .orderBy("evidence.resolved_at", "desc")
    .orderBy("evidence.id", "desc")
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return {
    rows: await withSkillTotals(db, rows),
    total: Number(total.n),
    page,
    pageSize,
    pages: Math.max(1, Math.ceil(Number(total.n) / pageSize)),
  };
}

/** A page of items with each one's net points per skill, in one query for the whole page. */
async function withSkillTotals<T extends { id: number }>(db: DB, rows: T[]) {
  const ids = rows.map((r) => r.id);
  const contributions = ids.length
    ? await db
        .selectFrom("contributions")
        .select(["evidence_id", "skill_key", "points", "adjusted"])
        .where("evidence_id", "in", ids)
        .orderBy("id")
        .execute()
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
    .select([
      "evidence.id",
      "evidence.title",
      "evidence.kind",
      "evidence_kinds.name as kind_name",
      "evidence.priority",
      "evidence.resolved_at",
      "evidence.updated_at",
      "people.name as person_name",
      "evidence.person_id",
    ])
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
export async function reviewQueuePage(
  db: DB,
  personIds: number[],
  opts: { page?: number; pageSize?: number; personId?: number | null } = {},
) {
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
      "evidence.id",
      "evidence.title",
      "evidence.kind",
      "evidence_kinds.name as kind_name",
      "evidence.external_ref",
      "evidence.priority",
      "evidence.resolved_at",
      "evidence.updated_at",
      "evidence.after_hours",
      "evidence.source",
      "people.name as person_name",
      "evidence.person_id",
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
  const row = await db
    .selectFrom("evidence")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The rule output for an item before any adjustment (what adjustments are judged against). */
export function ruleContributions(row: Evidence, rules: MappingRule[]): Contribution[] {
  return mapWorkItem(workItemOf(toInput(row)), rules);
}

/** One person's endorsement of an item, if any. */
export async function endorsementBy(db: DB, evidenceId: number, personId: number) {
  return db
    .selectFrom("endorsements")
    .selectAll()
    .where("evidence_id", "=", evidenceId)
    .where("person_id", "=", personId)
    .executeTakeFirst();
}
