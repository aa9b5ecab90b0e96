// Passwords: chosen through a one-time link (invitation or reset), changed on the profile page, or set by an admin (the CLI).
import { type Actor, auditActorId, refuse } from "~/auth/authorize.server";
import { hashPassword, verifyPassword } from "~/auth/password.server";
import { type Attempt, noteFailure, noteSuccess } from "~/auth/sign-in.server";
import { type DB, inTransaction } from "~/db.server";
import { recordAudit } from "~/models/audit.server";
import { findValidToken, markTokenUsed } from "~/models/password-tokens.server";
import { passwordHashOf, setPasswordHash } from "~/models/people-writes.server";
import { revokeAllSessions } from "~/models/sessions.server";
import type { PasswordChangeValues, SetPasswordValues } from "~/schemas/password";
import { type Result, invalid, notFound, ok } from "~/utils/result";

export const LINK_GONE = "This link has expired or was already used.";

/**
 * Sets the password of the link's person. The link is the authority (nobody is signed in); it works once:
 * of two requests racing with it (on two instances) one sets the password, the other gets not-found.
 * Whoever held a session before (perhaps the reason for the reset) is signed out everywhere.
 */
export async function setPasswordWithLink(
  db: DB,
  token: string,
  input: SetPasswordValues,
  now: Date,
): Promise<Result<{ personId: number }>> {
  const link = await findValidToken(db, token, now);
  if (!link) return notFound(LINK_GONE);
  const passwordHash = await hashPassword(input.password);
  const done = await inTransaction(db, async (tx) => {
    if (!(await markTokenUsed(tx, token, now))) return false;
    await setPasswordHash(tx, link.person_id, passwordHash, now);
    await revokeAllSessions(tx, link.person_id, now);
    await recordAudit(
      tx,
      {
        actorId: link.person_id,
        action: "password_set",
        entity: "person",
        entityId: link.person_id,
        subjectPersonId: link.person_id,
      },
      now,
    );
    return true;
  });
  return done ? ok({ personId: link.person_id }) : notFound(LINK_GONE);
}

/**
 * The signed-in person changes their own password; their other sessions end, this one stays. With `attempt`
 * (the route has asked the throttle first) a wrong current password counts as a failed password check.
 */
export async function changePassword(
  db: DB,
  actor: Actor & { session_id: string },
  input: PasswordChangeValues,
  now: Date,
  attempt?: Attempt,
): Promise<Result> {
  if (!(await verifyPassword(await passwordHashOf(db, actor.id), input.current))) {
    if (attempt) await noteFailure(db, attempt, now, "auth.password_check_failed", actor.id);
    return invalid({ current: "Your current password is not correct." });
  }
  if (attempt) await noteSuccess(db, attempt);
  const passwordHash = await hashPassword(input.password);
  await inTransaction(db, async (tx) => {
    await setPasswordHash(tx, actor.id, passwordHash, now);
    await revokeAllSessions(tx, actor.id, now, actor.session_id);
    await recordAudit(
      tx,
      { actorId: actor.id, action: "password_change", entity: "person", entityId: actor.id, subjectPersonId: actor.id },
      now,
    );
  });
  return ok();
}

/** An admin (the CLI) sets someone's password; the person is signed out everywhere. */
export async function resetPassword(
  db: DB,
  actor: Actor,
  personId: number,
  input: SetPasswordValues,
  now: Date,
): Promise<Result> {
  const refused = await refuse(db, actor, "people:manage", personId);
  if (refused) return refused;
  const passwordHash = await hashPassword(input.password);
  await inTransaction(db, async (tx) => {
    await setPasswordHash(tx, personId, passwordHash, now);
    await revokeAllSessions(tx, personId, now);
    await recordAudit(
      tx,
      {
        actorId: auditActorId(actor),
        action: "password_reset_cli",
        entity: "person",
        entityId: personId,
        subjectPersonId: personId,
      },
      now,
    );
  });
  return ok();
}
