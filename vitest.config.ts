import { defineConfig } from "vitest/config";

// One run over every package; each package keeps its own vitest.config.ts.
export default defineConfig({
  test: {
    projects: [
      "packages/*/vitest.config.ts",
      "apps/*/vitest.config.ts",
      "docs/vitest.config.ts",
      "soak/vitest.config.mjs",
      "socketio-suite/vitest.config.ts",
    ],
  },
});
