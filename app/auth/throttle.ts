// Sign-in throttling policy. Pure: counts come from the database, `now` is passed in.
export const WINDOW_MINUTES = 15;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_ADDRESS = 20;

export interface FailureCount {
  count: number;
  /** ISO time of the oldest failure still inside the window */
  first: string;
}

export function windowStart(now: Date): Date {
  return new Date(now.getTime() - WINDOW_MINUTES * 60_000);
}

/** A refusal message when the account or address has failed too often, else null. */
export function throttleMessage(account: FailureCount | undefined, address: FailureCount | undefined, now: Date): string | null {
  const blocked =
    (account && account.count >= MAX_FAILURES_PER_ACCOUNT && account) ||
    (address && address.count >= MAX_FAILURES_PER_ADDRESS && address);
  if (!blocked) return null;
  const freeAt = new Date(blocked.first).getTime() + WINDOW_MINUTES * 60_000;
  const minutes = Math.max(1, Math.ceil((freeAt - now.getTime()) / 60_000));
  return `Too many failed sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
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
