// A chart's legend as plain HTML beside the island, drawn like recharts' default legend. recharts sizes its
// plot only after measuring its legend in the browser, so its static markup would draw the legend over the
// axis; a legend outside the chart needs no measuring and looks the same on the server, after hydration and
// in the live chart. The names are in the text colour, the icons in the series': several series colours
// (Okabe–Ito light blue, pink, green) are below 4.5:1 against white as text.

export interface LegendItem {
  name: string;
  colour: string;
  /** recharts' legend icons: a plain (dashed) line, a line through a circle (lines with dots), a square */
  icon: "plainline" | "line" | "square";
  dash?: string;
}

function Icon({ item }: { item: LegendItem }) {
  if (item.icon === "plainline")
    return <line strokeWidth={4} stroke={item.colour} strokeDasharray={item.dash} x1={0} y1={16} x2={32} y2={16} />;
  if (item.icon === "line")
    return (
      <path
        strokeWidth={4}
        fill="none"
        stroke={item.colour}
        d="M0,16h10.7A5.3,5.3,0,1,1,21.3,16H32M21.3,16A5.3,5.3,0,1,1,10.7,16"
      />
    );
  return <path fill={item.colour} d="M0,4h32v24h-32z" />;
}

/** As wide as the card, like the chart above it (charts/fit-svg.ts). */
export function ChartLegend({ items, fontSize }: { items: LegendItem[]; fontSize?: number }) {
  return (
    <ul className="chart-legend" style={fontSize ? { fontSize } : undefined}>
      {items.map((item) => (
        <li key={item.name}>
          <svg width="14" height="14" viewBox="0 0 32 32" aria-hidden="true">
            <Icon item={item} />
          </svg>
          <span>{item.name}</span>
        </li>
      ))}
    </ul>
  );
}
