// A chart as a static island: the server sends recharts' SVG, rendered once per distinct chart
// (chart-markup.server.ts), and hydration keeps that markup as it is, so a page with charts neither renders
// recharts on every request nor ships recharts to the browser. The browser imports the chart code (plots.tsx,
// a chunk of its own) only when it must draw: when the chart's data changed on the client (a client-side
// navigation or revalidation), when the island mounts after a client-side navigation, or when someone points
// at the chart (then the live chart with its tooltip replaces the picture, which it draws identically).
import { useEffect, useState, useSyncExternalStore } from "react";
import * as server from "./chart-markup.server"; // an empty module in the browser build
import type { PlotKind, PlotProps } from "./plot-types";

type PlotsModule = typeof import("./plots");

let plotsModule: PlotsModule | null = null;
let plotsLoading: Promise<PlotsModule> | null = null;

function loadPlots(): Promise<PlotsModule> {
  plotsLoading ??= Promise.all([import("./plots"), import("./recharts-pieces.client")]).then(([m, recharts]) => {
    m.setRechartsModule(recharts);
    return (plotsModule = m);
  });
  return plotsLoading;
}

const noSubscription = () => () => {};

/** False on the server and while hydrating (React reads the server snapshot then), true in every later client render. */
function useClientRender(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}

interface Props<K extends PlotKind> {
  kind: K;
  props: PlotProps[K];
}

export function ChartIsland<K extends PlotKind>({ kind, props }: Props<K>) {
  const key = JSON.stringify(props);
  const clientRender = useClientRender();
  // The markup in the page is right for as long as the props are those the server drew it from; once they
  // change the island draws live for good (the markup of a later server render never reaches this page).
  const [serverKey, setServerKey] = useState<string | null>(() => (clientRender ? null : key));
  const [pointedAt, setPointedAt] = useState(false);
  const [plots, setPlots] = useState<PlotsModule | null>(plotsModule);
  if (serverKey !== null && serverKey !== key) setServerKey(null);
  const live = serverKey === null || pointedAt;

  useEffect(() => {
    if (live && !plots) void loadPlots().then(setPlots);
  }, [live, plots]);

  if (!live) {
    return (
      <div
        key="markup"
        className="chart-island"
        // On the server the cached markup; in the browser an empty string that hydration leaves alone.
        dangerouslySetInnerHTML={{ __html: server.chartMarkup ? server.chartMarkup(kind, props) : "" }}
        suppressHydrationWarning
        onPointerEnter={() => void loadPlots().then((m) => (setPlots(m), setPointedAt(true)))}
      />
    );
  }
  // Keyed apart from the markup island: React must not reuse that element (and its innerHTML) for the live chart.
  if (!plots) return <ChartPlaceholder key="live" width={props.width} height={props.height} />;
  const Plot = plots.PLOTS[kind] as (p: PlotProps[PlotKind] & { interactive: boolean }) => JSX.Element;
  return (
    <div key="live" className="chart-island">
      <Plot {...(props as PlotProps[PlotKind])} interactive />
    </div>
  );
}

/** The chart's box while its code loads, as wide as the card and of the drawing's shape, so that nothing below it moves. */
function ChartPlaceholder({ width, height }: { width: number; height: number }) {
  return <div className="chart-island" style={{ width: "100%", aspectRatio: `${width} / ${height}` }} />;
}
