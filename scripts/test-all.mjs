#!/usr/bin/env node
// The whole test suite in one command (`pnpm test`): installs the system tools the suite needs
// when they are missing, builds everything, runs vitest (unit, integration, interop) and
// Playwright (e2e), then prints one closing line `N passed, N failed, N skipped` computed from
// the runners' JSON reports, because CI reads that line and not the runners' own summaries.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const reports = join(root, "reports");
const vitestReport = join(reports, "vitest.json");
const playwrightReport = join(root, "e2e", "reports", "results.json");

function run(command, args, options = {}) {
  console.log(`\n$ ${command} ${args.join(" ")}`);
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", ...options });
  return result.status ?? 1;
}

function has(command) {
  return spawnSync("sh", ["-c", `command -v ${command}`], { stdio: "ignore" }).status === 0;
}

const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
let aptUpdated = false;
function aptInstall(pkg) {
  if (!isRoot || !has("apt-get")) return false;
  if (!aptUpdated) {
    run("apt-get", ["update", "-qq"]);
    aptUpdated = true;
  }
  return (
    run("apt-get", ["install", "-y", "-qq", pkg], {
      env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
    }) === 0
  );
}

/** Chromium for Playwright: the system one when present, else apt (as root), else Playwright's. */
function ensureChromium() {
  const wanted = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (existsSync(wanted)) return;
  if (aptInstall("chromium") && existsSync("/usr/bin/chromium")) return;
  run("pnpm", ["--filter", "e2e", "exec", "playwright", "install", "chromium"]);
}

/**
 * nginx and Caddy for the docs' deploy-config checks (`nginx -t`, `caddy validate`; nothing is
 * started). Caddy is optional: Debian has it, other apt sources may not.
 */
function ensureProxies() {
  if (!existsSync(join(root, "docs", "deploy"))) return;
  if (!has("nginx")) aptInstall("nginx");
  if (!has("caddy")) aptInstall("caddy");
}

/** redis-server for the Redis adapter's integration tests (they start their own on a free port). */
function ensureRedis() {
  if (!existsSync(join(root, "packages", "redis-adapter")) || has("redis-server")) return;
  aptInstall("redis-server");
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch {
    return undefined;
  }
}

ensureChromium();
ensureRedis();
ensureProxies();
rmSync(reports, { recursive: true, force: true });
rmSync(playwrightReport, { force: true });
mkdirSync(reports, { recursive: true });

let failedSteps = 0;
if (run("pnpm", ["build"]) !== 0) failedSteps++;

// Whole-repository checks that count as one test each (more below). The docs site is built
// before vitest because the docs' link check (a vitest test) reads the generated API pages.
const checks = { passed: 0, failed: 0 };
function check(command, args) {
  if (run(command, args) === 0) checks.passed++;
  else checks.failed++;
}
if (existsSync(join(root, "docs", "package.json"))) check("pnpm", ["docs:build"]);

const vitestStatus = run("pnpm", [
  "exec",
  "vitest",
  "run",
  "--reporter=default",
  "--reporter=json",
  `--outputFile.json=${vitestReport}`,
]);
const vitest = readJson(vitestReport);
// A runner that fails with no failed test in its report (vitest: an unhandled error or
// rejection; Playwright: a global setup or timeout) still fails the suite.
const vitestCounted = (vitest?.numFailedTests ?? 0) + (vitest?.numFailedTestSuites ?? 0);
if (vitestStatus !== 0 && vitestCounted === 0) failedSteps++;

let playwright;
if (existsSync(join(root, "e2e", "playwright.config.ts"))) {
  const status = run("pnpm", ["--filter", "e2e", "test"]);
  playwright = readJson(playwrightReport);
  const counted = (playwright?.stats?.unexpected ?? 0) + (playwright?.errors?.length ?? 0);
  if (status !== 0 && counted === 0) failedSteps++;
}

// The other whole-repository checks: types (sources and tests), Biome, and the benchmark's
// smoke run (tiny loads, every scenario and server; the benchmark itself is not part of the
// suite, and the smoke run fails when any measurement produces no number).
check("pnpm", ["typecheck"]);
check("pnpm", ["lint"]);
check("pnpm", ["--filter", "@volley/client", "bundle-size"]); // the browser bundle, measured in CI
if (existsSync(join(root, "bench", "run.mjs"))) check("pnpm", ["--filter", "bench", "smoke"]);
// The game bench's smoke run (about 10 s): both sync modes, 8 and 32 players, every number produced.
if (existsSync(join(root, "bench", "game.mjs"))) check("pnpm", ["--filter", "bench", "smoke:game"]);

const passed = (vitest?.numPassedTests ?? 0) + (playwright?.stats?.expected ?? 0) + checks.passed;
const failed =
  (vitest?.numFailedTests ?? 0) +
  (vitest?.numFailedTestSuites ?? 0) +
  (playwright?.stats?.unexpected ?? 0) +
  (playwright?.stats?.flaky ?? 0) +
  (playwright?.errors?.length ?? 0) +
  checks.failed +
  failedSteps;
const skipped =
  (vitest?.numPendingTests ?? 0) + (vitest?.numTodoTests ?? 0) + (playwright?.stats?.skipped ?? 0);

console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
