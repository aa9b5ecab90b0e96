// Who the actor is to an appraisal, in the workflow's terms, worked out through the permission module:
// "employee" (the person appraised), "manager" (rates: their subtree), "admin" (reopens: the organisation).
import type { Actor } from "~/auth/authorize.server";
import { can, reachesEveryone } from "~/auth/permissions";
import { relationTo } from "~/auth/relation.server";
import type { DB } from "~/db.server";
import type { ActorKind } from "~/domain/appraisal-workflow";
import { subtreeIds } from "~/models/people.server";

/**
 * The actor's part in an appraisal of `personId`: null when they may not read it (so it does not exist
 * for them), otherwise their kind, or "reader" when they may read it but play no part in the workflow.
 */
export async function actorKindFor(db: DB, actor: Actor, personId: number): Promise<ActorKind | "reader" | null> {
  const rel = await relationTo(db, actor, personId);
  if (!rel || !can(actor.role, "appraisal:read", rel)) return null;
  if (rel.self) return "employee";
  if (can(actor.role, "appraisal:rate", rel)) return "manager";
  if (can(actor.role, "appraisal:reopen", rel)) return "admin";
  return "reader";
}

/** For starting an appraisal: the actor as manager (subtree) or admin; null when the person is out of reach. */
export async function starterKind(db: DB, actor: Actor, personId: number): Promise<ActorKind | null> {
  const rel = await relationTo(db, actor, personId);
  if (!rel) return null;
  if (rel.self) return "employee"; // the workflow refuses: nobody starts their own appraisal
  if (!can(actor.role, "appraisal:start", rel)) return null;
  // Starting for one's own report is a manager's act, whoever else one is; beyond it, the organisation's.
  return rel.inSubtree ? "manager" : "admin";
}

/** People whose appraisals the actor runs in a cycle view: a manager's subtree; undefined = everyone. */
export async function peopleInScope(db: DB, actor: Actor): Promise<number[] | undefined> {
  if (reachesEveryone(actor.role, "appraisal:start")) return undefined;
  return subtreeIds(db, actor.id);
}
