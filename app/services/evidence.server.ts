// Evidence writes: validate → check the review rules → write in one transaction → audit.
// Access (who may touch which item) is decided by `itemFor` before any of these run.
import { type Action, can } from "~/auth/permissions";
import { type CurrentUser, assertPermission, notFound } from "~/auth/session.server";
import { now as clockNow } from "~/clock.server";
import { type DB, inTransaction } from "~/db.server";
import { nextStatus } from "~/domain/evidence-status";
import { validateAdjustments } from "~/domain/mapping";
import type { Adjustment, EvidenceStatus } from "~/domain/types";
import type { Evidence } from "../../db/schema";
import { recordAudit } from "~/models/audit.server";
import { listKinds, listRules, listSkills } from "~/models/catalog.server";
import { lockPeople } from "~/models/locks.server";
import { listPeople, subtreeIds } from "~/models/people.server";
import {
  type EvidenceInput,
  addEndorsement,
  adjustmentsOf,
  createEvidence,
  deleteEvidence,
  getEvidence,
  ruleContributions,
  saveAdjustments,
  setEvidenceStatus,
  toInput,
  updateEvidence,
} from "~/models/evidence.server";
import { endorsementSchema, evidenceSchema, parseAdjustments, returnSchema } from "~/validation/evidence.server";
import { type FieldErrors, validate } from "~/validation/form.server";

export type Failure = { ok: false; errors: FieldErrors; status?: 400 | 409 | 422 };
type Result<T extends object = object> = ({ ok: true } & T) | Failure;

const ENTITY = "evidence";

const CHANGED: Failure = { ok: false, errors: { form: "Someone changed this item meanwhile: reload the page and try again." }, status: 409 };

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

/**
 * The item, if `user` may do `action` to it; otherwise a 404 (thrown), so a guessed id reveals
 * nothing. Reading needs `evidence:read` on the owner; other people's drafts are private.
 */
export async function itemFor(db: DB, user: CurrentUser, id: number, action: Action = "evidence:read"): Promise<Evidence> {
  if (!Number.isInteger(id) || id <= 0) throw notFound();
  const row = await getEvidence(db, id);
  if (!row) throw notFound();
  if (row.person_id !== user.id && row.status === "draft") throw notFound();
  await assertPermission(db, user, "evidence:read", row.person_id);
  if (action !== "evidence:read") await assertPermission(db, user, action, row.person_id);
  return row;
}

async function kindKeys(db: DB, include?: string) {
  const keys = (await listKinds(db)).map((k) => k.key);
  return include && !keys.includes(include) ? [...keys, include] : keys;
}

/** Fields that differ between two versions of an item, for the audit trail. */
function changedFields(before: EvidenceInput, after: EvidenceInput) {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const key of Object.keys(after) as (keyof EvidenceInput)[]) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      b[key] = before[key];
      a[key] = after[key];
    }
  }
  return { before: b, after: a };
}

export async function createEvidenceFromForm(
  db: DB,
  user: CurrentUser,
  form: Record<string, string>,
  intent: "draft" | "submit",
  now = clockNow(),
): Promise<Result<{ id: number }>> {
  const parsed = validate(evidenceSchema({ now, kinds: await kindKeys(db) }), form);
  if (!parsed.ok) return parsed;
  const status: EvidenceStatus = intent === "submit" ? "submitted" : "draft";
  const id = await inTransaction(db, async (tx) => {
    const id = await createEvidence(tx, user.id, parsed.value, { status, source: "manual" }, now);
    await recordAudit(tx, { actorId: user.id, action: "evidence_create", entity: ENTITY, entityId: id, subjectPersonId: user.id, after: { status, title: parsed.value.title } }, now);
    return id;
  });
  return { ok: true, id };
}

/**
 * Saves the owner's changes. A verified item goes back to "submitted" (its review no longer
 * covers what it says); `submit` also sends a draft or returned item for review.
 */
