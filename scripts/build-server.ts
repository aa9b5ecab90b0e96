// The second half of `npm run build` (after `remix build`): bundles the HTTP server (scripts/server/) into
// build/server/, and writes a brotli and a gzip copy beside every compressible built asset so the server
// sends them as they are (scripts/server/assets.ts).
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { promisify } from "node:util";
import { build } from "esbuild";
import { COMPRESSIBLE } from "./server/assets";

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

// Chunk names carry a hash: clear out the last build's.
fs.rmSync("build/server", { recursive: true, force: true });
await build({
  entryPoints: ["scripts/server/main.ts", "scripts/server/prepare.ts"],
  outdir: "build/server",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  // Packages stay in node_modules; the app's own modules (relative, or `~/` through tsconfig) are bundled.
  // (esbuild 0.17's `packages: "external"` would take `~/…` for a package.)
  plugins: [
    {
      name: "node-modules-external",
      setup(b) {
        b.onResolve({ filter: /^[^./~]/ }, (a) => ({ path: a.path, external: true }));
      },
    },
  ],
  logLevel: "warning",
});

function* files(dir: string): Generator<string> {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) yield* files(p);
    else yield p;
  }
}

const todo = [...files("public/build")].filter((f) => COMPRESSIBLE.has(path.extname(f)) && fs.statSync(f).size > 1024);
await Promise.all(
  todo.map(async (f) => {
    const raw = fs.readFileSync(f);
    const [br, gz] = await Promise.all([
      brotli(raw, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }),
      gzip(raw, { level: 9 }),
    ]);
    fs.writeFileSync(f + ".br", br);
    fs.writeFileSync(f + ".gz", gz);
  }),
);
console.log(`server bundled into build/server/; ${todo.length} assets compressed (brotli and gzip)`);
