/**
 * The published path (`npm create volley@latest`) installs @volley/* from the registry. Before
 * anything is written we ask the registry (through npm, which honours the user's registry and
 * proxy settings) whether they are there, with a short timeout, so that a user never gets a
 * half-made project whose install fails with a bare 404.
 */
import { spawn } from "node:child_process";
import { CliError, ExitCode } from "./errors.js";

export const REGISTRY_CHECK = {
  /** The package every template depends on. */
  package: "@volley/server",
  timeoutMs: 10_000,
} as const;

export type RegistryAnswer = { ok: true; version: string } | { ok: false; reason: string };

/** `npm view <pkg> version`, killed after `timeoutMs`. */
export function askRegistry(
  pkg: string = REGISTRY_CHECK.package,
  timeoutMs: number = REGISTRY_CHECK.timeoutMs,
  env: NodeJS.ProcessEnv = process.env,
): Promise<RegistryAnswer> {
  return new Promise((done) => {
    const child = spawn("npm", ["view", pkg, "version"], {
      env,
      stdio: ["ignore", "pipe", "pipe"],
      shell: process.platform === "win32",
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk) => {
      out += chunk;
    });
    child.stderr.on("data", (chunk) => {
      err += chunk;
    });
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      done({ ok: false, reason: `no answer from the registry within ${timeoutMs / 1000} s` });
    }, timeoutMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      done({ ok: false, reason: `cannot run npm (${error.message})` });
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      const version = out.trim();
      if (code === 0 && version) return done({ ok: true, version });
      const code404 = /E404|404 Not Found/.test(err);
      const firstError = err.split("\n").find((line) => line.trim()) ?? `exit ${code}`;
      done({ ok: false, reason: code404 ? "404 Not Found" : firstError.trim() });
    });
  });
}

/** What to do instead, for the error message. */
export const FROM_A_CLONE = `From a clone of the Volley repository, create the app with its local packages instead:

  pnpm install
  pnpm create-app ../my-app --template chat

(--skip-registry-check, or VOLLEY_SKIP_REGISTRY_CHECK=1, writes the project anyway.)`;

/** Throws CliError(REGISTRY_UNAVAILABLE) unless the registry has @volley/server. */
export async function requirePublishedPackages(env: NodeJS.ProcessEnv): Promise<void> {
  const answer = await askRegistry(REGISTRY_CHECK.package, REGISTRY_CHECK.timeoutMs, env);
  if (answer.ok) return;
  throw new CliError(
    `${REGISTRY_CHECK.package} is not available from the npm registry (${answer.reason}): Volley's packages are not published there yet, so a new project could not install them.\n\n${FROM_A_CLONE}`,
    ExitCode.REGISTRY_UNAVAILABLE,
  );
}
