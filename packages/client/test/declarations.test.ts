/**
 * The published declarations of `@volley/client` type-check in a strict consumer:
 * `skipLibCheck: false` and `exactOptionalPropertyTypes: true`, with only what npm would
 * install (the packages' `dist` and `package.json`, `@preact/signals-core`, `@types/node`; no
 * `@types/ws`). Compiles a small consumer with the repository's `tsc` (dist must be built).
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const dir = mkdtempSync(join(tmpdir(), "volley-client-consumer-"));

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Installs a package as npm would: its package.json and dist, nothing else. */
function install(name: string, from: string): void {
  const target = join(dir, "node_modules", name);
  mkdirSync(target, { recursive: true });
  cpSync(join(from, "package.json"), join(target, "package.json"));
  cpSync(join(from, "dist"), join(target, "dist"), { recursive: true });
}

const CONSUMER = `
import { effect } from "@preact/signals-core";
import {
  type ConnectionError, ConnectionErrorCode, type ErrorContext, InvalidOptionError, io, Manager,
  type Socket, SocketDisconnectedError, TransportError, type TransportName,
} from "@volley/client";
interface ServerToClient { tick: (n: number) => void }
interface ClientToServer { echo: (text: string, ack: (reply: string) => void) => void }
const socket: Socket<ServerToClient, ClientToServer> = io<ServerToClient, ClientToServer>(
  "http://localhost:3000",
  {
    transports: ["polling", "sse"],
    autoConnect: false,
    onError: (error: Error, context: ErrorContext) => console.error(error, context.source),
    logger: (scope, message, ...args) => console.log(scope, message, ...args),
  },
);
socket.on("tick", (n) => console.log(n + 1));
socket.on("connect_error", (error) => {
  if (error instanceof TransportError && error.code === ConnectionErrorCode.HTTP_ERROR) {
    const e: ConnectionError = error;
    console.log(e.description, e.context.status);
  }
});
effect(() => console.log(socket.status.value));
const name: TransportName | undefined = socket.transport.value;
socket.timeout(100).emitWithAck("echo", "hi").then(
  (reply: string) => console.log(reply, name),
  (error: unknown) => console.log(error instanceof SocketDisconnectedError, error instanceof InvalidOptionError),
);
new Manager("http://localhost:3000", { autoConnect: false }).socket("/admin").io.on("reconnect", (n) => n);
`;

describe("published client declarations", () => {
  it("type-check with skipLibCheck false and exactOptionalPropertyTypes", () => {
    install("@volley/client", join(root, "packages/client"));
    install("@volley/protocol", join(root, "packages/protocol"));
    const signals = realpathSync(join(root, "packages/client/node_modules/@preact/signals-core"));
    cpSync(signals, join(dir, "node_modules/@preact/signals-core"), { recursive: true });
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
