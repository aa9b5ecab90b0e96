import type { DB } from "~/db.server";
import { isInSubtree, personTeam } from "~/models/people.server";
import type { Relation } from "./permissions";

/** How `subjectId` relates to the actor; null when no such person exists. */
export async function relationTo(
  db: DB,
  actor: { id: number; team_id: number | null },
  subjectId: number,
): Promise<Relation | null> {
  if (!Number.isInteger(subjectId) || subjectId <= 0) return null;
  if (subjectId === actor.id) return { self: true, sameTeam: true, inSubtree: false };
  const subject = await personTeam(db, subjectId);
  if (!subject) return null;
  return {
    self: false,
    sameTeam: actor.team_id !== null && subject.team_id === actor.team_id,
    inSubtree: await isInSubtree(db, actor.id, subjectId),
  };
}
