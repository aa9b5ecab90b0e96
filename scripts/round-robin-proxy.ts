// A small round-robin HTTP reverse proxy for loopback tests and benchmarks: each new request goes to the
// next target in turn; requests and responses are streamed through as they are (method, path, headers
// including Host, every Set-Cookie, redirects, bodies), less the hop-by-hop headers of each connection.
// Keep-alive agents on the upstream side. No dependency but node:http.
//
//   import { startRoundRobinProxy } from "./scripts/round-robin-proxy";
//   const proxy = await startRoundRobinProxy({ port: 3100, targets: [3101, 3102] });  … await proxy.close();
//
// CLI: tsx scripts/round-robin-proxy.ts --port 3100 --targets 3101,3102   (targets: ports on 127.0.0.1 or
// http://host:port URLs; --host to listen elsewhere than 127.0.0.1). Stops on SIGINT / SIGTERM.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { pathToFileURL } from "node:url";

export interface RoundRobinProxyOptions {
  /** port to listen on; 0 picks a free one */
  port: number;
  /** ports on 127.0.0.1, or base URLs such as "http://127.0.0.1:3101" */
  targets: number[] | string[];
  /** address to listen on (default 127.0.0.1) */
  host?: string;
}

export interface RoundRobinProxy {
  port: number;
  /** requests sent to each target so far, in target order */
  counts(): number[];
  close(): Promise<void>;
}

// RFC 9110 §7.6.1: meaningful for one connection only, never forwarded.
const HOP_BY_HOP = new Set([
  "connection",
  "keep-alive",
  "proxy-connection",
  "transfer-encoding",
  "te",
  "trailer",
  "upgrade",
  "proxy-authenticate",
  "proxy-authorization",
]);

/** Raw headers ([name, value, name, value, …], repeated names kept) without the hop-by-hop ones. */
function endToEnd(raw: string[]): string[] {
  const listed = new Set<string>();
  for (let i = 0; i < raw.length; i += 2) {
    if (raw[i]!.toLowerCase() === "connection") for (const t of raw[i + 1]!.split(",")) listed.add(t.trim().toLowerCase());
  }
  const out: string[] = [];
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!.toLowerCase();
    if (HOP_BY_HOP.has(name) || listed.has(name)) continue;
    out.push(raw[i]!, raw[i + 1]!);
  }
  return out;
}

function targetOf(t: number | string): { hostname: string; port: number } {
  if (typeof t === "number" || /^\d+$/.test(t)) return { hostname: "127.0.0.1", port: Number(t) };
  const u = new URL(t.includes("://") ? t : `http://${t}`);
  if (u.protocol !== "http:") throw new Error(`round-robin proxy: only http targets, not ${t}`);
  return { hostname: u.hostname, port: Number(u.port || 80) };
}

export async function startRoundRobinProxy(opts: RoundRobinProxyOptions): Promise<RoundRobinProxy> {
  const targets = (opts.targets as (number | string)[]).map(targetOf);
  if (!targets.length) throw new Error("round-robin proxy: no targets");
  const agents = targets.map(() => new http.Agent({ keepAlive: true, maxSockets: 512 }));
  const sent = targets.map(() => 0);
  let next = 0;

  const server = http.createServer((req, res) => {
    const i = next;
    next = (next + 1) % targets.length;
    sent[i]!++;
    const upstream = http.request({
      ...targets[i]!,
      agent: agents[i],
      method: req.method,
      path: req.url,
      // As an array the raw headers go out as they came (names, order, repeats): Host included.
      headers: endToEnd(req.rawHeaders) as unknown as http.OutgoingHttpHeaders,
    });
    upstream.on("response", (up) => {
      // Which instance answered, so that tests can see requests of one browser cross instances.
      res.writeHead(up.statusCode ?? 502, up.statusMessage, [
        ...endToEnd(up.rawHeaders),
        "X-Upstream",
        `${targets[i]!.hostname}:${targets[i]!.port}`,
      ]);
      up.pipe(res);
      up.on("error", () => res.destroy());
    });
    upstream.on("error", (e) => {
      if (!res.headersSent) {
        res.writeHead(502, { "content-type": "text/plain; charset=utf-8" });
        res.end(`Bad gateway: ${targets[i]!.hostname}:${targets[i]!.port}: ${e.message}\n`);
      } else res.destroy(e);
    });
    // A client that goes away takes its upstream request with it.
    res.on("close", () => {
      if (!res.writableFinished) upstream.destroy();
    });
    req.pipe(upstream);
  });
  server.keepAliveTimeout = 65_000;

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, opts.host ?? "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  return {
    port: (server.address() as AddressInfo).port,
    counts: () => [...sent],
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        for (const a of agents) a.destroy();
      }),
  };
}

function cliOption(args: string[], name: string): string | undefined {
  const i = args.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (i < 0) return undefined;
  return args[i]!.includes("=") ? args[i]!.slice(name.length + 3) : args[i + 1];
}

async function cli(args: string[]) {
  const port = Number(cliOption(args, "port"));
  const targets = (cliOption(args, "targets") ?? "")
    .split(",")
    .map((t) => t.trim())
    .filter(Boolean);
  if (!Number.isInteger(port) || port < 0 || !targets.length) {
    console.error("usage: tsx scripts/round-robin-proxy.ts --port 3100 --targets 3101,3102 [--host 127.0.0.1]");
    process.exit(2);
  }
  const host = cliOption(args, "host") ?? "127.0.0.1";
  const proxy = await startRoundRobinProxy({ port, targets, host });
  console.log(`round-robin proxy on http://${host}:${proxy.port} → ${targets.join(", ")}`);
  const stop = async () => {
    await proxy.close();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await cli(process.argv.slice(2));
