// Notes are markdown written by people: the one parser of the app. Pages get HTML that is safe to inject
// (renderMarkdown); the PDF and the brag document get the same parse as plain data (parseMarkdown, see
// app/domain/markdown-doc.ts), so bold, lists, links and code look the same everywhere.
// markdown-it with `html: false` escapes every raw tag and attribute (so `<script>` or
// `<img onerror=…>` arrive as text), and its default link validation refuses javascript:,
// vbscript:, file: and non-image data: URLs. Links open in the same tab and carry rel="nofollow
// noopener noreferrer" so a note cannot vouch for or script the page it links to.
import { createRequire } from "node:module";
import type MarkdownIt from "markdown-it";
import type Token from "markdown-it/lib/token.mjs";
import { LINE_BREAK, type MdBlock, type MdRun } from "~/domain/markdown-doc";

// Made with the first note rendered, not when the server starts (cold start, ADR 010).
const require = createRequire(import.meta.url);
let md: MarkdownIt | null = null;

function renderer(): MarkdownIt {
  if (md) return md;
  const Markdown = require("markdown-it") as typeof MarkdownIt;
  const created = new Markdown({ html: false, linkify: true, typographer: false, breaks: false });
  const defaultLinkOpen =
    created.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
  created.renderer.rules.link_open = (tokens, idx, options, env, self) => {
    tokens[idx]!.attrSet("rel", "nofollow noopener noreferrer");
    return defaultLinkOpen(tokens, idx, options, env, self);
  };
  return (md = created);
}

/** HTML for a note; empty string for no note. The only HTML this app injects with dangerouslySetInnerHTML. */
export function renderMarkdown(source: string | null | undefined): string {
  if (!source || !source.trim()) return "";
  return renderer().render(source);
}

/** The Markdown of a note as plain data (app/domain/markdown-doc.ts); empty for no note. Raw HTML comes back as text. */
export function parseMarkdown(source: string | null | undefined): MdBlock[] {
  if (!source || !source.trim()) return [];
  return blocksFrom(renderer().parse(source, {}));
}

/** Markdown-it's flat token stream → nested blocks. */
function blocksFrom(tokens: Token[]): MdBlock[] {
  let i = 0;
  const walk = (until: string | null): MdBlock[] => {
    const out: MdBlock[] = [];
    while (i < tokens.length) {
      const t = tokens[i++]!;
      if (until && t.type === until) return out;
      switch (t.type) {
        case "heading_open": {
          const runs = runsFrom(tokens[i]?.children ?? []);
          i += 2; // inline, heading_close
          out.push({ type: "heading", level: Number(t.tag.slice(1)) || 1, runs });
          break;
        }
        case "paragraph_open": {
          const runs = runsFrom(tokens[i]?.children ?? []);
          i += 2;
          if (runs.length) out.push({ type: "paragraph", runs });
          break;
        }
        case "bullet_list_open":
        case "ordered_list_open": {
          const ordered = t.type === "ordered_list_open";
          const start = Number(t.attrGet("start") ?? 1) || 1;
          const close = ordered ? "ordered_list_close" : "bullet_list_close";
          const items: MdBlock[][] = [];
          while (i < tokens.length && tokens[i]!.type !== close) {
            if (tokens[i]!.type === "list_item_open") {
              i++;
              items.push(walk("list_item_close"));
            } else i++;
          }
          i++;
          out.push({ type: "list", ordered, start, items });
          break;
        }
        case "blockquote_open":
          out.push({ type: "quote", blocks: walk("blockquote_close") });
          break;
        case "fence":
        case "code_block":
          out.push({ type: "code", text: t.content.replace(/\n$/, "") });
          break;
        case "hr":
          out.push({ type: "rule" });
          break;
        case "html_block":
          // Raw HTML is never HTML here: it is kept as the text someone typed.
          if (t.content.trim()) out.push({ type: "paragraph", runs: linesAsRuns(t.content.replace(/\n$/, "")) });
          break;
        case "tr_open": {
          // Tables are rare in notes: each row becomes one line, cells separated by " | ".
          const cells: MdRun[][] = [];
          while (i < tokens.length && tokens[i]!.type !== "tr_close") {
            const c = tokens[i++]!;
            if (c.type === "inline") cells.push(runsFrom(c.children ?? []));
          }
          i++;
          out.push({ type: "paragraph", runs: cells.flatMap((c, n) => (n ? [{ text: " | " }, ...c] : c)) });
          break;
        }
        default:
          break;
      }
    }
    return out;
  };
  return walk(null);
}

function linesAsRuns(text: string): MdRun[] {
  return text.split("\n").flatMap((l, n) => (n ? [{ text: LINE_BREAK }, { text: l }] : [{ text: l }]));
}

function runsFrom(children: Token[]): MdRun[] {
  const runs: MdRun[] = [];
  let bold = 0;
  let italic = 0;
  let strike = 0;
  const links: string[] = [];
  const add = (text: string, extra: Partial<MdRun> = {}) => {
    if (!text) return;
    const run: MdRun = { text };
    if (bold) run.bold = true;
    if (italic) run.italic = true;
    if (strike) run.strike = true;
    if (links.length) run.href = links.at(-1)!;
    runs.push({ ...run, ...extra });
  };
  for (const c of children) {
    switch (c.type) {
      case "text":
      case "html_inline":
        add(c.content);
        break;
      case "code_inline":
        add(c.content, { code: true });
        break;
      case "softbreak":
        add(" ");
        break;
      case "hardbreak":
        runs.push({ text: LINE_BREAK });
        break;
      case "strong_open":
        bold++;
        break;
      case "strong_close":
        bold--;
        break;
      case "em_open":
        italic++;
        break;
      case "em_close":
        italic--;
        break;
      case "s_open":
        strike++;
        break;
      case "s_close":
        strike--;
        break;
      case "link_open":
        links.push(c.attrGet("href") ?? "");
        break;
      case "link_close":
        links.pop();
        break;
      case "image":
        // An image prints as its description, linked to where it lives.
        add(c.content || "image", { href: c.attrGet("src") ?? undefined });
        break;
      default:
        if (c.content) add(c.content);
    }
  }
  return runs;
}
