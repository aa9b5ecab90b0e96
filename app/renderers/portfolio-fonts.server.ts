// Fonts for the portfolio PDF: Noto Sans (Latin incl. Latin Extended, Cyrillic, Greek, Vietnamese,
// Devanagari) with Noto Sans SC behind it for Chinese characters, Japanese kana, Hangul and symbols
// such as ✓ and →. Both come from the @fontsource packages, which split each font into subset files
// by Unicode range; pdfkit does no font fallback, so text is cut into runs, each set in the first
// subset that has its glyphs. Parsed fonts are kept for the life of the process (read-only), so only
// the first PDF pays for reading them.
//
// The WOFF files are unpacked to plain TrueType once: fontkit reads WOFF directly, but inflates the
// whole glyf table again for every glyph it loads (very slow), and it cannot subset the WOFF2 files.
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import zlib from "node:zlib";
import type * as fontkit from "fontkit";

export type Weight = 400 | 700;

interface Subset {
  key: string;
  file: string;
  ranges: [number, number][];
}

interface Family {
  id: string;
  dir: string;
  subsets: (weight: Weight) => Subset[];
}

/** A WOFF 1.0 file as the TrueType/OpenType font it wraps. */
export function woffToSfnt(buf: Buffer): Buffer {
  if (buf.length < 44 || buf.readUInt32BE(0) !== 0x774f4646) throw new Error("Not a WOFF file.");
  const flavor = buf.readUInt32BE(4);
  const numTables = buf.readUInt16BE(12);
  const tables: { tag: number; checksum: number; data: Buffer }[] = [];
  for (let i = 0; i < numTables; i++) {
    const o = 44 + i * 20;
    const offset = buf.readUInt32BE(o + 4);
    const compLength = buf.readUInt32BE(o + 8);
    const origLength = buf.readUInt32BE(o + 12);
    const raw = buf.subarray(offset, offset + compLength);
    tables.push({
      tag: buf.readUInt32BE(o),
      checksum: buf.readUInt32BE(o + 16),
      data: compLength < origLength ? zlib.inflateSync(raw) : raw,
    });
  }
  let entrySelector = 0;
  while (1 << (entrySelector + 1) <= numTables) entrySelector++;
  const searchRange = (1 << entrySelector) * 16;
  const headerLength = 12 + numTables * 16;
  const out = Buffer.alloc(tables.reduce((n, t) => n + ((t.data.length + 3) & ~3), headerLength));
  out.writeUInt32BE(flavor, 0);
  out.writeUInt16BE(numTables, 4);
  out.writeUInt16BE(searchRange, 6);
  out.writeUInt16BE(entrySelector, 8);
  out.writeUInt16BE(numTables * 16 - searchRange, 10);
  let offset = headerLength;
  tables.forEach((t, i) => {
    const o = 12 + i * 16;
    out.writeUInt32BE(t.tag, o);
    out.writeUInt32BE(t.checksum, o + 4);
    out.writeUInt32BE(offset, o + 8);
    out.writeUInt32BE(t.data.length, o + 12);
    t.data.copy(out, offset);
    offset += (t.data.length + 3) & ~3;
  });
  return out;
}

/** "U+0000-00FF,U+0131" → [[0, 255], [305, 305]] */
export function parseUnicodeRange(spec: string): [number, number][] {
  return spec
    .split(",")
    .map((part) => part.trim().replace(/^U\+/i, ""))
    .filter(Boolean)
    .map((part) => {
      const [a, b] = part.split("-");
      const lo = parseInt(a!, 16);
      return [lo, b ? parseInt(b, 16) : lo] as [number, number];
    });
}

const require = createRequire(import.meta.url);

function packageDir(name: string): string {
  return path.dirname(require.resolve(`${name}/package.json`));
}

function readRanges(dir: string): Record<string, [number, number][]> {
  const raw = JSON.parse(fs.readFileSync(path.join(dir, "unicode.json"), "utf8")) as Record<string, string>;
  return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, parseUnicodeRange(v)]));
}

const NOTO_ORDER = ["latin", "latin-ext", "cyrillic", "cyrillic-ext", "greek", "greek-ext", "vietnamese", "devanagari"];

let families: Family[] | null = null;

function loadFamilies(): Family[] {
  if (families) return families;
  const noto = packageDir("@fontsource/noto-sans");
  const sc = packageDir("@fontsource/noto-sans-sc");
  const notoRanges = readRanges(noto);
  const scRanges = readRanges(sc);
  // The SC package's own Latin/Cyrillic subsets are never reached (Noto Sans comes first); its
  // numbered subsets hold the Chinese characters, kana, Hangul and symbols.
  const scNumbered = Object.keys(scRanges).filter((k) => /^\[\d+\]$/.test(k));
  families = [
    {
      id: "ns",
      dir: noto,
      subsets: (w) =>
        NOTO_ORDER.filter((k) => notoRanges[k]).map((k) => ({
          key: `ns-${k}-${w}`,
          file: `noto-sans-${k}-${w}-normal.woff`,
          ranges: notoRanges[k]!,
        })),
    },
    {
      id: "sc",
      dir: sc,
      subsets: (w) =>
        scNumbered.map((k) => {
          const n = k.slice(1, -1);
          return { key: `sc-${n}-${w}`, file: `noto-sans-sc-${n}-${w}-normal.woff`, ranges: scRanges[k]! };
        }),
    },
  ];
  return families;
}

