import { describe, expect, it } from "vitest";
import { type MdBlock, blocksToMarkdown, runsToMarkdown, truncateBlocks } from "../../app/domain/markdown-doc";
import { parseMarkdown, renderMarkdown } from "../../app/utils/markdown.server";

describe("parseMarkdown: one parse for every output", () => {
  it("reads bold, italics, code, links and lists as plain data", () => {
    expect(
      parseMarkdown(
        "**What happened:** the *API* degraded, see [runbook](https://example.com/rb).\n\n- checked `logs`\n- rolled back",
      ),
    ).toEqual([
      {
        type: "paragraph",
        runs: [
          { text: "What happened:", bold: true },
          { text: " the " },
          { text: "API", italic: true },
          { text: " degraded, see " },
          { text: "runbook", href: "https://example.com/rb" },
          { text: "." },
        ],
      },
      {
        type: "list",
        ordered: false,
        start: 1,
        items: [
          [{ type: "paragraph", runs: [{ text: "checked " }, { text: "logs", code: true }] }],
          [{ type: "paragraph", runs: [{ text: "rolled back" }] }],
        ],
      },
    ]);
  });

  it("keeps raw HTML as the text someone typed, never as markup", () => {
    expect(parseMarkdown("a <script>x()</script> b")).toEqual([
      { type: "paragraph", runs: [{ text: "a <script>x()</script> b" }] },
    ]);
    expect(parseMarkdown('<img src=x onerror="alert(1)">')).toEqual([
      { type: "paragraph", runs: [{ text: '<img src=x onerror="alert(1)">' }] },
    ]);
  });

  it("refuses javascript: links: the text stays, the link does not", () => {
    const blocks = parseMarkdown("[x](javascript:alert(1))");
    expect(JSON.stringify(blocks)).not.toContain('"href"');
  });

  it("reads numbered lists with their start, fenced code and headings", () => {
    expect(parseMarkdown("# Timeline\n\n3. paged\n4. fixed\n\n```\nkubectl get pods\n```")).toEqual([
      { type: "heading", level: 1, runs: [{ text: "Timeline" }] },
      {
        type: "list",
        ordered: true,
        start: 3,
        items: [[{ type: "paragraph", runs: [{ text: "paged" }] }], [{ type: "paragraph", runs: [{ text: "fixed" }] }]],
      },
      { type: "code", text: "kubectl get pods" },
    ]);
  });

  it("is empty for no note", () => {
    expect(parseMarkdown(null)).toEqual([]);
    expect(parseMarkdown(" \n ")).toEqual([]);
  });
});

describe("blocksToMarkdown: the brag document", () => {
  it("writes formatting back as Markdown, escaping literal text once", () => {
    const blocks: MdBlock[] = [
      { type: "paragraph", runs: [{ text: "Fixed", bold: true }, { text: " the 2*3 bug in " }, { text: "a_b", code: true }] },
      { type: "list", ordered: false, start: 1, items: [[{ type: "paragraph", runs: [{ text: "<b>raw</b>" }] }]] },
    ];
    expect(blocksToMarkdown(blocks, "  ")).toEqual(["  **Fixed** the 2\\*3 bug in `a_b`", "", "  - \\<b\\>raw\\</b\\>"]);
  });

  it("round-trips what people write (not escaped twice)", () => {
    const source = "**bold** and *it* with `code`\n\n- one\n- two\n\n1. first\n2. second\n\nsee [docs](https://example.com/a)";
    const again = blocksToMarkdown(parseMarkdown(source)).join("\n");
    expect(again).toBe(source);
    expect(parseMarkdown(again)).toEqual(parseMarkdown(source));
  });

  it("neutralises raw HTML in the export: it comes back as escaped text that renders literally", () => {
    const md = blocksToMarkdown(parseMarkdown("ok <img src=x onerror=alert(2)>")).join("\n");
    expect(md).toBe("ok \\<img src=x onerror=alert(2)\\>");
    expect(renderMarkdown(md)).toContain("&lt;img src=x onerror=alert(2)&gt;");
  });

  it("turns headings into bold lines, escapes a literal block start, and fences code", () => {
    expect(blocksToMarkdown(parseMarkdown("# Timeline\n\n\\- not a list\n\n    indented code"))).toEqual([
      "**Timeline**",
      "",
      "\\- not a list",
      "",
      "```",
      "indented code",
      "```",
    ]);
  });

  it("keeps the spaces of a styled run outside its delimiters", () => {
    expect(runsToMarkdown([{ text: "a" }, { text: " b ", bold: true }, { text: "c" }])).toBe("a **b** c");
  });
});

describe("truncateBlocks", () => {
  it("cuts after the given number of characters, keeping formatting and saying it was cut", () => {
    const blocks = parseMarkdown("**abcdef** ghij\n\nsecond paragraph");
    expect(truncateBlocks(blocks, 8)).toEqual([{ type: "paragraph", runs: [{ text: "abcdef", bold: true }, { text: "…" }] }]);
    expect(truncateBlocks(blocks, 100)).toEqual(blocks);
  });
});
