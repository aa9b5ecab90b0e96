// Certifications (issue 17, part 2): when a certification a person holds is valid, when it counts as
// evidence, and what a position that requires one is still missing. Pure: the day is worked out from `now`
// and a time zone passed in; dates are calendar days (YYYY-MM-DD), compared as text.
//
// Validity is a window of days: from the issued day (inclusive) to the expiry day (exclusive), so a
// certification that "expires on 15 March" no longer counts on 15 March. A verified certification counts as
// evidence on exactly those days (ADR 020): its points are added to the person's buckets at read time, in
// the month it was issued, and are gone the day it expires — nothing stored changes when a date passes.
import type { SkillBucket } from "./scoring";

/** How far ahead expiry is announced on the dashboard and the team view. */
export const EXPIRY_NOTICE_DAYS = 60;

export const HELD_STATUSES = ["submitted", "verified", "returned"] as const;
export type HeldStatus = (typeof HELD_STATUSES)[number];

/** Where a held certification stands on a day. */
export type Validity = "not_yet_valid" | "valid" | "expiring" | "expired";

export interface HeldCertification {
  id: number;
  certificationId: number;
  status: HeldStatus;
  /** YYYY-MM-DD */
  issuedOn: string;
  /** YYYY-MM-DD (first day no longer valid); null: it does not expire */
  expiresOn: string | null;
}

export interface CertificationSkill {
  certificationId: number;
  skill: string;
  points: number;
}

export const VALIDITY_LABELS: Record<Validity, string> = {
  not_yet_valid: "Not valid yet",
  valid: "Valid",
  expiring: "Expiring soon",
  expired: "Expired",
};

export const STATUS_LABELS: Record<HeldStatus, string> = {
  submitted: "Awaiting verification",
  verified: "Verified",
  returned: "Returned",
};

const DAY_MS = 24 * 60 * 60 * 1000;

/** The calendar day of `now` in `timeZone` (an IANA name), whatever zone the process runs in. */
export function dayOf(now: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).formatToParts(
    now,
  );
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? "";
  return `${get("year")}-${get("month")}-${get("day")}`;
}

function dayMs(day: string): number {
  return Date.parse(`${day}T00:00:00Z`);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((dayMs(to) - dayMs(from)) / DAY_MS);
}

/** `day` plus `n` days. */
export function addDays(day: string, n: number): string {
  return new Date(dayMs(day) + n * DAY_MS).toISOString().slice(0, 10);
}

/**
 * `day` plus `months` calendar months; a day the target month lacks becomes its last day
 * (31 January + 1 month = 28 or 29 February), as certification bodies count.
 */
export function addMonthsToDay(day: string, months: number): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const lastOfTarget = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m - 1 + months, Math.min(d, lastOfTarget))).toISOString().slice(0, 10);
}

/** The expiry a new record starts with: issued + validity, or none for a certification that does not expire. */
export function defaultExpiry(issuedOn: string, validityMonths: number | null): string | null {
  return validityMonths === null ? null : addMonthsToDay(issuedOn, validityMonths);
}

/** Where the record stands on `today`, with the days left before it expires (null: it does not). */
export function validityOn(held: Pick<HeldCertification, "issuedOn" | "expiresOn">, today: string) {
  const daysLeft = held.expiresOn === null ? null : daysBetween(today, held.expiresOn);
  let state: Validity;
  if (today < held.issuedOn) state = "not_yet_valid";
  else if (held.expiresOn !== null && today >= held.expiresOn) state = "expired";
  else if (daysLeft !== null && daysLeft <= EXPIRY_NOTICE_DAYS) state = "expiring";
  else state = "valid";
  return { state, daysLeft };
}

/** Evidence on `today`: verified by the manager and inside its validity window. */
export function countsOn(held: HeldCertification, today: string): boolean {
  if (held.status !== "verified") return false;
  const { state } = validityOn(held, today);
  return state === "valid" || state === "expiring";
}

/**
 * Of the records a person holds for one certification (a renewal is a new record), the one that counts on
 * `today`: the latest issued among those that count, so overlapping renewals count once.
 */
export function countingRecords(held: HeldCertification[], today: string): HeldCertification[] {
  const best = new Map<number, HeldCertification>();
  for (const h of held) {
    if (!countsOn(h, today)) continue;
    const was = best.get(h.certificationId);
    if (!was || h.issuedOn > was.issuedOn || (h.issuedOn === was.issuedOn && h.id > was.id)) best.set(h.certificationId, h);
  }
  return [...best.values()];
}

/**
 * The skill buckets the counting certifications add: per certification and supported skill, its points as
 * verified points of one item in the month it was issued (so they decay from the issued day like any
 * evidence). Merge them into the person's stored buckets with `withCertificationBuckets`.
 */
export function certificationBuckets(held: HeldCertification[], skills: CertificationSkill[], today: string): SkillBucket[] {
  const bySkill = new Map<number, CertificationSkill[]>();
  for (const s of skills) bySkill.set(s.certificationId, [...(bySkill.get(s.certificationId) ?? []), s]);
  const out: SkillBucket[] = [];
  for (const h of countingRecords(held, today)) {
    for (const s of bySkill.get(h.certificationId) ?? []) {
      if (s.points <= 0) continue;
      out.push({
        skill: s.skill,
        month: h.issuedOn.slice(0, 7),
        verifiedPoints: s.points,
        selfPoints: 0,
        items: 1,
        verifiedItems: 1,
        lastAt: `${h.issuedOn}T00:00:00.000Z`,
      });
    }
  }
  return out;
}

