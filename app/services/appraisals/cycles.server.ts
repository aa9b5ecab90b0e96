// Appraisal cycles: creating one (an admin's command) and the overview with counts by state.
import { type Actor, refuseCapability } from "~/auth/authorize.server";
import { type DB, inTransaction } from "~/db.server";
import { recordAudit } from "~/models/audit.server";
import { cycleNameTaken, cycleStateCounts, insertCycle, listCycles } from "~/models/appraisals.server";
import { uniqueOr } from "~/models/constraint-errors.server";
import type { CycleInput } from "~/schemas/appraisal-cycle";
import { type Result, invalid, ok } from "~/utils/result";

const NAME_TAKEN = "A cycle with this name already exists.";

export async function createCycle(db: DB, actor: Actor, input: CycleInput, now: Date): Promise<Result<{ id: number }>> {
  const refused = refuseCapability(actor, "cycles:manage");
  if (refused) return refused;
  if (await cycleNameTaken(db, input.name)) return invalid({ name: NAME_TAKEN });
  // The check above answers the usual case; the unique index answers a cycle created meanwhile elsewhere.
  const written = await uniqueOr(
    () =>
      inTransaction(db, async (tx) => {
        const id = await insertCycle(tx, input, actor.id, now);
        await recordAudit(
          tx,
          {
            actorId: actor.id,
            action: "cycle_create",
            entity: "appraisal_cycle",
            entityId: id,
            subjectPersonId: null,
            after: input,
          },
          now,
        );
        return id;
      }),
    [{ names: ["appraisal_cycles_name_ci"], field: "name", message: NAME_TAKEN }],
  );
  return written.ok ? ok({ id: written.value }) : invalid(written.errors);
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
