// Appraisals: cycles, starting appraisals, the workflow's transitions with their audit trail, the
// evidence of the period and the snapshot taken at sign-off. The rules of the workflow live in the pure
// module app/domain/appraisal-workflow.ts; this service works out who the actor is, loads and writes.
import { now as clockNow } from "~/clock.server";
import { type DB, inTransaction } from "~/db.server";
import type { CurrentUser } from "~/auth/session.server";
import { can, hasAnyScope, reachesEveryone } from "~/auth/permissions";
import { relationTo } from "~/auth/relation.server";
import {
  APPRAISAL_EVENTS,
  type ActorKind,
  type AppraisalEvent,
  type AppraisalState,
  EVENT_LABELS,
  OUTCOMES,
  PROMOTION_READINESS,
  type Ratings,
  STATE_LABELS,
  type TransitionPayload,
  allowedEvents,
  canEditReview,
  canEditSelf,
  diffFields,
  diffRatings,
  isLocked,
  transition,
} from "~/domain/appraisal-workflow";
import { type CalibrationResult, calibrate } from "~/domain/calibration";
import { levelsOf, scoreSkills } from "~/domain/scoring";
import { recordAudit } from "~/models/audit.server";
import { uniqueOr } from "~/models/constraint-errors.server";
import { auditFor } from "~/models/audit.server";
import { listPositionsWithRequirements, listSkills, scoringConfig } from "~/models/catalog.server";
import {
  type AppraisalDetail,
  type AppraisalPatch,
  cycleNameTaken,
  cycleStateCounts,
  findAppraisal,
  getAppraisal,
  getCycle,
  getRatings,
  insertAppraisal,
  insertCycle,
  listAppraisals,
  listCycles,
  managerRatingsOfCycle,
  periodEvidence,
  periodSkillItems,
  saveRatings,
  updateAppraisal,
} from "~/models/appraisals.server";
import { getPerson, listPeople, subtreeIds } from "~/models/people.server";
import { skillBuckets } from "~/models/scores.server";
import { cycleSchema, parseReview, parseSelfAssessment } from "~/validation/appraisals.server";
import { type FieldErrors, validate } from "~/validation/form.server";

export const AUDIT_ENTITY = "appraisal";

// ---------------------------------------------------------------------------------------------
// Dates

