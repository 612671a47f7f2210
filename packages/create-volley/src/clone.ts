/**
 * Creating an app from a clone of the Volley repository (`pnpm create-app my-app`): the
 * @volley/* packages are not on the registry, so this packs them from the clone (`pnpm pack`,
 * whose `prepack` builds each one) into a temporary folder and scaffolds with
 * `--local-packages`, which copies the tarballs into the new project's vendor/.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type RunContext, run } from "./create.js";
import { CliError, ExitCode } from "./errors.js";

/** The workspace packages a generated project installs, in dependency order. */
export const PACKED_PACKAGES = ["protocol", "server", "client", "testing"] as const;

/** The clone this package sits in (packages/create-volley/dist/ -> the repository root). */
export function cloneRoot(): string {
  const root = fileURLToPath(new URL("../../../", import.meta.url));
  const server = join(root, "packages", "server", "package.json");
  if (!existsSync(join(root, "pnpm-workspace.yaml")) || !existsSync(server)) {
    throw new CliError(
      `${root} is not a clone of the Volley repository (no packages/server).`,
      ExitCode.USAGE,
    );
  }
  return root;
}

function pnpmPack(dir: string, destination: string): Promise<{ code: number; output: string }> {
  return new Promise((done) => {
    const child = spawn("pnpm", ["pack", "--pack-destination", destination], {
      cwd: dir,
      stdio: ["ignore", "pipe", "pipe"],
      shell: process.platform === "win32",
    });
    let output = "";
    child.stdout.on("data", (chunk) => {
      output += chunk;
    });
    child.stderr.on("data", (chunk) => {
      output += chunk;
    });
    child.on("error", (error) => done({ code: 127, output: error.message }));
    child.on("close", (code) => done({ code: code ?? 1, output }));
  });
}

/** Builds and packs every @volley/* package of `root` into `destination`; returns the files. */
export async function packClone(
  root: string,
  destination: string,
  log: (line: string) => void = () => {},
): Promise<string[]> {
  const packed: string[] = [];
  for (const name of PACKED_PACKAGES) {
    const dir = join(root, "packages", name);
    const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
    log(`Packing ${pkg.name}…`);
    const result = await pnpmPack(dir, destination);
    if (result.code !== 0) {
      throw new CliError(
        `pnpm pack failed in packages/${name} (exit ${result.code}):\n${result.output}`,
        ExitCode.FAILURE,
      );
    }
    packed.push(`volley-${name}-${pkg.version}.tgz`);
  }
  return packed;
}

/**
 * The whole `pnpm create-app` command: pack the clone, then the ordinary CLI with
 * `--local-packages` (and no registry check). Relative project paths are resolved against
 * `ctx.cwd` (the root script passes pnpm's INIT_CWD: where the user typed the command).
 */
export async function runFromClone(ctx: RunContext): Promise<number> {
  if (
    ctx.argv.some((arg) => arg === "-h" || arg === "--help" || arg === "-v" || arg === "--version")
  ) {
    return run(ctx);
  }
  if (ctx.argv.some((arg) => arg.startsWith("--local-packages"))) return run(ctx);
  const destination = mkdtempSync(join(tmpdir(), "volley-pack-"));
  try {
    await packClone(cloneRoot(), destination, ctx.log);
    return await run({ ...ctx, argv: [...ctx.argv, "--local-packages", destination] });
  } catch (error) {
    if (error instanceof CliError) {
      console.error(`create-app: ${error.message}`);
      return error.exitCode;
    }
    throw error;
  } finally {
    rmSync(destination, { recursive: true, force: true });
  }
}
