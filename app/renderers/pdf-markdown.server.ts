// A note's Markdown in the PDF: the blocks of app/domain/markdown-doc.ts set as styled pdfkit text, so
// bold, italics, code, links and lists print as they show on the item page (issue 16). Every run still
// goes through textRuns, so a note in Cyrillic or Chinese keeps its fonts.
import { LINE_BREAK, type MdBlock, type MdRun } from "~/domain/markdown-doc";
import { type Weight, textRuns } from "./portfolio-fonts.server";

/** What of the PDF writer this needs: the document, font selection, and where missing glyphs are noted. */
export interface PdfTextTarget {
  readonly doc: PDFKit.PDFDocument;
  readonly missing: Set<number>;
  use(fontKey: string): void;
}

export interface MarkdownStyle {
  x: number;
  width: number;
  size: number;
  color: string;
  linkColor: string;
  /** a label set in bold before the first paragraph ("Notes: ") */
  lead?: string;
}

/** Courier is a PDF standard font: code in ASCII uses it, anything else keeps the Noto fonts. */
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const BLOCK_GAP = 2;

interface Piece {
  text: string;
  font: string | null;
  color: string;
  link: string | null;
  underline: boolean;
  oblique: boolean;
}

function pieces(t: PdfTextTarget, runs: MdRun[], style: MarkdownStyle, color: string): Piece[] {
  const out: Piece[] = [];
  for (const r of runs) {
    const text = r.text === LINE_BREAK ? "\n" : r.text;
    const base = {
      color: r.href ? style.linkColor : color,
      link: r.href ?? null,
      underline: Boolean(r.href),
      oblique: Boolean(r.italic),
    };
    if (r.code && PRINTABLE_ASCII.test(text)) out.push({ ...base, text, font: "Courier" });
    else {
      const weight: Weight = r.bold ? 700 : 400;
      for (const f of textRuns(text, weight, t.missing)) out.push({ ...base, text: f.text, font: f.font });
    }
  }
  return out;
}

/** One paragraph of styled runs, wrapped to the width, starting at the current y. */
function paragraph(t: PdfTextTarget, runs: MdRun[], x: number, width: number, style: MarkdownStyle, color = style.color) {
  const doc = t.doc;
  const list = pieces(t, runs, style, color);
  if (list.length === 0) return;
  doc.fontSize(style.size);
  list.forEach((p, i) => {
    if (p.font === "Courier") doc.font("Courier");
    else if (p.font) t.use(p.font);
    doc.fillColor(p.color);
    // Every piece states its link, underline and slant: pdfkit carries options over between continued pieces.
    const opts: PDFKit.Mixins.TextOptions = {
      width,
      lineGap: 1.5,
      continued: i < list.length - 1,
      link: p.link,
      underline: p.underline,
      oblique: p.oblique ? 10 : false,
    };
    if (i === 0) doc.text(p.text, x, doc.y, opts);
    else doc.text(p.text, opts);
  });
  doc.x = x;
}

function blocks(t: PdfTextTarget, list: MdBlock[], x: number, width: number, style: MarkdownStyle, lead: MdRun[]) {
  const doc = t.doc;
  list.forEach((b, n) => {
    const first = n === 0 ? lead : [];
    if (n > 0) doc.y += BLOCK_GAP;
    if (b.type === "paragraph") paragraph(t, [...first, ...b.runs], x, width, style);
    else if (b.type === "heading")
      paragraph(t, [...first, ...b.runs.map((r) => ({ ...r, bold: true as const }))], x, width, style);
    else if (b.type === "code") {
      if (first.length) paragraph(t, first, x, width, style);
      paragraph(t, [{ text: b.text.replace(/\n/g, LINE_BREAK), code: true }], x + 6, width - 6, style);
    } else if (b.type === "quote") {
      if (first.length) paragraph(t, first, x, width, style);
      const top = doc.y;
      blocks(t, b.blocks, x + 8, width - 8, style, []);
      doc
        .moveTo(x + 2, top)
        .lineTo(x + 2, doc.y)
        .lineWidth(1)
        .strokeColor(style.color)
        .stroke();
    } else if (b.type === "rule") {
      if (first.length) paragraph(t, first, x, width, style);
      const y = doc.y + 2;
      doc
        .moveTo(x, y)
        .lineTo(x + width, y)
        .lineWidth(0.5)
        .strokeColor(style.color)
        .stroke();
      doc.y = y + 3;
    } else if (b.type === "list") {
      if (first.length) paragraph(t, first, x, width, style);
      b.items.forEach((item, i) => {
        const marker = b.ordered ? `${b.start + i}.` : "•";
        const indent = b.ordered ? 14 : 9;
        const top = doc.y;
        paragraph(t, [{ text: marker }], x, indent, style);
        doc.y = top;
        if (item.length === 0) doc.y += doc.currentLineHeight(true);
        else blocks(t, item, x + indent, width - indent, style, []);
      });
    }
  });
}

/** The blocks at (style.x, current y), wrapped to style.width; the document's y ends below them. */
export function drawMarkdown(t: PdfTextTarget, list: MdBlock[], style: MarkdownStyle) {
  if (list.length === 0) return;
  const lead: MdRun[] = style.lead ? [{ text: style.lead, bold: true }] : [];
  blocks(t, list, style.x, style.width, style, lead);
  t.doc.x = style.x;
}