/** Buckets from evidence and from certifications as one list, one bucket per skill and month. */
export function withCertificationBuckets(buckets: SkillBucket[], extra: SkillBucket[]): SkillBucket[] {
  if (extra.length === 0) return buckets;
  const merged = new Map<string, SkillBucket>();
  for (const b of [...buckets, ...extra]) {
    const key = `${b.skill}\u0000${b.month}`;
    const was = merged.get(key);
    if (!was) {
      merged.set(key, { ...b });
      continue;
    }
    was.verifiedPoints += b.verifiedPoints;
    was.selfPoints += b.selfPoints;
    was.items += b.items;
    if (was.verifiedItems !== undefined || b.verifiedItems !== undefined)
      was.verifiedItems = (was.verifiedItems ?? 0) + (b.verifiedItems ?? 0);
    if (Date.parse(b.lastAt) > Date.parse(was.lastAt)) was.lastAt = b.lastAt;
  }
  return [...merged.values()].sort((x, y) => (x.skill === y.skill ? cmp(x.month, y.month) : cmp(x.skill, y.skill)));
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Why a required certification is a gap. `expiring` still counts: it warns, it does not block. */
export type CertificationGapReason = "missing" | "not_verified" | "returned" | "expired" | "expiring";

export interface CertificationGap {
  certificationId: number;
  name: string;
  reason: CertificationGapReason;
  /** the expiry of the record concerned, when there is one */
  expiresOn: string | null;
  /** true when the requirement is not met (every reason but `expiring`) */
  blocking: boolean;
}

export const GAP_REASONS: Record<CertificationGapReason, string> = {
  missing: "not recorded",
  not_verified: "recorded, awaiting your manager's verification",
  returned: "returned by your manager: see the reason on the certification",
  expired: "expired: record the renewal",
  expiring: "expires soon: plan the renewal",
};

/**
 * What a position's required certifications still lack on `today`, in the order the position lists them.
 * The best record decides: one that counts (expiring soon is a warning), else one awaiting verification,
 * else a returned one, else an expired one, else none at all.
 */
export function certificationGaps(
  required: { id: number; name: string }[],
  held: HeldCertification[],
  today: string,
): CertificationGap[] {
  const gaps: CertificationGap[] = [];
  for (const req of required) {
    const mine = held.filter((h) => h.certificationId === req.id);
    const counting = countingRecords(mine, today)[0];
    const gap = (reason: CertificationGapReason, expiresOn: string | null) =>
      gaps.push({ certificationId: req.id, name: req.name, reason, expiresOn, blocking: reason !== "expiring" });
    if (counting) {
      if (validityOn(counting, today).state === "expiring") gap("expiring", counting.expiresOn);
      continue;
    }
    const live = mine.filter((h) => validityOn(h, today).state !== "expired");
    if (live.some((h) => h.status === "submitted" || (h.status === "verified" && today < h.issuedOn))) gap("not_verified", null);
    else if (live.some((h) => h.status === "returned")) gap("returned", null);
    else if (mine.length > 0) {
      const latest = [...mine].sort((a, b) => cmp(b.expiresOn ?? "", a.expiresOn ?? ""))[0]!;
      gap("expired", latest.expiresOn);
    } else gap("missing", null);
  }
  return gaps;
}

/** Readiness with the certifications taken in: `met` only when no required certification is missing. */
export function withCertificationGaps<R extends { met: boolean }>(r: R, gaps: CertificationGap[]) {
  return { ...r, met: r.met && !gaps.some((g) => g.blocking), certificationGaps: gaps };
}

export interface ExpiringCertification {
  id: number;
  personId: number;
  personName: string;
  name: string;
  expiresOn: string;
  state: "expiring" | "expired";
  daysLeft: number;
}

/**
 * Of the verified records, those that expire within EXPIRY_NOTICE_DAYS of `today` or have expired and
 * were not renewed (a newer record of the same certification for the same person), soonest first.
 */
export function expiringOn(
  rows: (HeldCertification & { personId: number; personName: string; name: string })[],
  today: string,
): ExpiringCertification[] {
  const renewed = (r: (typeof rows)[number]) =>
    rows.some(
      (o) =>
        o.id !== r.id &&
        o.personId === r.personId &&
        o.certificationId === r.certificationId &&
        o.issuedOn > r.issuedOn &&
        o.status !== "returned",
    );
  const out: ExpiringCertification[] = [];
  for (const r of rows) {
    if (r.status !== "verified" || r.expiresOn === null || renewed(r)) continue;
    const { state, daysLeft } = validityOn(r, today);
    if (state !== "expiring" && state !== "expired") continue;
    out.push({
      id: r.id,
      personId: r.personId,
      personName: r.personName,
      name: r.name,
      expiresOn: r.expiresOn,
      state,
      daysLeft: daysLeft!,
    });
  }
  return out.sort((a, b) => a.daysLeft - b.daysLeft || cmp(a.personName, b.personName) || a.id - b.id);
}
