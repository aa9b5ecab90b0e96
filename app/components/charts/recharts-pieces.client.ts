// The recharts pieces the charts use, for the browser: imported when a chart goes live (chart-island.tsx),
// so esbuild puts only these in that chunk. `.client`: the server build gets an empty module here, and the
// server requires recharts itself when it draws its first chart (chart-markup.server.ts).
export {
  CartesianGrid,
  Line,
  LineChart,
  PolarAngleAxis,
  PolarGrid,
  PolarRadiusAxis,
  Radar,
  RadarChart,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
