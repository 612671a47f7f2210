/**
 * npm package name rules (those of `validate-npm-package-name` for new packages), as a pure
 * function so the CLI can explain exactly what is wrong with a name.
 */
import { builtinModules } from "node:module";

export type NameCheck = { ok: true } | { ok: false; problems: string[] };

const BLOCKED = new Set(["node_modules", "favicon.ico"]);
const SCOPED = /^@([^/]+)\/([^/]+)$/;

/** Checks `name` against the rules npm applies to new package names. */
export function validatePackageName(name: string): NameCheck {
  const problems: string[] = [];
  if (name.length === 0) return { ok: false, problems: ["name must not be empty"] };
  if (name.length > 214) problems.push("name must be at most 214 characters");
  if (name.trim() !== name) problems.push("name must not start or end with spaces");
  if (name.startsWith(".")) problems.push("name must not start with a period");
  if (name.startsWith("_")) problems.push("name must not start with an underscore");
  if (name.toLowerCase() !== name) problems.push("name must be lowercase");
  if (/[~'!()*]/.test(name)) problems.push("name must not contain any of ~'!()*");
  if (BLOCKED.has(name)) problems.push(`"${name}" is a reserved name`);
  if (builtinModules.includes(name)) problems.push(`"${name}" is a Node.js core module name`);
  const scoped = SCOPED.exec(name);
  const parts = scoped ? [scoped[1]!, scoped[2]!] : [name];
  if (parts.some((part) => encodeURIComponent(part) !== part)) {
    problems.push("name must only contain URL-friendly characters (a-z, 0-9, - . _)");
  }
  return problems.length === 0 ? { ok: true } : { ok: false, problems };
}
