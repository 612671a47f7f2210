/**
 * Writes a template into the target directory: a plain recursive copy where `_gitignore`
 * becomes `.gitignore` (npm never publishes a `.gitignore`) and `{{name}}` is replaced in
 * package.json and README.md only. Everything else is copied byte for byte.
 */
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { TemplateName } from "./options.js";

/** Files renamed on the way out (the published package cannot hold the real names). */
const RENAMES: Record<string, string> = { _gitignore: ".gitignore" };
/** The only files where `{{name}}` is substituted. */
const SUBSTITUTED = new Set(["package.json", "README.md"]);
/** Never copied, even if present in a template during development. */
const SKIPPED = new Set(["node_modules", "dist", "package-lock.json", "pnpm-lock.yaml"]);
/** Entries that do not make a directory "not empty". */
const IGNORED_IN_TARGET = new Set([".git", ".DS_Store"]);

/** The templates shipped next to `dist/` in the package. */
export function templatesDir(): string {
  return fileURLToPath(new URL("../templates/", import.meta.url));
}

export function templateDir(template: TemplateName, root = templatesDir()): string {
  return join(root, template);
}

/** True when `dir` does not exist or holds nothing but a `.git` folder. */
export function isEmptyDir(dir: string): boolean {
  if (!existsSync(dir)) return true;
  return readdirSync(dir).every((entry) => IGNORED_IN_TARGET.has(entry));
}

/** Replaces every `{{name}}` in `text`. */
export function substitute(text: string, vars: { name: string }): string {
  return text.replaceAll("{{name}}", vars.name);
}

/** Copies `sourceDir` into `targetDir`; returns the written paths, relative and sorted. */
export function renderTemplate(
  sourceDir: string,
  targetDir: string,
  vars: { name: string },
): string[] {
  const written: string[] = [];
  const walk = (from: string, to: string, rel: string) => {
    mkdirSync(to, { recursive: true });
    for (const entry of readdirSync(from, { withFileTypes: true })) {
      if (SKIPPED.has(entry.name)) continue;
      const outName = RENAMES[entry.name] ?? entry.name;
      const source = join(from, entry.name);
      const target = join(to, outName);
      const relPath = rel ? `${rel}/${outName}` : outName;
      if (entry.isDirectory()) {
        walk(source, target, relPath);
      } else if (SUBSTITUTED.has(entry.name)) {
        writeFileSync(target, substitute(readFileSync(source, "utf8"), vars));
        written.push(relPath);
      } else {
        copyFileSync(source, target);
        written.push(relPath);
      }
    }
  };
  walk(sourceDir, targetDir, "");
  return written.sort();
}