const fonts = new Map<string, fontkit.Font | null>();

interface Position {
  xAdvance: number;
  yAdvance: number;
  xOffset: number;
  yOffset: number;
}
interface Run {
  glyphs: unknown[];
  positions: Position[];
}
// per font; a shaped word is a few hundred bytes, so the caches stay within a few MB
const LAYOUT_CACHE_LIMIT = 10_000;

/**
 * pdfkit shapes text word by word and caches the result per document only; shaping (GSUB/GPOS) is
 * most of the time a PDF takes. This keeps the shaped words for the life of the process, handing
 * each caller fresh positions (pdfkit scales them in place) over the shared, read-only glyphs.
 */
function memoiseLayout(font: fontkit.Font): fontkit.Font {
  const layout = font.layout.bind(font) as (text: string, features?: unknown) => Run;
  const cache = new Map<string, Run>();
  (font as { layout: unknown }).layout = (text: string, features?: unknown) => {
    if (features !== undefined) return layout(text, features);
    let run = cache.get(text);
    if (!run) {
      if (cache.size >= LAYOUT_CACHE_LIMIT) cache.clear();
      run = layout(text);
      cache.set(text, run);
    }
    return {
      glyphs: run.glyphs,
      positions: run.positions.map((p) => ({
        xAdvance: p.xAdvance,
        yAdvance: p.yAdvance,
        xOffset: p.xOffset,
        yOffset: p.yOffset,
      })),
      get advanceWidth() {
        return this.positions.reduce((w, p) => w + p.xAdvance, 0);
      },
    };
  };
  return font;
}

function fontFor(family: Family, subset: Subset): fontkit.Font | null {
  if (fonts.has(subset.key)) return fonts.get(subset.key)!;
  let font: fontkit.Font | null = null;
  try {
    // Loaded on the first PDF, not when the server starts (cold start, ADR 010).
    const { create } = require("fontkit") as typeof fontkit;
    const created = create(woffToSfnt(fs.readFileSync(path.join(family.dir, "files", subset.file))));
    font = "glyphForCodePoint" in created ? memoiseLayout(created as fontkit.Font) : null;
  } catch {
    font = null;
  }
  fonts.set(subset.key, font);
  return font;
}

const covers = (ranges: [number, number][], cp: number) => ranges.some(([lo, hi]) => cp >= lo && cp <= hi);

const byCodePoint = new Map<string, string | null>();

/** The key of the first font subset that has a glyph for `cp`, or null when none does. */
export function fontKeyFor(cp: number, weight: Weight): string | null {
  const k = `${weight}:${cp}`;
  if (byCodePoint.has(k)) return byCodePoint.get(k)!;
  let found: string | null = null;
  outer: for (const family of loadFamilies()) {
    for (const subset of family.subsets(weight)) {
      if (!covers(subset.ranges, cp)) continue;
      const font = fontFor(family, subset);
      if (font?.hasGlyphForCodePoint(cp)) {
        found = subset.key;
        break outer;
      }
    }
  }
  byCodePoint.set(k, found);
  return found;
}

/** The parsed font behind a key returned by fontKeyFor / baseFontKey. */
export function fontByKey(key: string): fontkit.Font {
  const font = fonts.get(key);
  if (!font) throw new Error(`Font ${key} is not loaded.`);
  return font;
}

export function baseFontKey(weight: Weight): string {
  const key = fontKeyFor(0x41, weight);
  if (!key) throw new Error("The Noto Sans font files are missing (npm install @fontsource/noto-sans).");
  return key;
}

export interface TextRun {
  font: string;
  text: string;
}

// Each of these joins the character before it; the class lists them one by one on purpose.
// eslint-disable-next-line no-misleading-character-class
const JOINS_PREVIOUS = /[\p{M}\u200d\ufe0f]/u;
const NEUTRAL = /[\s\u00a0]/u;

/**
 * Cuts text into runs of one font each. Spaces and combining marks stay with the run they are in;
 * characters no font has are set in the base font (they show as a missing-glyph box) and reported.
 */
export function textRuns(text: string, weight: Weight, missing?: Set<number>): TextRun[] {
  const base = baseFontKey(weight);
  const runs: TextRun[] = [];
  let current: TextRun | null = null;
  for (const ch of text.normalize("NFC")) {
    const cp = ch.codePointAt(0)!;
    let key: string;
    if (current && (JOINS_PREVIOUS.test(ch) || (NEUTRAL.test(ch) && fontByKey(current.font).hasGlyphForCodePoint(cp))))
      key = current.font;
    else {
      const found = fontKeyFor(cp, weight);
      if (!found && missing && !NEUTRAL.test(ch) && cp >= 0x20) missing.add(cp);
      key = found ?? base;
    }
    if (current && current.font === key) current.text += ch;
    else {
      current = { font: key, text: ch };
      runs.push(current);
    }
  }
  return runs;
}
