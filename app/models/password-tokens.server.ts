import crypto from "node:crypto";
import { now as clockNow } from "~/clock.server";
import type { DB } from "~/db.server";

const TOKEN_TTL_HOURS = 72;

function digest(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}

/**
 * A one-time set-password token; only its hash is stored. A person has one live link at a time: issuing a
 * new one revokes the older unused ones (a link sent to an old address, or to the wrong person, dies).
 */
export async function createPasswordToken(db: DB, personId: number, now = clockNow()): Promise<string> {
  const token = crypto.randomBytes(24).toString("base64url");
  await revokePasswordTokens(db, personId);
  await db
    .insertInto("password_tokens")
    .values({
      token_hash: digest(token),
      person_id: personId,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + TOKEN_TTL_HOURS * 3600_000).toISOString(),
    })
    .execute();
  return token;
}

export async function findValidToken(db: DB, token: string, now = clockNow()) {
  return db
    .selectFrom("password_tokens")
    .innerJoin("people", "people.id", "password_tokens.person_id")
    .select(["password_tokens.token_hash", "people.id as person_id", "people.name", "people.email"])
    .where("password_tokens.token_hash", "=", digest(token))
    .where("password_tokens.used_at", "is", null)
    .where("password_tokens.expires_at", ">", now.toISOString())
    .where("people.active", "=", 1)
    .executeTakeFirst();
}

/**
 * Uses up a token if it is still unused and unexpired: one conditional update, so of two requests
 * racing with the same link (on two instances) exactly one gets true.
 */
export async function markTokenUsed(db: DB, token: string, now = clockNow()): Promise<boolean> {
  const r = await db
    .updateTable("password_tokens")
    .set({ used_at: now.toISOString() })
    .where("token_hash", "=", digest(token))
    .where("used_at", "is", null)
    .where("expires_at", ">", now.toISOString())
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Removes every unused link of a person (used ones stay: they are the record that a link was used). */
export async function revokePasswordTokens(db: DB, personId: number): Promise<void> {
  await db.deleteFrom("password_tokens").where("person_id", "=", personId).where("used_at", "is", null).execute();
}
