// Signing in and out. Authentication is not a command on behalf of an actor, so it has its own small
// result: a session, or a refusal saying whether the throttle (app/auth/throttle.ts) or the credentials
// refused. The login route turns those into 429 and 401; nothing here knows HTTP.
import type { DB } from "~/db.server";
import { findPersonByEmail } from "~/models/people.server";
import { recordAudit } from "~/models/audit.server";
import { clearFailures, createSession, recentFailures, recordFailure, revokeSession } from "~/models/sessions.server";
import { dummyPasswordHash, verifyPassword } from "./password.server";
import { throttleMessage, windowStart } from "./throttle";

export const BAD_CREDENTIALS = "Email or password is incorrect.";

export type SignInResult =
  { kind: "ok"; sessionId: string } | { kind: "throttled"; message: string } | { kind: "badCredentials"; message: string };

/** The client address as reported by a reverse proxy; without one there is no per-address limit. */
export function clientAddress(request: Request): string | null {
  const fwd = request.headers.get("x-forwarded-for");
  return fwd ? fwd.split(",")[0]!.trim() || null : null;
}

export async function signIn(
  db: DB,
  input: { email: string; password: string; address: string | null; userAgent: string | null },
  now: Date,
): Promise<SignInResult> {
  const email = input.email.trim().toLowerCase();
  const accountKey = `email:${email}`;
  const addressKey = input.address ? `ip:${input.address}` : null;
  const keys = addressKey ? [accountKey, addressKey] : [accountKey];

  const counts = await recentFailures(db, keys, windowStart(now));
  const refused = throttleMessage(counts.get(accountKey), addressKey ? counts.get(addressKey) : undefined, now);
  if (refused) return { kind: "throttled", message: refused };

  const person = await findPersonByEmail(db, email);
  // Verify against a dummy hash for unknown accounts so both answers take the same time.
  const valid = await verifyPassword(person?.password_hash ?? (await dummyPasswordHash()), input.password);
  if (!person || !valid || !person.password_hash || !person.active) {
    await recordFailure(db, keys, now);
    return { kind: "badCredentials", message: BAD_CREDENTIALS };
  }
  await clearFailures(db, accountKey);
  const sessionId = await createSession(db, person.id, input.userAgent, now);
  await recordAudit(
    db,
    { actorId: person.id, action: "sign_in", entity: "person", entityId: person.id, subjectPersonId: person.id },
    now,
  );
  return { kind: "ok", sessionId };
}

/** Ends the session on the server, so a copied cookie stops working too. */
export async function signOut(db: DB, sessionId: string | null, now: Date): Promise<void> {
  if (sessionId) await revokeSession(db, sessionId, now);
}
