// Signing in and out, and the throttle every password check goes through (sign-in, the profile's current
// password, set-password links). Authentication is not a command on behalf of an actor, so it has its own
// small result: a session, or a refusal saying whether the throttle (app/auth/throttle.ts) or the
// credentials refused. The routes turn those into 429 and 401; nothing here knows HTTP.
import type { DB } from "~/db.server";
import { findPersonByEmail } from "~/models/people.server";
import { recordAudit } from "~/models/audit.server";
import { clearFailures, createSession, recentFailures, recordFailure, revokeSession } from "~/models/sessions.server";
import { type SecurityEvent, accountRef, logEvent } from "~/utils/log.server";
import { dummyPasswordHash, verifyPassword } from "./password.server";
import { pairWindowStart, throttleVerdict, windowStart } from "./throttle";

export const BAD_CREDENTIALS = "Email or password is incorrect.";

export type SignInResult =
  | { kind: "ok"; sessionId: string }
  | { kind: "throttled"; message: string; retryAfterSeconds: number }
  | { kind: "badCredentials"; message: string };

/** Who tries a password: the account (the email typed, or the signed-in person's) and the client address. */
export interface Attempt {
  /** absent when no account is named (a set-password link): then only the address counts */
  email?: string;
  address: string;
}

function keysOf(a: Attempt) {
  const ref = a.email === undefined ? null : accountRef(a.email);
  return {
    ref,
    pair: ref ? `pair:${ref}|${a.address}` : null,
    address: `ip:${a.address}`,
    account: ref ? `acct:${ref}` : null,
  };
}

export type Throttled = { kind: "throttled"; message: string; retryAfterSeconds: number };

/**
 * Null when the attempt may go ahead (after the account's slow-down, if it fails a lot from everywhere);
 * else the refusal, logged.
 */
export async function throttled(db: DB, attempt: Attempt, now: Date, event: SecurityEvent): Promise<Throttled | null> {
  const k = keysOf(attempt);
  const [pairCounts, counts] = await Promise.all([
    k.pair ? recentFailures(db, [k.pair], pairWindowStart(now)) : Promise.resolve(new Map()),
    recentFailures(db, k.account ? [k.address, k.account] : [k.address], windowStart(now)),
  ]);
  const verdict = throttleVerdict(
    {
      pair: k.pair ? pairCounts.get(k.pair) : undefined,
      address: counts.get(k.address),
      account: k.account ? counts.get(k.account) : undefined,
    },
    now,
  );
  if (verdict.kind === "allow") {
    if (verdict.delayMs > 0) await new Promise((r) => setTimeout(r, verdict.delayMs));
    return null;
  }
  logEvent(event, { address: attempt.address, account: k.ref, reason: verdict.reason }, now);
  return { kind: "throttled", message: verdict.message, retryAfterSeconds: verdict.retryAfterSeconds };
}

/** A failed check counts against the pair, the address and the account; and is logged. */
export async function noteFailure(
  db: DB,
  attempt: Attempt,
  now: Date,
  event: SecurityEvent,
  account: number | null = null,
): Promise<void> {
  const k = keysOf(attempt);
  await recordFailure(
    db,
    [k.pair, k.address, k.account].filter((x): x is string => !!x),
    now,
  );
  logEvent(event, { address: attempt.address, account: account ?? k.ref }, now);
}

/** A right password clears its own pair's back-off (not the address's count: spraying is not forgiven). */
export async function noteSuccess(db: DB, attempt: Attempt): Promise<void> {
  const { pair } = keysOf(attempt);
  if (pair) await clearFailures(db, pair);
}

export async function signIn(
  db: DB,
  input: { email: string; password: string; address: string; userAgent: string | null },
  now: Date,
): Promise<SignInResult> {
  const email = input.email.trim().toLowerCase();
  const attempt = { email, address: input.address };
  const refused = await throttled(db, attempt, now, "auth.sign_in_throttled");
  if (refused) return refused;

  const person = await findPersonByEmail(db, email);
  // Verify against a dummy hash for unknown accounts so both answers take the same time.
  const valid = await verifyPassword(person?.password_hash ?? (await dummyPasswordHash()), input.password);
  if (!person || !valid || !person.password_hash || !person.active) {
    await noteFailure(db, attempt, now, "auth.sign_in_failed", person?.id ?? null);
    return { kind: "badCredentials", message: BAD_CREDENTIALS };
  }
  await noteSuccess(db, attempt);
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
