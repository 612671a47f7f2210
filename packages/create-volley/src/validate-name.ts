/**
 * npm package name rules, from `validate-npm-package-name` (the library npm itself uses): a
 * name must be valid for a new package; every error and warning it reports is a problem shown
 * to the user as is.
 */
import validate from "validate-npm-package-name";

export type NameCheck = { ok: true } | { ok: false; problems: string[] };

/** Checks `name` against the rules npm applies to new package names. */
export function validatePackageName(name: string): NameCheck {
  const result = validate(name);
  if (result.validForNewPackages) return { ok: true };
  const problems = [...(result.errors ?? []), ...(result.warnings ?? [])];
  return { ok: false, problems: problems.length > 0 ? problems : ["invalid package name"] };
}
