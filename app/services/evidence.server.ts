// Evidence commands: (db, actor, input, now) → Result. Each finds the item the actor may touch (a guessed
// id, someone else's draft or an item out of reach is "not found"), applies the review rules
// (domain/evidence-status.ts), writes through the evidence writer in one transaction and audits.
import { type Actor, refuse, refuseCapability } from "~/auth/authorize.server";
import { type Action, can, seesDraftOf } from "~/auth/permissions";
import { type CurrentUser, assertPermission, notFound as notFoundResponse } from "~/auth/session.server";
import { type DB, inTransaction } from "~/db.server";
import { toInput } from "~/domain/evidence-row";
import { nextStatus } from "~/domain/evidence-status";
import { validateAdjustments } from "~/domain/mapping";
import type { Adjustment, EvidenceFields, EvidenceStatus } from "~/domain/types";
import type { Evidence } from "../../db/schema";
import { recordAudit } from "~/models/audit.server";
import { listKinds, listRules, listSkills } from "~/models/catalog.server";
import { addEndorsement, getEvidence, ruleContributions } from "~/models/evidence.server";
import {
  adjustmentsOf,
  createEvidence,
  deleteEvidence,
  saveAdjustments,
  setEvidenceStatus,
  updateEvidence,
} from "~/models/evidence-writer.server";
import { lockPeople } from "~/models/locks.server";
import { listPeople, subtreeIds } from "~/models/people.server";
import { type EvidenceValues, evidenceInputOf } from "~/schemas/evidence";
import type { PageVersion } from "~/schemas/version";
import { EVIDENCE_LABELS, evidenceSnapshot } from "~/domain/versioned-forms";
import { type FieldErrors, type Failure, type Result, conflict, failIfAny, invalid, notFound, ok } from "~/utils/result";
import { pageVersion, staleFailure } from "./stale.server";
import { isId } from "~/domain/input-rules";

const ENTITY = "evidence";
const CHANGED = conflict("Someone changed this item meanwhile: reload the page and try again.");

/**
 * Whether the item still has the status the decision was based on: re-read inside the write transaction
 * under its owner's lock (ADR 006), which every write to the owner's items takes. Read before the lock, a
 * concurrent write on another connection could still commit between this check and the write: two
 * managers both verified one item, and an owner's save undid a return it never saw.
 */
async function stillIn(tx: DB, row: Evidence): Promise<boolean> {
  await lockPeople(tx, [row.person_id]);
  return (await getEvidence(tx, row.id))?.status === row.status;
}

/** The item, if the actor may do `action` to it (and read it: others' drafts are private); else not found. */
async function itemIn(db: DB, actor: Actor, id: number, action: Action): Promise<Result<Evidence>> {
  const row = Number.isInteger(id) && id > 0 ? await getEvidence(db, id) : undefined;
  if (!row || (row.status === "draft" && !seesDraftOf(actor.id, row.person_id))) return notFound("This item no longer exists.");
  const refused =
    (await refuse(db, actor, "evidence:read", row.person_id)) ??
    (action === "evidence:read" ? null : await refuse(db, actor, action, row.person_id));
  return refused ? notFound("This item no longer exists.") : ok(row);
}

/** For loaders and actions before they parse: the item or a thrown 404 (the same rule as the commands'). */
export async function itemFor(db: DB, user: CurrentUser, id: number, action: Action = "evidence:read"): Promise<Evidence> {
  if (!isId(id)) throw notFoundResponse();
  const row = await getEvidence(db, id);
  if (!row || (row.status === "draft" && !seesDraftOf(user.id, row.person_id))) throw notFoundResponse();
  await assertPermission(db, user, "evidence:read", row.person_id);
  if (action !== "evidence:read") await assertPermission(db, user, action, row.person_id);
  return row;
}

/** The version an item's forms carry (ADR 017): its version and the fingerprint of what its pages show. */
export async function evidencePageVersion(db: DB, row: Evidence): Promise<PageVersion> {
  return pageVersion(row.version, evidenceSnapshot(toInput(row), row.status, await adjustmentsOf(db, row.id)));
}

