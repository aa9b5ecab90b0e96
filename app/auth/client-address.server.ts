// Who is asking, as far as the network can tell (issue 12). The server knows the address of the socket's
// peer (scripts/server/worker.ts passes it in the load context as `peerAddress`). X-Forwarded-For and
// X-Forwarded-Proto are believed only when that peer is one of TRUSTED_PROXIES (addresses or CIDRs,
// comma-separated; README "Running behind a proxy"); then the client is the right-most hop that is not
// itself a trusted proxy, so a client cannot choose its address by sending the header itself.
import net from "node:net";

export interface PeerContext {
  /** the TCP peer of the request: the client, or the proxy in front of us */
  peerAddress?: string | null;
}

declare module "@remix-run/server-runtime" {
  interface AppLoadContext {
    /** set by scripts/server/worker.ts (the socket's peer) and test/support/app.ts */
    peerAddress?: string | null;
  }
}

/** What stands for the address when the server was given none (an in-process call without a context). */
export const UNKNOWN_ADDRESS = "unknown";

/** "::ffff:10.0.0.1" is an IPv4 address in IPv6 clothes; "[::1]:443" and "1.2.3.4:80" carry a port. Null if not an address. */
export function normalizeAddress(raw: string | null | undefined): string | null {
  if (!raw) return null;
  let a = raw.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(a);
  if (bracketed) a = bracketed[1]!;
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(a)) a = a.slice(0, a.lastIndexOf(":"));
  if (/^::ffff:\d{1,3}(\.\d{1,3}){3}$/i.test(a)) a = a.slice(7);
  const family = net.isIP(a);
  if (family === 0) return null;
  return family === 6 ? a.toLowerCase() : a;
}

export class TrustedProxies {
  private readonly list = new net.BlockList();
  readonly size: number;

  /** `spec`: "10.0.0.0/8, 192.168.1.10, ::1, fd00::/8" (also "loopback"); throws on an entry that is neither. */
  constructor(spec: string | undefined) {
    const entries = (spec ?? "")
      .split(",")
      .map((e) => e.trim())
      .filter(Boolean);
    for (const entry of entries) {
      if (entry === "loopback") {
        this.list.addSubnet("127.0.0.0", 8, "ipv4");
        this.list.addAddress("::1", "ipv6");
        continue;
      }
      const [addr, bits, extra] = entry.split("/");
      const a = normalizeAddress(addr);
      const family = a ? net.isIP(a) : 0;
      const prefix = bits === undefined ? null : Number(bits);
      const max = family === 6 ? 128 : 32;
      if (!a || extra !== undefined || (prefix !== null && (!Number.isInteger(prefix) || prefix < 0 || prefix > max))) {
        throw new Error(`TRUSTED_PROXIES: "${entry}" is not an address or a CIDR range (e.g. 10.0.0.0/8)`);
      }
      const type = family === 6 ? "ipv6" : "ipv4";
      if (prefix === null) this.list.addAddress(a, type);
      else this.list.addSubnet(a, prefix, type);
    }
    this.size = entries.length;
  }

  has(address: string | null): boolean {
    if (!address || this.size === 0) return false;
    return this.list.check(address, net.isIP(address) === 6 ? "ipv6" : "ipv4");
  }
}

let cached: { spec: string; proxies: TrustedProxies } | null = null;

/** The configured proxies, parsed once per value of TRUSTED_PROXIES. */
export function trustedProxies(env: NodeJS.ProcessEnv = process.env): TrustedProxies {
  const spec = env.TRUSTED_PROXIES ?? "";
  if (cached?.spec !== spec) cached = { spec, proxies: new TrustedProxies(spec) };
  return cached.proxies;
}

function peerOf(context: unknown): string | null {
  const raw = (context as PeerContext | undefined)?.peerAddress;
  return typeof raw === "string" ? normalizeAddress(raw) : null;
}

/**
 * The client's address: the peer, unless the peer is a trusted proxy; then walk X-Forwarded-For from the right
 * past every trusted proxy. A hop that is not an address ends the walk at the last one we trust.
 */
export function resolveClientAddress(peer: string | null, forwardedFor: string | null, proxies: TrustedProxies): string {
  if (!peer) return UNKNOWN_ADDRESS;
  if (!proxies.has(peer) || !forwardedFor) return peer;
  const hops = forwardedFor.split(",").map((h) => h.trim());
  let current = peer;
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = normalizeAddress(hops[i]);
    if (!hop) return current;
    current = hop;
    if (!proxies.has(hop)) return hop;
  }
  return current;
}

export function clientAddress(request: Request, context: unknown, proxies: TrustedProxies = trustedProxies()): string {
  return resolveClientAddress(peerOf(context), request.headers.get("x-forwarded-for"), proxies);
}

/** Https directly, or said so by a trusted proxy (X-Forwarded-Proto, its right-most value). */
export function isHttpsRequest(request: Request, context: unknown, proxies: TrustedProxies = trustedProxies()): boolean {
  if (new URL(request.url).protocol === "https:") return true;
  if (!proxies.has(peerOf(context))) return false;
  const proto = request.headers.get("x-forwarded-proto")?.split(",").pop()?.trim().toLowerCase();
  return proto === "https";
}
