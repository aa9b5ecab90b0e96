// The pure half of ADR 017: which fields changed under a stale page, and the refusal's wording.
import { describe, expect, it } from "vitest";
import { fingerprint, shown, staleChanges, staleMessage } from "../../app/domain/stale-changes";
import { GOAL_LABELS, goalSnapshot } from "../../app/domain/versioned-forms";

const goal = (over: Partial<Parameters<typeof goalSnapshot>[0]> = {}) =>
  goalSnapshot({
    title: "Lead a DR drill",
    skillName: "Continuity",
    positionName: null,
    dueDate: "2030-06-30",
    status: "open",
    evidenceTitles: [],
    ...over,
  });

describe("stale changes", () => {
  it("names the fields that changed since the page's fingerprint, with their stored values, in label order", () => {
    const base = fingerprint(goal());
    const now = goal({ status: "in_progress", title: "Lead two DR drills" });
    expect(staleChanges(base, now, GOAL_LABELS)).toEqual([
      { field: "title", label: "Title", now: "“Lead two DR drills”" },
      { field: "status", label: "Status", now: "“In progress”" },
    ]);
  });

  it("an unchanged snapshot changes nothing; an unreadable base is 'not known' (null)", () => {
    expect(staleChanges(fingerprint(goal()), goal(), GOAL_LABELS)).toEqual([]);
    expect(staleChanges(null, goal(), GOAL_LABELS)).toBeNull();
    expect(staleChanges("title=zz;<script>", goal(), GOAL_LABELS)).toBeNull();
  });

  it("quotes values shortened to one line; an empty value is 'empty'", () => {
    expect(shown("")).toBe("empty");
    expect(shown("a\n\nb")).toBe("“a b”");
    expect(shown("x".repeat(200))).toHaveLength(82);
  });

  it("the message says who and when if known, what changed, and that nothing was saved", () => {
    const text = staleMessage({
      noun: "this goal",
      changes: [{ field: "title", label: "Title", now: "“B”" }],
      by: "Daniel Kowalski",
      at: "2026-12-02T04:10:33.000Z",
    });
    expect(text).toBe(
      "Not saved: this goal was changed by Daniel Kowalski on 2026-12-02 04:10 UTC after you opened this page. " +
        "Changed: Title (now “B”). Your changes are still in the form: reload the page to see the stored version, then apply your changes again.",
    );
    expect(staleMessage({ noun: "this item", changes: null, by: null, at: null })).toMatch(
      /^Not saved: this item was changed after/,
    );
  });
});
