// Integration-token commands (admin page): (db, actor, input, now) → Result. The token's value is in the
// create result only: just its hash is stored, so it is shown once.
import { type Actor, auditActorId, refuseCapability } from "~/auth/authorize.server";
import { type DB, inTransaction } from "~/db.server";
import { getToken, insertToken, revokeToken } from "~/models/api-tokens.server";
import { recordAudit } from "~/models/audit.server";
import type { TokenCreateValues, TokenRevokeValues } from "~/schemas/api-token";
import { type Result, conflict, notFound, ok } from "~/utils/result";

export async function createApiToken(
  db: DB,
  actor: Actor,
  { name }: TokenCreateValues,
  now: Date,
): Promise<Result<{ id: number; name: string; token: string; prefix: string }>> {
  const refused = refuseCapability(actor, "tokens:manage");
  if (refused) return refused;
  const t = await inTransaction(db, async (tx) => {
    const t = await insertToken(tx, { name, createdBy: actor.id }, now);
    await recordAudit(
      tx,
      {
        actorId: auditActorId(actor),
        action: "token_create",
        entity: "api_token",
        entityId: t.id,
        subjectPersonId: null,
        after: { name, prefix: t.prefix },
      },
      now,
    );
    return t;
  });
  return ok({ ...t, name });
}

export async function revokeApiToken(
  db: DB,
  actor: Actor,
  { tokenId }: TokenRevokeValues,
  now: Date,
): Promise<Result<{ name: string }>> {
  const refused = refuseCapability(actor, "tokens:manage");
  if (refused) return refused;
  const token = await getToken(db, tokenId);
  if (!token) return notFound("No such token.");
  // One conditional update: of two revocations at once, one revokes and the other is told it already was.
  const revoked = await inTransaction(db, async (tx) => {
    if (!(await revokeToken(tx, token.id, now))) return false;
    await recordAudit(
      tx,
      {
        actorId: auditActorId(actor),
        action: "token_revoke",
        entity: "api_token",
        entityId: token.id,
        subjectPersonId: null,
        before: { name: token.name, prefix: token.prefix },
      },
      now,
    );
    return true;
  });
  return revoked ? ok({ name: token.name }) : conflict(`Token “${token.name}” is already revoked.`);
}
