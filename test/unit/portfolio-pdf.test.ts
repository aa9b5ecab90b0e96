import zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import { buildPortfolio } from "../../app/domain/portfolio";
import { parseUnicodeRange, textRuns } from "../../app/renderers/portfolio-fonts.server";
import { renderPortfolioPdf } from "../../app/renderers/portfolio-pdf.server";
import { EVIDENCE, fixtureInput } from "../fixtures/portfolio/input";
import { flat, pdfText } from "../fixtures/portfolio/pdf-text";

/** The decompressed content of every stream in the file. */
function streams(pdf: Buffer): string {
  const raw = pdf.toString("latin1");
  const out: string[] = [];
  for (const m of raw.matchAll(/stream\r?\n/g)) {
    const start = m.index! + m[0].length;
    const end = raw.indexOf("endstream", start);
    try {
      out.push(zlib.inflateSync(pdf.subarray(start, end)).toString("latin1"));
    } catch {
      // not deflated (or a font program): skip
    }
  }
  return out.join("\n");
}

describe("portfolio fonts", () => {
  it("parses unicode ranges", () => {
    expect(parseUnicodeRange("U+0000-00FF,U+0131, U+1f1e9-1f1f5")).toEqual([
      [0, 255],
      [0x131, 0x131],
      [0x1f1e9, 0x1f1f5],
    ]);
  });

  it("sets each script in a font that has it", () => {
    const runs = textRuns("Mei Lin 李美 · Łukasz · Ольга ✓", 400);
    expect(runs.map((r) => r.text).join("")).toBe("Mei Lin 李美 · Łukasz · Ольга ✓");
    const fontOf = (ch: string) => runs.find((r) => r.text.includes(ch))!.font;
    expect(fontOf("M")).toBe("ns-latin-400");
    expect(fontOf("Ł")).toBe("ns-latin-ext-400");
    expect(fontOf("О")).toBe("ns-cyrillic-400");
    expect(fontOf("李")).toMatch(/^sc-\d+-400$/);
    expect(fontOf("✓")).toMatch(/^sc-\d+-400$/);
    const missing = new Set<number>();
    textRuns("bold Zoë 李明", 700, missing);
    expect([...missing]).toEqual([]);
  });
});

describe("renderPortfolioPdf", () => {
  it("prints names in Latin, Cyrillic and Chinese, and the key facts", async () => {
    const input = fixtureInput({
      person: {
        id: 1,
        name: "Zoë Łukasz 李明 Ольга",
        email: "x@example.com",
        team: "Platform Support",
        manager: "Daniel Kowalski",
      },
      evidence: EVIDENCE.map((e) =>
        e.id === 13 ? { ...e, endorsements: [{ name: "Mei Lin 李美", comment: "Спасибо", at: "2025-05-21T08:00:00Z" }] } : e,
      ),
    });
    const { pdf, pages, missing } = await renderPortfolioPdf(buildPortfolio(input));
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    expect(missing).toEqual([]);
    const { text, pages: read } = await pdfText(pdf);
    expect(read).toBe(pages);
    const t = flat(text);
    expect(t).toContain("Zoë Łukasz 李明 Ольга");
    expect(t).toContain("Support Engineer I → Support Engineer II");
    expect(t).toContain("60% ready for Support Engineer II");
    expect(t).toContain("Crisis and major-incident handling");
    expect(t).toContain("Checkout API down <b>hard</b> **twice**");
    expect(t).toContain("Counts because: P1 incident +4; Handled after hours +1");
    expect(t).toContain("Endorsed by Mei Lin 李美: “Спасибо”");
    expect(t).toContain("Endorsed by Łukasz Nowak: “Calm | clear [bridge](x)”");
    expect(t).toContain("2 items handled after hours, 3 h 30 min in all.");
    expect(t).not.toContain("Draft item");
    expect(t).not.toContain("Old item");
    expect(t).toMatch(/Page 1 of \d+/);
  });

  it("draws the radar chart as vector paths, with no raster image", async () => {
    const { pdf } = await renderPortfolioPdf(buildPortfolio(fixtureInput()));
    expect(pdf.toString("latin1")).not.toMatch(/\/Subtype\s*\/Image/);
    const content = streams(pdf);
    // 7 level rings of 4 points and 4 axes: well over 30 line segments
    expect((content.match(/[\d.-]+ [\d.-]+ l\n/g) ?? []).length).toBeGreaterThan(30);
    expect(content).toMatch(/\[4 3\] 0 d/); // the dashed target outline
  });
});

describe("notes in the PDF", () => {
  it("print formatted (bold, lists, links, code) instead of raw Markdown, raw HTML as text", async () => {
    const notes =
      "**Root cause:** a *stale* cache, see [the runbook](https://example.com/rb).\n\n- flushed `redis-cli FLUSHALL`\n- paged <b>oncall</b>\n\n1. first\n2. second";
    const input = fixtureInput({ evidence: EVIDENCE.map((e) => (e.id === 11 ? { ...e, notes } : e)) });
    const { pdf, missing } = await renderPortfolioPdf(buildPortfolio(input));
    expect(missing).toEqual([]);
    const t = flat((await pdfText(pdf)).text);
    expect(t).toContain("Notes: Root cause: a stale cache, see the runbook.");
    expect(t).toContain("• flushed redis-cli FLUSHALL");
    expect(t).toContain("• paged <b>oncall</b>");
    expect(t).toContain("1. first");
    expect(t).toContain("2. second");
    expect(t).not.toContain("**Root cause");
    expect(t).not.toContain("[the runbook]");
    const raw = pdf.toString("latin1");
    expect(raw).toMatch(/\/URI \(https:\/\/example\.com\/rb\)/); // the link is a real link
    expect(raw).toMatch(/\/BaseFont \/Courier/); // code is set in a monospace font
  });
});
