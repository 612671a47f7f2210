/**
 * Playwright drives the built sample apps in Chromium: the system browser when there is one
 * (`CHROMIUM_PATH` or /usr/bin/chromium), Playwright's own otherwise. Each spec starts its app
 * with `support/app-server.ts`; build first (`pnpm build && pnpm --filter chat build`), as the
 * root `pnpm test` does.
 */
import { existsSync } from "node:fs";
import { defineConfig } from "@playwright/test";

const systemChromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const useSystemChromium = existsSync(systemChromium);

export default defineConfig({
  testDir: ".",
  testMatch: "**/*.spec.ts",
  // Overridable so two local runs (say, chat and game specs) never clear each other's output.
  outputDir: process.env.E2E_OUTPUT_DIR ?? "test-results",
  timeout: 45_000,
  globalTimeout: 10 * 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  reporter: [
    ["list"],
    ["json", { outputFile: process.env.E2E_JSON_REPORT ?? "reports/results.json" }],
  ],
  use: {
    browserName: "chromium",
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
    launchOptions: {
      ...(useSystemChromium ? { executablePath: systemChromium } : {}),
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
    },
  },
});
