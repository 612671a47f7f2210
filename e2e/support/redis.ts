/**
 * A throwaway redis-server for cluster specs: a free port on 127.0.0.1, nothing saved to disk,
 * killed by `stop()`. `redisServerPath()` is undefined when redis-server is not installed.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import { existsSync } from "node:fs";
import { createServer } from "node:net";

export interface RunningRedis {
  url: string;
  port: number;
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 10_000;

export function redisServerPath(): string | undefined {
  const candidate = process.env.REDIS_SERVER ?? "/usr/bin/redis-server";
  if (existsSync(candidate)) return candidate;
  const found = spawnSync("which", ["redis-server"], { encoding: "utf8" });
  return found.status === 0 && found.stdout.trim() ? found.stdout.trim() : undefined;
}

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export async function startRedis(): Promise<RunningRedis> {
  const bin = redisServerPath();
  if (!bin) throw new Error("redis-server is not installed");
  const port = await freePort();
  const args = ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"];
  const proc: ChildProcess = spawn(bin, args, { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => fail(new Error("redis-server did not start in time")),
      START_TIMEOUT_MS,
    );
    const fail = (error: Error) => {
      clearTimeout(timer);
      proc.kill("SIGKILL");
      reject(new Error(`${error.message}\n--- redis-server output ---\n${output}`));
    };
    proc.once("error", fail);
    proc.once("exit", (code) => fail(new Error(`redis-server exited early (code ${code})`)));
    proc.stderr?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    proc.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("Ready to accept connections")) {
        clearTimeout(timer);
        proc.removeAllListeners("exit");
        proc.removeAllListeners("error");
        resolve();
      }
    });
  });
  proc.stdout?.resume();
  proc.stderr?.resume();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    async stop() {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      const exited = once(proc, "exit");
      proc.kill("SIGKILL");
      await exited;
    },
  };
}
