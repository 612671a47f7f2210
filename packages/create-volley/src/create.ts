/**
 * The scaffolder's flow: options (flags, then prompts, then defaults) -> checks -> files ->
 * optional install -> next steps. `run()` returns an exit code and never calls process.exit, so
 * tests can drive it in-process.
 */
import { spawn } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import { basename, relative, resolve } from "node:path";
import type { Readable, Writable } from "node:stream";
import { CliError, ExitCode } from "./errors.js";
import { applyLocalPackages, findLocalTarballs } from "./local-packages.js";
import {
  type CliOptions,
  DEFAULTS,
  detectPackageManager,
  HELP,
  PACKAGE_MANAGERS,
  type PackageManager,
  parseCliArgs,
  TEMPLATE_DESCRIPTIONS,
  TEMPLATES,
  type TemplateName,
} from "./options.js";
import { Prompter } from "./prompts.js";
import { requirePublishedPackages } from "./registry.js";
import { isEmptyDir, renderTemplate, templateDir } from "./scaffold.js";
import { validatePackageName } from "./validate-name.js";

export interface RunContext {
  argv: readonly string[];
  env: Record<string, string | undefined>;
  cwd: string;
  /** Ask questions for what the flags leave open (a terminal, and no `--yes`). */
  interactive: boolean;
  log: (line: string) => void;
  /** Where questions are read and written (default: the process's stdin and stdout). */
  input?: Readable;
  output?: Writable;
}

export interface Plan {
  targetDir: string;
  name: string;
  template: TemplateName;
  pm: PackageManager;
  install: boolean;
  localPackages?: string;
}

function nameProblem(name: string): string | undefined {
  const check = validatePackageName(name);
  return check.ok ? undefined : `Invalid project name "${name}": ${check.problems.join("; ")}.`;
}

/** Settles every choice: flags first, then questions (interactive), then defaults. */
export async function plan(options: CliOptions, ctx: RunContext): Promise<Plan> {
  const prompter =
    ctx.interactive && !options.yes ? new Prompter(ctx.input, ctx.output) : undefined;
  try {
    let dir = options.dir;
    if (dir === undefined) {
      if (prompter) {
        dir = await prompter.text("Project name", DEFAULTS.name, (value) =>
          nameProblem(basename(resolve(ctx.cwd, value))),
        );
      } else if (options.yes) {
        dir = DEFAULTS.name;
      } else {
        throw new CliError(
          "Missing the project directory, e.g. `npm create volley@latest my-app` (or pass --yes).",
          ExitCode.USAGE,
        );
      }
    }
    const targetDir = resolve(ctx.cwd, dir);
    const name = basename(targetDir);
    const problem = nameProblem(name);
    if (problem) throw new CliError(problem, ExitCode.USAGE);

    const where = relative(ctx.cwd, targetDir) || ".";
    if (existsSync(targetDir) && !statSync(targetDir).isDirectory()) {
      throw new CliError(`${where} exists and is not a directory.`, ExitCode.TARGET_NOT_EMPTY);
    }
    if (!options.force && !isEmptyDir(targetDir)) {
      const overwrite =
        prompter !== undefined &&
        (await prompter.confirm(`Directory ${where} is not empty. Write into it anyway?`, false));
      if (!overwrite) {
        throw new CliError(
          `Directory ${where} is not empty. Choose another name or pass --force.`,
          prompter ? ExitCode.CANCELLED : ExitCode.TARGET_NOT_EMPTY,
        );
      }
    }

    const detected = detectPackageManager(ctx.env.npm_config_user_agent);
    const template =
      options.template ??
      (prompter
        ? await prompter.select(
            "Template:",
            TEMPLATES,
            DEFAULTS.template,
            (t) => TEMPLATE_DESCRIPTIONS[t],
          )
        : DEFAULTS.template);
    const pm =
      options.pm ??
      (prompter ? await prompter.select("Package manager:", PACKAGE_MANAGERS, detected) : detected);
    const install =
      options.install ??
      (prompter
        ? await prompter.confirm(`Install dependencies with ${pm}?`, true)
        : DEFAULTS.install);
    return {
      targetDir,
      name,
      template,
      pm,
      install,
      ...(options.localPackages ? { localPackages: resolve(ctx.cwd, options.localPackages) } : {}),
    };
  } finally {
    prompter?.close();
  }
}

/** Runs `<pm> install` in `cwd`, inheriting the terminal; resolves with the exit status. */
export function installDependencies(pm: PackageManager, cwd: string): Promise<number> {
  const args = pm === "npm" ? ["install", "--no-audit", "--no-fund"] : ["install"];
  return new Promise((done) => {
    const child = spawn(pm, args, { cwd, stdio: "inherit", shell: process.platform === "win32" });
    child.on("error", () => done(127));
    child.on("exit", (code) => done(code ?? 1));
  });
}

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
  return String(pkg.version);
}

/** The whole CLI; returns the process exit code. */
export async function run(ctx: RunContext): Promise<number> {
  try {
    const options = parseCliArgs(ctx.argv, ctx.env);
    if (options.help) {
      ctx.log(HELP);
      return ExitCode.OK;
    }
    if (options.version) {
      ctx.log(version());
      return ExitCode.OK;
    }
    // Before any question or file: the published path cannot work without the packages.
    if (!options.localPackages && !options.skipRegistryCheck) {
      await requirePublishedPackages({ ...process.env, ...ctx.env });
    }
    const p = await plan(options, ctx);
    const where = relative(ctx.cwd, p.targetDir) || ".";
    ctx.log(`Creating ${p.name} (template: ${p.template}) in ${where}`);
    // Checked before anything is written, so a bad directory leaves no half-made project.
    const tarballs = p.localPackages ? findLocalTarballs(p.localPackages) : undefined;
    renderTemplate(templateDir(p.template), p.targetDir, { name: p.name });
    if (tarballs) applyLocalPackages(p.targetDir, tarballs);

    const run = p.pm === "npm" ? "npm run" : "pnpm";
    if (p.install) {
      ctx.log(`Installing dependencies with ${p.pm}…`);
      const status = await installDependencies(p.pm, p.targetDir);
      if (status !== 0) {
        throw new CliError(
          `${p.pm} install failed (exit ${status}). The files are in ${where}; fix the problem and run \`${p.pm} install\` there.`,
          ExitCode.INSTALL_FAILED,
        );
      }
    }
    const steps = [
      ...(where === "." ? [] : [`cd ${where.includes(" ") ? JSON.stringify(where) : where}`]),
      ...(p.install ? [] : [`${p.pm} install`]),
      `${run} dev`,
    ];
    ctx.log(`\nDone. Next:\n${steps.map((s) => `  ${s}`).join("\n")}\n`);
    ctx.log(`Then open http://localhost:5173. \`${p.pm} test\` runs the tests; see README.md.`);
    return ExitCode.OK;
  } catch (error) {
    if (error instanceof CliError) {
      console.error(`create-volley: ${error.message}`);
      return error.exitCode;
    }
    console.error(error);
    return ExitCode.FAILURE;
  }
}
