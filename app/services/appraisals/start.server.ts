// Starting appraisals: one person's, or everyone's in the manager's subtree who has none in the cycle.
import { type Actor, refuseCapability } from "~/auth/authorize.server";
import { type DB, inTransaction } from "~/db.server";
import type { AppraisalState } from "~/domain/appraisal-workflow";
import { transition } from "~/domain/appraisal-workflow";
import { findAppraisal, getCycle, insertAppraisal, listAppraisals } from "~/models/appraisals.server";
import { recordAudit } from "~/models/audit.server";
import { uniqueOr } from "~/models/constraint-errors.server";
import { getPerson, listPeople, subtreeIds } from "~/models/people.server";
import { type Result, conflict, forbidden, notFound, ok } from "~/utils/result";
import { starterKind } from "./actors.server";

export const AUDIT_ENTITY = "appraisal";
const ONCE_PER_CYCLE = {
  names: ["appraisals_once_per_cycle", "appraisals.cycle_id"],
  field: "form",
  message: "This appraisal has already been started.",
};

type Starting = { personId: number; managerId: number | null };

/** Inserts the appraisals with their "start" audit entries, all or none (another instance may race us). */
async function insertStarted(db: DB, actor: Actor, cycleId: number, people: Starting[], state: AppraisalState, now: Date) {
  return uniqueOr(
    () =>
      inTransaction(db, async (tx) => {
        const ids: number[] = [];
        for (const p of people) {
          const id = await insertAppraisal(tx, { cycleId, personId: p.personId, managerId: p.managerId, state }, now);
          const entry = { actorId: actor.id, action: "start", entity: AUDIT_ENTITY, entityId: id, subjectPersonId: p.personId };
          await recordAudit(tx, { ...entry, before: { state: "not_started" }, after: { state } }, now);
          ids.push(id);
        }
        return ids;
      }),
    [ONCE_PER_CYCLE],
  );
}

export async function startAppraisal(
  db: DB,
  actor: Actor,
  input: { cycleId: number; personId: number },
  now: Date,
): Promise<Result<{ id: number }>> {
  const refused = refuseCapability(actor, "appraisal:start");
  if (refused) return refused;
  const cycle = await getCycle(db, input.cycleId);
  if (!cycle) return notFound("No such cycle.");
  const person = await getPerson(db, input.personId);
  const kind = person ? await starterKind(db, actor, input.personId) : null;
  if (!person || kind === null) return notFound("No such person.");
  const existing = await findAppraisal(db, cycle.id, person.id);
  const decided = transition(existing?.state ?? "not_started", "start", { kind });
  if (!decided.ok) return existing ? conflict(decided.error) : forbidden(decided.error);
  if (!person.active) return conflict(`${person.name} is deactivated.`);
  const written = await insertStarted(
    db,
    actor,
    cycle.id,
    [{ personId: person.id, managerId: person.manager_id }],
    decided.state,
    now,
  );
  return written.ok ? ok({ id: written.value[0]! }) : conflict(ONCE_PER_CYCLE.message);
}

/** Everyone in the actor's subtree who has no appraisal in this cycle yet, in one transaction. */
export async function startForAllReports(
  db: DB,
  actor: Actor,
  input: { cycleId: number },
  now: Date,
): Promise<Result<{ started: number }>> {
  const refused = refuseCapability(actor, "appraisal:start");
  if (refused) return refused;
  const cycle = await getCycle(db, input.cycleId);
  if (!cycle) return notFound("No such cycle.");
  const ids = await subtreeIds(db, actor.id);
  if (ids.length === 0) return forbidden("Nobody reports to you.");
  const decided = transition("not_started", "start", { kind: "manager" });
  if (!decided.ok) return forbidden(decided.error);
  const [people, existing] = await Promise.all([
    listPeople(db, { ids }),
    listAppraisals(db, { personIds: ids, cycleId: cycle.id }),
  ]);
  const have = new Set(existing.map((a) => a.person_id));
  const todo = people.filter((p) => !have.has(p.id)).map((p) => ({ personId: p.id, managerId: p.manager_id }));
  const written = await insertStarted(db, actor, cycle.id, todo, decided.state, now);
  if (!written.ok)
    return conflict("Someone started appraisals in this cycle at the same moment: nothing was started. Reload and try again.");
  return ok({ started: todo.length });
}
