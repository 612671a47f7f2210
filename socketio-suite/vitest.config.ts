import { defineConfig } from "vitest/config";

export default defineConfig({
  test: { name: "socketio-suite", include: ["smoke.test.ts"] },
});
