// Makes recharts' fixed-size static markup follow its card (issue 16, point 7): recharts draws at the width
// and height it is given (ResponsiveContainer measures in the browser and draws nothing on the server), so
// the drawing keeps its size as a viewBox and the page scales it. The wrapper and the SVG take the card's
// width and the drawing's aspect ratio; the markup stays a pure function of the props, so it stays cacheable.
// Pure string work on the wrapper and root SVG tags React wrote for recharts.

const WRAPPER = /^<div class="recharts-wrapper" style="([^"]*)">/;
const ROOT_SVG = /^(<div[^>]*>)<svg\b([^>]*)>/;

export function fitSvg(markup: string): string {
  const wrapped = markup.replace(WRAPPER, (_, style: string) => {
    const kept = style
      .split(";")
      .filter((d) => d && !/^\s*(width|height)\s*:/.test(d))
      .join(";");
    return `<div class="recharts-wrapper" style="${kept ? `${kept};` : ""}width:100%;height:auto">`;
  });
  return wrapped.replace(ROOT_SVG, (_, div: string, attrs: string) => {
    const viewBox = /\sviewBox="([^"]*)"/.exec(attrs)?.[1];
    const w = /\swidth="(\d+(?:\.\d+)?)"/.exec(attrs)?.[1];
    const h = /\sheight="(\d+(?:\.\d+)?)"/.exec(attrs)?.[1];
    const box = viewBox ?? (w && h ? `0 0 ${w} ${h}` : null);
    if (!box) return `${div}<svg${attrs}>`;
    const rest = attrs.replace(/\s(width|height|style|viewBox|preserveAspectRatio)="[^"]*"/g, "").trimEnd();
    return `${div}<svg${rest} width="100%" viewBox="${box}" preserveAspectRatio="xMidYMid meet" style="display:block;width:100%;height:auto">`;
  });
}
