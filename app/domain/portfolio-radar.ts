// Geometry of the radar chart (current vs target level per skill), shared by the print page's SVG
// and the PDF's vector drawing so both show the same picture. Pure: coordinates in, coordinates out.
import type { RadarPoint } from "./ladder";
import { MAX_LEVEL } from "./defaults";

export type Point = [number, number];

export interface RadarAxis {
  skill: string;
  name: string;
  end: Point;
  /** where the label goes, and how it hangs from there */
  label: Point;
  anchor: "start" | "middle" | "end";
  /** the label sits above (-1), beside (0) or below (1) its point */
  vertical: -1 | 0 | 1;
}

export interface RadarGeometry {
  center: Point;
  radius: number;
  /** one polygon per level 1..max, innermost first */
  rings: { level: number; points: Point[] }[];
  axes: RadarAxis[];
  current: Point[];
  target: Point[];
}

const round = (n: number) => Math.round(n * 100) / 100;

/** Axes start at 12 o'clock and go clockwise; a level of `max` reaches the rim. */
export function radarGeometry(
  data: RadarPoint[],
  cx: number,
  cy: number,
  radius: number,
  max = MAX_LEVEL,
  labelGap = 10,
): RadarGeometry {
  const n = Math.max(1, data.length);
  const angle = (i: number) => -Math.PI / 2 + (2 * Math.PI * i) / n;
  const at = (i: number, r: number): Point => [round(cx + r * Math.cos(angle(i))), round(cy + r * Math.sin(angle(i)))];
  const scale = (level: number) => (Math.max(0, Math.min(max, level)) / max) * radius;
  const rings = Array.from({ length: max }, (_, k) => ({ level: k + 1, points: data.map((_, i) => at(i, scale(k + 1))) }));
  const axes = data.map((d, i): RadarAxis => {
    const cos = Math.cos(angle(i));
    const sin = Math.sin(angle(i));
    const anchor = Math.abs(cos) < 0.2 ? "middle" : cos > 0 ? "start" : "end";
    const vertical = Math.abs(sin) < 0.2 ? 0 : sin > 0 ? 1 : -1;
    return { skill: d.skill, name: d.name, end: at(i, radius), label: at(i, radius + labelGap), anchor, vertical };
  });
  return {
    center: [cx, cy],
    radius,
    rings,
    axes,
    current: data.map((d, i) => at(i, scale(d.current))),
    target: data.map((d, i) => at(i, scale(d.target))),
  };
}

/** "x1,y1 x2,y2 …" for an SVG polygon. */
export function svgPoints(points: Point[]): string {
  return points.map(([x, y]) => `${x},${y}`).join(" ");
}

/** Splits a label into lines of at most `maxChars` characters at spaces (a longer word keeps its own line). */
export function wrapLabel(label: string, maxChars: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of label.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > maxChars) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}
