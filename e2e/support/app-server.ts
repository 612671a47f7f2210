/**
 * Starts a built sample app (`node apps/<name>/dist/server.js`) for a test: PORT=0 on
 * 127.0.0.1, ready once it prints `Listening on http://localhost:<port>`. `restart()` stops it
 * and starts it again on the same port, so browsers reconnect to the same URL.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export type AppName = "chat" | "game";

export interface RunningApp {
  url: string;
  port: number;
  stop(): Promise<void>;
  /** SIGKILL, no shutdown: the process dies without a word to anyone (cluster tests). */
  kill(): Promise<void>;
  restart(): Promise<void>;
}

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const READY = /Listening on http:\/\/localhost:(\d+)/;
const START_TIMEOUT_MS = 20_000;
const STOP_TIMEOUT_MS = 5_000;

export function appEntry(name: AppName): string {
  return join(repoRoot, "apps", name, "dist", "server.js");
}

export async function startApp(
  name: AppName,
  env: Record<string, string> = {},
): Promise<RunningApp> {
  const entry = appEntry(name);
  if (!existsSync(entry)) {
    throw new Error(
      `${entry} is missing. Build the app before running e2e: pnpm build && pnpm --filter ${name} build`,
    );
  }
  let child: ChildProcess | undefined;
  let port = Number(await launch(0));

  async function launch(wantedPort: number): Promise<number> {
    const proc = spawn(process.execPath, [entry], {
      cwd: repoRoot,
      env: { ...process.env, HOST: "127.0.0.1", ...env, PORT: String(wantedPort) },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true, // its own process group, so stop() can end the whole tree
    });
    child = proc;
    const output: string[] = [];
    return new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => {
        fail(new Error(`${name} did not print "Listening on …" within ${START_TIMEOUT_MS} ms`));
      }, START_TIMEOUT_MS);
      const fail = (error: Error) => {
        clearTimeout(timer);
        killTree(proc, "SIGKILL");
        reject(new Error(`${error.message}\n--- ${name} output ---\n${output.join("")}`));
      };
      const onData = (chunk: Buffer) => {
        const text = chunk.toString();
        output.push(text);
        if (process.env.E2E_APP_LOGS) process.stderr.write(`[${name}] ${text}`);
        const match = READY.exec(output.join(""));
        if (match) {
          clearTimeout(timer);
          proc.stdout?.off("data", onData);
          resolve(Number(match[1]));
        }
      };
      proc.stdout?.on("data", onData);
      proc.stderr?.on("data", (chunk: Buffer) => {
        output.push(chunk.toString());
        if (process.env.E2E_APP_LOGS) process.stderr.write(`[${name}] ${chunk}`);
      });
      proc.once("exit", (code, signal) =>
        fail(new Error(`${name} exited early (code ${code}, signal ${signal})`)),
      );
      proc.once("error", fail);
    }).finally(() => {
      proc.removeAllListeners("exit");
      // Keep draining output so a chatty server never blocks on a full pipe.
      proc.stdout?.resume();
      proc.stderr?.resume();
    });
  }

  async function stop(): Promise<void> {
    const proc = child;
    child = undefined;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => proc.once("exit", () => resolve()));
    killTree(proc, "SIGTERM");
    const timer = setTimeout(() => killTree(proc, "SIGKILL"), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  }

  async function kill(): Promise<void> {
    const proc = child;
    child = undefined;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => proc.once("exit", () => resolve()));
    killTree(proc, "SIGKILL");
    await exited;
  }

  async function restart(): Promise<void> {
    await stop();
    // The port was just released; retry briefly in case the OS has not let go of it yet.
    for (let attempt = 1; ; attempt++) {
      try {
        port = await launch(port);
        return;
      } catch (error) {
        if (attempt >= 5 || !String(error).includes("EADDRINUSE")) throw error;
        await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
      }
    }
  }

  return {
    get url() {
      return `http://127.0.0.1:${port}`;
    },
    get port() {
      return port;
    },
    stop,
    kill,
    restart,
  };
}

function killTree(proc: ChildProcess, signal: NodeJS.Signals): void {
  if (proc.pid === undefined) return;
  try {
    process.kill(-proc.pid, signal);
  } catch {
    try {
      proc.kill(signal);
    } catch {
      // Already gone.
    }
  }
}
