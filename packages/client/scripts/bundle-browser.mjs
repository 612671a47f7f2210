#!/usr/bin/env node
/**
 * Builds the browser bundles that `@volley/server` serves with `serveClient` (run after `tsc -b`,
 * from dist/): `dist/browser/socket.io.js` and `socket.io.min.js` (an IIFE defining a global
 * `io` like socket.io's bundle, from dist/browser-global.js) and `socket.io.esm.min.js` (an ES
 * module with the package's exports, from dist/browser-module.js), each with its source map. `@preact/signals-core` is
 * bundled in: a `<script>` page has no module resolution to find it. Built with Vite (its lib
 * mode), the bundler the repository already uses for the apps and the bundle-size check.
 * `socket.io.js` is the development build (option checks with suggestions); the `.min.js` files
 * are production builds (`process.env.NODE_ENV` = "production": those checks left out). The
 * global bundle registers the SSE transport (browser-global.ts).
 */
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "vite";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const outDir = join(root, "dist/browser");
if (!existsSync(join(root, "dist/browser-global.js"))) {
  console.error("dist/browser-global.js is missing: run `tsc -b` first.");
  process.exit(1);
}

/** One Vite lib build writing `fileName` (and its `.map`) into dist/browser. */
async function bundle({ entry, format, minify, fileName, emptyOutDir = false }) {
  await build({
    root,
    configFile: false,
    logLevel: "warn",
    // lib mode leaves `process.env.NODE_ENV` to the app's bundler; a <script> has none
    define: { "process.env.NODE_ENV": JSON.stringify(minify ? "production" : "development") },
    build: {
      outDir,
      emptyOutDir,
      sourcemap: true,
      minify,
      target: "es2020",
      lib: { entry: join(root, entry), formats: [format], name: "io", fileName: () => fileName },
      rollupOptions: { output: format === "iife" ? { exports: "default" } : {} },
    },
  });
}

await bundle({
  entry: "dist/browser-global.js",
  format: "iife",
  minify: false,
  fileName: "socket.io.js",
  emptyOutDir: true,
});
await bundle({
  entry: "dist/browser-global.js",
  format: "iife",
  minify: true,
  fileName: "socket.io.min.js",
});
await bundle({
  entry: "dist/browser-module.js",
  format: "es",
  minify: true,
  fileName: "socket.io.esm.min.js",
});
console.log("browser bundles written to dist/browser/");
