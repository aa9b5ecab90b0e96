// The portfolio as a PDF (pdfkit): the same content as the print page, laid out for A4. The radar
// chart is drawn with vector paths and lines; text is set in Noto Sans with Noto Sans SC behind it
// (see portfolio-fonts.server.ts), so names such as Łukasz, Zoë, Ольга and 李美 print as written.
import { createRequire } from "node:module";
import type PDFKitDocument from "pdfkit";
import { type Portfolio, type PortfolioItem, formatMinutes, itemFacts } from "~/domain/portfolio";
import { type Point, radarGeometry } from "~/domain/portfolio-radar";
import { truncateBlocks } from "~/domain/markdown-doc";
import { parseMarkdown } from "~/utils/markdown.server";
import { drawMarkdown } from "./pdf-markdown.server";
import { type Weight, baseFontKey, fontByKey, textRuns } from "./portfolio-fonts.server";

const INK = "#1d2330";
const MUTED = "#55606f";
const LINE = "#c9d0da";
const BRAND = "#1f5fbf";
const TARGET = "#b45309";
const OK = "#1b7a3d";
const MARGIN = 48;
const FOOTER = 26;
/** characters of a note the PDF prints under an item */
const NOTES_CHARS = 420;

interface TextOptions {
  size?: number;
  weight?: Weight;
  color?: string;
  x?: number;
  y?: number;
  width?: number;
  align?: "left" | "center" | "right";
  lineBreak?: boolean;
  lineGap?: number;
  /** pixels to leave after the paragraph */
  after?: number;
}

class Writer {
  readonly doc: PDFKit.PDFDocument;
  readonly missing = new Set<number>();
  private registered = new Set<string>();

  constructor(doc: PDFKit.PDFDocument) {
    this.doc = doc;
  }

  get left() {
    return this.doc.page.margins.left;
  }
  get width() {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right;
  }
  get bottom() {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }

  use(key: string) {
    if (!this.registered.has(key)) {
      // pdfkit accepts a parsed fontkit font in place of a file; the parse is shared between documents.
      this.doc.registerFont(key, fontByKey(key) as unknown as Buffer);
      this.registered.add(key);
    }
    this.doc.font(key);
  }

  /** Text in as many fonts as its characters need, wrapped to `width` unless lineBreak is false. */
  text(s: string, o: TextOptions = {}) {
    const doc = this.doc;
    const runs = textRuns(s, o.weight ?? 400, this.missing);
    if (runs.length === 0) return;
    doc.fontSize(o.size ?? 10).fillColor(o.color ?? INK);
    const opts: PDFKit.Mixins.TextOptions = {
      width: o.lineBreak === false ? undefined : (o.width ?? this.width - ((o.x ?? this.left) - this.left)),
      align: o.align,
      lineBreak: o.lineBreak,
      lineGap: o.lineGap ?? 1.5,
    };
    if (runs.length > 1 && o.align && o.align !== "left" && o.width) {
      // pdfkit cannot align text continued across fonts: place the runs by hand when they fit on one line.
      const widths = runs.map((r) => {
        this.use(r.font);
        return doc.widthOfString(r.text);
      });
      const total = widths.reduce((a, b) => a + b, 0);
      if (total <= o.width) {
        const x0 = (o.x ?? doc.x) + (o.align === "right" ? o.width - total : (o.width - total) / 2);
        const y = o.y ?? doc.y;
        let x = x0;
        runs.forEach((r, i) => {
          this.use(r.font);
          doc.text(r.text, x, y, { lineBreak: false });
          x += widths[i]!;
        });
        doc.x = o.x ?? this.left;
        doc.y = y + doc.currentLineHeight(true) + (o.lineGap ?? 1.5);
        if (o.after) doc.y += o.after;
        return;
      }
      opts.align = "left";
    }
    runs.forEach((r, i) => {
      this.use(r.font);
      const continued = i < runs.length - 1;
      if (i === 0 && (o.x !== undefined || o.y !== undefined))
        doc.text(r.text, o.x ?? doc.x, o.y ?? doc.y, { ...opts, continued });
      else doc.text(r.text, { ...opts, continued });
    });
    if (o.after) doc.y += o.after;
  }

