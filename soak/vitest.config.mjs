import { defineConfig } from "vitest/config";

// The soak suite's smoke run (small sizes), part of `pnpm test`. The full run is `pnpm soak`.
export default defineConfig({
  test: {
    name: "soak",
    include: ["soak/**/*.test.mjs"],
    root: new URL("..", import.meta.url).pathname,
    testTimeout: 60_000,
    hookTimeout: 30_000,
  },
});
