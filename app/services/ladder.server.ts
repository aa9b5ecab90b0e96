// Career ladder administration: validate → check → write in one transaction → audit.
import { type DB, inTransaction } from "~/db.server";
import { recordAudit } from "~/models/audit.server";
import { uniqueOr } from "~/models/constraint-errors.server";
import { listSkills } from "~/models/catalog.server";
import {
  activeHolders,
  getLadderPosition,
  insertPosition,
  listLadder,
  positionAtRank,
  positionNameTaken,
  setRank,
  setRequirements,
  uniquePositionKey,
  updatePositionRow,
} from "~/models/ladder.server";
import { type FieldErrors, validate } from "~/validation/form.server";
import { type PositionValues, positionSchema, toPositionValues } from "~/validation/ladder.server";

type Result = { ok: true; id: number } | { ok: false; errors: FieldErrors; status?: number };

async function parse(db: DB, form: Record<string, string>) {
  const keys = (await listSkills(db)).map((s) => s.key);
  const parsed = validate(positionSchema(keys), form);
  if (!parsed.ok) return parsed;
  return { ok: true as const, value: toPositionValues(parsed.value, keys) };
}

async function conflicts(db: DB, v: PositionValues, id: number | null): Promise<FieldErrors> {
  const errors: FieldErrors = {};
  if (await positionNameTaken(db, v.name, id)) errors.name = `Another position is already called "${v.name}".`;
  if (!v.retired) {
    const other = await positionAtRank(db, v.rank, id);
    if (other) errors.rank = `${other.name} is already at rank ${v.rank}: choose a free rank, or move positions with the arrows on the ladder.`;
  }
  if (v.retired && id !== null) {
    const n = await activeHolders(db, id);
    if (n > 0) errors.retired = `${n} ${n === 1 ? "person holds" : "people hold"} this position: move them to another position first.`;
  }
  return errors;
}

/** The lowest free rank above every live position: where a new position goes by default. */
export async function nextFreeRank(db: DB): Promise<number> {
  const live = (await listLadder(db)).filter((p) => !p.retired);
  return live.reduce((m, p) => Math.max(m, p.rank), 0) + 1;
}

export async function createPositionFromForm(db: DB, actorId: number, form: Record<string, string>): Promise<Result> {
  // A new position starts live; retiring is an edit.
  const parsed = await parse(db, { ...form, retired: "" });
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  const errors = await conflicts(db, v, null);
  if (Object.keys(errors).length) return { ok: false, errors };
  const written = await uniqueOr(
    () =>
      inTransaction(db, async (tx) => {
        const id = await insertPosition(tx, await uniquePositionKey(tx, v.name), v);
        await setRequirements(tx, id, v.requirements);
        await recordAudit(tx, { actorId, action: "position_create", entity: "position", entityId: id, subjectPersonId: null, after: v });
        return id;
      }),
    [{ names: ["positions_key_key", "positions.key"], field: "name", message: "A position with this name was just created: reload and choose another name." }],
  );
  return written.ok ? { ok: true, id: written.value } : written;
}

export async function updatePositionFromForm(db: DB, actorId: number, id: number, form: Record<string, string>): Promise<Result> {
  const before = await getLadderPosition(db, id);
  if (!before) return { ok: false, errors: { form: "This position no longer exists." } };
  const parsed = await parse(db, form);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  const errors = await conflicts(db, v, id);
  if (Object.keys(errors).length) return { ok: false, errors };
  await inTransaction(db, async (tx) => {
    await updatePositionRow(tx, id, v);
    await setRequirements(tx, id, v.requirements);
    const { holders: _, ...was } = before;
    await recordAudit(tx, { actorId, action: v.retired && !before.retired ? "position_retire" : "position_update", entity: "position", entityId: id, subjectPersonId: null, before: was, after: v });
  });
  return { ok: true, id };
}

/** Swaps a live position's rank with its neighbour's, one rung up (more senior) or down. */
export async function movePosition(db: DB, actorId: number, id: number, direction: "up" | "down"): Promise<Result> {
  const live = (await listLadder(db)).filter((p) => !p.retired).sort((a, b) => a.rank - b.rank || a.id - b.id);
  const i = live.findIndex((p) => p.id === id);
  if (i < 0) return { ok: false, errors: { form: "Only a live position can be moved." } };
  // Up is more senior: the next higher rank.
  const j = direction === "up" ? i + 1 : i - 1;
  if (j < 0 || j >= live.length) return { ok: false, errors: { form: `This position is already at the ${direction === "up" ? "top" : "bottom"} of the ladder.` } };
  const a = live[i]!;
  const b = live[j]!;
  await inTransaction(db, async (tx) => {
    await setRank(tx, a.id, b.rank);
    await setRank(tx, b.id, a.rank);
    await recordAudit(tx, {
      actorId,
      action: "position_move",
      entity: "position",
      entityId: a.id,
      subjectPersonId: null,
      before: { [a.name]: a.rank, [b.name]: b.rank },
      after: { [a.name]: b.rank, [b.name]: a.rank },
    });
  });
  return { ok: true, id };
}
