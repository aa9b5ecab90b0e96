// The pure rules of notifications and reminders (issue 14, points 3 and 4), at fixed instants.
import { describe, expect, it } from "vitest";
import {
  daysUntil,
  deliveryFor,
  digestText,
  dueReminders,
  groupDigests,
  type DueThing,
  type WaitingNotification,
} from "../../app/domain/notifications";

const now = new Date("2030-03-10T23:30:00Z");
const thing = (over: Partial<DueThing>): DueThing => ({
  kind: "goal",
  subjectId: 1,
  personId: 7,
  dueDate: "2030-03-12",
  done: false,
  ...over,
});

describe("delivery choice", () => {
  it("uses the person's choice, otherwise the default", () => {
    expect(deliveryFor("item-returned", {})).toBe("email");
    expect(deliveryFor("item-returned", { "item-returned": "digest" })).toBe("digest");
    expect(deliveryFor("import-finished", {})).toBe("in-app");
  });
});

describe("due reminders", () => {
  it("counts whole UTC days", () => {
    expect(daysUntil("2030-03-10", now)).toBe(0);
    expect(daysUntil("2030-03-13", now)).toBe(3);
    expect(daysUntil("2030-03-09", now)).toBe(-1);
  });

  it("reminds within three days, and about overdue self-assessments", () => {
    const r = dueReminders(
      [
        thing({ subjectId: 1 }),
        thing({ subjectId: 2, dueDate: "2030-03-20" }),
        thing({ subjectId: 3, kind: "self-assessment", dueDate: "2030-03-01" }),
        thing({ subjectId: 4, kind: "review", dueDate: "2030-03-13" }),
        thing({ subjectId: 5, kind: "goal", dueDate: "2030-03-01" }),
        thing({ subjectId: 6, done: true }),
      ],
      now,
    );
    expect(r.map((x) => [x.subjectId, x.kind])).toEqual([
      [1, "goal-due"],
      [3, "self-assessment-overdue"],
      [4, "review-due"],
    ]);
  });

  it("gives the same key on every run the same thing is due, and a new one when the date moves", () => {
    const a = dueReminders([thing({})], now)[0]!.key;
    const b = dueReminders([thing({})], new Date("2030-03-11T08:00:00Z"))[0]!.key;
    const c = dueReminders([thing({ dueDate: "2030-03-13" })], now)[0]!.key;
    expect(a).toBe(b);
    expect(c).not.toBe(a);
  });
});

describe("digests", () => {
  const n = (id: number, personId: number, kind: WaitingNotification["kind"], createdAt: string): WaitingNotification => ({
    id,
    personId,
    kind,
    text: `note ${id}`,
    link: `/evidence/${id}`,
    createdAt,
  });

  it("groups per person and kind, oldest first, one key per person and day", () => {
    const ds = groupDigests(
      [
        n(3, 2, "endorsement", "2030-03-10T10:00:00Z"),
        n(1, 1, "goal-due", "2030-03-10T09:00:00Z"),
        n(2, 1, "item-verified", "2030-03-10T11:00:00Z"),
        n(4, 1, "item-verified", "2030-03-10T08:00:00Z"),
      ],
      now,
    );
    expect(ds.map((d) => d.key)).toEqual(["digest:1:2030-03-10", "digest:2:2030-03-10"]);
    expect(ds[0]!.groups.map((g) => [g.kind, g.items.map((i) => i.id)])).toEqual([
      ["item-verified", [4, 2]],
      ["goal-due", [1]],
    ]);
    const text = digestText(ds[0]!, "https://sp.example");
    expect(text).toContain("https://sp.example/evidence/4");
    expect(text).toContain("https://sp.example/inbox");
  });
});
