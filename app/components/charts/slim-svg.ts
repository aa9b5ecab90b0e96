// Shrinks recharts' static markup without changing what it draws. recharts writes coordinates with up to 15
// digits and copies its props onto every element (a <line> gets x, y, width, height and orientation, which
// SVG ignores there); most of a chart's bytes are that. Here: numbers in geometry to a tenth of a pixel,
// attributes without effect on their element dropped, class names kept only where CSS or tests use them.
// Pure string work on markup React produced (attribute values are already escaped, never contain `"`).

const TAG = /<([a-zA-Z][\w-]*)((?:\s[\w:-]+="[^"]*")*)(\s*\/?)>/g;
const ATTR = /\s([\w:-]+)="([^"]*)"/g;
const GEOMETRY = new Set(["d", "x", "y", "x1", "x2", "y1", "y2", "cx", "cy", "r", "points", "transform"]);
const LONG_NUMBER = /-?\d+\.\d{2,}(?:e-?\d+)?(?![\w%])/g;
/** Elements on which width and height mean something. */
const SIZED = new Set(["svg", "rect", "foreignObject", "image", "use", "pattern", "mask", "clipPath"]);
/** recharts' prop copies that no SVG element here reads. */
const NO_EFFECT = new Set(["orientation", "radius", "name"]);
/** Class names the app's CSS or its tests select on; the rest only serve recharts' own event handling. */
const KEPT_CLASSES = new Set([
  "recharts-wrapper",
  "recharts-surface",
  "recharts-legend-wrapper",
  "recharts-curve",
  "recharts-line-curve",
  "recharts-polygon",
]);

function round(n: string): string {
  const v = Math.round(Number(n) * 10) / 10;
  return String(Object.is(v, -0) ? 0 : v);
}

