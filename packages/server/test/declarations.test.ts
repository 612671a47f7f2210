/**
 * The published declarations type-check in a consumer project: `test/consumer/consumer.mts`
 * imports @volley/server, @volley/server/engine, @volley/protocol, @volley/client and
 * @volley/redis-adapter from their built `dist` (linked into a temporary node_modules) and is
 * compiled with strict settings, `skipLibCheck: false`, `exactOptionalPropertyTypes` and
 * `noUncheckedIndexedAccess`, by the repository's own `tsc`. Needs `npx tsc -b` first. (The
 * fixture is `.mts` so the repository's test type-check, which knows no built `dist`, skips it.)
 */
import { execFile } from "node:child_process";
import {
  copyFile,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rm,
  symlink,
  writeFile,
} from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, "../../..");
const tsc = join(repo, "node_modules/.bin/tsc");
const PACKAGES = {
  "@volley/server": "packages/server",
  "@volley/protocol": "packages/protocol",
  "@volley/client": "packages/client",
  "@volley/redis-adapter": "packages/redis-adapter",
};

let dir: string;
let diagnostics: string[] = [];

function run(cwd: string): Promise<string> {
  return new Promise((done) => {
    execFile(
      tsc,
      ["-p", join(dir, "tsconfig.json"), "--pretty", "false"],
      { cwd },
      (_e, out, err) => done(`${out}${err}`),
    );
  });
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "volley-consumer-"));
  await mkdir(join(dir, "node_modules/@volley"), { recursive: true });
  await mkdir(join(dir, "node_modules/@types"), { recursive: true });
  for (const [name, path] of Object.entries(PACKAGES)) {
    await symlink(join(repo, path), join(dir, "node_modules", name), "dir");
  }
  const require = createRequire(join(repo, "packages/server/package.json"));
  const nodeTypes = dirname(require.resolve("@types/node/package.json"));
  await symlink(nodeTypes, join(dir, "node_modules/@types/node"), "dir");
  await copyFile(join(here, "consumer/consumer.mts"), join(dir, "consumer.ts"));
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
        noUncheckedIndexedAccess: true,
        noEmit: true,
      },
      files: ["consumer.ts"],
    }),
  );
  await writeFile(join(dir, "package.json"), JSON.stringify({ type: "module", private: true }));
  const output = await run(repo);
  diagnostics = output.split("\n").filter((line) => /error TS\d+/.test(line));
}, 120_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("published declarations", () => {
  it("type-check in a strict consumer (server, engine, protocol, client, redis adapter)", () => {
    expect(diagnostics).toEqual([]);
  });

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
