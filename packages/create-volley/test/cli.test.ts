// The built CLI end to end, without installing: flags, refusals and exit codes.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { ExitCode } from "../src/errors.js";
import { buildCli, runCli } from "./support/paths.js";

let cwd: string;
beforeAll(() => {
  buildCli();
  cwd = mkdtempSync(join(tmpdir(), "create-volley-cli-"));
});
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

test("--help prints usage and exits 0", () => {
  const result = runCli(["--help"], cwd);
  expect(result.status).toBe(ExitCode.OK);
  expect(result.stdout).toContain("Usage: create-volley");
});

test("--version prints the package version", () => {
  expect(runCli(["-v"], cwd).stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
});

test("scaffolds without installing, naming the package after the directory", () => {
  const result = runCli(["my-app", "--template", "minimal", "--no-install"], cwd);
  expect(result.stderr).toBe("");
  expect(result.status).toBe(ExitCode.OK);
  expect(result.stdout).toContain("cd my-app");
  expect(result.stdout).toContain("npm install");
  const pkg = JSON.parse(readFileSync(join(cwd, "my-app", "package.json"), "utf8"));
  expect(pkg.name).toBe("my-app");
  expect(existsSync(join(cwd, "my-app", ".gitignore"))).toBe(true);
});

test("suggests pnpm commands with --pm pnpm", () => {
  const result = runCli(["pnpm-app", "--pm", "pnpm", "--no-install"], cwd);
  expect(result.status).toBe(ExitCode.OK);
  expect(result.stdout).toContain("pnpm install");
  expect(result.stdout).toContain("pnpm dev");
});

test("--yes without a directory uses volley-app and the minimal template", () => {
  const dir = join(cwd, "yes");
  mkdirSync(dir);
  const result = runCli(["--yes", "--no-install"], dir);
  expect(result.status).toBe(ExitCode.OK);
  expect(readFileSync(join(dir, "volley-app", "server", "app.ts"), "utf8")).toContain("echo");
});

test("without a terminal, a missing directory is a usage error", () => {
  const result = runCli(["--no-install"], cwd);
  expect(result.status).toBe(ExitCode.USAGE);
  expect(result.stderr).toContain("Missing the project directory");
});

test("refuses invalid names with the reason", () => {
  const result = runCli(["My App", "--no-install"], cwd);
  expect(result.status).toBe(ExitCode.USAGE);
  expect(result.stderr).toContain('Invalid project name "My App"');
  expect(result.stderr).toContain("capital letters");
  expect(existsSync(join(cwd, "My App"))).toBe(false);
});

test("refuses bad flags with exit code 2", () => {
  expect(runCli(["x", "--template", "blog"], cwd).status).toBe(ExitCode.USAGE);
  expect(runCli(["x", "--bogus"], cwd).status).toBe(ExitCode.USAGE);
  expect(existsSync(join(cwd, "x"))).toBe(false);
});

test("refuses a non-empty directory unless --force", () => {
  const dir = join(cwd, "taken");
  mkdirSync(dir);
  writeFileSync(join(dir, "notes.txt"), "mine");
  const refused = runCli(["taken", "--no-install"], cwd);
  expect(refused.status).toBe(ExitCode.TARGET_NOT_EMPTY);
  expect(refused.stderr).toContain("not empty");
  expect(existsSync(join(dir, "package.json"))).toBe(false);

  const forced = runCli(["taken", "--no-install", "--force", "-t", "chat"], cwd);
  expect(forced.status).toBe(ExitCode.OK);
  expect(readFileSync(join(dir, "notes.txt"), "utf8")).toBe("mine");
  expect(JSON.parse(readFileSync(join(dir, "package.json"), "utf8")).name).toBe("taken");
});

test("refuses a target that is a file, even with --force", () => {
  writeFileSync(join(cwd, "a-file"), "x");
  const result = runCli(["a-file", "--no-install", "--force"], cwd);
  expect(result.status).toBe(ExitCode.TARGET_NOT_EMPTY);
  expect(result.stderr).toContain("not a directory");
});

test("--local-packages without tarballs is a usage error", () => {
  const empty = join(cwd, "no-tarballs");
  mkdirSync(empty);
  const result = runCli(["local", "--no-install", "--local-packages", empty], cwd);
  expect(result.status).toBe(ExitCode.USAGE);
  expect(result.stderr).toContain("no volley-*.tgz");
});

test("reports a failed install with exit code 4", () => {
  const result = runCli(["broken", "--pm", "npm"], cwd, {
    PATH: join(cwd, "no-such-bin"),
  });
  expect(result.status).toBe(ExitCode.INSTALL_FAILED);
  expect(result.stderr).toContain("npm install failed");
});