/** The refusal of a save from a page loaded before the item's last change: what changed, by whom, when. */
async function staleItem(db: DB, id: number, page: PageVersion, viewerId: number): Promise<Failure> {
  const row = await getEvidence(db, id);
  if (!row) return notFound("This item no longer exists.");
  return staleFailure(db, {
    entity: ENTITY,
    entityId: id,
    noun: "this item",
    page,
    current: evidenceSnapshot(toInput(row), row.status, await adjustmentsOf(db, id)),
    labels: EVIDENCE_LABELS,
    updatedAt: row.updated_at,
    viewerId,
  });
}

/** Kinds an item may have: the catalog's, plus the one it has (an admin may have retired it since). */
export async function evidenceKinds(db: DB, include?: string): Promise<string[]> {
  const keys = (await listKinds(db)).map((k) => k.key);
  return include && !keys.includes(include) ? [...keys, include] : keys;
}

/** Fields that differ between two versions of an item, for the audit trail. */
function changedFields(before: EvidenceFields, after: EvidenceFields) {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const key of Object.keys(after) as (keyof EvidenceFields)[]) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      b[key] = before[key];
      a[key] = after[key];
    }
  }
  return { before: b, after: a };
}

/** Everyone logs their own work: the owner is the actor. `submit` sends it for review at once. */
export async function createEvidenceItem(
  db: DB,
  actor: Actor,
  values: EvidenceValues,
  now: Date,
): Promise<Result<{ id: number; status: EvidenceStatus }>> {
  const refused = refuseCapability(actor, "evidence:write");
  if (refused) return refused;
  const input = evidenceInputOf(values);
  if (!(await evidenceKinds(db)).includes(input.fields.kind)) return invalid({ kind: "Choose a kind of work from the list." });
  const status: EvidenceStatus = input.intent === "submit" ? "submitted" : "draft";
  const id = await inTransaction(db, async (tx) => {
    const id = await createEvidence(tx, actor.id, input.fields, { status, source: "manual" }, now);
    await recordAudit(
      tx,
      {
        actorId: actor.id,
        action: "evidence_create",
        entity: ENTITY,
        entityId: id,
        subjectPersonId: actor.id,
        after: { status, title: input.fields.title },
      },
      now,
    );
    return id;
  });
  return ok({ id, status });
}

/**
 * Saves the owner's changes. A verified item goes back to "submitted" (its review no longer covers what it
 * says); `submit` also sends a draft or returned item for review. An unchanged form writes nothing. A save
 * from a page loaded before the item's last change (`page`, ADR 017) is refused and writes nothing.
 */
export async function updateEvidenceItem(
  db: DB,
  actor: Actor,
  id: number,
  values: EvidenceValues,
  now: Date,
  page: PageVersion | null = null,
): Promise<Result<{ status: EvidenceStatus; submitted: boolean }>> {
  const found = await itemIn(db, actor, id, "evidence:write");
  if (found.kind !== "ok") return found;
  const row = found.value;
  if (page && page.version !== row.version) return staleItem(db, row.id, page, actor.id);
  const input = evidenceInputOf(values);
  if (!(await evidenceKinds(db, row.kind)).includes(input.fields.kind))
    return invalid({ kind: "Choose a kind of work from the list." });
  const edit = nextStatus(row.status, "edit", "owner");
  if (!edit.ok) return conflict(edit.error);
  let status = edit.status;
  if (input.intent === "submit" && (status === "draft" || status === "returned")) {
    const submit = nextStatus(status, "submit", "owner");
    if (submit.ok) status = submit.status;
  }
  // The form shows minutes; an imported time with seconds that the owner left alone keeps its seconds.
  const samePrecise = (stored: string | null, entered: string | null) =>
    stored && entered && stored.slice(0, 16) === entered.slice(0, 16) ? stored : entered;
  const fields: EvidenceFields = {
    ...input.fields,
    startedAt: samePrecise(row.started_at, input.fields.startedAt),
    resolvedAt: samePrecise(row.resolved_at, input.fields.resolvedAt)!,
  };
  const diff = changedFields(toInput(row), fields);
  const submitted = status === "submitted" && row.status !== "submitted";
  if (!Object.keys(diff.after).length && !(input.intent === "submit" && status !== row.status))
    return ok({ status: row.status, submitted: false });
  return inTransaction(db, async (tx): Promise<Result<{ status: EvidenceStatus; submitted: boolean }>> => {
    // The new status was worked out from the status read before: a review meanwhile makes it stale.
    if (!(await stillIn(tx, row))) return page ? staleItem(tx, row.id, page, actor.id) : CHANGED;
    const written = await updateEvidence(tx, row.id, fields, status, now, {
      markEdited: row.source !== "manual",
      expectedVersion: page?.version ?? row.version,
    });
    if (!written) return page ? staleItem(tx, row.id, page, actor.id) : CHANGED;
    await recordAudit(
      tx,
      {
        actorId: actor.id,
        action: "evidence_update",
        entity: ENTITY,
        entityId: row.id,
        subjectPersonId: row.person_id,
        before: { status: row.status, ...diff.before },
        after: { status, ...diff.after },
      },
      now,
    );
    return ok({ status, submitted });
  });
}

