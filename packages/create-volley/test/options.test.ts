import { describe, expect, test } from "vitest";
import { CliError, ExitCode } from "../src/errors.js";
import { detectPackageManager, HELP, parseCliArgs, TEMPLATES } from "../src/options.js";

function usageError(run: () => unknown): CliError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).exitCode).toBe(ExitCode.USAGE);
    return error as CliError;
  }
  throw new Error("expected a usage error");
}

describe("parseCliArgs", () => {
  test("leaves everything open without flags", () => {
    expect(parseCliArgs([])).toEqual({
      dir: undefined,
      template: undefined,
      pm: undefined,
      install: undefined,
      yes: false,
      force: false,
      localPackages: undefined,
      skipRegistryCheck: false,
      help: false,
      version: false,
    });
  });

  test("reads every flag, long and short", () => {
    const options = parseCliArgs([
      "my-app",
      "--template",
      "chat",
      "--pm",
      "pnpm",
      "--no-install",
      "--yes",
      "--force",
      "--local-packages",
      "/tmp/tarballs",
    ]);
    expect(options).toMatchObject({
      dir: "my-app",
      template: "chat",
      pm: "pnpm",
      install: false,
      yes: true,
      force: true,
      localPackages: "/tmp/tarballs",
    });
    expect(parseCliArgs(["-t", "game", "-y", "-f"])).toMatchObject({
      template: "game",
      yes: true,
      force: true,
    });
    expect(parseCliArgs(["--template=minimal", "--install"])).toMatchObject({
      template: "minimal",
      install: true,
    });
    expect(parseCliArgs(["-h"]).help).toBe(true);
    expect(parseCliArgs(["--version"]).version).toBe(true);
  });

  test("takes the tarball directory from VOLLEY_LOCAL_PACKAGES, the flag winning", () => {
    expect(parseCliArgs([], { VOLLEY_LOCAL_PACKAGES: "/a" }).localPackages).toBe("/a");
    expect(parseCliArgs(["--local-packages", "/b"], { VOLLEY_LOCAL_PACKAGES: "/a" })).toMatchObject(
      { localPackages: "/b" },
    );
    expect(parseCliArgs([], { VOLLEY_LOCAL_PACKAGES: "" }).localPackages).toBeUndefined();
    expect(parseCliArgs(["--skip-registry-check"]).skipRegistryCheck).toBe(true);
    expect(parseCliArgs([], { VOLLEY_SKIP_REGISTRY_CHECK: "1" }).skipRegistryCheck).toBe(true);
  });

  test("refuses unknown templates, package managers and flags", () => {
    expect(usageError(() => parseCliArgs(["-t", "blog"])).message).toContain("minimal, chat, game");
    expect(usageError(() => parseCliArgs(["--pm", "yarn"])).message).toContain("npm, pnpm");
    expect(usageError(() => parseCliArgs(["--frobnicate"])).message).toContain("--help");
    usageError(() => parseCliArgs(["--template"]));
  });

  test("refuses two directories and contradictory install flags", () => {
    usageError(() => parseCliArgs(["a", "b"]));
    usageError(() => parseCliArgs(["--install", "--no-install"]));
  });
});

test("detectPackageManager reads npm_config_user_agent", () => {
  expect(detectPackageManager("pnpm/12.21.0 npm/? node/v20.20.0 linux x64")).toBe("pnpm");
  expect(detectPackageManager("npm/11.0.0 node/v20.20.0 linux x64 workspaces/false")).toBe("npm");
  expect(detectPackageManager(undefined)).toBe("npm");
});

test("the help names every template and flag", () => {
  for (const template of TEMPLATES) expect(HELP).toContain(template);
  for (const flag of ["--template", "--pm", "--no-install", "--yes", "--force", "--help"]) {
    expect(HELP).toContain(flag);
  }
});
