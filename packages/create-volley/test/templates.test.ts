/**
 * Every template for real, the way `pnpm create-app` makes it from a clone: this repository's
 * @volley/* packed once (`packClone`, the command's own code), each template scaffolded by the
 * built `clone-cli.js` with those tarballs (copied into its vendor/), installed with npm,
 * built, type-checked, its own tests run, started on port 0 and used in Chromium at desktop and
 * phone widths (connect, exchange a message or move; screenshots), and `npm run dev` started
 * (Vite's proxy; Fast Refresh keeping state in Chromium, for minimal; one restart per server
 * edit) and interrupted (nothing may be left running). One more project goes through the whole command (packing included) with pnpm.
 * Sequential on purpose: installs share the npm cache and the machine.
 */
import {
  appendFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { packClone } from "../src/clone.js";
import type { TemplateName } from "../src/options.js";
import { closeBrowser, hasChromium, newContext } from "./support/browser.js";
import { BROWSER_FLOWS } from "./support/flows.js";
import { buildCli, cloneCliPath, repoRoot } from "./support/paths.js";
import { exec, freePort, startDev, startServer, stopAll, waitFor } from "./support/processes.js";

const NPM_FLAGS = ["--prefer-offline", "--no-audit", "--no-fund"];

let work: string;
let tarballs: string;

beforeAll(async () => {
  buildCli();
  work = mkdtempSync(join(tmpdir(), "create-volley-it-"));
  tarballs = join(work, "tarballs");
  await packClone(repoRoot, tarballs);
}, 120_000);

afterAll(async () => {
  await closeBrowser();
  stopAll();
  if (work) rmSync(work, { recursive: true, force: true });
});

/** Runs `pnpm create-app`'s script (what the root package.json runs after building it). */
function createApp(args: string[], env: NodeJS.ProcessEnv = {}) {
  return exec(process.execPath, [cloneCliPath, ...args], {
    cwd: repoRoot,
    env: { INIT_CWD: work, VOLLEY_LOCAL_PACKAGES: "", npm_config_user_agent: "", ...env },
  });
}

/**
 * Preact Fast Refresh in Chromium: an edit to a component is applied without a reload (a marker
 * set on `window` survives) and the component keeps its state (the typed draft).
 */
async function fastRefreshKeepsState(project: string, vite: string): Promise<void> {
  const context = await newContext("desktop");
  try {
    const page = await context.newPage();
    await page.goto(vite);
    await page.locator('[data-testid="status"][data-status="connected"]').waitFor();
    await page.evaluate(() => Object.assign(window, { beforeTheEdit: true }));
    await page.getByLabel("Message").fill("kept across the edit");
    const file = join(project, "web", "app.tsx");
    const source = readFileSync(file, "utf8");
    writeFileSync(file, source.replace("<h1>Volley</h1>", "<h1>Volley, edited</h1>"));
    await page.getByRole("heading", { name: "Volley, edited" }).waitFor();
    expect(await page.evaluate(() => "beforeTheEdit" in window)).toBe(true);
    expect(await page.getByLabel("Message").inputValue()).toBe("kept across the edit");
  } finally {
    await context.close();
  }
}

describe.each(["minimal", "chat", "game"] as const)("template %s", (template: TemplateName) => {
  let project: string;

  test("scaffolds from the clone's tarballs, installs, builds and type-checks", async () => {
    const name = `${template}-app`;
    const created = await createApp([
      name,
      ...["--template", template, "--pm", "npm", "--no-install", "--local-packages", tarballs],
    ]);
    expect(created.code, created.output).toBe(0);
    project = join(work, name);
    const pkgText = readFileSync(join(project, "package.json"), "utf8");
    const pkg = JSON.parse(pkgText);
    expect(pkg.name).toBe(name);
    expect(pkg.dependencies["@volley/server"]).toBe("file:vendor/volley-server-0.1.0.tgz");
    expect(pkg.devDependencies["@volley/testing"]).toBe("file:vendor/volley-testing-0.1.0.tgz");
    expect(readdirSync(join(project, "vendor"))).toHaveLength(4);
    expect(pkgText).not.toContain(tarballs);

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

  test("passes its own tests (npm test, on @volley/testing)", async () => {
    const result = await exec("npm", ["test"], { cwd: project, env: { CI: "1" } });
    expect(result.code, result.output).toBe(0);
    expect(result.output).toMatch(/Tests\s+\d+ passed/);
  });

  test.skipIf(!hasChromium)(
    "starts on PORT=0 and works in Chromium at desktop and 390 px",
    async () => {
      const server = await startServer(project, "dist/server/main.js");
      try {
        const base = `http://127.0.0.1:${server.port}`;
        const page = await fetch(`${base}/`);
        expect(page.status).toBe(200);
        expect(await page.text()).toContain('<div id="app">');
        await BROWSER_FLOWS[template](base);
      } catch (error) {
        throw new Error(`${(error as Error).message}\n--- server ---\n${server.output()}`);
      } finally {
        await server.stop();
      }
    },
  );

  test("npm run dev: Vite with Fast Refresh, tsx watch restarts on an edit; SIGINT leaves nothing", async () => {
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
      const app = await (await fetch(`${vite}/app.tsx`)).text();
      expect(app).toMatch(/preact[_/]jsx-dev-runtime/);
      expect(app).toContain("prefresh"); // Fast Refresh: components are registered for HMR
      expect(dev.output()).not.toMatch(/Failed to run dependency scan|error TS/);

      if (template === "minimal" && hasChromium) await fastRefreshKeepsState(project, vite);

      // An edit to the server restarts it (tsx watch), and it answers through Vite again.
      const starts = () => dev.output().match(/Listening on http:\/\/localhost:\d+/g)?.length ?? 0;
      expect(starts()).toBe(1);
      appendFileSync(join(project, "server", "app.ts"), "\n// Edited by the template test.\n");
      await waitFor(async () => (starts() >= 2 ? true : undefined), 20_000, "a restart");
      await waitFor(
        async () => {
          const response = await fetch(`${vite}/socket.io/?EIO=4&transport=polling`);
          return (await response.text()).startsWith("0{") ? true : undefined;
        },
        20_000,
        `the restarted server through Vite\n${dev.output()}`,
      );
      expect(starts(), dev.output()).toBe(2);
      expect(dev.output()).not.toMatch(/EADDRINUSE|Cannot listen/);
    } finally {
      // Ctrl-C reaches the runner alone here (not its group): it must take both children down.
      const leftovers = await dev.interrupt();
      expect(leftovers, dev.output()).toEqual([]);
    }
  });
});

describe("pnpm create-app, packing included", () => {
  test("packs the clone, installs with pnpm from vendor/, builds and passes its tests", async () => {
    const created = await createApp(["pnpm-app", "--template", "chat", "--pm", "pnpm"]);
    expect(created.code, created.output).toBe(0);
    expect(created.output).toContain("Packing @volley/testing");
    expect(created.output).toContain("pnpm dev");
    const project = join(work, "pnpm-app");
    const yaml = readFileSync(join(project, "pnpm-workspace.yaml"), "utf8");
    expect(yaml).toContain('"@volley/protocol": "file:vendor/volley-protocol-0.1.0.tgz"');
    expect(existsSync(join(project, "node_modules", "@volley", "client", "package.json"))).toBe(
      true,
    );
    const build = await exec("pnpm", ["run", "build"], { cwd: project });
    expect(build.code, build.output).toBe(0);
    const tests = await exec("pnpm", ["test"], { cwd: project, env: { CI: "1" } });
    expect(tests.code, tests.output).toBe(0);
  });
});
