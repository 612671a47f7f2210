import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  // `#base64` and `#error-texts` map to dist/ (package.json imports); tests run src/, so one ProtocolError class.
  resolve: {
    alias: {
      "#base64": fileURLToPath(new URL("./src/base64.ts", import.meta.url)),
      "#error-texts": fileURLToPath(new URL("./src/texts.ts", import.meta.url)),
    },
  },
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 20_000,
  },
});
