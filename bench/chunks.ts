// Client chunk sizes per route, gzip: the route's own module and everything it pulls in beyond the root.
// Run after `npm run build`: `npx tsx bench/chunks.ts [--json]`. Issue 15 caps the largest route chunk (bench/RESULTS.md).
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

const buildDir = "public/build";
const manifestFile = readdirSync(buildDir).find((f) => /^manifest-.*\.js$/.test(f));
if (!manifestFile) throw new Error("No public/build/manifest-*.js: run `npm run build` first.");
const source = readFileSync(join(buildDir, manifestFile), "utf8");
const manifest = JSON.parse(source.replace(/^window\.__remixManifest\s*=\s*/, "").replace(/;\s*$/, "")) as {
  entry: { module: string; imports?: string[] };
  routes: Record<string, { module: string; imports?: string[]; parentId?: string }>;
};

const gz = (url: string) => gzipSync(readFileSync(join("public", url))).length;
const always = new Set([
  manifest.entry.module,
  ...(manifest.entry.imports ?? []),
  manifest.routes.root.module,
  ...(manifest.routes.root.imports ?? []),
]);

const rows = Object.entries(manifest.routes)
  .filter(([id]) => id !== "root")
  .map(([id, r]) => {
    const extra = (r.imports ?? []).filter((u) => !always.has(u));
    return { route: id, own: gz(r.module), withImports: gz(r.module) + extra.reduce((s, u) => s + gz(u), 0) };
  })
  .sort((a, b) => b.withImports - a.withImports);

if (process.argv.includes("--json")) console.log(JSON.stringify(rows, null, 2));
else {
  console.log("route".padEnd(44), "own (gzip B)".padStart(13), "with imports".padStart(13));
  for (const r of rows) console.log(r.route.padEnd(44), String(r.own).padStart(13), String(r.withImports).padStart(13));
  console.log(
    "root+entry (loaded by every page):",
    [...always].reduce((s, u) => s + gz(u), 0),
    "B gzip",
  );
}