export async function updateEvidenceFromForm(
  db: DB,
  user: CurrentUser,
  row: Evidence,
  form: Record<string, string>,
  intent: "save" | "submit",
  now = clockNow(),
): Promise<Result<{ status: EvidenceStatus }>> {
  const parsed = validate(evidenceSchema({ now, kinds: await kindKeys(db, row.kind) }), form);
  if (!parsed.ok) return parsed;
  const edit = nextStatus(row.status, "edit", "owner");
  if (!edit.ok) return { ok: false, errors: { form: edit.error }, status: 409 };
  let status = edit.status;
  if (intent === "submit" && (status === "draft" || status === "returned")) {
    const submit = nextStatus(status, "submit", "owner");
    if (submit.ok) status = submit.status;
  }
  // The form shows minutes; an imported time with seconds that the owner left alone keeps its seconds.
  const samePrecise = (stored: string | null, entered: string | null) => (stored && entered && stored.slice(0, 16) === entered.slice(0, 16) ? stored : entered);
  const input: EvidenceInput = { ...parsed.value, startedAt: samePrecise(row.started_at, parsed.value.startedAt), resolvedAt: samePrecise(row.resolved_at, parsed.value.resolvedAt)! };
  const diff = changedFields(toInput(row), input);
  // Saving an unchanged form writes nothing (and leaves a verified item verified).
  if (!Object.keys(diff.after).length && !(intent === "submit" && status !== row.status)) return { ok: true, status: row.status };
  return inTransaction(db, async (tx): Promise<Result<{ status: EvidenceStatus }>> => {
    // The new status was worked out from the status read before: a review meanwhile makes it stale.
    if (!(await stillIn(tx, row))) return CHANGED;
    await updateEvidence(tx, row.id, input, status, now, { markEdited: row.source !== "manual" });
    await recordAudit(
      tx,
      {
        actorId: user.id,
        action: "evidence_update",
        entity: ENTITY,
        entityId: row.id,
        subjectPersonId: row.person_id,
        before: { status: row.status, ...diff.before },
        after: { status, ...diff.after },
      },
      now,
    );
    return { ok: true, status };
  });
}

export async function submitEvidence(db: DB, user: CurrentUser, row: Evidence, now = clockNow()): Promise<Result> {
  const move = nextStatus(row.status, "submit", "owner");
  if (!move.ok) return { ok: false, errors: { form: move.error }, status: 409 };
  return inTransaction(db, async (tx): Promise<Result> => {
    if (!(await stillIn(tx, row))) return CHANGED;
    await setEvidenceStatus(tx, row.id, move.status, {}, now);
    await recordAudit(tx, { actorId: user.id, action: "evidence_submit", entity: ENTITY, entityId: row.id, subjectPersonId: row.person_id, before: { status: row.status }, after: { status: move.status } }, now);
    return { ok: true };
  });
}

/** A manager verifies a submitted item, or returns it with a reason. The caller checked `evidence:verify`. */
export async function reviewEvidence(
  db: DB,
  user: CurrentUser,
  row: Evidence,
  event: "verify" | "return",
  form: Record<string, string>,
  now = clockNow(),
): Promise<Result> {
  let reason: string | undefined;
  if (event === "return") {
    const parsed = validate(returnSchema, form);
    if (!parsed.ok) return parsed;
    reason = parsed.value.reason;
  }
  const move = nextStatus(row.status, event, "manager", reason);
  if (!move.ok) return { ok: false, errors: { form: move.error }, status: 409 };
  return inTransaction(db, async (tx): Promise<Result> => {
    if (!(await stillIn(tx, row))) return CHANGED;
    await setEvidenceStatus(tx, row.id, move.status, { verifiedBy: user.id, returnReason: reason ?? null }, now);
    await recordAudit(
      tx,
      {
        actorId: user.id,
        action: event === "verify" ? "evidence_verify" : "evidence_return",
        entity: ENTITY,
        entityId: row.id,
        subjectPersonId: row.person_id,
        before: { status: row.status },
        after: { status: move.status },
        reason: reason ?? null,
      },
      now,
    );
    return { ok: true };
  });
}

