// The pure rules of erasure (app/domain/erasure.ts; ADR 023), with hand-made fixtures.
import { describe, expect, it } from "vitest";
import { ERASED_MENTION, erasedEmail, erasedName, erasureRefusal, mentionNeedles, scrubMentions } from "../../app/domain/erasure";

describe("the placeholder", () => {
  it("names an erasure number, and the email is no address", () => {
    expect(erasedName(3)).toBe("Erased person #3");
    expect(erasedEmail(3)).toBe("erased-person-3");
    expect(erasedEmail(3)).not.toContain("@");
  });
});

describe("who may be erased", () => {
  it("only a deactivated person not erased yet", () => {
    expect(erasureRefusal({ active: 1, erased_at: null })).toMatch(/^Deactivate first/);
    expect(erasureRefusal({ active: 0, erased_at: "2026-12-02T10:00:00.000Z" })).toMatch(/already been erased/);
    expect(erasureRefusal({ active: 0, erased_at: null })).toBeNull();
  });
});

describe("mentions in others' text", () => {
  const needles = mentionNeedles({ name: "Ann O'Hara", email: "ann@example.com", handles: ["149", "ab"] });

  it("searches name, email and handles of three characters or more, raw and JSON-escaped, longest first", () => {
    expect(needles).toContain("Ann O'Hara");
    expect(needles).toContain("ann@example.com");
    expect(needles).toContain("149");
    expect(needles).not.toContain("ab");
    expect(needles[0]).toBe("ann@example.com");
    expect(mentionNeedles({ name: 'Zed "Z" Q', email: "z@x.io", handles: [] })).toContain('Zed \\"Z\\" Q');
  });

  it("replaces whole tokens whatever the case, and leaves longer words and numbers alone", () => {
    expect(scrubMentions("Paired with ANN O'HARA (ann@example.com), handle 149.", needles)).toBe(
      `Paired with ${ERASED_MENTION} (${ERASED_MENTION}), handle ${ERASED_MENTION}.`,
    );
    expect(scrubMentions("INC01497 and 1490 stay", needles)).toBeNull();
    expect(scrubMentions("nothing here", [])).toBeNull();
  });

  it("keeps JSON valid", () => {
    const json = JSON.stringify({ by: "Ann O'Hara", note: 'Zed "Z" Q said' });
    const zed = mentionNeedles({ name: 'Zed "Z" Q', email: "z@x.io", handles: [] });
    const out = scrubMentions(scrubMentions(json, needles)!, zed)!;
    expect(JSON.parse(out)).toEqual({ by: ERASED_MENTION, note: `${ERASED_MENTION} said` });
  });
});
