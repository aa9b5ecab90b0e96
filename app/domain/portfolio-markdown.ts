// The portfolio as a Markdown brag document. Pure: a Portfolio in, text out.
// Plain text that came from people (titles, names, comments) is escaped so that it comes out literally:
// "**bold**" in a title stays two asterisks, "<script>" stays text, "# x" is no heading. Notes are
// Markdown by design (issue 16): they come in parsed (the app's one parser) and go out as Markdown,
// formatting kept, literal text escaped once, raw HTML as escaped text.
import { type MdBlock, blocksToMarkdown } from "./markdown-doc";
import { type Portfolio, type PortfolioItem, formatMinutes, itemFacts } from "./portfolio";

/** How notes are read: app/utils/markdown.server.ts's parseMarkdown, passed in to keep this module pure. */
export type ParseNotes = (source: string) => MdBlock[];

/** Characters that start an inline construct anywhere: code, emphasis, links, HTML, tables, strikethrough, entities. */
const INLINE_SPECIALS = /[\\`*_[\]<>|~&]/g;

/**
 * One line of literal text: whitespace (newlines too) collapsed, inline specials backslash-escaped,
 * and what would open a block at the start of a line (heading, list item, numbered item,
 * setext underline, thematic break) escaped there.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\s+/g, " ")
    .trim()
    .replace(INLINE_SPECIALS, (c) => `\\${c}`)
    .replace(/^([#+\-=])/, "\\$1")
    .replace(/^(\d+)([.)])/, "$1\\$2");
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function status(i: PortfolioItem): string {
  return i.verified ? "verified" : "self-reported";
}

/** A note under an item: one paragraph on the "Notes:" line, anything longer as blocks nested below it. */
function notesLines(blocks: MdBlock[], indent: string): string[] {
  if (blocks.length === 0) return [];
  const inner = `${indent}  `;
  const only = blocks[0]!;
  if (blocks.length === 1 && only.type === "paragraph") {
    const [first, ...rest] = blocksToMarkdown(blocks, inner);
    return [`${indent}- Notes: ${first!.trimStart()}`, ...rest];
  }
  return [`${indent}- Notes:`, "", ...blocksToMarkdown(blocks, inner)];
}

function itemBlock(i: PortfolioItem, marker: string, withReasons: boolean, parseNotes: ParseNotes): string[] {
  const indent = " ".repeat(marker.length + 1);
  const lines = [`${marker} **${escapeMarkdown(i.title)}** (${status(i)}): ${escapeMarkdown(itemFacts(i))}`];
  if (withReasons && i.reasons.length) lines.push(`${indent}- Counts because: ${i.reasons.map(escapeMarkdown).join("; ")}`);
  for (const e of i.endorsements) {
    lines.push(`${indent}- Endorsed by ${escapeMarkdown(e.name)}${e.comment.trim() ? `: “${escapeMarkdown(e.comment)}”` : ""}`);
  }
  if (i.notes) lines.push(...notesLines(parseNotes(i.notes), indent));
  return lines;
}

export function portfolioMarkdown(p: Portfolio, parseNotes: ParseNotes): string {
  const out: string[] = [];
  const push = (...lines: string[]) => out.push(...lines);

  push(`# Promotion portfolio: ${escapeMarkdown(p.person.name)}`, "");
  push(`- **Current position:** ${p.current ? escapeMarkdown(p.current.name) : "none"}`);
  push(`- **Target position:** ${p.target ? escapeMarkdown(p.target.name) : "none"}`);
  if (p.readiness) push(`- **Readiness:** ${p.readiness.percent}%`);
  if (p.person.team) push(`- **Team:** ${escapeMarkdown(p.person.team)}`);
  push(`- **Period:** ${p.period.from} to ${p.period.to}`);
  push(
    `- **Evidence:** ${plural(p.totals.items, "item")} (${p.totals.verified} verified), ${plural(p.totals.endorsements, "endorsement")}`,
  );
  push(`- **Generated:** ${p.generatedAt.slice(0, 10)}`, "");

  push("## Readiness and gaps", "", escapeMarkdown(p.gapStatement), "");
  push("| Skill | SFIA codes | Level | Required | Score | Items |", "| --- | --- | --- | --- | ---: | ---: |");
  for (const s of p.skills) {
    push(
      `| ${escapeMarkdown(s.name)} | ${escapeMarkdown(s.sfiaCodes) || "–"} | ${s.levelName} | ${s.requiredName} | ${s.score} | ${s.itemCount} (${s.verifiedCount} verified) |`,
    );
  }
  push("");

  push("## Evidence by skill", "");
  for (const s of p.skills) {
    push(`### ${escapeMarkdown(s.name)}`, "");
    const standing = s.met
      ? "meets the requirement"
      : `${s.required - s.level} ${s.required - s.level === 1 ? "level" : "levels"} short`;
    push(
      `Level ${s.levelName}, required ${s.requiredName} (${standing}). Score ${s.score} from ${plural(s.itemCount, "item")} in the period, ${s.verifiedCount} verified, ${plural(s.endorsementCount, "endorsement")}.`,
      "",
    );
    if (s.evidence.length === 0) push("No evidence for this skill in the period.", "");
    else {
      s.evidence.forEach((i, n) => push(...itemBlock(i, `${n + 1}.`, true, parseNotes)));
      push("");
      if (s.moreCount > 0) push(`And ${plural(s.moreCount, "more item")}.`, "");
    }
  }

  push("## Highlights", "");
  const h = p.highlights;
  const list = (title: string, summary: string, items: PortfolioItem[], extra?: (i: PortfolioItem) => string) => {
    push(`### ${title}`, "", summary, "");
    if (items.length) {
      for (const i of items) {
        const lines = itemBlock({ ...i, notes: null, endorsements: [] }, "-", false, parseNotes);
        if (extra) lines[0] += `, ${extra(i)}`;
        push(...lines);
      }
      push("");
    }
  };
  list(
    "Major incidents (P1/P2)",
    h.majorIncidents.total
      ? `${plural(h.majorIncidents.total, "major incident")} in the period.`
      : "No major incidents in the period.",
    h.majorIncidents.items,
  );
  list(
    "DR drills",
    h.drDrills.total ? `${plural(h.drDrills.total, "DR drill")} in the period.` : "No DR drills in the period.",
    h.drDrills.items,
  );
  list(
    "After-hours work",
    h.afterHours.total
      ? `${plural(h.afterHours.total, "item")} handled after hours, ${formatMinutes(h.afterHours.minutes)} in all.`
      : "No after-hours work in the period.",
    h.afterHours.items,
    (i) => `${formatMinutes(i.afterHoursMinutes)} after hours`,
  );

  if (p.nextSteps.length) {
    push("## Next steps", "");
    for (const s of p.nextSteps) push(`- **${escapeMarkdown(s.name)}:** ${s.steps.map(escapeMarkdown).join("; ")}`);
    push("");
  }

  push("## All evidence in the period", "");
  if (p.evidence.length === 0) push("None.", "");
  else {
    push("| Date | Reference | Title | Kind | Status |", "| --- | --- | --- | --- | --- |");
    for (const i of p.evidence) {
      push(
        `| ${i.date} | ${i.ref ? escapeMarkdown(i.ref) : "–"} | ${escapeMarkdown(i.title)} | ${escapeMarkdown(i.kindName)} | ${status(i)} |`,
      );
    }
    push("");
  }
  return out.join("\n");
}