  /** A new page when less than `space` points are left. */
  ensure(space: number) {
    if (this.doc.y + space > this.bottom) this.doc.addPage();
  }

  heading(s: string, size: number, before = 10) {
    this.ensure(size * 4);
    this.doc.y += before;
    this.text(s, { size, weight: 700, x: this.left, after: 4 });
  }

  rule(color = LINE) {
    const y = this.doc.y + 2;
    this.doc
      .moveTo(this.left, y)
      .lineTo(this.left + this.width, y)
      .lineWidth(0.5)
      .strokeColor(color)
      .stroke();
    this.doc.y = y + 6;
  }
}

function polygon(doc: PDFKit.PDFDocument, points: Point[]) {
  const [first, ...rest] = points;
  if (!first) return doc;
  doc.moveTo(first[0], first[1]);
  for (const [x, y] of rest) doc.lineTo(x, y);
  return doc.closePath();
}

/** The radar chart as vector paths: level rings, axes, the target outline (dashed) and the current shape (filled). */
function drawRadar(w: Writer, p: Portfolio) {
  const doc = w.doc;
  const radius = 92;
  const labelWidth = 104;
  const height = radius * 2 + 96;
  w.ensure(height + 20);
  const top = doc.y;
  const cx = w.left + w.width / 2;
  const cy = top + radius + 30;
  const g = radarGeometry(p.radar, cx, cy, radius);

  doc.save();
  doc.lineWidth(0.5).strokeColor(LINE);
  for (const ring of g.rings) polygon(doc, ring.points).stroke();
  for (const a of g.axes) doc.moveTo(cx, cy).lineTo(a.end[0], a.end[1]).stroke();
  doc.lineWidth(1.6).strokeColor(TARGET).dash(4, { space: 3 });
  polygon(doc, g.target).stroke();
  doc.undash();
  doc.lineWidth(1.4).fillOpacity(0.28).strokeColor(BRAND).fillColor(BRAND);
  polygon(doc, g.current).fillAndStroke(BRAND, BRAND);
  doc.fillOpacity(1);
  for (const [x, y] of g.current) doc.circle(x, y, 2).fill(BRAND);
  doc.restore();

  for (let level = 1; level <= 7; level++) {
    const y = cy - (radius * level) / 7;
    w.text(String(level), { size: 6, color: MUTED, x: cx + 2, y: y - 7, lineBreak: false });
  }
  for (const a of g.axes) {
    const size = 7.5;
    doc.fontSize(size);
    w.use(baseFontKey(400));
    const h = doc.heightOfString(a.name, { width: labelWidth });
    const x = a.anchor === "start" ? a.label[0] : a.anchor === "end" ? a.label[0] - labelWidth : a.label[0] - labelWidth / 2;
    const y = a.vertical === -1 ? a.label[1] - h : a.vertical === 1 ? a.label[1] : a.label[1] - h / 2;
    const point = p.radar.find((r) => r.skill === a.skill);
    w.text(`${a.name} (${point?.current ?? 0}/${point?.target ?? 0})`, {
      size,
      color: INK,
      x,
      y,
      width: labelWidth,
      align: a.anchor === "start" ? "left" : a.anchor === "end" ? "right" : "center",
    });
  }

  // legend
  const ly = top + height - 12;
  doc.save();
  doc.rect(w.left, ly, 10, 8).fillOpacity(0.28).fillAndStroke(BRAND, BRAND);
  doc.fillOpacity(1);
  doc
    .moveTo(w.left + 150, ly + 4)
    .lineTo(w.left + 166, ly + 4)
    .lineWidth(1.6)
    .strokeColor(TARGET)
    .dash(4, { space: 3 })
    .stroke();
  doc.undash();
  doc.restore();
  w.text("Current level (from evidence)", { size: 8, color: MUTED, x: w.left + 14, y: ly, lineBreak: false });
  w.text(`Required for ${p.target?.name ?? "the target"}`, { size: 8, color: MUTED, x: w.left + 170, y: ly, lineBreak: false });
  doc.x = w.left;
  doc.y = top + height + 6;
}

