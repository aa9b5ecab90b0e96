import crypto from "node:crypto";
import { now as clockNow } from "~/clock.server";
import type { DB } from "~/db.server";

export const SESSION_TTL_HOURS = Number(process.env.SESSION_TTL_HOURS ?? 12);

export async function createSession(db: DB, personId: number, userAgent: string | null, now = clockNow()) {
  const id = crypto.randomBytes(32).toString("base64url");
  await db
    .insertInto("sessions")
    .values({
      id,
      person_id: personId,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + SESSION_TTL_HOURS * 3600_000).toISOString(),
      user_agent: userAgent?.slice(0, 300) ?? null,
    })
    .execute();
  return id;
}

/** The signed-in person behind a session id, if the session is live and the person active. */
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
      "sessions.id as session_id",
    ])
    .where("sessions.id", "=", sessionId)
    .where("sessions.revoked_at", "is", null)
    .where("sessions.expires_at", ">", now.toISOString())
    .where("people.active", "=", 1)
    .executeTakeFirst();
}

export async function revokeSession(db: DB, sessionId: string, now = clockNow()) {
  await db.updateTable("sessions").set({ revoked_at: now.toISOString() }).where("id", "=", sessionId).execute();
}

export async function revokeAllSessions(db: DB, personId: number, now = clockNow(), exceptId?: string) {
  let q = db
    .updateTable("sessions")
    .set({ revoked_at: now.toISOString() })
    .where("person_id", "=", personId)
    .where("revoked_at", "is", null);
  if (exceptId) q = q.where("id", "!=", exceptId);
  await q.execute();
}

// Throttling lives in the database so every app instance sees the same counts.
export async function recentFailures(db: DB, keys: string[], since: Date) {
  const rows = await db
    .selectFrom("login_attempts")
    .select(["key", (eb) => eb.fn.countAll<number>().as("n"), (eb) => eb.fn.min("at").as("first")])
    .where("key", "in", keys)
    .where("at", ">", since.toISOString())
    .groupBy("key")
    .execute();
  return new Map(rows.map((r) => [r.key, { count: Number(r.n), first: r.first as string }]));
}

export async function recordFailure(db: DB, keys: string[], now = clockNow()) {
  await db
    .insertInto("login_attempts")
    .values(keys.map((key) => ({ key, at: now.toISOString() })))
    .execute();
}

export async function clearFailures(db: DB, key: string) {
  await db.deleteFrom("login_attempts").where("key", "=", key).execute();
}
