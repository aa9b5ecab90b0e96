// A chart's static SVG markup, rendered once per distinct chart and reused: recharts costs a quarter of a
// dashboard request's CPU when it renders on every request (issue 18). The cache holds pure output of its
// key (the chart kind and its props), never request state, so one per process is right; it is bounded
// (least recently used out first) so that a long-running server does not grow with every new chart.
import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import type { PlotKind, PlotProps } from "./plot-types";
import { PLOTS, setRechartsModule } from "./plots";
import type * as Recharts from "./recharts-pieces.client";
import { fitSvg } from "./fit-svg";
import { slimSvg } from "./slim-svg";

/** ~256 charts of 5–15 KB: a few MB at most. A busy dashboard sees one trend and one radar per person. */
const MAX_ENTRIES = 256;

export function chartKey<K extends PlotKind>(kind: K, props: PlotProps[K]): string {
  return createHash("sha1").update(kind).update("\0").update(JSON.stringify(props)).digest("base64url");
}

/** recharts' static markup of a chart (its wrapper div and SVG), slimmed and sized to its card; what the cache stores. */
const require = createRequire(import.meta.url);
let rechartsLoaded = false;

export function renderChart<K extends PlotKind>(kind: K, props: PlotProps[K]): string {
  // recharts loads with the first chart, not when the server starts (ADR 010's cold start)
  if (!rechartsLoaded) {
    setRechartsModule(require("recharts") as typeof Recharts);
    rechartsLoaded = true;
  }
  const Plot = PLOTS[kind] as (p: PlotProps[K]) => JSX.Element;
  return fitSvg(slimSvg(renderToStaticMarkup(createElement(Plot, props))));
}

export function createChartCache(maxEntries: number, render = renderChart) {
  const cache = new Map<string, string>();
  const stats = { hits: 0, misses: 0 };
  return {
    markup<K extends PlotKind>(kind: K, props: PlotProps[K]): string {
      const key = chartKey(kind, props);
      const hit = cache.get(key);
      if (hit !== undefined) {
        stats.hits++;
        // most recently used last: a Map keeps insertion order
        cache.delete(key);
        cache.set(key, hit);
        return hit;
      }
      stats.misses++;
      const markup = render(kind, props);
      cache.set(key, markup);
      if (cache.size > maxEntries) cache.delete(cache.keys().next().value!);
      return markup;
    },
    stats: () => ({ ...stats, entries: cache.size, maxEntries }),
  };
}

const processCache = createChartCache(MAX_ENTRIES);

/** The chart drawn as static markup, from this process's cache when it has been drawn before. */
export function chartMarkup<K extends PlotKind>(kind: K, props: PlotProps[K]): string {
  return processCache.markup(kind, props);
}

/** For tests and benchmarks: hits, misses and entries of this process's cache. */
export const chartCacheStats = processCache.stats;
