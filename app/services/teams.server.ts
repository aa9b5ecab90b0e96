// Team commands (issue 16, point 9): (db, actor, input, now) → Result. Authorise through the permission
// module, check against the database, write in one transaction, audit. A team is renamed by id and retired,
// never deleted: people, appraisals and exports keep naming it.
import { type Actor, auditActorId, refuseCapability } from "~/auth/authorize.server";
import { TEAMS_ACTION } from "~/auth/permissions";
import { type DB, inTransaction } from "~/db.server";
import { TEAM_MESSAGES, retireProblem, sameTeamName } from "~/domain/teams";
import { recordAudit } from "~/models/audit.server";
import { uniqueOr } from "~/models/constraint-errors.server";
import { type AdminTeam, getAdminTeam, insertTeam, teamNames, updateTeamRow } from "~/models/teams.server";
import type { TeamValues } from "~/schemas/team";
import type { PageVersion } from "~/schemas/version";
import { type FieldErrors, type Result, conflict, failIfAny, invalid, notFound, ok } from "~/utils/result";

const ENTITY = "team";
const UNIQUE_NAME = ["teams.name", "teams_name_key"];

async function nameError(db: DB, name: string, id: number | null): Promise<FieldErrors> {
  const other = (await teamNames(db)).find((t) => t.id !== id && sameTeamName(t.name, name));
  return other ? { name: TEAM_MESSAGES.nameTaken(other.name) } : {};
}

const fieldsOf = (t: AdminTeam) => ({ name: t.name, retiredAt: t.retiredAt });

/** Adds a live team; the person form offers it from the next page load. */
export async function createTeam(db: DB, actor: Actor, input: TeamValues, now: Date): Promise<Result<{ id: number }>> {
  const refused = refuseCapability(actor, TEAMS_ACTION);
  if (refused) return refused;
  const failed = failIfAny(await nameError(db, input.name, null));
  if (failed) return failed;
  const written = await uniqueOr(
    () =>
      inTransaction(db, async (tx) => {
        const id = await insertTeam(tx, input.name, now);
        await recordAudit(
          tx,
          {
            actorId: auditActorId(actor),
            action: "team_create",
            entity: ENTITY,
            entityId: id,
            subjectPersonId: null,
            after: { name: input.name },
          },
          now,
        );
        return id;
      }),
    [{ names: UNIQUE_NAME, field: "name", message: TEAM_MESSAGES.nameTaken(input.name) }],
  );
  return written.ok ? ok({ id: written.value }) : invalid(written.errors);
}

/** Renames a team; every person, appraisal and export shows the new name at once (they hold its id). */
export async function renameTeam(
  db: DB,
  actor: Actor,
  id: number,
  input: TeamValues,
  now: Date,
  page: PageVersion | null,
): Promise<Result<{ id: number }>> {
  const refused = refuseCapability(actor, TEAMS_ACTION);
  if (refused) return refused;
  const before = await getAdminTeam(db, id);
  if (!before) return notFound(TEAM_MESSAGES.gone);
  if (page && page.version !== before.version) return conflict(TEAM_MESSAGES.stale(before.name));
  const failed = failIfAny(await nameError(db, input.name, id));
  if (failed) return failed;
  return write(db, actor, before, { name: input.name }, "team_rename", now, page);
}

/** Retires (or restores) a team. Retiring is refused while it has active members: a retired team takes no one. */
export async function setTeamRetired(
  db: DB,
  actor: Actor,
  id: number,
  retired: boolean,
  now: Date,
  page: PageVersion | null,
): Promise<Result<{ id: number }>> {
  const refused = refuseCapability(actor, TEAMS_ACTION);
  if (refused) return refused;
  const before = await getAdminTeam(db, id);
  if (!before) return notFound(TEAM_MESSAGES.gone);
  if (page && page.version !== before.version) return conflict(TEAM_MESSAGES.stale(before.name));
  if (retired) {
    const problem = retireProblem(before);
    if (problem) return conflict(problem);
  } else if (!before.retiredAt) return conflict(`“${before.name}” is already live.`);
  const fields = { retiredAt: retired ? now.toISOString() : null };
  return write(db, actor, before, fields, retired ? "team_retire" : "team_restore", now, page);
}

async function write(
  db: DB,
  actor: Actor,
  before: AdminTeam,
  fields: { name?: string; retiredAt?: string | null },
  action: string,
  now: Date,
  page: PageVersion | null,
): Promise<Result<{ id: number }>> {
  const written = await uniqueOr(
    () =>
      inTransaction(db, async (tx) => {
        if (!(await updateTeamRow(tx, before.id, fields, page?.version ?? before.version, now))) return false;
        await recordAudit(
          tx,
          {
            actorId: auditActorId(actor),
            action,
            entity: ENTITY,
            entityId: before.id,
            subjectPersonId: null,
            before: fieldsOf(before),
            after: { ...fieldsOf(before), ...fields },
          },
          now,
        );
        return true;
      }),
    [{ names: UNIQUE_NAME, field: "name", message: TEAM_MESSAGES.nameTaken(fields.name ?? before.name) }],
  );
  if (!written.ok) return invalid(written.errors);
  return written.value ? ok({ id: before.id }) : conflict(TEAM_MESSAGES.stale(before.name));
}
