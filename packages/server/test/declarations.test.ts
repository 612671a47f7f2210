/**
 * The published declarations type-check in consumer projects compiled by the repository's own
 * `tsc` with strict settings, `skipLibCheck: false` and `exactOptionalPropertyTypes` (needs
 * `npx tsc -b` first). Three consumers, each a fixture in `consumer/` (`.mts`, so the
 * repository's own test type-check, which knows no built `dist`, skips them):
 * - `consumer.mts`: every package at once (server, engine, protocol, client, redis adapter),
 *   linked with their dependencies, plus `noUncheckedIndexedAccess`;
 * - `engine-only.mts` and `client-only.mts`: installed as npm would (`package.json` and `dist`
 *   only, nothing from devDependencies), so a type that leaks from a dev-only package (`ws`,
 *   `debug`) fails here.
 */
import { execFile } from "node:child_process";
import {
  cp,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  realpath,
  rm,
  symlink,
  writeFile,
} from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, "../../..");
const tsc = join(repo, "node_modules/.bin/tsc");
const WORKSPACE = {
  "@volley/server": "packages/server",
  "@volley/protocol": "packages/protocol",
  "@volley/client": "packages/client",
  "@volley/redis-adapter": "packages/redis-adapter",
};

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

/** How a package reaches the consumer's node_modules. */
type Install = "link" | "npm";

/**
 * Writes a consumer project around `fixture` and compiles it; returns tsc's error lines.
 * `link` symlinks the package folders (their own node_modules come along); `npm` copies only
 * `package.json` and `dist`, as a registry install of the package would.
 */
async function compileConsumer(
  fixture: string,
  packages: Record<string, string>,
  install: Install,
  extra: { noUncheckedIndexedAccess?: boolean; thirdParty?: string[] } = {},
): Promise<string[]> {
  const dir = await mkdtemp(join(tmpdir(), "volley-consumer-"));
  dirs.push(dir);
  await mkdir(join(dir, "node_modules/@volley"), { recursive: true });
  await mkdir(join(dir, "node_modules/@types"), { recursive: true });
  for (const [name, path] of Object.entries(packages)) {
    const target = join(dir, "node_modules", name);
    if (install === "link") {
      await symlink(join(repo, path), target, "dir");
    } else {
      await mkdir(target, { recursive: true });
      await cp(join(repo, path, "package.json"), join(target, "package.json"));
      await cp(join(repo, path, "dist"), join(target, "dist"), { recursive: true });
    }
  }
  const typesNode = await realpath(join(repo, "node_modules/@types/node"));
  await symlink(typesNode, join(dir, "node_modules/@types/node"), "dir");
  await symlink(join(typesNode, "../../undici-types"), join(dir, "node_modules/undici-types"));
  for (const name of extra.thirdParty ?? []) {
    const from = await realpath(join(repo, "packages/client/node_modules", name));
    await mkdir(dirname(join(dir, "node_modules", name)), { recursive: true });
    await symlink(from, join(dir, "node_modules", name), "dir");
  }
  await cp(join(here, "consumer", fixture), join(dir, "consumer.ts"));
  await writeFile(join(dir, "package.json"), JSON.stringify({ type: "module", private: true }));
  await writeFile(
    join(dir, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        target: "ES2022",
        module: "NodeNext",
        moduleResolution: "NodeNext",
        lib: ["ES2022", "DOM"],
        types: ["node"],
        strict: true,
        skipLibCheck: false,
        exactOptionalPropertyTypes: true,
        noUncheckedIndexedAccess: extra.noUncheckedIndexedAccess ?? false,
        noEmit: true,
      },
      files: ["consumer.ts"],
    }),
  );
  const output = await new Promise<string>((done) => {
    execFile(tsc, ["-p", join(dir, "tsconfig.json"), "--pretty", "false"], (_e, out, err) =>
      done(`${out}${err}`),
    );
  });
  return output.split("\n").filter((line) => /error TS\d+/.test(line));
}

describe("published declarations", () => {
  it("type-check in a strict consumer of every package", async () => {
    const errors = await compileConsumer("consumer.mts", WORKSPACE, "link", {
      noUncheckedIndexedAccess: true,
    });
    expect(errors).toEqual([]);
  }, 60_000);

  it("of the engine need nothing a registry install lacks", async () => {
    const errors = await compileConsumer(
      "engine-only.mts",
      { "@volley/server": "packages/server", "@volley/protocol": "packages/protocol" },
      "npm",
    );
    expect(errors).toEqual([]);
  }, 60_000);

  it("of the client need nothing a registry install lacks (no @types/ws)", async () => {
    const errors = await compileConsumer(
      "client-only.mts",
      { "@volley/client": "packages/client", "@volley/protocol": "packages/protocol" },
      "npm",
      { thirdParty: ["@preact/signals-core"] },
    );
    expect(errors).toEqual([]);
  }, 60_000);

  it("depend on @types/ws where they reference ws types", async () => {
    for (const path of ["packages/server", "packages/redis-adapter"]) {
      const pkg = JSON.parse(await readFile(join(repo, path, "package.json"), "utf8"));
      const files = await readdir(join(repo, path, "dist"), { recursive: true });
      let usesWs = false;
      for (const file of files) {
        if (!String(file).endsWith(".d.ts")) continue;
        const text = await readFile(join(repo, path, "dist", String(file)), "utf8");
        if (/from "ws"/.test(text)) usesWs = true;
      }
      if (usesWs) expect(pkg.dependencies?.["@types/ws"], path).toBeDefined();
    }
  });
});
