import type { RadarPoint } from "~/domain/ladder";
import { radarGeometry, svgPoints, wrapLabel } from "~/domain/portfolio-radar";

/** Current vs required level per skill, drawn as plain SVG (prints sharply, needs no JavaScript). */
export function PortfolioRadar({ data, targetName, id }: { data: RadarPoint[]; targetName: string | null; id: string }) {
  const width = 560;
  const height = 360;
  const g = radarGeometry(data, width / 2, height / 2 - 4, 118, 7, 12);
  const lineHeight = 13;
  const summary = data.map((d) => `${d.name}: ${d.current} of ${d.target}`).join("; ");
  return (
    <figure className="pf-radar">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={`${id}-title ${id}-desc`} id={id}>
        <title id={`${id}-title`}>{`Radar chart: current level against the level ${targetName ?? "the target"} requires`}</title>
        <desc id={`${id}-desc`}>{summary}</desc>
        <g className="pf-radar-grid">
          {g.rings.map((r) => (
            <polygon key={r.level} points={svgPoints(r.points)} />
          ))}
          {g.axes.map((a) => (
            <line key={a.skill} x1={g.center[0]} y1={g.center[1]} x2={a.end[0]} y2={a.end[1]} />
          ))}
        </g>
        <polygon className="pf-radar-target" points={svgPoints(g.target)} />
        <polygon className="pf-radar-current" points={svgPoints(g.current)} />
        {g.current.map(([x, y], i) => (
          <circle key={data[i]!.skill} className="pf-radar-dot" cx={x} cy={y} r={3} />
        ))}
        {g.rings.map((r) => (
          <text key={r.level} className="pf-radar-tick" x={g.center[0] + 3} y={g.center[1] - (g.radius * r.level) / 7 - 2}>
            {r.level}
          </text>
        ))}
        {g.axes.map((a, i) => {
          const lines = wrapLabel(`${a.name} (${data[i]!.current}/${data[i]!.target})`, 22);
          const offset =
            a.vertical === -1
              ? -(lines.length - 1) * lineHeight
              : a.vertical === 0
                ? -((lines.length - 1) * lineHeight) / 2
                : lineHeight * 0.8;
          return (
            <text key={a.skill} className="pf-radar-label" x={a.label[0]} y={a.label[1] + offset} textAnchor={a.anchor}>
              {lines.map((l, n) => (
                <tspan key={n} x={a.label[0]} dy={n === 0 ? 0 : lineHeight}>
                  {l}
                </tspan>
              ))}
            </text>
          );
        })}
      </svg>
      <figcaption className="pf-legend">
        <span className="pf-key pf-key-current" aria-hidden="true" /> Current level (from evidence)
        <span className="pf-key pf-key-target" aria-hidden="true" /> Required for {targetName ?? "the target"}
      </figcaption>
    </figure>
  );
}
