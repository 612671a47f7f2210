// Chromium for the template tests: the system browser (CHROMIUM_PATH, default
// /usr/bin/chromium) through playwright-core, one per test file, and where screenshots go.
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { type Browser, type BrowserContext, chromium } from "playwright-core";
import { packageDir } from "./paths.js";

export const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const hasChromium = existsSync(chromiumPath);

export const VIEWPORTS = {
  desktop: { viewport: { width: 1280, height: 800 } },
  phone: { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true },
} as const;

let browser: Browser | undefined;

export async function launchBrowser(): Promise<Browser> {
  browser ??= await chromium.launch({
    executablePath: chromiumPath,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
  return browser;
}

export async function closeBrowser(): Promise<void> {
  await browser?.close();
  browser = undefined;
}

export async function newContext(kind: keyof typeof VIEWPORTS): Promise<BrowserContext> {
  const context = await (await launchBrowser()).newContext(VIEWPORTS[kind]);
  context.setDefaultTimeout(15_000);
  return context;
}

/** README images with UPDATE_SCREENSHOTS=1, else test-results/ (not committed). */
export function screenshotPath(name: string): string {
  const dir = process.env.UPDATE_SCREENSHOTS
    ? join(packageDir, "screenshots")
    : join(packageDir, "test-results", "screenshots");
  mkdirSync(dir, { recursive: true });
  return join(dir, `${name}.png`);
}
