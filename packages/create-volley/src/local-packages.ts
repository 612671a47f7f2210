/**
 * `--local-packages <dir>`: points the generated project's @volley/* dependencies at tarballs
 * made with `pnpm pack` (unpublished builds, this repository's tests). Direct dependencies become
 * `file:` specs; transitive ones (@volley/protocol) are forced with npm `overrides` in
 * package.json and, for pnpm (which reads its settings from there), `overrides` in a
 * pnpm-workspace.yaml.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { CliError, ExitCode } from "./errors.js";
import type { PackageManager } from "./options.js";

type Deps = Record<string, string>;
interface PackageJson {
  dependencies?: Deps;
  devDependencies?: Deps;
  overrides?: Deps;
  [key: string]: unknown;
}

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

/** Rewrites a package.json object in place (pure apart from the argument). */
export function useLocalTarballs(pkg: PackageJson, tarballs: Map<string, string>): PackageJson {
  const direct = new Set<string>();
  for (const deps of [pkg.dependencies, pkg.devDependencies]) {
    if (!deps) continue;
    for (const name of Object.keys(deps)) {
      const tarball = tarballs.get(name);
      if (tarball) {
        deps[name] = `file:${tarball}`;
        direct.add(name);
      }
    }
  }
  const overrides: Deps = {};
  for (const [name, tarball] of tarballs) {
    // npm refuses an override of a direct dependency that differs from it; those are set above.
    if (!direct.has(name)) overrides[name] = `file:${tarball}`;
  }
  pkg.overrides = { ...pkg.overrides, ...overrides };
  return pkg;
}

/** pnpm-workspace.yaml forcing the same overrides (JSON strings are valid YAML scalars). */
export function pnpmWorkspaceYaml(overrides: Deps): string {
  const lines = Object.entries(overrides).map(
    ([name, spec]) => `  ${JSON.stringify(name)}: ${JSON.stringify(spec)}`,
  );
  return `# Installs unpublished @volley/* builds (create-volley --local-packages).\noverrides:\n${lines.join("\n")}\n`;
}

/** Rewrites the project to install @volley/* from `tarballs` with `pm`. */
export function applyLocalPackages(
  projectDir: string,
  tarballs: Map<string, string>,
  pm: PackageManager,
): void {
  const file = join(projectDir, "package.json");
  const pkg = JSON.parse(readFileSync(file, "utf8")) as PackageJson;
  useLocalTarballs(pkg, tarballs);
  writeFileSync(file, `${JSON.stringify(pkg, null, 2)}\n`);
  if (pm === "pnpm" && pkg.overrides && Object.keys(pkg.overrides).length > 0) {
    writeFileSync(join(projectDir, "pnpm-workspace.yaml"), pnpmWorkspaceYaml(pkg.overrides));
  }
}
