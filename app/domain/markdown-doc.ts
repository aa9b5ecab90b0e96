// Markdown that people write (evidence notes, appraisal summaries and comments), parsed once into plain
// data so that every output shows the same formatting: HTML on pages, styled runs in the PDF, and
// Markdown again in the brag document. Pure: app/utils/markdown.server.ts does the parsing.
// Raw HTML never survives as HTML: the parser turns it into text runs, and every writer here escapes text.

/** A stretch of text with one style. `href` is set only for links the parser validated. */
export interface MdRun {
  text: string;
  bold?: true;
  italic?: true;
  code?: true;
  strike?: true;
  href?: string;
}

export type MdBlock =
  | { type: "paragraph"; runs: MdRun[] }
  | { type: "heading"; level: number; runs: MdRun[] }
  | { type: "list"; ordered: boolean; start: number; items: MdBlock[][] }
  | { type: "code"; text: string }
  | { type: "quote"; blocks: MdBlock[] }
  | { type: "rule" };

/** A hard line break inside a paragraph is a run of exactly "\n". */
export const LINE_BREAK = "\n";

/** The text of runs without styles (PDF width estimates, truncation, plain fallbacks). */
export function runsText(runs: MdRun[]): string {
  return runs.map((r) => r.text).join("");
}

/** The characters of the document's text, in reading order. */
export function blocksTextLength(blocks: MdBlock[]): number {
  let n = 0;
  for (const b of blocks) {
    if (b.type === "paragraph" || b.type === "heading") n += runsText(b.runs).length;
    else if (b.type === "code") n += b.text.length;
    else if (b.type === "quote") n += blocksTextLength(b.blocks);
    else if (b.type === "list") for (const item of b.items) n += blocksTextLength(item);
  }
  return n;
}

/**
 * The first `max` characters of text, formatting kept, an ellipsis where it was cut. The PDF prints
 * a bounded excerpt of each note: a long note must not push an item over several pages.
 */