/** The day after a YYYY-MM-DD date, as YYYY-MM-DD: the exclusive end of a period. */
export function dayAfter(day: string): string {
  const d = new Date(`${day.slice(0, 10)}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** Scores of a period are taken at its end, or now while the period still runs. */
export function periodAsOf(periodEnd: string, now: Date): Date {
  const end = new Date(`${dayAfter(periodEnd)}T00:00:00Z`);
  return end.getTime() < now.getTime() ? end : now;
}

/** The evidence list of a person's period (the list route is /evidence; both ends inclusive). */
export function periodEvidenceHref(personId: number, periodStart: string, periodEnd: string, skill?: string): string {
  const q = new URLSearchParams({ person: String(personId), from: periodStart, to: periodEnd });
  if (skill) q.set("skill", skill);
  return `/evidence?${q.toString()}`;
}

// ---------------------------------------------------------------------------------------------
// Cycles

type FormResult<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors; status?: number };

export async function createCycleFromForm(db: DB, actorId: number, form: Record<string, string>, now = clockNow()): Promise<FormResult<number>> {
  const parsed = validate(cycleSchema, form);
  if (!parsed.ok) return parsed;
  const input = parsed.value;
  const taken = "A cycle with this name already exists.";
  if (await cycleNameTaken(db, input.name)) return { ok: false, errors: { name: taken } };
  // The check above answers the usual case; the unique index answers a cycle created meanwhile elsewhere.
  return uniqueOr(
    () =>
      inTransaction(db, async (tx) => {
        const id = await insertCycle(tx, input, actorId, now);
        await recordAudit(tx, { actorId, action: "cycle_create", entity: "appraisal_cycle", entityId: id, subjectPersonId: null, after: input }, now);
        return id;
      }),
    [{ names: ["appraisal_cycles_name_ci"], field: "name", message: taken }],
  );
}

/** Cycles with their appraisal counts by state (only the given people's appraisals when `personIds` is set). */
export async function cyclesOverview(db: DB, personIds?: number[]) {
  const [cycles, counts] = await Promise.all([listCycles(db), cycleStateCounts(db, personIds)]);
  return cycles.map((c) => {
    const byState: Record<string, number> = {};
    for (const r of counts) if (r.cycle_id === c.id) byState[r.state] = Number(r.n);
    return { ...c, counts: byState, total: Object.values(byState).reduce((s, n) => s + n, 0) };
  });
}

export function isCycleOpen(cycle: { period_start: string; review_due: string }, now: Date): boolean {
  const today = now.toISOString().slice(0, 10);
  return cycle.review_due >= today;
}

// ---------------------------------------------------------------------------------------------
// Who is the actor?

/** The relation of the user to an appraisal of `personId`, in the workflow's terms. */
export async function actorKindFor(db: DB, user: CurrentUser, personId: number): Promise<ActorKind | null> {
  const rel = await relationTo(db, user, personId);
  if (!rel) return null;
  if (rel.self) return "employee";
  if (can(user.role, "appraisal:rate", rel)) return "manager";
  if (can(user.role, "appraisal:reopen", rel)) return "admin";
  return null;
}

/** For starting an appraisal: the user as manager (subtree) or admin, or null when they may not start one. */
async function starterKind(db: DB, user: CurrentUser, personId: number): Promise<ActorKind | null> {
  const rel = await relationTo(db, user, personId);
  if (!rel) return null;
  if (rel.self) return "employee"; // the workflow refuses: nobody starts their own appraisal
  if (!can(user.role, "appraisal:start", rel)) return null;
  // Starting for one's own report is a manager's act, whoever else one is; beyond it, the organisation's.
  return rel.inSubtree ? "manager" : "admin";
}

/** People whose appraisals the user manages in a cycle view: a manager's subtree, everyone for an admin. */
export async function peopleInScope(db: DB, user: CurrentUser): Promise<number[] | undefined> {
  if (reachesEveryone(user.role, "appraisal:start")) return undefined;
  return subtreeIds(db, user.id);
}

// ---------------------------------------------------------------------------------------------
// Starting appraisals

const ONCE_PER_CYCLE = { names: ["appraisals_once_per_cycle", "appraisals.cycle_id"], field: "form", message: "This appraisal has already been started." };

export type StartResult = { ok: true; id: number } | { ok: false; status: 404 | 403 | 409; error: string };

export async function startAppraisal(db: DB, user: CurrentUser, cycleId: number, personId: number, now = clockNow()): Promise<StartResult> {
  const cycle = await getCycle(db, cycleId);
  if (!cycle) return { ok: false, status: 404, error: "No such cycle." };
  const person = await getPerson(db, personId);
  const kind = person ? await starterKind(db, user, personId) : null;
  if (!person || kind === null) return { ok: false, status: 404, error: "No such person." };
  const existing = await findAppraisal(db, cycleId, personId);
  const res = transition(existing?.state ?? "not_started", "start", { kind });
  if (!res.ok) return { ok: false, status: existing ? 409 : 403, error: res.error };
  if (!person.active) return { ok: false, status: 409, error: `${person.name} is deactivated.` };
  // Started meanwhile by someone else (another instance): the once-per-cycle constraint answers.
  const written = await uniqueOr(
    () =>
      inTransaction(db, async (tx) => {
        const id = await insertAppraisal(tx, { cycleId, personId, managerId: person.manager_id, state: res.state }, now);
        await recordAudit(
          tx,
          { actorId: user.id, action: "start", entity: AUDIT_ENTITY, entityId: id, subjectPersonId: personId, before: { state: "not_started" }, after: { state: res.state } },
          now,
        );
        return id;
      }),
    [ONCE_PER_CYCLE],
  );
  return written.ok ? { ok: true, id: written.value } : { ok: false, status: 409, error: ONCE_PER_CYCLE.message };
}

/** Starts an appraisal for everyone in the manager's subtree who has none in this cycle yet (one transaction). */
export async function startForAllReports(db: DB, user: CurrentUser, cycleId: number, now = clockNow()): Promise<{ ok: true; started: number } | { ok: false; status: 404 | 403 | 409; error: string }> {
  const cycle = await getCycle(db, cycleId);
  if (!cycle) return { ok: false, status: 404, error: "No such cycle." };
  const ids = await subtreeIds(db, user.id);
  if (ids.length === 0) return { ok: false, status: 403, error: "Nobody reports to you." };
  const [people, existing] = await Promise.all([listPeople(db, { ids }), listAppraisals(db, { personIds: ids, cycleId })]);
  const have = new Set(existing.map((a) => a.person_id));
  const todo = people.filter((p) => !have.has(p.id));
  const res = transition("not_started", "start", { kind: "manager" });
  if (!res.ok) return { ok: false, status: 403, error: res.error };
  const written = await uniqueOr(
    () =>
      inTransaction(db, async (tx) => {
        for (const p of todo) {
          const id = await insertAppraisal(tx, { cycleId, personId: p.id, managerId: p.manager_id, state: res.state }, now);
          await recordAudit(
            tx,
            { actorId: user.id, action: "start", entity: AUDIT_ENTITY, entityId: id, subjectPersonId: p.id, before: { state: "not_started" }, after: { state: res.state } },
            now,
          );
        }
      }),
    [ONCE_PER_CYCLE],
  );
  return written.ok ? { ok: true, started: todo.length } : { ok: false, status: 409, error: "Someone started appraisals in this cycle at the same moment: nothing was started. Reload and try again." };
}

/** A cycle's page: the people in scope with their appraisal (or none yet) and whether the user may start one. */
export async function cycleRoster(db: DB, user: CurrentUser, cycleId: number) {
  const cycle = await getCycle(db, cycleId);
  if (!cycle) return null;
  const scope = await peopleInScope(db, user);
  const [people, appraisals] = await Promise.all([
    listPeople(db, scope ? { ids: scope } : {}),
    listAppraisals(db, { cycleId, personIds: scope }),
  ]);
  const byPerson = new Map(appraisals.map((a) => [a.person_id, a]));
  const everyone = reachesEveryone(user.role, "appraisal:start");
  const subtree = new Set(everyone ? await subtreeIds(db, user.id) : (scope ?? []));
  const rows = people
    .filter((p) => p.id !== user.id)
    .map((p) => {
      const a = byPerson.get(p.id);
      return {
        personId: p.id,
        name: p.name,
        team: p.team_name,
        manager: p.manager_name,
        appraisalId: a?.id ?? null,
        state: (a?.state ?? "not_started") as AppraisalState,
        stateLabel: STATE_LABELS[(a?.state ?? "not_started") as AppraisalState],
        canStart: !a && (everyone || subtree.has(p.id)),
      };
    });
  return { cycle, rows, missingInSubtree: rows.filter((r) => r.canStart && subtree.has(r.personId)).length };
}

// ---------------------------------------------------------------------------------------------
// The period's matrix (live, and frozen at sign-off)

export interface SnapshotSkill {
  key: string;
  name: string;
  /** evidence-derived, as of the end of the period */
  level: number;
  score: number;
  items: number;
  self: { level: number | null; comment: string };
  manager: { level: number | null; comment: string };
  evidence: { id: number; title: string }[];
}

export interface SnapshotEvidence {
  id: number;
  title: string;
  kind: string;
  kindName: string | null;
  resolvedAt: string;
  status: string;
  priority: string | null;
  externalRef: string | null;
}

export interface AppraisalSnapshot {
  version: 1;
  takenAt: string;
  asOf: string;
  period: { start: string; end: string };
  skills: SnapshotSkill[];
  evidence: SnapshotEvidence[];
  counts: { total: number; verified: number; submitted: number };
  selfSummary: string | null;
  managerComment: string | null;
  outcome: string | null;
  promotion: { positionId: number | null; positionName: string | null; readiness: string | null };
}

/** The evidence-derived matrix of the period with both sides' ratings: the live view and the snapshot share it. */
export async function periodMatrix(
  db: DB,
  a: Pick<AppraisalDetail, "id" | "person_id" | "period_start" | "period_end">,
  ratings: { self: Ratings; manager: Ratings },
  now: Date,
) {
  const from = a.period_start;
  const to = dayAfter(a.period_end);
  const asOf = periodAsOf(a.period_end, now);
  const [skills, config, buckets, evidence, skillItems] = await Promise.all([
    listSkills(db),
    scoringConfig(db),
    skillBuckets(db, [a.person_id], { to: asOf.toISOString() < to ? asOf.toISOString() : to }),
    periodEvidence(db, a.person_id, from, to),
    periodSkillItems(db, a.person_id, from, to),
  ]);
  const keys = skills.map((s) => s.key);
  const scores = scoreSkills(buckets.get(a.person_id) ?? [], keys, config, asOf);
  const titleOf = new Map(evidence.map((e) => [e.id, e.title]));
  const rows: SnapshotSkill[] = skills.map((s, i) => {
    const sc = scores[i]!;
    return {
      key: s.key,
      name: s.name,
      level: sc.level,
      score: sc.score,
      items: sc.items,
      self: { level: ratings.self[s.key]?.level ?? null, comment: ratings.self[s.key]?.comment ?? "" },
      manager: { level: ratings.manager[s.key]?.level ?? null, comment: ratings.manager[s.key]?.comment ?? "" },
      evidence: skillItems
        .filter((x) => x.skill === s.key && titleOf.has(x.evidenceId))
        .map((x) => ({ id: x.evidenceId, title: titleOf.get(x.evidenceId)! })),
    };
  });
  const list: SnapshotEvidence[] = evidence.map((e) => ({
    id: e.id,
    title: e.title,
    kind: e.kind,
    kindName: e.kind_name,
    resolvedAt: e.resolved_at,
    status: e.status,
    priority: e.priority,
    externalRef: e.external_ref,
  }));
  const verified = list.filter((e) => e.status === "verified").length;
  return {
    asOf: asOf.toISOString(),
    skills: rows,
    evidence: list,
    counts: { total: list.length, verified, submitted: list.length - verified },
    levels: levelsOf(scores),
  };
}

export function parseSnapshot(json: string | null): AppraisalSnapshot | null {
  if (!json) return null;
  try {
    const s = JSON.parse(json) as AppraisalSnapshot;
    return s && s.version === 1 && Array.isArray(s.skills) ? s : null;
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// The appraisal page

const FIELD_LABELS: Record<string, string> = {
  state: "State",
  self_summary: "Self-assessment summary",
  manager_comment: "Manager's comment",
  outcome: "Overall outcome",
  promo_position_id: "Promotion target",
  promo_readiness: "Promotion readiness",
  manager_id: "Reviewing manager",
};

function valueLabel(field: string, v: unknown, names: { positions: Map<number, string>; people: Map<number, string> }): string {
  if (v === null || v === undefined || v === "") return "—";
  if (field === "state") return STATE_LABELS[v as AppraisalState] ?? String(v);
  if (field === "outcome") return OUTCOMES.find((o) => o.key === v)?.label ?? String(v);
  if (field === "promo_readiness") return PROMOTION_READINESS.find((o) => o.key === v)?.label ?? String(v);
  if (field === "promo_position_id") return names.positions.get(Number(v)) ?? (v === 0 ? "No promotion" : `#${v}`);
  if (field === "manager_id") return names.people.get(Number(v)) ?? `#${v}`;
  return String(v);
}

export async function appraisalPage(db: DB, user: CurrentUser, id: number, now = clockNow()) {
  const a = await getAppraisal(db, id);
  if (!a) return null;
  const rel = await relationTo(db, user, a.person_id);
  if (!rel || !can(user.role, "appraisal:read", rel)) return null;
  const kind = await actorKindFor(db, user, a.person_id);
  const state = a.state as AppraisalState;
  const [ratings, positions, skills, auditRows] = await Promise.all([
    getRatings(db, id),
    listPositionsWithRequirements(db),
    listSkills(db, { includeRetired: true }),
    auditFor(db, AUDIT_ENTITY, id),
  ]);
  const snapshot = isLocked(state) ? parseSnapshot(a.snapshot_json) : null;
  const live = snapshot ? null : await periodMatrix(db, a, ratings, now);
  const matrix = snapshot ?? live!;

  const skillName = new Map(skills.map((s) => [s.key, s.name]));
  const people = new Map<number, string>([[a.person_id, a.person_name]]);
  if (a.manager_id && a.manager_name) people.set(a.manager_id, a.manager_name);
  const names = { positions: new Map(positions.map((p) => [p.id, p.name])), people };
  const audit = auditRows.map((r) => {
    const before = (r.before_json ? JSON.parse(r.before_json) : {}) as Record<string, unknown>;
    const after = (r.after_json ? JSON.parse(r.after_json) : {}) as Record<string, unknown>;
    const fields = [...Object.keys(before), ...Object.keys(after).filter((k) => !(k in before))];
    return {
      id: r.id,
      at: r.at,
      actor: r.actor_name ?? "—",
      action: (EVENT_LABELS as Record<string, string>)[r.action] ?? r.action,
      reason: r.reason,
      changes: fields.map((f) => {
        const m = /^(self|manager)\.(.+)\.(level|comment)$/.exec(f);
        const label = m
          ? `${m[1] === "self" ? "Self" : "Manager"} ${m[3]} · ${skillName.get(m[2]!) ?? m[2]}`
          : (FIELD_LABELS[f] ?? f);
        return { field: f, label, before: valueLabel(m ? "" : f, before[f], names), after: valueLabel(m ? "" : f, after[f], names) };
      }),
    };
  });

  const actor = kind ? { kind } : null;
  return {
    appraisal: {
      id: a.id,
      state,
      stateLabel: STATE_LABELS[state],
      locked: isLocked(state),
      cycleId: a.cycle_id,
      cycleName: a.cycle_name,
      periodStart: a.period_start,
      periodEnd: a.period_end,
      selfDue: a.self_due,
      reviewDue: a.review_due,
      personId: a.person_id,
      personName: a.person_name,
      personPosition: a.person_position_name,
      managerName: a.manager_name,
      selfSummary: a.self_summary,
      managerComment: a.manager_comment,
      outcome: a.outcome,
      outcomeLabel: OUTCOMES.find((o) => o.key === a.outcome)?.label ?? null,
      promoPositionId: a.promo_position_id,
      promoPositionName: a.promo_position_name,
      promoReadiness: a.promo_readiness,
      promoReadinessLabel: PROMOTION_READINESS.find((o) => o.key === a.promo_readiness)?.label ?? null,
      signedOffAt: a.signed_off_at,
      acknowledgedAt: a.acknowledged_at,
    },
    actorKind: kind,
    events: actor ? allowedEvents(state, actor) : [],
    canEditSelf: actor ? canEditSelf(state, actor) : false,
    canEditReview: actor ? canEditReview(state, actor) : false,
    fromSnapshot: !!snapshot,
    snapshotTakenAt: snapshot?.takenAt ?? null,
    asOf: matrix.asOf,
    skills: matrix.skills,
    evidence: matrix.evidence,
    counts: matrix.counts,
    evidenceHref: periodEvidenceHref(a.person_id, a.period_start, a.period_end),
    positions: positions.map((p) => ({ id: p.id, name: p.name })),
    audit,
  };
}

export type AppraisalPageData = NonNullable<Awaited<ReturnType<typeof appraisalPage>>>;

// ---------------------------------------------------------------------------------------------
// Transitions

export type EventResult =
  | { ok: true; state: AppraisalState; event: AppraisalEvent }
  | { ok: false; status: 400 | 403 | 404 | 409 | 422; error: string; fieldErrors?: Record<string, string> };

const ALL_KINDS: ActorKind[] = ["employee", "manager", "admin"];

/** Is the event possible in this state for somebody? (Decides 409 "wrong state" against 403 "not you".) */
function stateAllows(state: AppraisalState, event: AppraisalEvent): boolean {
  return ALL_KINDS.some((k) => allowedEvents(state, { kind: k }).includes(event));
}

function isEvent(e: string | undefined): e is AppraisalEvent {
  return !!e && (APPRAISAL_EVENTS as readonly string[]).includes(e);
}

function ratingChanges(side: "self" | "manager", before: Ratings, after: Ratings) {
  const b: Record<string, string | number | null> = {};
  const a: Record<string, string | number | null> = {};
  for (const c of diffRatings(before, after)) {
    b[`${side}.${c.skill}.${c.field}`] = c.before;
    a[`${side}.${c.skill}.${c.field}`] = c.after;
  }
  return { before: b, after: a };
}

function fieldChanges(before: Record<string, string | number | null>, after: Record<string, string | number | null>) {
  const b: Record<string, string | number | boolean | null> = {};
  const a: Record<string, string | number | boolean | null> = {};
  for (const c of diffFields(before, after)) {
    b[c.field] = c.before;
    a[c.field] = c.after;
  }
  return { before: b, after: a };
}

/** Only the skills that the payload names: the ratings as stored, restricted to `skills`. */
function pick(r: Ratings, skills: string[]): Ratings {
  const out: Ratings = {};
  for (const s of skills) out[s] = { level: r[s]?.level ?? null, comment: r[s]?.comment ?? "" };
  return out;
}

/**
 * Applies an appraisal event posted from the appraisal page. Refusals change nothing: 404 when the user may
 * not see the appraisal, 409 when the state does not allow the event (locked, not yet…), 403 when the state
 * allows it but not for this user, 422 for invalid input.
 */
export async function applyEvent(
  db: DB,
  user: CurrentUser,
  id: number,
  eventName: string | undefined,
  form: Record<string, string>,
  now = clockNow(),
): Promise<EventResult> {
  const a = await getAppraisal(db, id);
  if (!a) return { ok: false, status: 404, error: "No such appraisal." };
  const rel = await relationTo(db, user, a.person_id);
  if (!rel || !can(user.role, "appraisal:read", rel)) return { ok: false, status: 404, error: "No such appraisal." };
  if (!isEvent(eventName)) return { ok: false, status: 400, error: "Unknown action." };
  const event = eventName;
  const kind = await actorKindFor(db, user, a.person_id);
  const state = a.state as AppraisalState;
  if (!kind) return { ok: false, status: 403, error: "You cannot change this appraisal." };

  const [skills, positions] = await Promise.all([listSkills(db), listPositionsWithRequirements(db)]);
  const keys = skills.map((s) => s.key);
  const payload: TransitionPayload = { skills: keys, positionIds: positions.map((p) => p.id), reason: (form.reason ?? "").trim() };
  if (event === "save_self" || event === "submit_self") payload.self = parseSelfAssessment(form, keys);
  if (event === "save_review" || event === "sign_off") payload.review = parseReview(form, keys);

  const res = transition(state, event, { kind }, payload);
  if (!res.ok) {
    if (res.fieldErrors && Object.keys(res.fieldErrors).length) return { ok: false, status: 422, error: res.error, fieldErrors: res.fieldErrors };
    return { ok: false, status: stateAllows(state, event) ? 403 : 409, error: res.error };
  }

  const newState = res.state;
  const write = () => inTransaction(db, async (tx) => {
    const stored = await getRatings(tx, id);
    const patch: AppraisalPatch = {};
    let before: Record<string, unknown> = {};
    let after: Record<string, unknown> = {};
    const merge = (c: { before: Record<string, unknown>; after: Record<string, unknown> }) => {
      before = { ...before, ...c.before };
      after = { ...after, ...c.after };
    };

    if (payload.self) {
      merge(ratingChanges("self", pick(stored.self, keys), payload.self.ratings));
      merge(fieldChanges({ self_summary: a.self_summary ?? "" }, { self_summary: payload.self.summary }));
      await saveRatings(tx, id, "self", payload.self.ratings);
      patch.self_summary = payload.self.summary || null;
    }
    if (payload.review) {
      const r = payload.review;
      merge(ratingChanges("manager", pick(stored.manager, keys), r.ratings));
      const promoId = r.promotion ? (r.promotion.targetPositionId ?? 0) : null; // 0 in the audit = "no promotion"
      merge(
        fieldChanges(
          {
            manager_comment: a.manager_comment ?? "",
            outcome: a.outcome,
            promo_position_id: a.promo_position_id ?? (a.promo_readiness === "none" ? 0 : null),
            promo_readiness: a.promo_readiness === "none" ? null : a.promo_readiness,
            manager_id: a.manager_id,
          },
          {
            manager_comment: r.comment ?? "",
            outcome: r.outcome,
            promo_position_id: promoId,
            promo_readiness: r.promotion?.targetPositionId ? r.promotion.readiness : null,
            manager_id: user.id,
          },
        ),
      );
      await saveRatings(tx, id, "manager", r.ratings);
      patch.manager_comment = r.comment || null;
      patch.outcome = r.outcome;
      patch.promo_position_id = r.promotion?.targetPositionId ?? null;
      // "none" records that the manager chose "no promotion" (distinct from not chosen yet)
      patch.promo_readiness = r.promotion ? (r.promotion.targetPositionId ? r.promotion.readiness : "none") : null;
      patch.manager_id = user.id;
    }
    if (res.state !== state) {
      merge({ before: { state }, after: { state: res.state } });
      patch.state = res.state;
    }
    if (event === "sign_off") {
      const ratings = await getRatings(tx, id);
      const fresh = { ...a, ...patch };
      const m = await periodMatrix(tx, a, ratings, now);
      const promoName = positions.find((p) => p.id === fresh.promo_position_id)?.name ?? null;
      const snapshot: AppraisalSnapshot = {
        version: 1,
        takenAt: now.toISOString(),
        asOf: m.asOf,
        period: { start: a.period_start, end: a.period_end },
        skills: m.skills,
        evidence: m.evidence,
        counts: m.counts,
        selfSummary: fresh.self_summary ?? null,
        managerComment: fresh.manager_comment ?? null,
        outcome: fresh.outcome ?? null,
        promotion: { positionId: fresh.promo_position_id ?? null, positionName: promoName, readiness: fresh.promo_readiness ?? null },
      };
      patch.snapshot_json = JSON.stringify(snapshot);
      patch.signed_off_at = now.toISOString();
    }
    if (event === "acknowledge") patch.acknowledged_at = now.toISOString();
    if (event === "reopen") {
      patch.snapshot_json = null;
      patch.signed_off_at = null;
      patch.acknowledged_at = null;
    }

    // Written only if nobody moved the appraisal on since it was read (two tabs, two instances).
    if (!(await updateAppraisal(tx, id, patch, now, state))) throw new StaleAppraisal();
    const changed = Object.keys(after).length > 0 || Object.keys(before).length > 0;
    if (changed || event === "reopen" || event === "return_to_employee" || event === "acknowledge") {
      await recordAudit(
        tx,
        {
          actorId: user.id,
          action: event,
          entity: AUDIT_ENTITY,
          entityId: id,
          subjectPersonId: a.person_id,
          before,
          after,
          reason: event === "reopen" || event === "return_to_employee" ? payload.reason || null : null,
        },
        now,
      );
    }
  });
  try {
    await write();
  } catch (e) {
    if (e instanceof StaleAppraisal) return { ok: false, status: 409, error: "This appraisal was changed meanwhile: reload the page and try again." };
    throw e;
  }
  return { ok: true, state: newState, event };
}

class StaleAppraisal extends Error {}

// ---------------------------------------------------------------------------------------------
// Lists and history

/** The /appraisals page: one's own history, and for managers their subtree's appraisals; cycles for those who run them. */
export async function appraisalsHome(db: DB, user: CurrentUser) {
  const mine = await listAppraisals(db, { personIds: [user.id] });
  const isManager = can(user.role, "appraisal:read", { self: false, sameTeam: false, inSubtree: true });
  const subtree = isManager ? await subtreeIds(db, user.id) : [];
  const reports = subtree.length ? await listAppraisals(db, { personIds: subtree }) : [];
  const everyone = reachesEveryone(user.role, "appraisal:start");
  const runsCycles = everyone || subtree.length > 0;
  const cycles = runsCycles ? await cyclesOverview(db, everyone ? undefined : subtree) : [];
  return { mine, reports, cycles, runsCycles, allCycles: everyone, createsCycles: hasAnyScope(user.role, "cycles:manage") };
}

export async function personHistory(db: DB, personId: number) {
  const person = await getPerson(db, personId);
  if (!person) return null;
  return { person: { id: person.id, name: person.name, team: person.team_name, position: person.position_name }, appraisals: await listAppraisals(db, { personIds: [personId] }) };
}

// ---------------------------------------------------------------------------------------------
// Calibration

/**
 * Calibration of a cycle: one rating per appraisal (the mean of its manager's skill ratings), grouped by the
 * manager who rated. The organisation's figures use every rating of the cycle; a manager sees the rows of the
 * managers who rated people in their subtree (an admin sees all).
 */
export async function cycleCalibration(db: DB, user: CurrentUser, cycleId: number): Promise<{ cycle: NonNullable<Awaited<ReturnType<typeof getCycle>>>; result: CalibrationResult; visibleManagers: (string | number)[]; appraisals: number } | null> {
  const cycle = await getCycle(db, cycleId);
  if (!cycle) return null;
  const rows = await managerRatingsOfCycle(db, cycleId);
  const perAppraisal = new Map<number, { managerId: number | null; managerName: string | null; personId: number; levels: number[] }>();
  for (const r of rows) {
    const x = perAppraisal.get(r.appraisal_id) ?? { managerId: r.manager_id, managerName: r.manager_name, personId: r.person_id, levels: [] };
    x.levels.push(Number(r.manager_level));
    perAppraisal.set(r.appraisal_id, x);
  }
  const ratings = [...perAppraisal.values()].map((x) => ({
    managerId: x.managerId ?? 0,
    managerName: x.managerName ?? "No manager",
    personId: x.personId,
    level: x.levels.reduce((s, l) => s + l, 0) / x.levels.length,
  }));
  const result = calibrate(ratings);
  let visibleManagers: (string | number)[];
  if (reachesEveryone(user.role, "appraisal:read")) visibleManagers = result.managers.map((m) => m.managerId);
  else {
    const scope = new Set(await subtreeIds(db, user.id));
    visibleManagers = [...new Set(ratings.filter((r) => scope.has(Number(r.personId))).map((r) => r.managerId))];
  }
  return { cycle, result, visibleManagers, appraisals: ratings.length };
}
