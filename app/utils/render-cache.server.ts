// Rendered documents kept by the data they were rendered from (app/entry.server.tsx): React rendering is
// most of a page's CPU, and a page whose loaders returned the same data renders to the same bytes. This
// is a cache of pure output, not request state: every instance fills its own, and a key names the exact
// inputs, so nothing can be stale. Bounded by bytes, least recently used first out.
import crypto from "node:crypto";

/** A short digest of `parts`: the cache key and, quoted, the ETag. */
export function digest(...parts: string[]): string {
  const h = crypto.createHash("sha256");
  for (const p of parts) h.update(p).update("\0");
  return h.digest("base64url").slice(0, 27);
}

export class RenderCache {
  private readonly entries = new Map<string, string>();
  private bytes = 0;

  constructor(private readonly budgetBytes: number) {}

  get(key: string): string | undefined {
    const html = this.entries.get(key);
    if (html === undefined) return undefined;
    // Map keeps insertion order: moving a hit to the end makes the first key the least recently used.
    this.entries.delete(key);
    this.entries.set(key, html);
    return html;
  }

  set(key: string, html: string): void {
    const size = html.length * 2;
    // One page larger than an eighth of the budget would push out many others.
    if (size > this.budgetBytes / 8 || this.entries.has(key)) return;
    this.entries.set(key, html);
    this.bytes += size;
    for (const [k, v] of this.entries) {
      if (this.bytes <= this.budgetBytes) break;
      this.entries.delete(k);
      this.bytes -= v.length * 2;
    }
  }

  get size(): number {
    return this.entries.size;
  }
}

/** True when an If-None-Match header names `etag` (weak comparison, as RFC 9110 asks for GET). */
export function matchesEtag(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const bare = (t: string) => t.trim().replace(/^W\//, "");
  const want = bare(etag);
  return ifNoneMatch.split(",").some((t) => t.trim() === "*" || bare(t) === want);
}