export async function deleteEvidenceItem(db: DB, user: CurrentUser, row: Evidence, now = clockNow()) {
  await inTransaction(db, async (tx) => {
    await recordAudit(tx, { actorId: user.id, action: "evidence_delete", entity: ENTITY, entityId: row.id, subjectPersonId: row.person_id, before: row }, now);
    await deleteEvidence(tx, row.id);
  });
}

function sameAdjustments(a: Adjustment[], b: Adjustment[]) {
  const key = (x: Adjustment[]) => JSON.stringify([...x].map((y) => [y.skill, y.points, y.reason.trim()]).sort());
  return key(a) === key(b);
}

/**
 * Replaces the owner's adjustments of an item (within ±MAX_ADJUSTMENT per skill, never below 0,
 * each with a reason). Errors are keyed `adj.<skill>`. Adjusting a verified item sends it back
 * for review, like any other change.
 */
export async function adjustEvidence(
  db: DB,
  user: CurrentUser,
  row: Evidence,
  form: Record<string, string>,
  now = clockNow(),
): Promise<Result<{ changed: boolean }>> {
  const [skills, rules, before] = await Promise.all([listSkills(db), listRules(db, { activeOnly: true }), adjustmentsOf(db, row.id)]);
  const keys = skills.map((s) => s.key);
  const parsed = parseAdjustments(form, keys);
  if (!parsed.ok) return parsed;
  const adjustments = parsed.adjustments.map((a) => ({ ...a, reason: a.reason.trim() }));
  const problems = validateAdjustments(ruleContributions(row, rules), adjustments, keys);
  if (Object.keys(problems).length) {
    const errors: FieldErrors = {};
    for (const [i, message] of Object.entries(problems)) {
      const adj = adjustments[Number(i)]!;
      errors[/reason/i.test(message) ? `reason.${adj.skill}` : `adj.${adj.skill}`] = message;
    }
    return { ok: false, errors };
  }
  if (sameAdjustments(before, adjustments)) return { ok: true, changed: false };
  const edit = nextStatus(row.status, "edit", "owner");
  const status = edit.ok ? edit.status : row.status;
  return inTransaction(db, async (tx): Promise<Result<{ changed: boolean }>> => {
    if (!(await stillIn(tx, row))) return CHANGED;
    await saveAdjustments(tx, row.id, adjustments, user.id, now);
    if (status !== row.status) await setEvidenceStatus(tx, row.id, status, {}, now);
    await recordAudit(
      tx,
      {
        actorId: user.id,
        action: "evidence_adjust",
        entity: ENTITY,
        entityId: row.id,
        subjectPersonId: row.person_id,
        before: { status: row.status, adjustments: before },
        after: { status, adjustments },
      },
      now,
    );
    return { ok: true, changed: true };
  });
}

/** A colleague endorses an item (one endorsement per person; sending again replaces the comment). */
export async function endorseEvidence(db: DB, user: CurrentUser, row: Evidence, form: Record<string, string>, now = clockNow()): Promise<Result> {
  if (row.person_id === user.id) return { ok: false, errors: { comment: "You cannot endorse your own work." }, status: 400 };
  const parsed = validate(endorsementSchema, form);
  if (!parsed.ok) return parsed;
  await inTransaction(db, async (tx) => {
    await addEndorsement(tx, row.id, user.id, parsed.value.comment, now);
    await recordAudit(tx, { actorId: user.id, action: "evidence_endorse", entity: ENTITY, entityId: row.id, subjectPersonId: row.person_id, after: { comment: parsed.value.comment } }, now);
  });
  return { ok: true };
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
  return [...readable.filter((p) => p.id === user.id), ...readable.filter((p) => p.id !== user.id)].map((p) => ({ id: p.id, name: p.name }));
}
