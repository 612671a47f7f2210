/**
 * The published declarations of `@volley/server/engine` type-check in a strict consumer:
 * `skipLibCheck: false` and `exactOptionalPropertyTypes: true`, with only what npm would
 * install (the packages' `dist` and `package.json`, `@types/node`; no `@types/ws`, no
 * `@types/debug`). Compiles a small consumer with the repository's `tsc` (dist must be built,
 * as `pnpm test` does first).
 */

import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../../../..");
const dir = mkdtempSync(join(tmpdir(), "volley-engine-consumer-"));

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Install a package as npm would: its package.json and dist, nothing else. */
function install(name: string, from: string): void {
  const target = join(dir, "node_modules", name);
  mkdirSync(target, { recursive: true });
  cpSync(join(from, "package.json"), join(target, "package.json"));
  cpSync(join(from, "dist"), join(target, "dist"), { recursive: true });
}

const CONSUMER = `
import { createServer } from "node:http";
import {
  EngineServer, type EngineOptions, type EngineSession, PreparedMessage, type OutboundPacket,
  type Transport, type TransportDefinition, TRANSPORTS, resolveEngineOptions,
} from "@volley/server/engine";
const options: Partial<EngineOptions> = {
  transports: ["polling", "sse"],
  logger: (scope, message, ...args) => console.log(scope, message, ...args),
};
const engine = new EngineServer(options);
engine.attach(createServer());
const packet: OutboundPacket = new PreparedMessage("x");
engine.on("connection", (session: EngineSession) => {
  session.send(new PreparedMessage("hello"), { volatile: true });
  session.on("upgrade", (name) => console.log(name, packet));
});
const definitions: readonly TransportDefinition[] = TRANSPORTS;
const name: string | undefined = definitions[0]?.name;
const transport: Transport | undefined = undefined;
console.log(resolveEngineOptions({ pingInterval: 1 }).path, name, transport);
`;

describe("published engine declarations", () => {
  it("type-check with skipLibCheck false and exactOptionalPropertyTypes", () => {
    install("@volley/server", join(root, "packages/server"));
    install("@volley/protocol", join(root, "packages/protocol"));
    const typesNode = realpathSync(join(root, "node_modules/@types/node"));
    cpSync(typesNode, join(dir, "node_modules/@types/node"), { recursive: true });
    cpSync(join(typesNode, "../../undici-types"), join(dir, "node_modules/undici-types"), {
      recursive: true,
    });
    writeFileSync(join(dir, "package.json"), '{ "name": "consumer", "type": "module" }');
    writeFileSync(join(dir, "index.ts"), CONSUMER);
    writeFileSync(
      join(dir, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          target: "ES2022",
          module: "NodeNext",
          moduleResolution: "NodeNext",
          strict: true,
          exactOptionalPropertyTypes: true,
          skipLibCheck: false,
          noEmit: true,
          types: ["node"],
        },
        files: ["index.ts"],
      }),
    );
    const run = spawnSync(join(root, "node_modules/.bin/tsc"), ["-p", dir], { encoding: "utf8" });
    expect(run.stdout + run.stderr).toBe("");
    expect(run.status).toBe(0);
  });
});
