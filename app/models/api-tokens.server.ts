// Integration tokens for the ingest API. Only a SHA-256 hash is stored, with a short visible prefix
// so admins can tell tokens apart; the token itself is shown once, when it is created.
import crypto from "node:crypto";
import { now as clockNow } from "~/clock.server";
import type { DB } from "~/db.server";

export const TOKEN_PREFIX = "sp_";

export function hashToken(token: string): string {
  return crypto.createHash("sha256").update(token, "utf8").digest("hex");
}

/** "sp_" + 43 base64url characters (256 random bits). */
export function newTokenValue(): string {
  return TOKEN_PREFIX + crypto.randomBytes(32).toString("base64url");
}

/** What the token list shows of a token: "sp_" and the next 8 characters. */
export function visiblePrefix(token: string): string {
  return token.slice(0, TOKEN_PREFIX.length + 8);
}

export async function insertToken(db: DB, t: { name: string; createdBy: number }, now = clockNow()) {
  const token = newTokenValue();
  const prefix = visiblePrefix(token);
  const row = await db
    .insertInto("api_tokens")
    .values({ name: t.name, token_hash: hashToken(token), prefix, created_by: t.createdBy, created_at: now.toISOString() })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { id: row.id, token, prefix };
}

export async function listTokens(db: DB) {
  return db
    .selectFrom("api_tokens")
    .innerJoin("people", "people.id", "api_tokens.created_by")
    .select([
      "api_tokens.id",
      "api_tokens.name",
      "api_tokens.prefix",
      "api_tokens.created_at",
      "api_tokens.revoked_at",
      "api_tokens.last_used_at",
      "people.name as creator_name",
    ])
    .orderBy("api_tokens.revoked_at", "asc")
    .orderBy("api_tokens.id", "desc")
    .execute();
}

export async function getToken(db: DB, id: number) {
  return db.selectFrom("api_tokens").selectAll().where("id", "=", id).executeTakeFirst();
}

/** Revokes a token that is still live; false when there is none. */
export async function revokeToken(db: DB, id: number, now = clockNow()): Promise<boolean> {
  const r = await db
    .updateTable("api_tokens")
    .set({ revoked_at: now.toISOString() })
    .where("id", "=", id)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** The token with this value (by hash), with the person it acts for. */
export async function findTokenByValue(db: DB, token: string) {
  return db
    .selectFrom("api_tokens")
    .innerJoin("people", "people.id", "api_tokens.created_by")
    .select([
      "api_tokens.id",
      "api_tokens.name",
      "api_tokens.prefix",
      "api_tokens.revoked_at",
      "api_tokens.created_by",
      "people.role as creator_role",
      "people.active as creator_active",
    ])
    .where("api_tokens.token_hash", "=", hashToken(token))
    .executeTakeFirst();
}

export async function touchToken(db: DB, id: number, now = clockNow()) {
  await db.updateTable("api_tokens").set({ last_used_at: now.toISOString() }).where("id", "=", id).execute();
}
