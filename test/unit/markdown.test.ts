import { describe, expect, it } from "vitest";
import { renderMarkdown } from "../../app/utils/markdown.server";

/** Tags the rendered HTML contains, as parsed by a browser-like tokenizer (good enough for assertions). */
function tags(html: string): string[] {
  return [...html.matchAll(/<([a-z][a-z0-9]*)\b/gi)].map((m) => m[1]!.toLowerCase());
}

/** Names of all attributes of all tags. markdown-it always double-quotes values and escapes " as &quot;. */
function attributeNames(html: string): string[] {
  const names: string[] = [];
  for (const tag of html.matchAll(/<[a-z][a-z0-9]*((?:\s+[^\s=>]+(?:="[^"]*")?)*)\s*\/?>/gi)) {
    for (const attr of tag[1]!.matchAll(/\s+([^\s=>]+)(?:="[^"]*")?/g)) names.push(attr[1]!.toLowerCase());
  }
  return names;
}

describe("renderMarkdown", () => {
  it("renders the markdown engineers write", () => {
    const html = renderMarkdown(
      "**What happened:** the API degraded.\n\n- checked logs\n- rolled back\n\n`kubectl rollout undo`",
    );
    expect(html).toContain("<strong>What happened:</strong>");
    expect(html).toContain("<li>checked logs</li>");
    expect(html).toContain("<code>kubectl rollout undo</code>");
  });

  it("returns an empty string for no notes", () => {
    expect(renderMarkdown(null)).toBe("");
    expect(renderMarkdown(undefined)).toBe("");
    expect(renderMarkdown("  \n ")).toBe("");
  });

  it("escapes a <script> tag instead of emitting it", () => {
    const html = renderMarkdown("before <script>alert('x')</script> after");
    expect(tags(html)).not.toContain("script");
    expect(html).toContain("&lt;script&gt;");
  });

  it("escapes a block of raw HTML too", () => {
    const html = renderMarkdown("<div>\n<script>steal()</script>\n</div>");
    expect(tags(html)).not.toContain("script");
    expect(tags(html)).not.toContain("div");
  });

  it("neutralises an onerror attribute: the img tag never exists", () => {
    const html = renderMarkdown('<img src=x onerror="alert(1)">');
    expect(tags(html)).not.toContain("img");
    expect(attributeNames(html).filter((a) => a.startsWith("on"))).toEqual([]);
    expect(html).toContain("&lt;img");
  });

  it("cannot smuggle an event handler through a markdown image's title or alt text", () => {
    const html = renderMarkdown('![x" onerror="alert(1)](https://example.com/a.png "t\\" onload=\\"alert(2)")');
    expect(tags(html)).toContain("img");
    expect(attributeNames(html).sort()).toEqual(["alt", "src", "title"]);
  });

  it("drops javascript: links (the text stays, the link does not)", () => {
    for (const src of [
      "[click](javascript:alert(1))",
      "[click](JaVaScRiPt:alert(1))",
      "[click](  javascript:alert(1) )",
      "[click](java\tscript:alert(1))",
    ]) {
      const html = renderMarkdown(src);
      expect(html.toLowerCase()).not.toContain('href="javascript');
      expect(html).not.toMatch(/<a\b/);
    }
  });

  it("drops vbscript:, file: and data:text/html links", () => {
    for (const url of [
      "vbscript:msgbox(1)",
      "file:///etc/passwd",
      "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    ]) {
      expect(renderMarkdown(`[x](${url})`)).not.toMatch(/<a\b/);
    }
  });

  it("does not turn an autolinked javascript: URL into a link", () => {
    const html = renderMarkdown("<javascript:alert(1)>");
    expect(html).not.toMatch(/<a\b/);
  });

  it("keeps http(s) links and marks them nofollow noopener", () => {
    const html = renderMarkdown("See [the post-mortem](https://wiki.example.com/pm/42) and https://status.example.com");
    expect(html).toContain('<a href="https://wiki.example.com/pm/42" rel="nofollow noopener noreferrer">the post-mortem</a>');
    expect(html).toContain('href="https://status.example.com"');
  });

  it("escapes quotes in link targets so they cannot break out of the attribute", () => {
    const html = renderMarkdown('[x](https://example.com/"onmouseover="alert(1))');
    expect(attributeNames(html).filter((a) => a.startsWith("on"))).toEqual([]);
  });
});
