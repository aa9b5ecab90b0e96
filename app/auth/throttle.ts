// Sign-in throttling policy (issue 12). Pure: the counts come from the database (every instance sees the same),
// `now` is passed in. It must slow an attacker without letting one lock a victim out, so nothing is ever
// refused for an account as a whole:
// - per (account, address) pair: the first few failures are free, then each failure doubles the wait before
//   that pair may try again (exponential back-off). The attacker's address waits; the victim's does not.
// - per address, across accounts: past a limit in the window the address is refused (password spraying).
// - per account, across addresses: a slow global limit that only adds a short delay to every check of the
//   account (a distributed guesser gets fewer tries a second), never a refusal.
export const WINDOW_MINUTES = 15;
/** Failures of one (account, address) pair before back-off starts. */
export const FREE_PAIR_FAILURES = 3;
/** The wait after the first failure past the free ones; it doubles with each further failure. */
export const FIRST_BACKOFF_SECONDS = 30;
export const MAX_BACKOFF_MINUTES = 15;
/** How far back a pair's failures count (longer than the longest wait, so back-off keeps growing). */
export const PAIR_WINDOW_MINUTES = 60;
export const MAX_FAILURES_PER_ADDRESS = 20;
/** Failures of one account from anywhere in the window before each check is slowed down. */
export const SLOW_ACCOUNT_FAILURES = 10;
export const ACCOUNT_DELAY_STEP_MS = 200;
export const MAX_ACCOUNT_DELAY_MS = 2_000;

export interface FailureCount {
  count: number;
  /** ISO time of the oldest failure still inside the window */
  first: string;
  /** ISO time of the newest failure */
  last: string;
}

export interface ThrottleCounts {
  /** failures of this account from this address, in the last PAIR_WINDOW_MINUTES */
  pair?: FailureCount;
  /** failures from this address, any account, in the last WINDOW_MINUTES */
  address?: FailureCount;
  /** failures of this account, any address, in the last WINDOW_MINUTES */
  account?: FailureCount;
}

export type ThrottleVerdict =
  { kind: "allow"; delayMs: number } | { kind: "refuse"; reason: "pair" | "address"; retryAfterSeconds: number; message: string };

export function windowStart(now: Date): Date {
  return new Date(now.getTime() - WINDOW_MINUTES * 60_000);
}

export function pairWindowStart(now: Date): Date {
  return new Date(now.getTime() - PAIR_WINDOW_MINUTES * 60_000);
}

/** How long a pair must wait after its latest failure, having failed `failures` times: 0, then 30 s, 60 s, … 15 min. */
export function backoffMs(failures: number): number {
  if (failures < FREE_PAIR_FAILURES) return 0;
  const doublings = Math.min(failures - FREE_PAIR_FAILURES, 20);
  return Math.min(FIRST_BACKOFF_SECONDS * 1000 * 2 ** doublings, MAX_BACKOFF_MINUTES * 60_000);
}

/** The delay added to every check of an account that fails a lot from everywhere: slower, never locked. */
export function accountDelayMs(failures: number): number {
  if (failures < SLOW_ACCOUNT_FAILURES) return 0;
  return Math.min((failures - SLOW_ACCOUNT_FAILURES + 1) * ACCOUNT_DELAY_STEP_MS, MAX_ACCOUNT_DELAY_MS);
}

function refusal(reason: "pair" | "address", freeAtMs: number, now: Date): ThrottleVerdict {
  const seconds = Math.max(1, Math.ceil((freeAtMs - now.getTime()) / 1000));
  const wait =
    seconds < 60
      ? `${seconds} second${seconds === 1 ? "" : "s"}`
      : `${Math.ceil(seconds / 60)} minute${Math.ceil(seconds / 60) === 1 ? "" : "s"}`;
  return {
    kind: "refuse",
    reason,
    retryAfterSeconds: seconds,
    message: `Too many failed sign-in attempts. Try again in ${wait}.`,
  };
}

/** May this password check go ahead? The address limit first, then the pair's back-off; else allowed, maybe slowed. */
export function throttleVerdict(counts: ThrottleCounts, now: Date): ThrottleVerdict {
  const { pair, address, account } = counts;
  if (address && address.count >= MAX_FAILURES_PER_ADDRESS) {
    return refusal("address", new Date(address.first).getTime() + WINDOW_MINUTES * 60_000, now);
  }
  if (pair) {
    const freeAt = new Date(pair.last).getTime() + backoffMs(pair.count);
    if (freeAt > now.getTime()) return refusal("pair", freeAt, now);
  }
  return { kind: "allow", delayMs: accountDelayMs(account?.count ?? 0) };
}

/**
 * Only same-site absolute paths; anything else (other hosts, protocol-relative, backslashes) goes home. The
 * result is always a valid Location header: other characters than printable ASCII are percent-encoded (a
 * Location with U+3000 made the redirect itself throw, a 500), and any white space or control character,
 * Unicode's line separators included, sends home (a header-splitting or log-forging attempt).
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (!to || typeof to !== "string" || to.length > 2000) return fallback;
  if (!to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\") || to.includes("\\")) return fallback;
  // eslint-disable-next-line no-control-regex
  if (/[\s\u0000-\u001f\u007f-\u009f\u2028\u2029\p{Cf}]/u.test(to)) return fallback;
  try {
    const encoded = to.replace(/[^\x21-\x7e]+/g, (run) => encodeURIComponent(run));
    // Still a path on this site once a browser reads it.
    return new URL(encoded, "http://same.invalid").origin === "http://same.invalid" ? encoded : fallback;
  } catch {
    return fallback; // a lone surrogate cannot be encoded
  }
}
