// Child processes for the template tests: commands with a deadline, and the generated app's
// server started on port 0. Every process started here is killed by stopAll().
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";

const running = new Set<ChildProcess>();

/** Our environment minus what would make a nested vitest think it is a worker of ours. */
function childEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { NO_COLOR: "1", FORCE_COLOR: "0" };
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith("VITEST") && key !== "FORCE_COLOR") env[key] = value;
  }
  return { ...env, ...extra };
}

export interface ExecResult {
  code: number | null;
  output: string;
}

/** Runs a command to completion (killed after `timeoutMs`), capturing stdout and stderr. */
export function exec(
  command: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number },
): Promise<ExecResult> {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: childEnv(options.env),
      stdio: ["ignore", "pipe", "pipe"],
    });
    running.add(child);
    let output = "";
    child.stdout.on("data", (chunk) => {
      output += chunk;
    });
    child.stderr.on("data", (chunk) => {
      output += chunk;
    });
    const timer = setTimeout(() => {
      output += `\n[killed after ${options.timeoutMs} ms]`;
      child.kill("SIGKILL");
    }, options.timeoutMs ?? 120_000);
    child.on("error", (error) => {
      output += `\n${error.message}`;
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      running.delete(child);
      resolve({ code, output });
    });
  });
}

export interface StartedServer {
  port: number;
  output: () => string;
  stop: () => Promise<void>;
}

/** Starts `node <entry>` with PORT=0 and waits for `Listening on http://localhost:<port>`. */
export function startServer(
  cwd: string,
  entry: string,
  timeoutMs = 15_000,
): Promise<StartedServer> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [entry], {
      cwd,
      env: childEnv({ PORT: "0", HOST: "127.0.0.1" }),
      stdio: ["ignore", "pipe", "pipe"],
    });
    running.add(child);
    let output = "";
    const exited = new Promise<void>((done) => child.once("exit", () => done()));
    const stop = async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGTERM");
        const killer = setTimeout(() => child.kill("SIGKILL"), 5_000);
        await exited;
        clearTimeout(killer);
      }
      running.delete(child);
    };
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`server did not print its address in ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk;
      const match = /Listening on http:\/\/localhost:(\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ port: Number(match[1]), output: () => output, stop });
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", (chunk) => {
      output += chunk;
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
}

/** Kills whatever is still running (a failed test must not leave servers behind). */
export function stopAll(): void {
  for (const child of running) {
    try {
      // Dev servers run in their own process group; others are plain children.
      process.kill(-child.pid!, "SIGKILL");
    } catch {
      child.kill("SIGKILL");
    }
  }
  running.clear();
}

/** A free TCP port on this machine (bound once, then released). */
export async function freePort(): Promise<number> {
  const { createServer } = await import("node:net");
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface DevServer {
  output: () => string;
  stop: () => Promise<void>;
  /**
   * Sends SIGINT to the dev runner only (as a Ctrl-C that reaches just the parent), waits for it
   * to exit, then returns the processes of its group still alive after 5 s ("pid command"
   * lines; empty when the runner took everything down), and kills whatever is left.
   */
  interrupt: () => Promise<string[]>;
}

/** Processes whose process group is `pgid` (Linux /proc), as "pid command" lines. */
export function processGroup(pgid: number): string[] {
  const found: string[] = [];
  if (!existsSync("/proc")) return found; // not Linux: nothing to inspect
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // pid (comm) state ppid pgrp ...: comm may hold spaces, so split after the last ")".
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[2]) !== pgid || fields[0] === "Z") continue;
      const cmd = readFileSync(`/proc/${entry}/cmdline`, "utf8").replaceAll("\0", " ").trim();
      found.push(`${entry} ${cmd}`);
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

/** Starts `node scripts/dev.mjs` in its own process group (tsx watch and Vite). */
export function startDev(cwd: string, env: NodeJS.ProcessEnv): DevServer {
  const child = spawn(process.execPath, ["scripts/dev.mjs"], {
    cwd,
    env: childEnv({
      ...env,
      PATH: `${cwd}/node_modules/.bin${process.platform === "win32" ? ";" : ":"}${process.env.PATH}`,
    }),
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  running.add(child);
  let output = "";
  child.stdout.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr.on("data", (chunk) => {
    output += chunk;
  });
  const exited = new Promise<void>((done) => child.once("exit", () => done()));
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // already gone
    }
  };
  return {
    output: () => output,
    stop: async () => {
      signalGroup("SIGTERM");
      const killer = setTimeout(() => signalGroup("SIGKILL"), 5_000);
      await exited;
      clearTimeout(killer);
      // Watchers may outlive dev.mjs by a moment: make sure the group is gone.
      signalGroup("SIGKILL");
      running.delete(child);
    },
    interrupt: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGINT");
        const killer = setTimeout(() => signalGroup("SIGKILL"), 10_000);
        await exited;
        clearTimeout(killer);
      }
      const pgid = child.pid!;
      let left = processGroup(pgid);
      for (let i = 0; i < 20 && left.length > 0; i++) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        left = processGroup(pgid);
      }
      signalGroup("SIGKILL");
      running.delete(child);
      return left;
    },
  };
}

/** Polls `check` until it returns a value (not undefined) or `timeoutMs` passes. */
export async function waitFor<T>(
  check: () => Promise<T | undefined>,
  timeoutMs: number,
  what: string,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