interface Column {
  title: string;
  width: number;
  align?: "left" | "right";
}

function tableRow(
  w: Writer,
  columns: Column[],
  cells: string[],
  o: { size: number; weight?: Weight; color?: string; minHeight?: number },
) {
  const doc = w.doc;
  w.ensure(o.size * 3.2);
  const y = doc.y;
  let x = w.left;
  let bottom = y + (o.minHeight ?? 0);
  columns.forEach((c, i) => {
    w.text(cells[i] ?? "", { size: o.size, weight: o.weight, color: o.color, x, y, width: c.width - 6, align: c.align });
    bottom = Math.max(bottom, doc.y);
    x += c.width;
  });
  doc.x = w.left;
  doc.y = bottom + 2;
}

function tableHeader(w: Writer, columns: Column[], size: number) {
  tableRow(
    w,
    columns,
    columns.map((c) => c.title),
    { size, weight: 700, color: MUTED },
  );
  w.rule();
}

/** A filled circle with a check mark for verified items, an empty circle for self-reported ones. */
function statusMark(doc: PDFKit.PDFDocument, x: number, y: number, verified: boolean) {
  doc.save();
  if (verified) {
    doc.circle(x, y, 4.2).fill(OK);
    doc
      .moveTo(x - 2, y + 0.2)
      .lineTo(x - 0.5, y + 1.8)
      .lineTo(x + 2.2, y - 1.6)
      .lineWidth(1.1)
      .strokeColor("#ffffff")
      .stroke();
  } else {
    doc.circle(x, y, 3.8).lineWidth(0.8).strokeColor(MUTED).stroke();
  }
  doc.restore();
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function shorten(s: string, max: number): string {
  const flat = s.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1).trimEnd()}…` : flat;
}

function evidenceItem(w: Writer, i: PortfolioItem, withReasons: boolean, extra?: string) {
  const doc = w.doc;
  const indent = w.left + 14;
  const width = w.width - 14;
  w.ensure(46);
  const y = doc.y;
  statusMark(doc, w.left + 5, y + 6, i.verified);
  w.text(i.title, { size: 9.5, weight: 700, x: indent, y, width });
  const status = i.verified ? `verified${i.verifierName ? ` by ${i.verifierName}` : ""}` : "self-reported, not yet verified";
  w.text(`${itemFacts(i)} · ${status}${extra ? ` · ${extra}` : ""}`, { size: 8, color: MUTED, x: indent, width });
  if (withReasons && i.reasons.length) w.text(`Counts because: ${i.reasons.join("; ")}`, { size: 8, x: indent, width });
  for (const e of i.endorsements)
    w.text(`Endorsed by ${e.name}${e.comment.trim() ? `: “${shorten(e.comment, 240)}”` : ""}`, {
      size: 8,
      color: OK,
      x: indent,
      width,
    });
  // Notes print formatted, as on the item page, and bounded: a long note must not fill pages.
  if (withReasons && i.notes)
    drawMarkdown(w, truncateBlocks(parseMarkdown(i.notes), NOTES_CHARS), {
      x: indent,
      width,
      size: 7.5,
      color: MUTED,
      linkColor: BRAND,
      lead: "Notes: ",
    });
  doc.x = w.left;
  doc.y += 5;
}

export interface PdfResult {
  pdf: Buffer;
  pages: number;
  /** characters no embedded font has (they show as a box) */
  missing: number[];
}

// pdfkit and its fonts load with the first PDF, not when the server starts (cold start, ADR 010).
const require = createRequire(import.meta.url);

export async function renderPortfolioPdf(p: Portfolio): Promise<PdfResult> {
  const PDFDocument = require("pdfkit") as typeof PDFKitDocument;
  const doc = new PDFDocument({
    size: "A4",
    margins: { top: MARGIN, bottom: MARGIN + FOOTER, left: MARGIN, right: MARGIN },
    bufferPages: true,
    // no Helvetica: every run picks its Noto font
    font: null as unknown as string,
    info: {
      Title: `Promotion portfolio: ${p.person.name}`,
      Author: p.person.name,
      Subject: p.target ? `Readiness for ${p.target.name}` : "Promotion portfolio",
      Creator: "SupportPath",
      CreationDate: new Date(p.generatedAt),
    },
    lang: "en",
  });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    doc.on("end", () => resolve());
    doc.on("error", reject);
  });
  const w = new Writer(doc);
  const h = p.highlights;

  // Title block
  w.text("PROMOTION PORTFOLIO", { size: 8.5, weight: 700, color: MUTED, x: w.left, y: MARGIN, after: 2 });
  w.text(p.person.name, { size: 22, weight: 700, after: 2 });
  w.text(`${p.current?.name ?? "No current position"} → ${p.target?.name ?? "no target position"}`, { size: 12, after: 4 });
  const facts = [
    p.person.team ? `Team: ${p.person.team}` : null,
    p.person.manager ? `Manager: ${p.person.manager}` : null,
    `Period: ${p.period.from} to ${p.period.to}`,
    `Generated ${p.generatedAt.slice(0, 10)}`,
  ];
  w.text(facts.filter(Boolean).join(" · "), { size: 8.5, color: MUTED, after: 8 });
  w.rule();

  // Readiness and gap statement
  if (p.readiness && p.target) {
    const y = doc.y;
    w.text(`${p.readiness.percent}%`, {
      size: 28,
      weight: 700,
      color: p.readiness.met ? OK : BRAND,
      x: w.left,
      y,
      lineBreak: false,
    });
    w.text(`ready for ${p.target.name}`, { size: 10, color: MUTED, x: w.left + 90, y: y + 12, width: w.width - 90 });
    doc.y = Math.max(doc.y, y + 36);
  }
  w.text(p.gapStatement, { size: 10, x: w.left, width: w.width, after: 6 });
  w.text(
    `${plural(p.totals.items, "item")} of evidence in the period, ${p.totals.verified} verified by a manager, ${plural(p.totals.endorsements, "endorsement")} from colleagues.`,
    { size: 9, color: MUTED, after: 6 },
  );

  drawRadar(w, p);

  // Skills table
  w.heading("Skills the target position requires", 13, 4);
  const skillCols: Column[] = [
    { title: "Skill", width: 170 },
    { title: "SFIA", width: 66 },
    { title: "Level", width: 72 },
    { title: "Required", width: 72 },
    { title: "Score", width: 44, align: "right" },
    { title: "Items (verified)", width: w.width - 424, align: "right" },
  ];
  tableHeader(w, skillCols, 8);
  for (const s of p.skills) {
    tableRow(
      w,
      skillCols,
      [s.name, s.sfiaCodes || "–", s.levelName, s.requiredName, String(s.score), `${s.itemCount} (${s.verifiedCount})`],
      { size: 8.5 },
    );
  }

  // Evidence by skill
  w.heading("Evidence by skill", 15, 14);
  w.text("Strongest first: verified items before self-reported ones, then by the points they add to the skill.", {
    size: 8.5,
    color: MUTED,
    x: w.left,
    after: 4,
  });
  for (const s of p.skills) {
    w.ensure(80);
    w.heading(s.name, 11.5, 8);
    const standing = s.met
      ? "meets the requirement"
      : `${s.required - s.level} ${s.required - s.level === 1 ? "level" : "levels"} short`;
    w.text(
      `Level ${s.levelName} · required ${s.requiredName} · ${standing} · score ${s.score} · ${plural(s.itemCount, "item")} (${s.verifiedCount} verified) · ${plural(s.endorsementCount, "endorsement")}`,
      { size: 8.5, color: s.met ? OK : MUTED, x: w.left, after: 4 },
    );
    if (s.evidence.length === 0)
      w.text("No evidence for this skill in the period.", { size: 9, color: MUTED, x: w.left, after: 4 });
    for (const i of s.evidence) evidenceItem(w, i, true);
    if (s.moreCount > 0)
      w.text(`And ${plural(s.moreCount, "more item")} (see the appendix).`, { size: 8.5, color: MUTED, x: w.left, after: 2 });
  }

  // Highlights
  w.heading("Highlights", 15, 14);
  const section = (title: string, summary: string, items: PortfolioItem[], extra?: (i: PortfolioItem) => string) => {
    w.heading(title, 11.5, 6);
    w.text(summary, { size: 8.5, color: MUTED, x: w.left, after: 4 });
    for (const i of items) evidenceItem(w, { ...i, endorsements: [] }, false, extra?.(i));
  };
  section(
    "Major incidents (P1/P2)",
    h.majorIncidents.total
      ? `${plural(h.majorIncidents.total, "major incident")} in the period.`
      : "No major incidents in the period.",
    h.majorIncidents.items,
  );
  section(
    "DR drills",
    h.drDrills.total ? `${plural(h.drDrills.total, "DR drill")} in the period.` : "No DR drills in the period.",
    h.drDrills.items,
  );
  section(
    "After-hours work",
    h.afterHours.total
      ? `${plural(h.afterHours.total, "item")} handled after hours, ${formatMinutes(h.afterHours.minutes)} in all.`
      : "No after-hours work in the period.",
    h.afterHours.items,
    (i) => `${formatMinutes(i.afterHoursMinutes)} after hours`,
  );

  if (p.nextSteps.length) {
    w.heading("Next steps", 15, 14);
    for (const s of p.nextSteps) {
      w.ensure(40);
      w.text(s.name, { size: 9.5, weight: 700, x: w.left, after: 1 });
      for (const step of s.steps) w.text(`• ${step}`, { size: 8.5, x: w.left + 10, width: w.width - 10 });
      doc.y += 4;
    }
  }

  // Appendix: every item of the period
  doc.addPage();
  w.text(`All evidence in the period (${plural(p.evidence.length, "item")})`, {
    size: 15,
    weight: 700,
    x: w.left,
    y: MARGIN,
    after: 6,
  });
  const cols: Column[] = [
    { title: "Date", width: 54 },
    { title: "Reference", width: 66 },
    { title: "Title", width: w.width - 54 - 66 - 92 - 52 },
    { title: "Kind", width: 92 },
    { title: "Status", width: 52 },
  ];
  tableHeader(w, cols, 7.5);
  for (const i of p.evidence) {
    tableRow(w, cols, [i.date, i.ref ?? "–", i.title, i.kindName, i.verified ? "verified" : "self-reported"], { size: 7.5 });
  }
  if (p.evidence.length === 0) w.text("None.", { size: 9, color: MUTED, x: w.left });

  // Footer on every page
  const range = doc.bufferedPageRange();
  const total = range.count;
  for (let n = 0; n < total; n++) {
    doc.switchToPage(range.start + n);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const y = doc.page.height - MARGIN - 8;
    w.text(`${p.person.name} · portfolio for ${p.target?.name ?? "no target"} · ${p.period.from} to ${p.period.to}`, {
      size: 7,
      color: MUTED,
      x: w.left,
      y,
      width: w.width - 60,
      lineBreak: false,
    });
    w.text(`Page ${n + 1} of ${total}`, { size: 7, color: MUTED, x: w.left + w.width - 60, y, width: 60, align: "right" });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  await done;
  return { pdf: Buffer.concat(chunks), pages: total, missing: [...w.missing] };
}
