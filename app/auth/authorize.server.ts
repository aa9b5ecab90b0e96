// Authorisation inside commands: the same answers as requireCapability/requirePermission give routes,
// as a Failure a command returns instead of a thrown Response.
import type { DB } from "~/db.server";
import type { Role } from "~/domain/types";
import { logRefusal } from "~/utils/log.server";
import { type Failure, forbidden, notFound } from "~/utils/result";
import { type Action, can, hasAnyScope } from "./permissions";
import { relationTo } from "./relation.server";

/** Who acts: the signed-in person (CurrentUser fits), an API token's owner, or the CLI's admin. */
export interface Actor {
  id: number;
  role: Role;
  team_id: number | null;
}

/** A command's refusal, logged as a structured event like the routes' (app/auth/session.server.ts). */
function refused(failure: Failure, actor: Actor, action: Action, subject?: number): Failure {
  logRefusal(failure.kind === "forbidden" ? "forbidden" : "notFound", actor.id, action, subject);
  return failure;
}

/** A role that never holds the action is refused (403); null when it may try. */
export function refuseCapability(actor: Actor, action: Action): Failure | null {
  return hasAnyScope(actor.role, action) ? null : refused(forbidden(), actor, action);
}

/**
 * May the actor do `action` to this person? A role that never holds it gets forbidden; a subject out of
 * reach gets not-found, so guessed ids reveal nothing about who exists. Null means allowed.
 */
export async function refuse(db: DB, actor: Actor, action: Action, subjectPersonId: number): Promise<Failure | null> {
  const byRole = refuseCapability(actor, action);
  if (byRole) return byRole;
  const rel = await relationTo(db, actor, subjectPersonId);
  return rel && can(actor.role, action, rel) ? null : refused(notFound(), actor, action, subjectPersonId);
}

/** The admin CLI (scripts/cli.ts) acts as an admin nobody is signed in as; its writes are audited with no actor. */
export const CLI_ACTOR: Actor = { id: 0, role: "admin", team_id: null };

/** Who the audit log names: the actor, or nobody for the CLI. */
export function auditActorId(actor: Actor): number | null {
  return actor.id > 0 ? actor.id : null;
}
