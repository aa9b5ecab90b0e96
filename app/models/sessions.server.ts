import crypto from "node:crypto";
import { now as clockNow } from "~/clock.server";
import type { DB } from "~/db.server";

export const SESSION_TTL_HOURS = Number(process.env.SESSION_TTL_HOURS ?? 12);

/**
 * Session ids are stored as their SHA-256 (as API tokens and set-password tokens are): a copy of the
 * database or a backup does not hold cookies anyone could sign in with. The id is 256 random bits, so a
 * plain hash is enough (nothing to guess a dictionary from). `sessions.id` — and `CurrentUser.session_id` —
 * is the hash; only the cookie carries the id itself.
 */
export function sessionKey(sessionId: string): string {
  return crypto.createHash("sha256").update(sessionId).digest("hex");
}

/** A new session; returns the id for the cookie (only its hash is stored). */
export async function createSession(db: DB, personId: number, userAgent: string | null, now = clockNow()) {
  const id = crypto.randomBytes(32).toString("base64url");
  await db
    .insertInto("sessions")
    .values({
      id: sessionKey(id),
      person_id: personId,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + SESSION_TTL_HOURS * 3600_000).toISOString(),
      user_agent: userAgent?.slice(0, 300) ?? null,
    })
    .execute();
  return id;
}

/** The signed-in person behind a session id (the cookie's), if the session is live and the person active. */
export async function findSessionUser(db: DB, sessionId: string, now = clockNow()) {
  return db
    .selectFrom("sessions")
    .innerJoin("people", "people.id", "sessions.person_id")
    .select([
      "people.id",
      "people.name",
      "people.email",
      "people.role",
      "people.team_id",
      "people.manager_id",
      "people.position_id",
      "people.theme",
      "sessions.id as session_id",
    ])
    .where("sessions.id", "=", sessionKey(sessionId))
    .where("sessions.revoked_at", "is", null)
    .where("sessions.expires_at", ">", now.toISOString())
    .where("people.active", "=", 1)
    .executeTakeFirst();
}

/** Ends the session of a cookie's id. */
export async function revokeSession(db: DB, sessionId: string, now = clockNow()) {
  await db.updateTable("sessions").set({ revoked_at: now.toISOString() }).where("id", "=", sessionKey(sessionId)).execute();
}

/** Ends every session of a person, but `exceptId` (a stored id: `CurrentUser.session_id`). */
export async function revokeAllSessions(db: DB, personId: number, now = clockNow(), exceptId?: string) {
  let q = db
    .updateTable("sessions")
    .set({ revoked_at: now.toISOString() })
    .where("person_id", "=", personId)
    .where("revoked_at", "is", null);
  if (exceptId) q = q.where("id", "!=", exceptId);
  await q.execute();
}

// Throttling lives in the database so every app instance sees the same counts (app/auth/throttle.ts).
/** Failures per key since `since`: how many, the oldest and the newest. */
export async function recentFailures(db: DB, keys: string[], since: Date) {
  const rows = await db
    .selectFrom("login_attempts")
    .select([
      "key",
      (eb) => eb.fn.countAll<number>().as("n"),
      (eb) => eb.fn.min("at").as("first"),
      (eb) => eb.fn.max("at").as("last"),
    ])
    .where("key", "in", keys)
    .where("at", ">", since.toISOString())
    .groupBy("key")
    .execute();
  return new Map(rows.map((r) => [r.key, { count: Number(r.n), first: r.first as string, last: r.last as string }]));
}

/** Records a failure under each key; rows of those keys older than a day are no longer read, so they go. */
export async function recordFailure(db: DB, keys: string[], now = clockNow()) {
  const stale = new Date(now.getTime() - 24 * 3600_000).toISOString();
  await db.deleteFrom("login_attempts").where("key", "in", keys).where("at", "<", stale).execute();
  await db
    .insertInto("login_attempts")
    .values(keys.map((key) => ({ key, at: now.toISOString() })))
    .execute();
}

export async function clearFailures(db: DB, key: string) {
  await db.deleteFrom("login_attempts").where("key", "=", key).execute();
}
