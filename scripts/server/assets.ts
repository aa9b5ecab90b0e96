// Built assets (public/build: names carry a content hash) are served from memory with immutable caching,
// in the brotli or gzip form `npm run build` wrote beside each file (scripts/build-server.ts, at the best
// settings, once per build) rather than read, stat'ed and compressed again on every request. The other
// public files (a favicon) are a fixed list read at start, so a page request never looks on disk for one.
import fs from "node:fs";
import path from "node:path";
import type { RequestHandler } from "express";

const TYPES: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".woff2": "font/woff2",
  ".woff": "font/woff",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".json": "application/json; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
};
/** Files worth compressing (scripts/build-server.ts writes NAME.br and NAME.gz for these) */
export const COMPRESSIBLE = new Set([".js", ".css", ".map", ".svg", ".json", ".txt"]);
const IMMUTABLE = "public, max-age=31536000, immutable";

interface Asset {
  raw: Buffer;
  type: string;
  br?: Buffer;
  gzip?: Buffer;
}

function encodingFor(accept: string | undefined): "br" | "gzip" | null {
  if (!accept) return null;
  if (/\bbr\b/.test(accept)) return "br";
  return /\bgzip\b/.test(accept) ? "gzip" : null;
}

/** Serves `dir` at `urlPrefix` (e.g. public/build at /build/); anything else under the prefix is 404. */
export function builtAssets(dir: string, cacheControl = IMMUTABLE): RequestHandler {
  const cache = new Map<string, Asset | null>();
  const root = path.resolve(dir);
  const load = (rel: string): Asset | null => {
    if (cache.has(rel)) return cache.get(rel)!;
    const file = path.resolve(root, "." + rel);
    let asset: Asset | null = null;
    if (file.startsWith(root + path.sep) && fs.existsSync(file) && fs.statSync(file).isFile()) {
      const ext = path.extname(file);
      asset = { raw: fs.readFileSync(file), type: TYPES[ext] ?? "application/octet-stream" };
      if (fs.existsSync(file + ".br")) asset.br = fs.readFileSync(file + ".br");
      if (fs.existsSync(file + ".gz")) asset.gzip = fs.readFileSync(file + ".gz");
    }
    // Only files that exist are remembered, so a probe of random names cannot grow the map.
    if (asset) cache.set(rel, asset);
    return asset;
  };
  return (req, res, next) => {
    if (req.method !== "GET" && req.method !== "HEAD") return next();
    let rel: string;
    try {
      rel = decodeURIComponent(req.path);
    } catch {
      return res.status(400).end();
    }
    const asset = load(rel);
    if (!asset) return res.status(404).type("text/plain").send("Not found");
    const enc = encodingFor(req.headers["accept-encoding"]);
    const body = (enc && asset[enc]) || asset.raw;
    res.setHeader("Content-Type", asset.type);
    res.setHeader("Cache-Control", cacheControl);
    if (asset.br || asset.gzip) res.setHeader("Vary", "Accept-Encoding");
    if (body !== asset.raw) res.setHeader("Content-Encoding", enc!);
    res.setHeader("Content-Length", body.length);
    res.end(req.method === "HEAD" ? undefined : body);
  };
}

/** The names (`/favicon.svg`) of the files directly in `dir`, not its folders. */
export function publicFileNames(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => `/${e.name}`);
}