export async function submitEvidence(db: DB, actor: Actor, id: number, now: Date): Promise<Result> {
  const found = await itemIn(db, actor, id, "evidence:write");
  if (found.kind !== "ok") return found;
  const row = found.value;
  const move = nextStatus(row.status, "submit", "owner");
  if (!move.ok) return conflict(move.error);
  return inTransaction(db, async (tx): Promise<Result> => {
    if (!(await stillIn(tx, row))) return CHANGED;
    await setEvidenceStatus(tx, row.id, move.status, {}, now);
    await recordAudit(
      tx,
      {
        actorId: actor.id,
        action: "evidence_submit",
        entity: ENTITY,
        entityId: row.id,
        subjectPersonId: row.person_id,
        before: { status: row.status },
        after: { status: move.status },
      },
      now,
    );
    return ok();
  });
}

/** A manager of the owner verifies a submitted item, or returns it with a reason. */
export async function reviewEvidence(
  db: DB,
  actor: Actor,
  id: number,
  review: { event: "verify" } | { event: "return"; reason: string },
  now: Date,
): Promise<Result> {
  const found = await itemIn(db, actor, id, "evidence:verify");
  if (found.kind !== "ok") return found;
  const row = found.value;
  const reason = review.event === "return" ? review.reason : null;
  const move = nextStatus(row.status, review.event, "manager", reason ?? undefined);
  if (!move.ok) return conflict(move.error);
  return inTransaction(db, async (tx): Promise<Result> => {
    if (!(await stillIn(tx, row))) return CHANGED;
    await setEvidenceStatus(tx, row.id, move.status, { verifiedBy: actor.id, returnReason: reason }, now);
    await recordAudit(
      tx,
      {
        actorId: actor.id,
        action: review.event === "verify" ? "evidence_verify" : "evidence_return",
        entity: ENTITY,
        entityId: row.id,
        subjectPersonId: row.person_id,
        before: { status: row.status },
        after: { status: move.status },
        reason,
      },
      now,
    );
    return ok();
  });
}

/** The owner deletes an item; the audit trail keeps a copy of the row. */
export async function deleteEvidenceItem(db: DB, actor: Actor, id: number, now: Date): Promise<Result> {
  const found = await itemIn(db, actor, id, "evidence:write");
  if (found.kind !== "ok") return found;
  const row = found.value;
  await inTransaction(db, async (tx) => {
    await recordAudit(
      tx,
      {
        actorId: actor.id,
        action: "evidence_delete",
        entity: ENTITY,
        entityId: row.id,
        subjectPersonId: row.person_id,
        before: row,
      },
      now,
    );
    await deleteEvidence(tx, row.id);
  });
  return ok();
}

function sameAdjustments(a: Adjustment[], b: Adjustment[]) {
  const key = (x: Adjustment[]) => JSON.stringify([...x].map((y) => [y.skill, y.points, y.reason.trim()]).sort());
  return key(a) === key(b);
}