function keep(tag: string, name: string, value: string): string | null {
  if (NO_EFFECT.has(name)) return null;
  if ((name === "width" || name === "height") && !SIZED.has(tag)) return null;
  if ((name === "cx" || name === "cy") && tag !== "circle" && tag !== "ellipse") return null;
  if (tag === "line" && (name === "x" || name === "y" || name === "fill")) return null;
  if (tag === "text" && name === "stroke" && value === "none") return null;
  if (name === "transform" && /^rotate\(0[ ,]/.test(value)) return null;
  if (tag === "tspan" && name === "dy" && value === "0") return null;
  if (name === "class") {
    const kept = value.split(/\s+/).filter((c) => KEPT_CLASSES.has(c));
    return kept.length ? kept.join(" ") : null;
  }
  if (name === "d") return relativePath(value) ?? value.replace(/\s+/g, " ").trim().replace(LONG_NUMBER, round);
  if (GEOMETRY.has(name)) return value.replace(LONG_NUMBER, round);
  return value;
}

const PATH_TOKEN = /[a-zA-Z]|-?(?:\d+\.?\d*|\.\d+)(?:e-?\d+)?/g;
const ARITY: Record<string, number> = { M: 2, L: 2, C: 6, Z: 0 };

/** A number of tenths as short as SVG allows: 3 → ".3", -15 → "-1.5", 20 → "2". */
function tenths(n: number): string {
  const s = String(n / 10);
  return s.replace(/^(-?)0\./, "$1.");
}

/**
 * An absolute path of M, L, C and Z commands (recharts' lines, curves and polygons) in relative commands
 * with coordinates to a tenth of a pixel: the offsets are short numbers where the absolute ones are long.
 * Offsets are taken between the rounded points, so every point lands where rounding the absolute path
 * would put it. Null for any other path (arcs, H/V), left to plain rounding.
 */
export function relativePath(d: string): string | null {
  const tokens = d.match(PATH_TOKEN) ?? [];
  let out = "";
  let x = 0;
  let y = 0;
  let startX = 0;
  let startY = 0;
  let i = 0;
  let first = true;
  let last = "";
  // the previous C segment's second control point (absolute tenths), for S commands
  let mirror: [number, number] | null = null;
  const num = () => Math.round(Number(tokens[i++]) * 10);
  // A repeated command letter may be left out (SVG repeats the last one); a minus sign separates numbers.
  const emit = (letter: string, values: number[]) => {
    const repeated = letter === last && letter !== "M" && letter !== "m";
    out += repeated ? "" : letter;
    for (const [k, v] of values.entries()) {
      const t = tenths(v);
      out += (k > 0 || repeated) && !t.startsWith("-") ? `,${t}` : t;
    }
    last = letter;
  };
  while (i < tokens.length) {
    const command = tokens[i++]!;
    const arity = ARITY[command];
    if (arity === undefined) return null;
    if (command === "Z") {
      out += "z";
      last = "z";
      [x, y] = [startX, startY];
      continue;
    }
    let repeat = 0;
    while (i < tokens.length && !/^[a-zA-Z]$/.test(tokens[i]!)) {
      const values: number[] = [];
      for (let k = 0; k < arity; k++) values.push(num());
      if (values.some((v) => !Number.isFinite(v))) return null;
      const [ex, ey] = values.slice(-2) as [number, number];
      const [c1x, c1y] = values as [number, number];
      if (command === "M" && repeat === 0 && first) {
        emit("M", [ex, ey]);
        first = false;
      } else if (command === "C" && mirror && Math.abs(2 * x - mirror[0] - c1x) <= 1 && Math.abs(2 * y - mirror[1] - c1y) <= 1) {
        // A smooth join (monotone curves have them everywhere): the first control point mirrors the last one
        // (to the tenth of a pixel the rounding already allows), so an S segment says the same in 4 numbers.
        emit(
          "s",
          values.slice(2).map((v, k) => v - (k % 2 === 0 ? x : y)),
        );
      } else {
        const letter = command === "M" && repeat === 0 ? "m" : command === "C" ? "c" : "l";
        emit(
          letter,
          values.map((v, k) => v - (k % 2 === 0 ? x : y)),
        );
      }
      mirror = command === "C" ? [values[2]!, values[3]!] : null;
      [x, y] = [ex, ey];
      if (command === "M" && repeat === 0) [startX, startY] = [ex, ey];
      repeat++;
    }
  }
  return out;
}

/** Groups without attributes (most of recharts', once their classes are gone) group nothing: unwrapped. */
function unwrapBareGroups(markup: string): string {
  const kept: boolean[] = [];
  return markup.replace(/<g(\s[^>]*)?>|<\/g>/g, (tag, attrs: string | undefined) => {
    if (tag === "</g>") return kept.pop() ? tag : "";
    kept.push(Boolean(attrs?.trim()));
    return kept[kept.length - 1] ? tag : "";
  });
}

/** Presentation attributes SVG children inherit from a group. */
const INHERITED = new Set(["stroke", "stroke-width", "stroke-dasharray", "stroke-opacity", "fill", "fill-opacity"]);
const RUNS = [/(?:<line\s[^>]*><\/line>){3,}/g, /(?:<path\s[^>]*><\/path>){3,}/g];

/**
 * Three or more sibling lines (or paths) in a row with the same presentation attributes (a chart's grid: the
 * same stroke and dash on every line) get them once from a group around them.
 */
function hoistShared(markup: string): string {
  let out = markup;
  for (const run of RUNS) {
    out = out.replace(run, (elements) => {
      const each = [...elements.matchAll(/<(\w+)((?:\s[\w:-]+="[^"]*")*)><\/\1>/g)].map((m) => {
        const attrs = [...m[2]!.matchAll(ATTR)].map(([, n, v]) => [n!, v!] as const);
        const inherited = attrs.filter(([n]) => INHERITED.has(n));
        const own = attrs.filter(([n]) => !INHERITED.has(n));
        return { tag: m[1]!, own, inherited, signature: inherited.map(([n, v]) => `${n}="${v}"`).join(" ") };
      });
      let result = "";
      for (let i = 0; i < each.length;) {
        let j = i;
        while (j < each.length && each[j]!.signature === each[i]!.signature) j++;
        const same = each.slice(i, j);
        const hoist = same.length >= 3 && same[0]!.signature !== "";
        const html = (e: (typeof each)[number], withInherited: boolean) =>
          `<${e.tag}${[...(withInherited ? e.inherited : []), ...e.own].map(([n, v]) => ` ${n}="${v}"`).join("")}></${e.tag}>`;
        result += hoist
          ? `<g ${same[0]!.signature}>${same.map((e) => html(e, false)).join("")}</g>`
          : same.map((e) => html(e, true)).join("");
        i = j;
      }
      return result;
    });
  }
  return out;
}

/** Text attributes that lines ignore, so a group around ticks (a line and a label each) can hold them. */
const TEXT_ONLY = new Set(["font-size", "text-anchor", "fill"]);
const TICK_RUN = /(?:<line\s[^>]*><\/line>|<text\s[^>]*>(?:<tspan[^>]*>[^<]*<\/tspan>)*<\/text>){3,}/g;

function hoistTextAttributes(markup: string): string {
  return markup.replace(TICK_RUN, (run) => {
    const elements = [
      ...run.matchAll(/<line\s[^>]*><\/line>|<text((?:\s[\w:-]+="[^"]*")*)>(?:<tspan[^>]*>[^<]*<\/tspan>)*<\/text>/g),
    ].map((m) => ({ html: m[0], text: m[1] !== undefined ? [...m[1].matchAll(ATTR)].map(([, n, v]) => `${n}="${v}"`) : null }));
    // Greedy segments: extend while the texts so far still share a text-only attribute.
    let out = "";
    let segment: typeof elements = [];
    let shared: string[] | null = null;
    const flush = () => {
      const texts = segment.filter((e) => e.text);
      if (texts.length >= 3 && shared?.length) {
        const strip = (html: string) =>
          html.replace(/^<text[^>]*>/, (open) => shared!.reduce((o, a) => o.replace(` ${a}`, ""), open));
        out += `<g ${shared.join(" ")}>${segment.map((e) => (e.text ? strip(e.html) : e.html)).join("")}</g>`;
      } else out += segment.map((e) => e.html).join("");
      segment = [];
      shared = null;
    };
    for (const e of elements) {
      if (e.text) {
        const candidates = e.text.filter((a) => TEXT_ONLY.has(a.split("=")[0]!));
        const next: string[] = shared === null ? candidates : shared.filter((a) => candidates.includes(a));
        if (shared !== null && next.length === 0) {
          flush();
          shared = candidates;
        } else shared = next;
      }
      segment.push(e);
    }
    flush();
    return out;
  });
}

/**
 * Lines without a stroke and paths without stroke or fill draw nothing (recharts' angle axis of a radar
 * without an axis line): dropped, unless a group around them gives them a stroke.
 */
function dropInvisible(markup: string): string {
  const stroked: boolean[] = [];
  return markup.replace(
    /<g(\s[^>]*)?>|<\/g>|<(line|path)(\s[^>]*)?><\/\2>/g,
    (tag, gAttrs?: string, leaf?: string, attrs = "") => {
      if (tag === "</g>") {
        stroked.pop();
        return tag;
      }
      if (!leaf) {
        stroked.push(/\sstroke="/.test(gAttrs ?? "") || stroked.some(Boolean));
        return tag;
      }
      if (stroked.some(Boolean) || /\sstroke="(?!none")/.test(attrs)) return tag;
      const invisible = leaf === "line" || /\sfill="none"/.test(attrs);
      return invisible ? "" : tag;
    },
  );
}

export function slimSvg(markup: string): string {
  const slim = markup
    .replace(/<title><\/title><desc><\/desc>/g, "")
    .replace(TAG, (_, tag: string, attrs: string, end: string) => {
      let out = "";
      for (const [, name, value] of attrs.matchAll(ATTR)) {
        const v = keep(tag, name!, value!);
        if (v !== null) out += ` ${name}="${v}"`;
      }
      return `<${tag}${out}${end}>`;
    });
  // A text's first tspan starts where the text does: its own x repeats the text's.
  const firstTspan = slim.replace(/(<text\b[^>]*?\sx="([^"]*)"[^>]*><tspan) x="\2"/g, "$1");
  return hoistTextAttributes(hoistShared(dropInvisible(unwrapBareGroups(firstTspan))));
}
