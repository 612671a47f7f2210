import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import {
  applyLocalPackages,
  findLocalTarballs,
  pnpmOverridesYaml,
  useLocalTarballs,
} from "../src/local-packages.js";
import { TEMPLATES } from "../src/options.js";
import { isEmptyDir, renderTemplate, substitute, templateDir } from "../src/scaffold.js";
import { templatesRoot } from "./support/paths.js";

const tmp = mkdtempSync(join(tmpdir(), "create-volley-unit-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("renderTemplate", () => {
  test("renames _gitignore and substitutes {{name}} only in package.json and README.md", () => {
    const source = join(tmp, "fixture");
    mkdirSync(join(source, "src"), { recursive: true });
    writeFileSync(join(source, "package.json"), '{ "name": "{{name}}" }\n');
    writeFileSync(join(source, "README.md"), "# {{name}}\n");
    writeFileSync(join(source, "_gitignore"), "node_modules\n");
    writeFileSync(join(source, "src", "code.ts"), 'const template = "{{name}}";\n');
    mkdirSync(join(source, "node_modules", "x"), { recursive: true });

    const target = join(tmp, "out");
    const written = renderTemplate(source, target, { name: "my-app" });

    expect(written).toEqual([".gitignore", "README.md", "package.json", "src/code.ts"]);
    expect(readFileSync(join(target, "package.json"), "utf8")).toBe('{ "name": "my-app" }\n');
    expect(readFileSync(join(target, "README.md"), "utf8")).toBe("# my-app\n");
    expect(readFileSync(join(target, ".gitignore"), "utf8")).toBe("node_modules\n");
    expect(readFileSync(join(target, "src", "code.ts"), "utf8")).toContain("{{name}}");
    expect(existsSync(join(target, "_gitignore"))).toBe(false);
    expect(existsSync(join(target, "node_modules"))).toBe(false);
  });

  test("substitute replaces every occurrence", () => {
    expect(substitute("{{name}} and {{name}}", { name: "a" })).toBe("a and a");
  });
});

describe("isEmptyDir", () => {
  test("is true for a missing directory, an empty one, or one with only .git", () => {
    const dir = join(tmp, "empty-check");
    expect(isEmptyDir(dir)).toBe(true);
    mkdirSync(join(dir, ".git"), { recursive: true });
    expect(isEmptyDir(dir)).toBe(true);
    writeFileSync(join(dir, "notes.txt"), "x");
    expect(isEmptyDir(dir)).toBe(false);
  });
});

describe.each(TEMPLATES)("template %s", (template) => {
  const dir = templateDir(template, templatesRoot);
  const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));

  test("is a complete project: README, .gitignore, configs, a test", () => {
    for (const file of [
      "README.md",
      "_gitignore",
      "tsconfig.json",
      "vite.config.ts",
      "vitest.config.ts",
      "web/index.html",
      "server/main.ts",
    ]) {
      expect(existsSync(join(dir, file)), file).toBe(true);
    }
    expect(readFileSync(join(dir, "README.md"), "utf8")).toMatch(/^# \{\{name\}\}/);
  });

  test("has the dev, build, start and test scripts and depends on published @volley/* ranges", () => {
    expect(pkg.name).toBe("{{name}}");
    expect(pkg.type).toBe("module");
    expect(Object.keys(pkg.scripts)).toEqual(
      expect.arrayContaining(["dev", "build", "start", "test"]),
    );
    expect(pkg.dependencies["@volley/server"]).toBe("^0.1.0");
    expect(pkg.dependencies["@volley/client"]).toBe("^0.1.0");
    expect(JSON.stringify(pkg)).not.toContain("workspace:");
  });
});

describe("useLocalTarballs", () => {
  test("points direct deps at the specs and overrides the transitive ones", () => {
    const specs = {
      "@volley/protocol": "file:vendor/volley-protocol-0.1.0.tgz",
      "@volley/server": "file:vendor/volley-server-0.1.0.tgz",
      "@volley/client": "file:vendor/volley-client-0.1.0.tgz",
    };
    const pkg = useLocalTarballs(
      {
        dependencies: { "@volley/server": "^0.1.0", express: "^5.1.0" },
        devDependencies: { "@volley/client": "^0.1.0" },
      },
      specs,
    );
    expect(pkg.dependencies).toEqual({
      "@volley/server": "file:vendor/volley-server-0.1.0.tgz",
      express: "^5.1.0",
    });
    expect(pkg.devDependencies).toEqual({
      "@volley/client": "file:vendor/volley-client-0.1.0.tgz",
    });
    expect(pkg.overrides).toEqual({ "@volley/protocol": "file:vendor/volley-protocol-0.1.0.tgz" });
  });

  test("writes the overrides for pnpm as YAML", () => {
    expect(pnpmOverridesYaml({ "@volley/protocol": "file:vendor/p.tgz" })).toContain(
      'overrides:\n  "@volley/protocol": "file:vendor/p.tgz"\n',
    );
  });
});

describe("applyLocalPackages", () => {
  test("copies the tarballs into vendor/ and references them with relative paths only", () => {
    const root = mkdtempSync(join(tmpdir(), "create-volley-vendor-"));
    try {
      const packs = join(root, "packs");
      mkdirSync(packs);
      for (const name of ["protocol", "server", "client"]) {
        writeFileSync(join(packs, `volley-${name}-0.1.0.tgz`), name);
      }
      const project = join(root, "app");
      renderTemplate(templateDir("minimal", templatesRoot), project, { name: "app" });
      writeFileSync(join(project, "pnpm-workspace.yaml"), "allowBuilds:\n  esbuild: true\n");
      applyLocalPackages(project, findLocalTarballs(packs));

      expect(readdirSync(join(project, "vendor")).sort()).toEqual([
        "volley-client-0.1.0.tgz",
        "volley-protocol-0.1.0.tgz",
        "volley-server-0.1.0.tgz",
      ]);
      const pkgText = readFileSync(join(project, "package.json"), "utf8");
      const yaml = readFileSync(join(project, "pnpm-workspace.yaml"), "utf8");
      expect(JSON.parse(pkgText).dependencies["@volley/server"]).toBe(
        "file:vendor/volley-server-0.1.0.tgz",
      );
      expect(yaml).toContain("allowBuilds:\n  esbuild: true\n");
      expect(yaml).toContain('"@volley/protocol": "file:vendor/volley-protocol-0.1.0.tgz"');
      // Nothing points back at where the tarballs came from.
      expect(pkgText + yaml).not.toContain(root);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
