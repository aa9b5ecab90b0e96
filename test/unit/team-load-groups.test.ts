// The team view's shortcuts in app/domain/team.ts give what the plain rules give: load from grouped rows
// (loadByMonthOfGroups) as loadByMonth item by item, and the first n successors (firstN) as a stable sort
// and slice.
import { describe, expect, it } from "vitest";
import { type LoadGroupRow, type LoadItem, firstN, loadByMonth, loadByMonthOfGroups } from "../../app/domain/team";
import { between, chance, mulberry32, pick } from "../../seeds/random";

const MONTHS = ["2026-01", "2026-02", "2026-03"];

describe("loadByMonthOfGroups", () => {
  it("gives loadByMonth's figures for random items grouped as load_months groups them", () => {
    const r = mulberry32(42);
    for (let round = 0; round < 50; round++) {
      const items: LoadItem[] = Array.from({ length: between(r, 0, 60) }, () => {
        const afterHours = chance(r, 0.5);
        return {
          personId: between(r, 1, 4),
          kind: pick(r, ["on_call", "incident", "change"]),
          priority: pick(r, ["P1", "P2", null]),
          afterHours,
          afterHoursMinutes: afterHours ? pick(r, [0, 15, 90]) : 0,
          durationMinutes: pick(r, [0, 30, 480]),
          at: `${pick(r, [...MONTHS, "2025-12"])}-${String(between(r, 1, 28)).padStart(2, "0")}T10:00:00Z`,
        };
      });
      const groups = new Map<string, LoadGroupRow>();
      for (const i of items) {
        const g = {
          person_id: i.personId,
          month: i.at.slice(0, 7),
          kind: i.kind === "on_call" ? "on_call" : "other",
          priority: i.priority === "P1" ? "P1" : "",
          after_hours: i.afterHours ? 1 : 0,
          known: i.afterHoursMinutes > 0 ? 1 : 0,
        };
        const key = JSON.stringify(g);
        const row = groups.get(key) ?? { ...g, after_hours_minutes: 0, duration_minutes: 0, items: 0 };
        row.after_hours_minutes += i.afterHoursMinutes;
        row.duration_minutes += i.durationMinutes;
        row.items++;
        groups.set(key, row);
      }
      const ids = [4, 1];
      expect(loadByMonthOfGroups([...groups.values()], MONTHS, ids)).toEqual(loadByMonth(items, MONTHS, ids));
    }
  });
});

describe("firstN", () => {
  it("gives the first n of a stable sort, ties included", () => {
    const r = mulberry32(7);
    for (let round = 0; round < 100; round++) {
      const list = Array.from({ length: between(r, 0, 30) }, (_, i) => ({
        i,
        p: between(r, 0, 4),
        name: pick(r, ["a", "b", "c"]),
      }));
      const cmp = (a: { p: number; name: string }, b: { p: number; name: string }) => b.p - a.p || a.name.localeCompare(b.name);
      for (const n of [0, 1, 3, 40])
        expect(
          firstN(list, (x) => x, cmp, n),
          `round ${round}, n ${n}`,
        ).toEqual([...list].sort(cmp).slice(0, n));
    }
  });
});
