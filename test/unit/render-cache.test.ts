import { describe, expect, it } from "vitest";
import { RenderCache, digest, matchesEtag } from "../../app/utils/render-cache.server";

describe("digest", () => {
  it("is the same for the same parts and differs when any part or the split between them differs", () => {
    expect(digest("a", "b")).toBe(digest("a", "b"));
    expect(digest("a", "b")).not.toBe(digest("a", "c"));
    expect(digest("ab", "")).not.toBe(digest("a", "b"));
    expect(digest("x")).toMatch(/^[\w-]{27}$/);
  });
});

describe("RenderCache", () => {
  it("returns what was stored and evicts the least recently used beyond its budget", () => {
    const cache = new RenderCache(8 * 2 * 100); // 800 characters
    const page = (c: string) => c.repeat(100);
    for (const k of ["a", "b", "c", "d", "e", "f", "g", "h"]) cache.set(k, page(k));
    expect(cache.size).toBe(8);
    expect(cache.get("a")).toBe(page("a")); // a is now the most recently used
    cache.set("i", page("i"));
    expect(cache.get("b")).toBeUndefined(); // b was the least recently used
    expect(cache.get("a")).toBe(page("a"));
    expect(cache.size).toBe(8);
  });

  it("does not keep a page larger than an eighth of its budget", () => {
    const cache = new RenderCache(1600);
    cache.set("big", "x".repeat(101));
    expect(cache.get("big")).toBeUndefined();
  });
});

describe("matchesEtag", () => {
  it("compares weakly, in lists, and takes *", () => {
    expect(matchesEtag('W/"abc"', 'W/"abc"')).toBe(true);
    expect(matchesEtag('"abc"', 'W/"abc"')).toBe(true);
    expect(matchesEtag('"x", W/"abc"', 'W/"abc"')).toBe(true);
    expect(matchesEtag("*", 'W/"abc"')).toBe(true);
    expect(matchesEtag('W/"abd"', 'W/"abc"')).toBe(false);
    expect(matchesEtag(null, 'W/"abc"')).toBe(false);
  });
});
