// Career ladder commands: (db, actor, input, now) → Result. Authorise through the permission module,
// check against the database, write in one transaction, audit.
import { type Actor, auditActorId, refuseCapability } from "~/auth/authorize.server";
import { type DB, inTransaction } from "~/db.server";
import { recordAudit } from "~/models/audit.server";
import { uniqueOr } from "~/models/constraint-errors.server";
import { listSkills } from "~/models/catalog.server";
import {
  getLadderPosition,
  insertPosition,
  listLadder,
  livePositionRungs,
  positionNameTaken,
  setRank,
  setRequirements,
  uniquePositionKey,
  updatePositionRow,
} from "~/models/ladder.server";
import { activeHolders } from "~/models/people.server";
import { TRACK_NAMES, type Track, rankClash, trackOf } from "~/domain/ladder-tracks";
import type { MoveValues, PositionValues } from "~/schemas/ladder";
import { type FieldErrors, type Result, conflict, failIfAny, notFound, ok } from "~/utils/result";

/** A position as the model stores it: the required level per skill, a track and a description. */
type PositionRow = Omit<PositionValues, "req" | "track" | "description"> & {
  track: Track;
  description: string | null;
  requirements: Record<string, number>;
};

/** The form's values over what is stored (`before`; null for a new position): see the schema's track field. */
const toRow = (
  { req, track, description, ...v }: PositionValues,
  before: { track: Track; description: string | null } | null,
): PositionRow => ({
  ...v,
  track: track ?? before?.track ?? (v.isManagement ? "management" : "shared"),
  description: description === undefined ? (before?.description ?? null) : description,
  requirements: req,
});

async function check(db: DB, v: PositionRow, id: number | null): Promise<FieldErrors> {
  const errors: FieldErrors = {};
  // The form sends one level per live skill; a skill added since the page was loaded must be set too.
  for (const s of await listSkills(db)) {
    if (!(s.key in v.requirements)) errors[`req.${s.key}`] = "Enter a level for this skill (it was added meanwhile).";
  }
  if (await positionNameTaken(db, v.name, id)) errors.name = `Another position is already called "${v.name}".`;
  if (!v.retired) {
    // One position per rung and track; a shared rung holds its rank on every track (ADR 022).
    const other = rankClash(await livePositionRungs(db), { id, rank: v.rank, track: v.track });
    if (other)
      errors.rank = `${other.name} is already at rank ${v.rank} (${TRACK_NAMES[trackOf(other)]}): choose a free rank, or move positions with the arrows on the ladder.`;
  }
  if (v.retired && id !== null) {
    const n = await activeHolders(db, id);
    if (n > 0)
      errors.retired = `${n} ${n === 1 ? "person holds" : "people hold"} this position: move them to another position first.`;
  }
  return errors;
}

/** The lowest free rank above every live position: where a new position goes by default. */
export async function nextFreeRank(db: DB): Promise<number> {
  const live = (await listLadder(db)).filter((p) => !p.retired);
  return live.reduce((m, p) => Math.max(m, p.rank), 0) + 1;
}

/** The live skills' keys: the position form has one level field per skill. */
export async function positionSkillKeys(db: DB): Promise<string[]> {
  return (await listSkills(db)).map((s) => s.key);
}

/** A new position starts live; retiring is an edit. */
export async function createPosition(
  db: DB,
  actor: Actor,
  input: Omit<PositionValues, "retired">,
  now: Date,
): Promise<Result<{ id: number }>> {
  const refused = refuseCapability(actor, "catalog:manage");
  if (refused) return refused;
  const v = toRow({ ...input, retired: false }, null);
  const failed = failIfAny(await check(db, v, null));
  if (failed) return failed;
  const written = await uniqueOr(
    () =>
      inTransaction(db, async (tx) => {
        const id = await insertPosition(tx, await uniquePositionKey(tx, v.name), v);
        await setRequirements(tx, id, v.requirements);
        await recordAudit(
          tx,
          {
            actorId: auditActorId(actor),
            action: "position_create",
            entity: "position",
            entityId: id,
            subjectPersonId: null,
            after: v,
          },
          now,
        );
        return id;
      }),
    [
      {
        names: ["positions_key_key", "positions.key"],
        field: "name",
        message: "A position with this name was just created: reload and choose another name.",
      },
    ],
  );
  return written.ok ? ok({ id: written.value }) : conflict(written.errors.name ?? "A position with this name was just created.");
}

export async function updatePosition(
  db: DB,
  actor: Actor,
  id: number,
  input: PositionValues,
  now: Date,
): Promise<Result<{ id: number }>> {
  const refused = refuseCapability(actor, "catalog:manage");
  if (refused) return refused;
  const before = await getLadderPosition(db, id);
  if (!before) return notFound("This position no longer exists.");
  const v = toRow(input, before);
  const failed = failIfAny(await check(db, v, id));
  if (failed) return failed;
  await inTransaction(db, async (tx) => {
    await updatePositionRow(tx, id, v);
    await setRequirements(tx, id, v.requirements);
    const { holders: _, ...was } = before;
    await recordAudit(
      tx,
      {
        actorId: auditActorId(actor),
        action: v.retired && !before.retired ? "position_retire" : "position_update",
        entity: "position",
        entityId: id,
        subjectPersonId: null,
        before: was,
        after: v,
      },
      now,
    );
  });
  return ok({ id });
}

/** Swaps a live position's rank with its neighbour's, one rung up (more senior) or down. */
export async function movePosition(
  db: DB,
  actor: Actor,
  { id, direction }: MoveValues,
  now: Date,
): Promise<Result<{ id: number }>> {
  const refused = refuseCapability(actor, "catalog:manage");
  if (refused) return refused;
  // A position moves among the rungs of its own track (the shared rungs among themselves).
  const all = (await listLadder(db)).filter((p) => !p.retired);
  const track = all.find((p) => p.id === id)?.track;
  const live = all.filter((p) => p.track === track).sort((a, b) => a.rank - b.rank || a.id - b.id);
  const i = live.findIndex((p) => p.id === id);
  if (i < 0) return conflict("Only a live position can be moved.");
  // Up is more senior: the next higher rank.
  const j = direction === "up" ? i + 1 : i - 1;
  if (j < 0 || j >= live.length)
    return conflict(`This position is already at the ${direction === "up" ? "top" : "bottom"} of the ladder.`);
  const a = live[i]!;
  const b = live[j]!;
  await inTransaction(db, async (tx) => {
    await setRank(tx, a.id, b.rank);
    await setRank(tx, b.id, a.rank);
    await recordAudit(
      tx,
      {
        actorId: auditActorId(actor),
        action: "position_move",
        entity: "position",
        entityId: a.id,
        subjectPersonId: null,
        before: { [a.name]: a.rank, [b.name]: b.rank },
        after: { [a.name]: b.rank, [b.name]: a.rank },
      },
      now,
    );
  });
  return ok({ id });
}
