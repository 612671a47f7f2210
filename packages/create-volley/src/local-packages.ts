/**
 * `--local-packages <dir>`: installs @volley/* from tarballs made with `pnpm pack` (a clone of
 * the repository, unpublished builds) instead of the registry. The tarballs are copied into the
 * project's `vendor/` and referenced with relative `file:vendor/…` specs, so the project keeps
 * working wherever it is moved and whatever happens to `<dir>`. Direct dependencies get the
 * spec; transitive ones (@volley/protocol under the server and the client) are forced with npm
 * `overrides` in package.json and pnpm `overrides` in pnpm-workspace.yaml.
 */
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from "node:fs";
import { basename, join, resolve } from "node:path";
import { CliError, ExitCode } from "./errors.js";

type Deps = Record<string, string>;
interface PackageJson {
  dependencies?: Deps;
  devDependencies?: Deps;
  overrides?: Deps;
  [key: string]: unknown;
}

/** Where the tarballs go inside the project. */
export const VENDOR_DIR = "vendor";

/** Maps `@volley/<name>` to the absolute path of `volley-<name>-<version>.tgz` in `dir`. */
export function findLocalTarballs(dir: string): Map<string, string> {
  const found = new Map<string, string>();
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    throw new CliError(`--local-packages: cannot read directory ${dir}`, ExitCode.USAGE);
  }
  for (const entry of entries.sort()) {
    const match = /^volley-([a-z0-9-]+?)-\d+\.\d+\.\d+.*\.tgz$/.exec(entry);
    if (match) found.set(`@volley/${match[1]}`, resolve(dir, entry));
  }
  if (found.size === 0) {
    throw new CliError(`--local-packages: no volley-*.tgz tarballs in ${dir}`, ExitCode.USAGE);
  }
  return found;
}

/** Copies the tarballs into `<projectDir>/vendor/`; returns name -> `file:vendor/<file>`. */
export function vendorTarballs(projectDir: string, tarballs: Map<string, string>): Deps {
  mkdirSync(join(projectDir, VENDOR_DIR), { recursive: true });
  const specs: Deps = {};
  for (const [name, tarball] of tarballs) {
    const file = basename(tarball);
    copyFileSync(tarball, join(projectDir, VENDOR_DIR, file));
    specs[name] = `file:${VENDOR_DIR}/${file}`;
  }
  return specs;
}

/** Rewrites a package.json object in place (pure apart from the argument). */
export function useLocalTarballs(pkg: PackageJson, specs: Deps): PackageJson {
  const direct = new Set<string>();
  for (const deps of [pkg.dependencies, pkg.devDependencies]) {
    if (!deps) continue;
    for (const name of Object.keys(deps)) {
      const spec = specs[name];
      if (spec) {
        deps[name] = spec;
        direct.add(name);
      }
    }
  }
  const overrides: Deps = {};
  for (const [name, spec] of Object.entries(specs)) {
    // npm refuses an override of a direct dependency that differs from it; those are set above.
    if (!direct.has(name)) overrides[name] = spec;
  }
  pkg.overrides = { ...pkg.overrides, ...overrides };
  return pkg;
}

/** The pnpm `overrides:` block forcing every tarball (JSON strings are valid YAML scalars). */
export function pnpmOverridesYaml(specs: Deps): string {
  const lines = Object.entries(specs).map(
    ([name, spec]) => `  ${JSON.stringify(name)}: ${JSON.stringify(spec)}`,
  );
  return `# @volley/* from the tarballs in vendor/ (create-volley --local-packages).\noverrides:\n${lines.join("\n")}\n`;
}

/**
 * Rewrites the project to install @volley/* from copies of `tarballs` in its vendor/ folder,
 * with npm (package.json) or pnpm (pnpm-workspace.yaml, which also makes the project its own
 * workspace root when it is created inside another one, such as the Volley clone).
 */
export function applyLocalPackages(projectDir: string, tarballs: Map<string, string>): void {
  const specs = vendorTarballs(projectDir, tarballs);
  const file = join(projectDir, "package.json");
  const pkg = JSON.parse(readFileSync(file, "utf8")) as PackageJson;
  useLocalTarballs(pkg, specs);
  writeFileSync(file, `${JSON.stringify(pkg, null, 2)}\n`);
  const workspace = join(projectDir, "pnpm-workspace.yaml");
  const existing = existsSync(workspace) ? `${readFileSync(workspace, "utf8").trimEnd()}\n\n` : "";
  writeFileSync(workspace, `${existing}${pnpmOverridesYaml(specs)}`);
}