/**
 * Replaces the owner's adjustments of an item (within ±MAX_ADJUSTMENT per skill, never below 0, each with
 * a reason). Errors are keyed `adj.<skill>` / `reason.<skill>`. Adjusting a verified item sends it back
 * for review, like any other change.
 */
export async function adjustEvidence(
  db: DB,
  actor: Actor,
  id: number,
  entered: Adjustment[],
  now: Date,
  page: PageVersion | null = null,
): Promise<Result<{ changed: boolean }>> {
  const found = await itemIn(db, actor, id, "evidence:write");
  if (found.kind !== "ok") return found;
  const row = found.value;
  if (page && page.version !== row.version) return staleItem(db, row.id, page, actor.id);
  const [skills, rules, before] = await Promise.all([
    listSkills(db),
    listRules(db, { activeOnly: true }),
    adjustmentsOf(db, row.id),
  ]);
  const keys = skills.map((s) => s.key);
  const adjustments = entered.filter((a) => keys.includes(a.skill));
  const errors: FieldErrors = {};
  for (const [i, message] of Object.entries(validateAdjustments(ruleContributions(row, rules), adjustments, keys))) {
    const adj = adjustments[Number(i)]!;
    errors[/reason/i.test(message) ? `reason.${adj.skill}` : `adj.${adj.skill}`] = message;
  }
  const refused = failIfAny(errors);
  if (refused) return refused;
  if (sameAdjustments(before, adjustments)) return ok({ changed: false });
  const edit = nextStatus(row.status, "edit", "owner");
  const status = edit.ok ? edit.status : row.status;
  return inTransaction(db, async (tx): Promise<Result<{ changed: boolean }>> => {
    if (!(await stillIn(tx, row))) return page ? staleItem(tx, row.id, page, actor.id) : CHANGED;
    const written = await saveAdjustments(tx, row.id, adjustments, actor.id, now, {
      expectedVersion: page?.version ?? row.version,
    });
    if (!written) return page ? staleItem(tx, row.id, page, actor.id) : CHANGED;
    if (status !== row.status) await setEvidenceStatus(tx, row.id, status, {}, now);
    await recordAudit(
      tx,
      {
        actorId: actor.id,
        action: "evidence_adjust",
        entity: ENTITY,
        entityId: row.id,
        subjectPersonId: row.person_id,
        before: { status: row.status, adjustments: before },
        after: { status, adjustments },
      },
      now,
    );
    return ok({ changed: true });
  });
}

/** A colleague endorses an item (one endorsement per person; sending again replaces the comment). */
export async function endorseEvidence(db: DB, actor: Actor, id: number, comment: string, now: Date): Promise<Result> {
  const found = await itemIn(db, actor, id, "evidence:endorse");
  if (found.kind !== "ok") return found;
  const row = found.value;
  if (row.person_id === actor.id) return invalid({ comment: "You cannot endorse your own work." });
  await inTransaction(db, async (tx) => {
    await addEndorsement(tx, row.id, actor.id, comment, now);
    await recordAudit(
      tx,
      {
        actorId: actor.id,
        action: "evidence_endorse",
        entity: ENTITY,
        entityId: row.id,
        subjectPersonId: row.person_id,
        after: { comment },
      },
      now,
    );
  });
  return ok();
}

/** People whose evidence `user` may read (themselves first), for the list's person picker. */
export async function readablePeople(db: DB, user: CurrentUser) {
  const [people, subtree] = await Promise.all([listPeople(db, {}), subtreeIds(db, user.id)]);
  const inSubtree = new Set(subtree);
  const readable = people.filter((p) =>
    can(user.role, "evidence:read", {
      self: p.id === user.id,
      sameTeam: user.team_id !== null && p.team_id === user.team_id,
      inSubtree: inSubtree.has(p.id),
    }),
  );
  return [...readable.filter((p) => p.id === user.id), ...readable.filter((p) => p.id !== user.id)].map((p) => ({
    id: p.id,
    name: p.name,
  }));
}