export function truncateBlocks(blocks: MdBlock[], max: number): MdBlock[] {
  let left = max;
  let cut = false;
  const runs = (rs: MdRun[]): MdRun[] => {
    const out: MdRun[] = [];
    for (const r of rs) {
      if (left <= 0) {
        cut = true;
        break;
      }
      if (r.text.length <= left) {
        out.push(r);
        left -= r.text.length;
      } else {
        out.push({ ...r, text: `${r.text.slice(0, Math.max(0, left - 1)).trimEnd()}…` });
        left = 0;
        cut = true;
      }
    }
    return out;
  };
  const walk = (bs: MdBlock[]): MdBlock[] => {
    const out: MdBlock[] = [];
    for (const b of bs) {
      if (left <= 0) {
        cut = true;
        break;
      }
      if (b.type === "paragraph" || b.type === "heading") out.push({ ...b, runs: runs(b.runs) });
      else if (b.type === "code") {
        const text = b.text.length <= left ? b.text : `${b.text.slice(0, Math.max(0, left - 1))}…`;
        left -= b.text.length;
        out.push({ type: "code", text });
      } else if (b.type === "quote") out.push({ type: "quote", blocks: walk(b.blocks) });
      else if (b.type === "list") {
        const items: MdBlock[][] = [];
        for (const item of b.items) {
          if (left <= 0) {
            cut = true;
            break;
          }
          items.push(walk(item));
        }
        out.push({ ...b, items });
      } else out.push(b);
    }
    return out;
  };
  const result = walk(blocks);
  // A cut that fell between blocks still says so.
  if (cut) {
    const last = result.at(-1);
    if (last && (last.type === "paragraph" || last.type === "heading") && !runsText(last.runs).endsWith("…"))
      last.runs = [...last.runs, { text: " …" }];
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// Markdown out (the brag document). Text is escaped exactly once, here: what the parser read as
// literal text (including raw HTML) comes back literal, and styles come back as Markdown syntax.

/** Characters that start an inline construct anywhere: code, emphasis, links, HTML, tables, strikethrough, entities. */
const INLINE_SPECIALS = /[\\`*_[\]<>|~&]/g;

/** Literal text inside one line: inline specials escaped, and what would open a block at the start escaped there. */
function escapeText(text: string, atLineStart: boolean): string {
  const escaped = text.replace(INLINE_SPECIALS, (c) => `\\${c}`);
  if (!atLineStart) return escaped;
  return escaped.replace(/^(\s*)([#+\-=])/, "$1\\$2").replace(/^(\s*\d+)([.)])/, "$1\\$2");
}

function codeSpan(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(longest + 1);
  const pad = text.startsWith("`") || text.endsWith("`") || /^ .* $/.test(text) ? " " : "";
  return `${fence}${pad}${text}${pad}${fence}`;
}

function sameStyle(a: MdRun, b: MdRun): boolean {
  return a.bold === b.bold && a.italic === b.italic && a.code === b.code && a.strike === b.strike && a.href === b.href;
}

/** Runs as one Markdown paragraph (lines joined by hard breaks "\"+newline). */
export function runsToMarkdown(input: MdRun[]): string {
  const runs: MdRun[] = [];
  for (const r of input) {
    const prev = runs.at(-1);
    if (prev && r.text !== LINE_BREAK && prev.text !== LINE_BREAK && sameStyle(prev, r))
      runs[runs.length - 1] = { ...prev, text: prev.text + r.text };
    else runs.push(r);
  }
  let out = "";
  let lineStart = true;
  for (const r of runs) {
    if (r.text === LINE_BREAK) {
      out += "\\\n";
      lineStart = true;
      continue;
    }
    // Delimiters must touch the text: keep the run's outer spaces outside them.
    const lead = /^\s*/.exec(r.text)![0];
    const trail = r.text.length > lead.length ? /\s*$/.exec(r.text)![0] : "";
    const core = r.text.slice(lead.length, r.text.length - trail.length);
    if (!core) {
      out += r.text;
      continue;
    }
    let s = r.code ? codeSpan(core) : escapeText(core, lineStart && !lead);
    if (r.strike) s = `~~${s}~~`;
    if (r.italic) s = `*${s}*`;
    if (r.bold) s = `**${s}**`;
    if (r.href) s = `[${s}](${r.href.replace(/[()\s<>]/g, (c) => encodeURIComponent(c))})`;
    out += lead + s + trail;
    lineStart = false;
  }
  return out.trim();
}

/**
 * Blocks as Markdown lines, each prefixed by `indent` (so a note can sit inside a list item).
 * Headings become bold paragraphs: a heading inside a note must not break the document's own outline.
 * Code blocks are fenced, never indented, so that the indent cannot change their meaning.
 */
export function blocksToMarkdown(blocks: MdBlock[], indent = ""): string[] {
  const out: string[] = [];
  const push = (lines: string[]) => {
    if (out.length) out.push("");
    out.push(...lines);
  };
  for (const b of blocks) {
    if (b.type === "paragraph") push(prefixLines(runsToMarkdown(b.runs), indent));
    else if (b.type === "heading") push(prefixLines(runsToMarkdown(b.runs.map((r) => ({ ...r, bold: true as const }))), indent));
    else if (b.type === "rule") push([`${indent}---`]);
    else if (b.type === "code") {
      const longest = Math.max(2, ...[...b.text.matchAll(/`+/g)].map((m) => m[0].length));
      const fence = "`".repeat(longest + 1);
      push([
        `${indent}${fence}`,
        ...b.text
          .replace(/\n$/, "")
          .split("\n")
          .map((l) => `${indent}${l}`),
        `${indent}${fence}`,
      ]);
    } else if (b.type === "quote") {
      push(blocksToMarkdown(b.blocks).map((l) => `${indent}> ${l}`.trimEnd()));
    } else if (b.type === "list") {
      const lines: string[] = [];
      b.items.forEach((item, n) => {
        const marker = b.ordered ? `${b.start + n}.` : "-";
        const inner = blocksToMarkdown(item, " ".repeat(marker.length + 1));
        const first = inner.findIndex((l) => l.trim());
        if (first < 0) lines.push(`${indent}${marker}`);
        else
          inner.forEach((l, i) => {
            if (i < first) return;
            lines.push(i === first ? `${indent}${marker} ${l.trimStart()}` : l ? `${indent}${l}` : "");
          });
      });
      push(lines);
    }
  }
  return out;
}

function prefixLines(text: string, indent: string): string[] {
  return text.split("\n").map((l) => `${indent}${l}`);
}
