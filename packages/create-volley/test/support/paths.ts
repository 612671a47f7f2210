// Where things are, and the built CLI (tests always run the same dist/cli.js users get).
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

export const packageDir = fileURLToPath(new URL("../../", import.meta.url));
export const repoRoot = fileURLToPath(new URL("../../../../", import.meta.url));
export const cliPath = fileURLToPath(new URL("../../dist/cli.js", import.meta.url));
/** `pnpm create-app` at the repository root runs this (after `tsc -b packages/create-volley`). */
export const cloneCliPath = fileURLToPath(new URL("../../dist/clone-cli.js", import.meta.url));
export const templatesRoot = fileURLToPath(new URL("../../templates/", import.meta.url));

/** Compiles src/ to dist/ (incremental: a no-op when up to date). */
export function buildCli(): void {
  const tsc = `${repoRoot}node_modules/.bin/tsc`;
  const result = spawnSync(tsc, ["-b", packageDir], { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`tsc -b failed:\n${result.stdout}${result.stderr}`);
}

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI without a terminal (so it never prompts), and without the registry check. */
export function runCli(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): CliResult {
  const result = spawnSync(process.execPath, [cliPath, ...args], {
    cwd,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      VOLLEY_LOCAL_PACKAGES: "",
      VOLLEY_SKIP_REGISTRY_CHECK: "1",
      npm_config_user_agent: "",
      ...env,
    },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
