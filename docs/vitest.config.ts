import { defineConfig } from "vitest/config";

// The docs site's checks (part of `pnpm test` through the root vitest.config.ts): code blocks
// compile, internal links resolve, the deploy configs pass nginx/Caddy's own checks.
export default defineConfig({
  test: {
    name: "docs",
    include: ["test/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
