// Read models of the appraisal lists: the /appraisals home, a cycle's roster, a person's history.
import type { Actor } from "~/auth/authorize.server";
import { can, hasAnyScope, reachesEveryone } from "~/auth/permissions";
import type { DB } from "~/db.server";
import { type AppraisalState, STATE_LABELS } from "~/domain/appraisal-workflow";
import { getCycle, listAppraisals } from "~/models/appraisals.server";
import { getPerson, listPeople, subtreeIds } from "~/models/people.server";
import { peopleInScope } from "./actors.server";
import { cyclesOverview } from "./cycles.server";

/** The /appraisals page: one's own history, and for managers their subtree's appraisals; cycles for those who run them. */
export async function appraisalsHome(db: DB, actor: Actor) {
  const mine = await listAppraisals(db, { personIds: [actor.id] });
  const isManager = can(actor.role, "appraisal:read", { self: false, sameTeam: false, inSubtree: true });
  const subtree = isManager ? await subtreeIds(db, actor.id) : [];
  const reports = subtree.length ? await listAppraisals(db, { personIds: subtree }) : [];
  const everyone = reachesEveryone(actor.role, "appraisal:start");
  const runsCycles = everyone || subtree.length > 0;
  const cycles = runsCycles ? await cyclesOverview(db, everyone ? undefined : subtree) : [];
  return { mine, reports, cycles, runsCycles, allCycles: everyone, createsCycles: hasAnyScope(actor.role, "cycles:manage") };
}

/** A cycle's page: the people in scope with their appraisal (or none yet) and whether the actor may start one. */
export async function cycleRoster(db: DB, actor: Actor, cycleId: number) {
  const cycle = await getCycle(db, cycleId);
  if (!cycle) return null;
  const scope = await peopleInScope(db, actor);
  const [people, appraisals] = await Promise.all([
    listPeople(db, scope ? { ids: scope } : {}),
    listAppraisals(db, { cycleId, personIds: scope }),
  ]);
  const byPerson = new Map(appraisals.map((a) => [a.person_id, a]));
  const everyone = scope === undefined;
  const subtree = new Set(everyone ? await subtreeIds(db, actor.id) : scope);
  const rows = people
    .filter((p) => p.id !== actor.id)
    .map((p) => {
      const a = byPerson.get(p.id);
      const state: AppraisalState = a?.state ?? "not_started";
      return {
        personId: p.id,
        name: p.name,
        team: p.team_name,
        manager: p.manager_name,
        appraisalId: a?.id ?? null,
        state,
        stateLabel: STATE_LABELS[state],
        canStart: !a && (everyone || subtree.has(p.id)),
      };
    });
  return { cycle, rows, missingInSubtree: rows.filter((r) => r.canStart && subtree.has(r.personId)).length };
}

/** A person's appraisals across cycles (the route has checked appraisal:read). */
export async function personHistory(db: DB, personId: number) {
  const person = await getPerson(db, personId);
  if (!person) return null;
  const appraisals = await listAppraisals(db, { personIds: [personId] });
  return { person: { id: person.id, name: person.name, team: person.team_name, position: person.position_name }, appraisals };
}
