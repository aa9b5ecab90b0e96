// Setting a password through a one-time link (invitation or reset).
import { hashPassword } from "~/auth/password.server";
import { type DB, inTransaction } from "~/db.server";
import { recordAudit } from "~/models/audit.server";
import { markTokenUsed } from "~/models/password-tokens.server";
import { setPasswordHash } from "~/models/people.server";

/** False when the link was used (or expired) meanwhile, e.g. by a parallel request: nothing changes then. */
export async function setPasswordWithToken(db: DB, token: string, personId: number, password: string): Promise<boolean> {
  const passwordHash = await hashPassword(password);
  return inTransaction(db, async (tx) => {
    if (!(await markTokenUsed(tx, token))) return false;
    await setPasswordHash(tx, personId, passwordHash);
    await recordAudit(tx, { actorId: personId, action: "password_set", entity: "person", entityId: personId, subjectPersonId: personId });
    return true;
  });
}
