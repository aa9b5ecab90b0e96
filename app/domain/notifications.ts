// Notifications and reminders (issue 14, points 3 and 4): the pure rules. No database, no clock: `now` is
// passed in, so the scheduler, the CLI and the tests all decide the same thing for the same instant.
// - which kinds exist and how each is delivered by default (a person may choose per kind)
// - which reminders are due at an instant, each with a ledger key so nobody is reminded twice
// - how waiting notifications are grouped into one daily digest per person

export const NOTIFICATION_KINDS = [
  "item-returned",
  "item-verified",
  "review-waiting",
  "endorsement",
  "appraisal-started",
  "self-assessment-due",
  "self-assessment-overdue",
  "review-due",
  "sign-off-waiting",
  "goal-due",
  "import-finished",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const DELIVERIES = ["in-app", "email", "digest"] as const;
export type Delivery = (typeof DELIVERIES)[number];

/** What a person gets before choosing: things that block someone else arrive at once; the rest in the digest. */
export const DEFAULT_DELIVERY: Record<NotificationKind, Delivery> = {
  "item-returned": "email",
  "item-verified": "digest",
  "review-waiting": "digest",
  endorsement: "digest",
  "appraisal-started": "email",
  "self-assessment-due": "email",
  "self-assessment-overdue": "email",
  "review-due": "email",
  "sign-off-waiting": "email",
  "goal-due": "digest",
  "import-finished": "in-app",
};

export const KIND_LABELS: Record<NotificationKind, string> = {
  "item-returned": "An item of yours was returned",
  "item-verified": "An item of yours was verified",
  "review-waiting": "A review waits for you",
  endorsement: "Someone endorsed your item",
  "appraisal-started": "Your appraisal was started",
  "self-assessment-due": "Your self-assessment is due soon",
  "self-assessment-overdue": "Your self-assessment is overdue",
  "review-due": "A review you write is due soon",
  "sign-off-waiting": "A sign-off waits for your acknowledgement",
  "goal-due": "A goal of yours is due soon",
  "import-finished": "Your import finished",
};

/** The delivery for a kind: the person's choice where they made one, otherwise the default. */
export function deliveryFor(kind: NotificationKind, choices: Partial<Record<NotificationKind, Delivery>>): Delivery {
  return choices[kind] ?? DEFAULT_DELIVERY[kind];
}

/** How many days before a due date the "due soon" reminder goes out. */
export const REMIND_DAYS_BEFORE = 3;

/** Something with a due date (an ISO calendar date, "YYYY-MM-DD"), as the models read it. */
export interface DueThing {
  kind: "self-assessment" | "review" | "goal";
  /** the row it is about (appraisal id or goal id) */
  subjectId: number;
  personId: number;
  dueDate: string;
  /** done things (submitted, closed) get no reminder */
  done: boolean;
}

export interface Reminder {
  personId: number;
  kind: NotificationKind;
  subjectId: number;
  dueDate: string;
  /** unique in the "sent" ledger: the same reminder for the same thing and date is sent once */
  key: string;
}

const DAY_MS = 86_400_000;

/** Whole days from `now`'s UTC calendar day to the due date (negative once it has passed). */
export function daysUntil(dueDate: string, now: Date): number {
  const due = Date.parse(`${dueDate}T00:00:00Z`);
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Math.round((due - today) / DAY_MS);
}

/** The reminders due at `now`. The ledger key carries the due date, so moving a date reminds again. */
export function dueReminders(things: readonly DueThing[], now: Date): Reminder[] {
  const out: Reminder[] = [];
  for (const t of things) {
    if (t.done || !/^\d{4}-\d{2}-\d{2}$/.test(t.dueDate)) continue;
    const days = daysUntil(t.dueDate, now);
    let kind: NotificationKind | null = null;
    if (days < 0 && t.kind === "self-assessment") kind = "self-assessment-overdue";
    else if (days >= 0 && days <= REMIND_DAYS_BEFORE)
      kind = t.kind === "self-assessment" ? "self-assessment-due" : t.kind === "review" ? "review-due" : "goal-due";
    if (!kind) continue;
    out.push({
      personId: t.personId,
      kind,
      subjectId: t.subjectId,
      dueDate: t.dueDate,
      key: `${kind}:${t.subjectId}:${t.personId}:${t.dueDate}`,
    });
  }
  return out;
}

export interface WaitingNotification {
  id: number;
  personId: number;
  kind: NotificationKind;
  text: string;
  link: string;
  createdAt: string;
}

export interface Digest {
  personId: number;
  /** the UTC day it covers; the ledger key `digest:<person>:<day>` keeps it to one a day */
  day: string;
  key: string;
  /** grouped by kind, kinds in NOTIFICATION_KINDS order, oldest first within a kind */
  groups: { kind: NotificationKind; label: string; items: WaitingNotification[] }[];
}

/** One digest per person holding notifications, grouped by kind. */
export function groupDigests(items: readonly WaitingNotification[], now: Date): Digest[] {
  const day = now.toISOString().slice(0, 10);
  const byPerson = new Map<number, WaitingNotification[]>();
  for (const n of items) byPerson.set(n.personId, [...(byPerson.get(n.personId) ?? []), n]);
  return [...byPerson.entries()]
    .sort(([a], [b]) => a - b)
    .map(([personId, list]) => ({
      personId,
      day,
      key: `digest:${personId}:${day}`,
      groups: NOTIFICATION_KINDS.flatMap((kind) => {
        const of = list.filter((n) => n.kind === kind).sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id - b.id);
        return of.length ? [{ kind, label: KIND_LABELS[kind], items: of }] : [];
      }),
    }));
}

/** The digest's plain-text body (the HTML part is built from the same groups). */
export function digestText(d: Digest, baseUrl: string): string {
  const lines = [`Your SupportPath digest for ${d.day}`, ""];
  for (const g of d.groups) {
    lines.push(`${g.label} (${g.items.length})`);
    for (const n of g.items) lines.push(`- ${n.text}: ${baseUrl}${n.link}`);
    lines.push("");
  }
  lines.push(`All notifications: ${baseUrl}/inbox`);
  return lines.join("\n");
}
