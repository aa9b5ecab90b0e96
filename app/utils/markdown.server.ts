// Notes are markdown written by people: rendered on the server into HTML that is safe to inject.
// markdown-it with `html: false` escapes every raw tag and attribute (so `<script>` or
// `<img onerror=…>` arrive as text), and its default link validation refuses javascript:,
// vbscript:, file: and non-image data: URLs. Links open in the same tab and carry rel="nofollow
// noopener noreferrer" so a note cannot vouch for or script the page it links to.
import { createRequire } from "node:module";
import type MarkdownIt from "markdown-it";

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
