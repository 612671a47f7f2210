/**
 * Command-line flags -> a plain options object (pure; `node:util` parseArgs does the lexing).
 * What is missing stays undefined so the CLI can prompt for it or fill in a default.
 */
import { parseArgs } from "node:util";
import { CliError, ExitCode } from "./errors.js";

export const TEMPLATES = ["minimal", "chat", "game"] as const;
export type TemplateName = (typeof TEMPLATES)[number];

export const PACKAGE_MANAGERS = ["npm", "pnpm"] as const;
export type PackageManager = (typeof PACKAGE_MANAGERS)[number];

export const TEMPLATE_DESCRIPTIONS: Record<TemplateName, string> = {
  minimal: "express + Volley server and a Preact page that echoes with acks",
  chat: "rooms, messages with acks and live presence",
  game: "a small authoritative arena on a canvas",
};

/** Defaults used with `--yes` or when there is no terminal to ask. */
export const DEFAULTS = {
  name: "volley-app",
  template: "minimal" as TemplateName,
  install: true,
};

export interface CliOptions {
  /** The target directory as given (its base name becomes the package name). */
  dir?: string;
  template?: TemplateName;
  pm?: PackageManager;
  /** undefined: ask (or default to true). */
  install?: boolean;
  yes: boolean;
  force: boolean;
  /** A directory of `pnpm pack` tarballs of @volley/* to install instead of the registry. */
  localPackages?: string;
  /** Do not ask the registry whether @volley/* are published (tests, private mirrors). */
  skipRegistryCheck: boolean;
  help: boolean;
  version: boolean;
}

export const HELP = `Usage: create-volley [project-dir] [options]

Creates a new Volley realtime app (express + @volley/server, Vite + Preact + @volley/client).

  pnpm create-app ../my-app --template chat    from a clone of Volley (works today)
  npm create volley@latest my-app               once @volley/* are published

Options:
  -t, --template <name>     minimal | chat | game (default: minimal)
      --pm <name>           npm | pnpm (default: the one running this command)
      --no-install          write the files only; do not install dependencies
  -y, --yes                 do not ask: use defaults for anything not given
  -f, --force               write into a non-empty directory (overwrites same-named files)
      --local-packages <dir>
                            install @volley/* from the tarballs in <dir> (made with
                            \`pnpm pack\`, copied into vendor/) instead of the registry;
                            also VOLLEY_LOCAL_PACKAGES. From a clone: \`pnpm create-app\`
      --skip-registry-check do not check that @volley/* are on the registry first;
                            also VOLLEY_SKIP_REGISTRY_CHECK=1
  -h, --help                show this help
  -v, --version             show the version

Templates:
${TEMPLATES.map((t) => `  ${t.padEnd(9)} ${TEMPLATE_DESCRIPTIONS[t]}`).join("\n")}

Exit codes: 0 ok, 1 unexpected failure, 2 bad usage or name, 3 directory not empty,
4 install failed, 5 @volley/* not on the registry, 130 cancelled.`;

function oneOf<T extends string>(value: string, allowed: readonly T[], flag: string): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new CliError(
    `Unknown ${flag} "${value}". Choose one of: ${allowed.join(", ")}.`,
    ExitCode.USAGE,
  );
}

/** Parses `argv` (without node and the script path). Throws CliError(USAGE) on bad input. */
export function parseCliArgs(
  argv: readonly string[],
  env: Record<string, string | undefined> = {},
): CliOptions {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    throw new CliError(`${(error as Error).message}\nRun with --help for usage.`, ExitCode.USAGE);
  }
  const { values, positionals } = parsed;
  if (positionals.length > 1) {
    throw new CliError(
      `Expected one project directory, got ${positionals.length}: ${positionals.join(" ")}`,
      ExitCode.USAGE,
    );
  }
  if (values.install && values["no-install"]) {
    throw new CliError("--install and --no-install cannot be used together.", ExitCode.USAGE);
  }
  const localPackages = values["local-packages"] ?? (env.VOLLEY_LOCAL_PACKAGES || undefined);
  return {
    dir: positionals[0],
    template:
      values.template === undefined ? undefined : oneOf(values.template, TEMPLATES, "template"),
    pm: values.pm === undefined ? undefined : oneOf(values.pm, PACKAGE_MANAGERS, "package manager"),
    install: values["no-install"] ? false : values.install ? true : undefined,
    yes: values.yes ?? false,
    force: values.force ?? false,
    localPackages,
    skipRegistryCheck:
      (values["skip-registry-check"] ?? false) || env.VOLLEY_SKIP_REGISTRY_CHECK === "1",
    help: values.help ?? false,
    version: values.version ?? false,
  };
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      template: { type: "string", short: "t" },
      pm: { type: "string" },
      install: { type: "boolean" },
      "no-install": { type: "boolean" },
      yes: { type: "boolean", short: "y" },
      force: { type: "boolean", short: "f" },
      "local-packages": { type: "string" },
      "skip-registry-check": { type: "boolean" },
      help: { type: "boolean", short: "h" },
      version: { type: "boolean", short: "v" },
    },
  });
}

/** The package manager that launched us (`npm create` / `pnpm create` set the user agent). */
export function detectPackageManager(userAgent: string | undefined): PackageManager {
  return userAgent?.startsWith("pnpm/") ? "pnpm" : "npm";
}
