// The sign-in throttle's policy (app/auth/throttle.ts), with hand-computed fixtures.
import { describe, expect, it } from "vitest";
import {
  FREE_PAIR_FAILURES,
  MAX_BACKOFF_MINUTES,
  MAX_FAILURES_PER_ADDRESS,
  accountDelayMs,
  backoffMs,
  throttleVerdict,
} from "../../app/auth/throttle";

const now = new Date("2026-01-01T12:00:00Z");
const at = (secondsAgo: number) => new Date(now.getTime() - secondsAgo * 1000).toISOString();
const count = (n: number, firstAgo: number, lastAgo: number) => ({ count: n, first: at(firstAgo), last: at(lastAgo) });

describe("back-off per account and address", () => {
  it("lets the first failures through, then doubles the wait from 30 s up to 15 minutes", () => {
    expect([0, 1, 2].map(backoffMs)).toEqual([0, 0, 0]);
    expect(FREE_PAIR_FAILURES).toBe(3);
    expect([3, 4, 5, 6].map(backoffMs)).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(backoffMs(8)).toBe(15 * 60_000); // 960 s capped at 900 s
    expect(backoffMs(1_000)).toBe(MAX_BACKOFF_MINUTES * 60_000);
  });

  it("refuses a pair inside its wait, saying how long is left, and allows it after", () => {
    const refused = throttleVerdict({ pair: count(4, 300, 20) }, now); // waits 60 s from 20 s ago
    expect(refused).toEqual({
      kind: "refuse",
      reason: "pair",
      retryAfterSeconds: 40,
      message: "Too many failed sign-in attempts. Try again in 40 seconds.",
    });
    expect(throttleVerdict({ pair: count(4, 300, 61) }, now)).toEqual({ kind: "allow", delayMs: 0 });
    expect(throttleVerdict({ pair: count(2, 10, 1) }, now).kind).toBe("allow");
  });

  it("speaks in minutes for long waits", () => {
    const v = throttleVerdict({ pair: count(8, 600, 0) }, now);
    expect(v.kind === "refuse" && v.message).toBe("Too many failed sign-in attempts. Try again in 15 minutes.");
  });
});

describe("the address limit and the account slow-down", () => {
  it("refuses an address past its limit until the oldest failure leaves the 15-minute window", () => {
    const v = throttleVerdict({ address: count(MAX_FAILURES_PER_ADDRESS, 300, 1) }, now);
    expect(v).toMatchObject({ kind: "refuse", reason: "address", retryAfterSeconds: 600 });
    expect(throttleVerdict({ address: count(MAX_FAILURES_PER_ADDRESS - 1, 300, 1) }, now).kind).toBe("allow");
  });

  it("never refuses because of the account's failures from elsewhere: it only slows each check", () => {
    expect(accountDelayMs(9)).toBe(0);
    expect(accountDelayMs(10)).toBe(200);
    expect(accountDelayMs(14)).toBe(1_000);
    expect(accountDelayMs(10_000)).toBe(2_000);
    expect(throttleVerdict({ account: count(10_000, 800, 0) }, now)).toEqual({ kind: "allow", delayMs: 2_000 });
    // the victim's own pair is clean: allowed, however hard the account is attacked
    expect(throttleVerdict({ account: count(500, 800, 0), pair: undefined }, now).kind).toBe("allow");
  });
});
