// charts/slim-svg.ts: smaller markup that draws the same. Paths: every point of the relative path lands where
// rounding the absolute one puts it; attributes: only those without effect go.
import { describe, expect, it } from "vitest";
import { relativePath, slimSvg } from "../../app/components/charts/slim-svg";

/** The absolute end points (in tenths) a path of M/m, L/l, C/c, S/s, Z/z visits, for comparing two paths. */
function points(d: string): [number, number][] {
  const tokens = d.match(/[a-zA-Z]|-?(?:\d+\.?\d*|\.\d+)/g)!;
  const arity: Record<string, number> = { m: 2, l: 2, c: 6, s: 4, z: 0 };
  const out: [number, number][] = [];
  let [x, y, sx, sy] = [0, 0, 0, 0];
  let command = "";
  let i = 0;
  while (i < tokens.length) {
    if (/[a-zA-Z]/.test(tokens[i]!)) command = tokens[i++]!;
    const lower = command.toLowerCase();
    if (lower === "z") {
      [x, y] = [sx, sy];
      out.push([x, y]);
      continue;
    }
    const values = tokens.slice(i, i + arity[lower]!).map((t) => Math.round(Number(t) * 10));
    i += arity[lower]!;
    const [ex, ey] = values.slice(-2) as [number, number];
    const relative = command === lower;
    [x, y] = relative ? [x + ex, y + ey] : [ex, ey];
    if (lower === "m") [sx, sy] = [x, y];
    out.push([x, y]);
    if (lower === "m") command = relative ? "l" : "L";
  }
  return out;
}

describe("relativePath", () => {
  it("visits the rounded points of the absolute path", () => {
    const d =
      "M44,276.3456C55.12,270.8,65.9,265.2,76.9,261.3C87.8,257.5,98.8,253.1,109.7,253.1C120.7,253.1,131.7,254.2,142.6,254.6";
    const rel = relativePath(d)!;
    expect(rel.length).toBeLessThan(d.length * 0.75);
    expect(points(rel)).toEqual([
      [440, 2763],
      [769, 2613],
      [1097, 2531],
      [1426, 2546],
    ]);
  });

  it("writes smooth joins of a curve as S segments and closes polygons", () => {
    expect(relativePath("M0,0C10,0,20,10,30,10C40,10,50,0,60,0")).toBe("M0,0c10,0,20,10,30,10s20-10,30-10");
    expect(relativePath("M260,80.3L344.6,115.4L379.7,200Z")).toBe("M260,80.3l84.6,35.1,35.1,84.6z");
  });

  it("leaves paths with other commands (arcs) to plain rounding", () => {
    expect(relativePath("M0,16h10.7A5.3,5.3,0,1,1,21.3,16")).toBeNull();
  });
});

describe("slimSvg", () => {
  it("drops recharts' attribute copies that SVG ignores and keeps what tests and CSS select", () => {
    const raw =
      '<svg id="c" class="recharts-surface" width="820" height="340"><title></title><desc></desc>' +
      '<g class="recharts-layer"><line orientation="bottom" width="756" height="30" x="44" y="300" class="recharts-cartesian-axis-line" stroke="#666" fill="none" x1="44.123456" y1="300" x2="800" y2="300"></line></g>' +
      '<path name="Debugging" stroke="#0072B2" width="756" class="recharts-curve recharts-line-curve" d="M44,276.3456L50,270"></path></svg>';
    expect(slimSvg(raw)).toBe(
      '<svg id="c" class="recharts-surface" width="820" height="340">' +
        '<line stroke="#666" x1="44.1" y1="300" x2="800" y2="300"></line>' +
        '<path stroke="#0072B2" class="recharts-curve recharts-line-curve" d="M44,276.3l6-6.3"></path></svg>',
    );
  });

  it("gives a run of lines their shared stroke from one group, and drops lines that draw nothing", () => {
    const grid = [10, 20, 30].map((y) => `<line stroke="#eee" stroke-dasharray="3 3" x1="0" y1="${y}" x2="9" y2="${y}"></line>`);
    expect(slimSvg(`<svg>${grid.join("")}<line x1="0" y1="0" x2="1" y2="1"></line></svg>`)).toBe(
      '<svg><g stroke="#eee" stroke-dasharray="3 3"><line x1="0" y1="10" x2="9" y2="10"></line>' +
        '<line x1="0" y1="20" x2="9" y2="20"></line><line x1="0" y1="30" x2="9" y2="30"></line></g></svg>',
    );
  });

  it("keeps em units and text untouched", () => {
    const tick = '<text font-size="11" x="44.55" y="308"><tspan x="44.55" dy="0.71em">12.345</tspan></text>';
    expect(slimSvg(`<svg>${tick}</svg>`)).toBe(
      '<svg><text font-size="11" x="44.6" y="308"><tspan dy="0.71em">12.345</tspan></text></svg>',
    );
  });
});
