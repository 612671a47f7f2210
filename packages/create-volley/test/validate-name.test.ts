// Our wrapper over validate-npm-package-name: the library's own words reach the user.
import { expect, test } from "vitest";
import { validatePackageName } from "../src/validate-name.js";

test.each(["my-app", "app", "a.b_c-d", "volley2", "@scope/my-app", "x".repeat(214)])(
  "accepts %s",
  (name) => {
    expect(validatePackageName(name)).toEqual({ ok: true });
  },
);

test.each([
  ["", "greater than zero"],
  ["My-App", "capital letters"],
  [".hidden", "period"],
  ["_private", "underscore"],
  ["my app", "URL-friendly"],
  [" app", "spaces"],
  ["app!", "~'!()*"],
  ["node_modules", "not a valid package name"],
  ["http", "core module"],
  ["fs", "core module"],
  ["a/b", "URL-friendly"],
  ["café", "URL-friendly"],
  ["x".repeat(215), "214"],
])("refuses %j (%s)", (name, reason) => {
  const check = validatePackageName(name);
  expect(check.ok).toBe(false);
  if (!check.ok) expect(check.problems.join("; ")).toContain(reason);
});
