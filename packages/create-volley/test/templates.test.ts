/**
 * Every template for real: scaffold with the built CLI, install against tarballs of this
 * repository's @volley/* packages (`pnpm pack`), build, run the project's own tests, start it on
 * port 0 and talk to it over HTTP and with the installed @volley/client. Sequential on purpose:
 * installs share the npm cache and the machine.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { TemplateName } from "../src/options.js";
import { buildCli, cliPath, repoRoot, runCli } from "./support/paths.js";
import { exec, freePort, startDev, startServer, stopAll, waitFor } from "./support/processes.js";

const VOLLEY_PACKAGES = ["protocol", "server", "client"];
const NPM_FLAGS = ["--prefer-offline", "--no-audit", "--no-fund"];

/**
 * What a client does against each running template: connect with `auth`, emitWithAck
 * `event(...args)` and check the reply has `expect` as a subset.
 */
const PROBES: Record<
  TemplateName,
  { auth: object; event: string; args: unknown[]; reply: object }
> = {
  minimal: { auth: {}, event: "echo", args: ["ping"], reply: { text: "ping" } },
  chat: {
    auth: { nickname: "probe" },
    event: "room:join",
    args: ["general"],
    reply: { ok: true, room: "general", members: ["probe"] },
  },
  game: { auth: {}, event: "join", args: [{ name: "probe" }], reply: { ok: true } },
};

/** Runs in the generated project (`node -e`), so it uses the project's installed client. */
const PROBE_SCRIPT = `
import { io } from "@volley/client";
const [url, json] = process.argv.slice(1);
const probe = JSON.parse(json);
const socket = io(url, { forceNew: true, auth: probe.auth });
setTimeout(() => { console.error("timed out, status " + socket.status.value); process.exit(1); }, 10000).unref();
socket.on("connect_error", (error) => { console.error("connect_error: " + error.message); process.exit(1); });
socket.on("connect", async () => {
  const reply = await socket.timeout(5000).emitWithAck(probe.event, ...probe.args);
  console.log(JSON.stringify({ status: socket.status.value, reply }));
  socket.disconnect();
  process.exit(0);
});
`;

let work: string;
let tarballs: string;

beforeAll(async () => {
  buildCli();
  work = mkdtempSync(join(tmpdir(), "create-volley-it-"));
  tarballs = join(work, "tarballs");
  for (const name of VOLLEY_PACKAGES) {
    const dir = join(repoRoot, "packages", name);
    if (!existsSync(join(dir, "dist", "index.js"))) {
      const built = await exec(join(repoRoot, "node_modules", ".bin", "tsc"), ["-b", dir], {
        cwd: repoRoot,
      });
      expect(built.code, built.output).toBe(0);
    }
    const packed = await exec("pnpm", ["pack", "--pack-destination", tarballs], { cwd: dir });
    expect(packed.code, packed.output).toBe(0);
  }
}, 120_000);

afterAll(() => {
  stopAll();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe.each(["minimal", "chat", "game"] as const)("template %s", (template) => {
  let project: string;

  test("scaffolds, installs against the local tarballs and builds", async () => {
    const name = `${template}-app`;
    const created = runCli(
      [name, "--template", template, "--pm", "npm", "--no-install", "--local-packages", tarballs],
      work,
    );
    expect(created.status, created.stderr).toBe(0);
    project = join(work, name);
    const pkg = JSON.parse(readFileSync(join(project, "package.json"), "utf8"));
    expect(pkg.name).toBe(name);
    expect(pkg.dependencies["@volley/server"]).toMatch(/^file:.*volley-server-.*\.tgz$/);

    const install = await exec("npm", ["install", ...NPM_FLAGS], { cwd: project });
    expect(install.code, install.output).toBe(0);
    const protocolPkg = join(project, "node_modules", "@volley", "protocol", "package.json");
    expect(existsSync(protocolPkg)).toBe(true);

    const build = await exec("npm", ["run", "build"], { cwd: project });
    expect(build.code, build.output).toBe(0);
    expect(existsSync(join(project, "dist", "public", "index.html"))).toBe(true);

    const typecheck = await exec("npm", ["run", "typecheck"], { cwd: project });
    expect(typecheck.code, typecheck.output).toBe(0);
  });

  test("passes its own tests (npm test)", async () => {
    const result = await exec("npm", ["test"], { cwd: project, env: { CI: "1" } });
    expect(result.code, result.output).toBe(0);
    expect(result.output).toMatch(/Tests\s+\d+ passed/);
  });

  test("starts on PORT=0, serves the page and answers a client", async () => {
    const server = await startServer(project, "dist/server/main.js");
    try {
      const base = `http://127.0.0.1:${server.port}`;
      const page = await fetch(`${base}/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<div id="app">');

      const handshake = await fetch(`${base}/socket.io/?EIO=4&transport=polling`);
      const body = await handshake.text();
      expect(body.startsWith("0")).toBe(true);
      expect(JSON.parse(body.slice(1))).toMatchObject({ sid: expect.any(String) });

      const probe = PROBES[template];
      const result = await exec(
        process.execPath,
        ["--input-type=module", "-e", PROBE_SCRIPT, base, JSON.stringify(probe)],
        { cwd: project, timeoutMs: 20_000 },
      );
      expect(result.code, `${result.output}\n--- server ---\n${server.output()}`).toBe(0);
      const answer = JSON.parse(result.output.trim().split("\n").at(-1)!);
      expect(answer.status).toBe("connected");
      expect(answer.reply).toMatchObject(probe.reply);
    } finally {
      await server.stop();
    }
  });

  test("npm run dev serves the page through Vite and proxies the realtime API", async () => {
    const apiPort = await freePort();
    const vitePort = await freePort();
    const dev = startDev(project, { API_PORT: String(apiPort), VITE_PORT: String(vitePort) });
    try {
      const vite = `http://localhost:${vitePort}`;
      const handshake = await waitFor(
        async () => {
          const response = await fetch(`${vite}/socket.io/?EIO=4&transport=polling`);
          const body = await response.text();
          return body.startsWith("0{") ? body : undefined;
        },
        30_000,
        `the dev server's proxied handshake\n${dev.output()}`,
      );
      expect(JSON.parse(handshake.slice(1))).toMatchObject({ sid: expect.any(String) });
      const entry = await (await fetch(`${vite}/main.tsx`)).text();
      expect(entry).toMatch(/preact[_/]jsx-dev-runtime/);
      expect(dev.output()).not.toMatch(/Failed to run dependency scan|error TS/);
    } finally {
      await dev.stop();
    }
  });
});

describe("pnpm", () => {
  test("the CLI installs with pnpm itself; the project builds and passes its tests", async () => {
    const created = await exec(
      process.execPath,
      [cliPath, "pnpm-app", "--pm", "pnpm", "--local-packages", tarballs],
      { cwd: work, env: { VOLLEY_LOCAL_PACKAGES: "" } },
    );
    expect(created.code, created.output).toBe(0);
    expect(created.output).toContain("pnpm dev");
    const project = join(work, "pnpm-app");
    expect(readFileSync(join(project, "pnpm-workspace.yaml"), "utf8")).toContain(
      '"@volley/protocol": "file:',
    );
    expect(existsSync(join(project, "node_modules", "@volley", "client", "package.json"))).toBe(
      true,
    );
    const build = await exec("pnpm", ["run", "build"], { cwd: project });
    expect(build.code, build.output).toBe(0);
    const tests = await exec("pnpm", ["test"], { cwd: project, env: { CI: "1" } });
    expect(tests.code, tests.output).toBe(0);
  });
});
