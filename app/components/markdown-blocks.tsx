// Parsed Markdown (app/domain/markdown-doc.ts) as React elements: text is escaped by React, so nothing here
// is injected as HTML. Links were validated by the parser (no javascript: and the like) and cannot vouch
// for or script the page (rel). Used where a page already has the parse, such as the printable portfolio.
import { Fragment, type ReactNode } from "react";
import { LINE_BREAK, type MdBlock, type MdRun } from "~/domain/markdown-doc";

function Run({ run }: { run: MdRun }) {
  if (run.text === LINE_BREAK) return <br />;
  let node: ReactNode = run.code ? <code>{run.text}</code> : run.text;
  if (run.strike) node = <s>{node}</s>;
  if (run.italic) node = <em>{node}</em>;
  if (run.bold) node = <strong>{node}</strong>;
  if (run.href)
    node = (
      <a href={run.href} rel="nofollow noopener noreferrer">
        {node}
      </a>
    );
  return <>{node}</>;
}

function Runs({ runs }: { runs: MdRun[] }) {
  return (
    <>
      {runs.map((r, i) => (
        <Run key={i} run={r} />
      ))}
    </>
  );
}

function Block({ block }: { block: MdBlock }) {
  switch (block.type) {
    case "paragraph":
      return (
        <p>
          <Runs runs={block.runs} />
        </p>
      );
    case "heading":
      // A note's heading stays inside the note: bold text, not a heading of the page's outline.
      return (
        <p>
          <strong>
            <Runs runs={block.runs} />
          </strong>
        </p>
      );
    case "code":
      return (
        <pre>
          <code>{block.text}</code>
        </pre>
      );
    case "quote":
      return (
        <blockquote>
          <Blocks blocks={block.blocks} />
        </blockquote>
      );
    case "rule":
      return <hr />;
    case "list": {
      // An item of one paragraph is set inline, as a tight list is in HTML.
      const items = block.items.map((item, i) => (
        <li key={i}>
          {item.length === 1 && item[0]!.type === "paragraph" ? <Runs runs={item[0].runs} /> : <Blocks blocks={item} />}
        </li>
      ));
      return block.ordered ? <ol start={block.start === 1 ? undefined : block.start}>{items}</ol> : <ul>{items}</ul>;
    }
  }
}

function Blocks({ blocks }: { blocks: MdBlock[] }) {
  return (
    <>
      {blocks.map((b, i) => (
        <Fragment key={i}>
          <Block block={b} />
        </Fragment>
      ))}
    </>
  );
}

export function MarkdownBlocks({ blocks, className = "markdown" }: { blocks: MdBlock[]; className?: string }) {
  if (blocks.length === 0) return null;
  return (
    <div className={className}>
      <Blocks blocks={blocks} />
    </div>
  );
}
