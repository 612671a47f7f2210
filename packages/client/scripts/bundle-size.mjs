#!/usr/bin/env node
/**
 * Prints the browser bundle size of @volley/client (Vite lib build of dist/index.js with the
 * `browser` condition, minified, then gzipped with node:zlib) next to socket.io-client's
 * official minified bundle. Run `pnpm build` first. Fails if `ws` code leaks into the bundle.
 */
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "vite";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const entry = join(root, "dist/index.js");
if (!existsSync(entry)) {
  console.error("dist/index.js is missing: run `pnpm build` first.");
  process.exit(1);
}

/** Bundles the browser entry; `external` leaves the peer dependency out. */
async function bundle(external) {
  const output = await build({
    root,
    configFile: false,
    logLevel: "silent",
    build: {
      write: false,
      minify: true,
      // iife: Vite keeps whitespace in ES lib builds; an iife is minified fully, like
      // socket.io.min.js.
      lib: { entry, formats: ["iife"], name: "volley", fileName: "volley-client" },
      rollupOptions: {
        external: external ? ["@preact/signals-core"] : [],
        output: { globals: { "@preact/signals-core": "preactSignalsCore" } },
      },
    },
  });
  const outputs = Array.isArray(output) ? output : [output];
  return outputs
    .flatMap((o) => o.output)
    .filter((chunk) => chunk.type === "chunk")
    .map((chunk) => chunk.code)
    .join("\n");
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const row = (name, code) => {
  const raw = Buffer.byteLength(code);
  const gz = gzipSync(code, { level: 9 }).length;
  console.log(`${name.padEnd(52)} ${kb(raw).padStart(9)} min ${kb(gz).padStart(9)} gzip`);
  return gz;
};

const withPeer = await bundle(false);
const withoutPeer = await bundle(true);
for (const marker of ["WebSocketServer", "permessage-deflate", "perMessageDeflate", "node:"]) {
  if (withPeer.includes(marker)) {
    console.error(`The browser bundle contains Node-only code (${marker}).`);
    process.exit(1);
  }
}
const ours = row("@volley/client (browser, + @preact/signals-core)", withPeer);
row("@volley/client (browser, signals-core external)", withoutPeer);

// socket.io-client's own bundle, or the identical copy the socket.io server ships.
const require = createRequire(join(root, "package.json"));
const candidates = [
  () => require.resolve("socket.io-client/dist/socket.io.min.js"),
  () => join(dirname(require.resolve("socket.io")), "../client-dist/socket.io.min.js"),
];
let official;
for (const candidate of candidates) {
  try {
    const path = candidate();
    if (existsSync(path)) {
      official = path;
      break;
    }
  } catch {
    // not resolvable from this package
  }
}
if (official) {
  const theirs = row("socket.io-client (socket.io.min.js)", readFileSync(official, "utf8"));
  console.log(`ratio (gzip): ${(ours / theirs).toFixed(2)}× socket.io-client`);
} else {
  console.log("socket.io-client's bundle is not resolvable here: comparison skipped.");
}
