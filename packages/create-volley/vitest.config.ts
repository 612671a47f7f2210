import { defineConfig } from "vitest/config";

// The template tests install real dependencies and build real projects: generous timeouts.
export default defineConfig({
  test: {
    name: "create-volley",
    include: ["test/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
