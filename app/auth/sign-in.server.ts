import { now as clockNow } from "~/clock.server";
import type { DB } from "~/db.server";
import { findPersonByEmail } from "~/models/people.server";
import { recordAudit } from "~/models/audit.server";
import { clearFailures, createSession, recentFailures, recordFailure } from "~/models/sessions.server";
import { dummyPasswordHash, verifyPassword } from "./password.server";
import { throttleMessage, windowStart } from "./throttle";

export const BAD_CREDENTIALS = "Email or password is incorrect.";

/** The client address as reported by a reverse proxy; without one there is no per-address limit. */
export function clientAddress(request: Request): string | null {
  const fwd = request.headers.get("x-forwarded-for");
  return fwd ? fwd.split(",")[0]!.trim() || null : null;
}

export async function signIn(
  db: DB,
  input: { email: string; password: string; address: string | null; userAgent: string | null },
  now = clockNow(),
): Promise<{ ok: true; sessionId: string } | { ok: false; error: string; status: number }> {
  const email = input.email.trim().toLowerCase();
  const accountKey = `email:${email}`;
  const addressKey = input.address ? `ip:${input.address}` : null;
  const keys = addressKey ? [accountKey, addressKey] : [accountKey];

  const counts = await recentFailures(db, keys, windowStart(now));
  const refused = throttleMessage(counts.get(accountKey), addressKey ? counts.get(addressKey) : undefined, now);
  if (refused) return { ok: false, error: refused, status: 429 };

  const person = await findPersonByEmail(db, email);
  // Verify against a dummy hash for unknown accounts so both answers take the same time.
  const valid = await verifyPassword(person?.password_hash ?? (await dummyPasswordHash()), input.password);
  if (!person || !valid || !person.password_hash || !person.active) {
    await recordFailure(db, keys, now);
    return { ok: false, error: BAD_CREDENTIALS, status: 401 };
  }
  await clearFailures(db, accountKey);
  const sessionId = await createSession(db, person.id, input.userAgent, now);
  await recordAudit(db, { actorId: person.id, action: "sign_in", entity: "person", entityId: person.id, subjectPersonId: person.id }, now);
  return { ok: true, sessionId };
}
