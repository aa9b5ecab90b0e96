// charts/chart-markup.server.ts: a chart is rendered once per distinct props, and the markup is recharts'
// chart (ids, classes and sizes the pages and their tests rely on), smaller than recharts writes it.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { chartCacheStats, chartKey, chartMarkup, createChartCache } from "../../app/components/charts/chart-markup.server";
import type { RadarPlotProps, TrendPlotProps } from "../../app/components/charts/plot-types";
import { PLOTS } from "../../app/components/charts/plots";

const months = ["Jan 2025", "Feb 2025", "Mar 2025", "Apr 2025", "May 2025", "Jun 2025"];
const trend = (shift = 0): TrendPlotProps => ({
  id: "t-trend",
  width: 820,
  height: 302,
  data: months.map((month, i) => ({ month, debugging: i * 1.7 + shift, crisis: 10 - i * 1.3 })),
  lines: [
    { key: "debugging", name: "Debugging", stroke: "#0072B2" },
    { key: "crisis", name: "Crisis", stroke: "#D55E00", dash: "6 3" },
  ],
});
const radar: RadarPlotProps = {
  id: "t-radar",
  width: 520,
  height: 376,
  targetName: "Senior",
  data: ["Debugging", "Crisis", "Continuity", "ITIL", "Design"].map((name, i) => ({ name, current: i % 4, target: 3 })),
};

describe("chartMarkup", () => {
  it("renders a chart once and serves the same markup for equal props after", () => {
    const before = chartCacheStats();
    const first = chartMarkup("trend", trend(0.123));
    const again = chartMarkup("trend", { ...trend(0.123) });
    const after = chartCacheStats();
    expect(again).toBe(first);
    expect(after.misses - before.misses).toBe(1);
    expect(after.hits - before.hits).toBe(1);
    expect(chartKey("trend", trend(0.123))).not.toBe(chartKey("trend", trend(0.5)));
  });

  it("is recharts' chart with its id, classes and size, in fewer bytes, without a tooltip", () => {
    const full = renderToStaticMarkup(createElement(PLOTS.trend, { ...trend(), interactive: true }));
    const slim = chartMarkup("trend", trend());
    // the drawing's size kept as its viewBox, the card's width taken (issue 16, point 7: charts that fit)
    expect(slim).toMatch(/<svg[^>]*id="t-trend"[^>]*class="recharts-surface"[^>]*width="100%"[^>]*viewBox="0 0 820 302"/);
    expect(slim).toMatch(/^<div class="recharts-wrapper" style="[^"]*width:100%;height:auto">/);
    expect(slim).not.toMatch(/<svg[^>]*\sheight="/);
    expect((slim.match(/class="recharts-curve recharts-line-curve"/g) ?? []).length).toBe(2);
    expect(slim).toContain('stroke-dasharray="6 3"');
    expect(slim).not.toContain("recharts-tooltip");
    expect(slim.length).toBeLessThan(full.length * 0.6);
  });

  it("draws both radar polygons and the level ticks 0 to 7", () => {
    const slim = chartMarkup("radar", radar);
    expect((slim.match(/class="recharts-polygon"/g) ?? []).length).toBe(2);
    for (let level = 0; level <= 7; level++) expect(slim).toContain(`>${level}</tspan>`);
  });

  it("stays within its bound, the least recently used chart out first", () => {
    const drawn: string[] = [];
    const cache = createChartCache(3, (kind, props) => (drawn.push(props.id), `<svg id="${props.id}"></svg>`));
    const chart = (n: number) => ({ ...radar, id: `r${n}` });
    for (const n of [1, 2, 3, 1, 4, 1, 2]) cache.markup("radar", chart(n));
    // 1 was used again before 4 came, so 2 went; 2 is drawn again
    expect(drawn).toEqual(["r1", "r2", "r3", "r4", "r2"]);
    expect(cache.stats()).toMatchObject({ entries: 3, hits: 2, misses: 5 });
  });
});
