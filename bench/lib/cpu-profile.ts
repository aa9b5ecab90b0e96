// Reads V8 CPU profiles (node --cpu-prof) and says where the time went: self time per part of the stack
// (a package in node_modules, the app's own code, Node's internals, the garbage collector), and inclusive
// time for a few parts whose callees are elsewhere (React's renderer calls the app's components, recharts
// calls React). Several profiles (one per worker) are added together.
import fs from "node:fs";
import path from "node:path";

interface CallFrame {
  functionName: string;
  url: string;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** The part a frame belongs to: `react-dom`, `recharts`, `app`, `node`, `(garbage collector)`… */
export function partOf(frame: CallFrame): string {
  const { url, functionName } = frame;
  if (!url) return functionName.startsWith("(") ? functionName : "(native)";
  const nm = url.lastIndexOf("node_modules/");
  if (nm >= 0) {
    const rest = url.slice(nm + "node_modules/".length).split("/");
    const pkg = rest[0]!.startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0]!;
    return pkg;
  }
  if (url.startsWith("node:")) return "node";
  if (url.includes("/build/server/")) return "server (build/server/)";
  if (url.includes("/build/")) return "app (build/)";
  return path.basename(url);
}

export interface Breakdown {
  totalMs: number;
  self: Map<string, number>;
  inclusive: Map<string, number>;
}

export function readProfiles(dir: string): Breakdown {
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let totalMs = 0;
  for (const f of fs.readdirSync(dir).filter((f) => f.endsWith(".cpuprofile"))) {
    const p = JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")) as Profile;
    const byId = new Map(p.nodes.map((n) => [n.id, n]));
    const parent = new Map<number, number>();
    for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    const partsOnStack = new Map<number, Set<string>>();
    const stackParts = (id: number): Set<string> => {
      let s = partsOnStack.get(id);
      if (s) return s;
      const up = parent.get(id);
      s = new Set(up === undefined ? [] : stackParts(up));
      s.add(partOf(byId.get(id)!.callFrame));
      partsOnStack.set(id, s);
      return s;
    };
    for (let i = 0; i < p.samples.length; i++) {
      const id = p.samples[i]!;
      const ms = (p.timeDeltas[i] ?? 0) / 1000;
      const part = partOf(byId.get(id)!.callFrame);
      if (part === "(idle)") continue;
      totalMs += ms;
      self.set(part, (self.get(part) ?? 0) + ms);
      for (const s of stackParts(id)) inclusive.set(s, (inclusive.get(s) ?? 0) + ms);
    }
  }
  return { totalMs, self, inclusive };
}

/** Rows for printTable: the parts above `minShare` of the busy time, by self time. */
export function breakdownRows(b: Breakdown, requests: number, minShare = 0.01): string[][] {
  return [...b.self]
    .sort((x, y) => y[1] - x[1])
    .filter(([, ms]) => ms / b.totalMs >= minShare)
    .map(([part, ms]) => [
      part,
      `${((ms / b.totalMs) * 100).toFixed(1)} %`,
      `${(((b.inclusive.get(part) ?? ms) / b.totalMs) * 100).toFixed(1)} %`,
      (ms / Math.max(1, requests)).toFixed(3),
    ]);
}
