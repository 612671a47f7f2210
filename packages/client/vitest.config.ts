import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  // `#network-failures` maps to dist/ (package.json imports); tests run src/, so one
  // TransportError class (the other `#` imports hold no classes the tests compare).
  resolve: {
    alias: {
      "#network-failures": fileURLToPath(
        new URL("./src/engine/transports/network-failures.node.ts", import.meta.url),
      ),
    },
  },
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 20_000,
  },
});
