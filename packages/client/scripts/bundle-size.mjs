#!/usr/bin/env node
/**
 * Prints the browser bundle size of @volley/client next to socket.io-client's official
 * minified bundle. Run `pnpm build` first. Fails if `ws` code leaks into the bundle.
 *
 * Each row is a Vite lib build (iife, minified, the `browser` condition) gzipped with node:zlib,
 * as an app's production build gets it: `process.env.NODE_ENV` is "production" (Vite, webpack
 * and esbuild replace it in production builds), which leaves out the option checks. Rows: the
 * whole package entry (every export, like socket.io.min.js) with and without
 * `@preact/signals-core`; an app that only imports `io`; the same with `@volley/client/sse`; and
 * the development build for reference. Fails if the `io` app carries what production builds
 * leave out (option checks, error texts, the protocol's error texts, the contract check, SSE,
 * Node's base64 tables). `--modules` adds what each
 * module costs, minified (an esbuild metafile of the `io` app, signals external).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build as esbuild } from "esbuild";
import { build } from "vite";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dist = join(root, "dist");
if (!existsSync(join(dist, "index.js"))) {
  console.error("dist/index.js is missing: run `pnpm build` first.");
  process.exit(1);
}

// entries that import only part of the package, as an app does
const scratch = mkdtempSync(join(tmpdir(), "volley-bundle-size-"));
const appEntry = (name, lines) => {
  const path = join(scratch, `${name}.js`);
  writeFileSync(path, `${lines.join("\n")}\n`);
  return path;
};
const index = join(dist, "index.js").replaceAll("\\", "/");
const sse = join(dist, "sse.js").replaceAll("\\", "/");
const ioApp = appEntry("io", [`import { io } from "${index}";`, "globalThis.io = io;"]);
const sseApp = appEntry("io-sse", [
  `import { io } from "${index}";`,
  `import "${sse}";`,
  "globalThis.io = io;",
]);

/** Bundles `entry`; `external` leaves the peer dependency out. */
async function bundle(entry, { external = true, env = "production" } = {}) {
  const output = await build({
    root,
    configFile: false,
    logLevel: "silent",
    define: { "process.env.NODE_ENV": JSON.stringify(env) },
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
  console.log(`${name.padEnd(60)} ${kb(raw).padStart(9)} min ${kb(gz).padStart(9)} gzip`);
  return gz;
};

try {
  const withPeer = await bundle(join(dist, "index.js"), { external: false });
  for (const marker of ["WebSocketServer", "permessage-deflate", "perMessageDeflate", "node:"]) {
    if (withPeer.includes(marker)) {
      console.error(`The browser bundle contains Node-only code (${marker}).`);
      process.exit(1);
    }
  }
  const ours = row("@volley/client (every export, + @preact/signals-core)", withPeer);
  row("@volley/client (every export, signals-core external)", await bundle(join(dist, "index.js")));
  const app = await bundle(ioApp);
  row("an app importing io (signals-core external)", app);
  row("an app importing io and @volley/client/sse (external)", await bundle(sseApp));
  const development = await bundle(join(dist, "index.js"), { env: "development" });
  row("development build (every export, signals-core external)", development);
  // What production builds leave out (each marker is a string of that code), unless imported.
  // Parts marked `false` are not in the development build either (opt-in, or Node-only).
  const leftOut = {
    "option checks": ["a contract from defineEvents()", true],
    "readable error descriptions": ["nothing listens there", true],
    "the protocol's error texts": ["Invalid handshake", true],
    "the contract check of server events": ["invalid_arguments", true],
    "the SSE transport": ["text/event-stream", false],
    "Node's table-driven base64 (browsers use atob/btoa)": ["ABCDEFGHIJKLMNOPQRSTUVWXYZ", false],
  };
  for (const [part, [marker, inDevelopment]] of Object.entries(leftOut)) {
    if (app.includes(marker)) {
      console.error(`The production bundle of an io app contains ${part} ("${marker}").`);
      process.exitCode = 1;
    }
    if (inDevelopment && !development.includes(marker)) {
      console.error(`The development build lacks ${part} ("${marker}"): update the marker.`);
      process.exitCode = 1;
    }
  }

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
    console.log(`ratio (gzip, every export): ${(ours / theirs).toFixed(2)}× socket.io-client`);
  } else {
    console.log("socket.io-client's bundle is not resolvable here: comparison skipped.");
  }

  if (process.argv.includes("--modules")) {
    const result = await esbuild({
      entryPoints: [ioApp],
      bundle: true,
      minify: true,
      write: false,
      metafile: true,
      format: "esm",
      platform: "browser",
      external: ["@preact/signals-core"],
      define: { "process.env.NODE_ENV": '"production"' },
      logLevel: "silent",
    });
    const inputs = Object.values(result.metafile.outputs)[0].inputs;
    console.log("\nminified bytes per module (esbuild, the io app, production):");
    const rows = Object.entries(inputs)
      .map(([path, { bytesInOutput }]) => [bytesInOutput, relative(join(root, ".."), path)])
      .filter(([bytes]) => bytes > 0)
      .sort((a, b) => b[0] - a[0]);
    for (const [bytes, path] of rows) console.log(`${String(bytes).padStart(7)}  ${path}`);
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
