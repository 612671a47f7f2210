// Test support for the cluster tests: a redis-server of the test's own on a free port, and
// presence nodes in their own processes (test/fixtures/node.mjs) driven over IPC.
import { type ChildProcess, fork, spawn } from "node:child_process";
import { once } from "node:events";
import { connect, createServer, type Socket } from "node:net";
import { fileURLToPath } from "node:url";

const FIXTURE = fileURLToPath(new URL("./fixtures/node.mjs", import.meta.url));

export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const port = (server.address() as { port: number }).port;
  server.close();
  await once(server, "close");
  return port;
}

export interface RedisProcess {
  port: number;
  /** SIGKILL (nothing saved), waits for the exit. */
  stop(): Promise<void>;
  /** Starts again on the same port. */
  start(): Promise<void>;
}

export async function startRedis(): Promise<RedisProcess> {
  const port = await freePort();
  let child: ChildProcess | undefined;
  const start = async (): Promise<void> => {
    const args = [
      "--port",
      String(port),
      "--bind",
      "127.0.0.1",
      "--save",
      "",
      "--appendonly",
      "no",
    ];
    const proc = spawn("redis-server", args, { stdio: ["ignore", "pipe", "pipe"] });
    child = proc;
    let output = "";
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`redis-server did not start: ${output}`)),
        10_000,
      );
      proc.stdout?.on("data", (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes("Ready to accept connections")) {
          clearTimeout(timer);
          resolve();
        }
      });
      proc.once("exit", (code) => {
        clearTimeout(timer);
        reject(new Error(`redis-server exited with ${code}: ${output}`));
      });
    });
  };
  const stop = async (): Promise<void> => {
    const proc = child;
    child = undefined;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = once(proc, "exit");
    proc.kill("SIGKILL");
    await exited;
  };
  await start();
  return { port, start, stop };
}

export interface PresenceNode {
  name: string;
  url: string;
  call<T = unknown>(cmd: string, args?: Record<string, unknown>): Promise<T>;
  /** SIGKILL: no goodbye. */
  kill(): Promise<void>;
}

export async function startNode(
  name: string,
  redisPort: number,
  timing = { heartbeatInterval: 200, downAfter: 1000 },
): Promise<PresenceNode> {
  const child = fork(FIXTURE, [], {
    env: {
      ...process.env,
      NODE_NAME: name,
      REDIS_PORT: String(redisPort),
      HEARTBEAT_INTERVAL: String(timing.heartbeatInterval),
      DOWN_AFTER: String(timing.downAfter),
    },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let nextId = 0;
  let port = 0;
  await new Promise<void>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`node ${name} exited early (${code})`)));
    child.on("message", (message: Record<string, unknown>) => {
      if (message.type === "ready") {
        port = message.port as number;
        resolve();
      } else if (message.type === "log") {
        console.error(`[${name}]`, message.message);
      } else if (typeof message.id === "number") {
        const entry = pending.get(message.id);
        pending.delete(message.id);
        if (message.ok) entry?.resolve(message.result);
        else entry?.reject(new Error(String(message.error)));
      }
    });
  });
  child.on("exit", () => {
    for (const entry of pending.values()) entry.reject(new Error(`node ${name} exited`));
    pending.clear();
  });
  const exited = (): boolean => child.exitCode !== null || child.signalCode !== null;
  return {
    name,
    url: `http://127.0.0.1:${port}`,
    call: <T>(cmd: string, args: Record<string, unknown> = {}) =>
      new Promise<T>((resolve, reject) => {
        if (exited()) {
          reject(new Error(`node ${name} is not running`));
          return;
        }
        const id = nextId++;
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        child.send({ id, cmd, args });
      }),
    kill: async () => {
      if (exited()) return;
      const gone = once(child, "exit");
      child.kill("SIGKILL");
      await gone;
    },
  };
}

/** A TCP proxy to cut one node off Redis: `cut()` refuses and drops connections, `heal()` lets them through. */
export interface TcpProxy {
  port: number;
  cut(): void;
  heal(): void;
  close(): Promise<void>;
}

export async function startTcpProxy(target: number): Promise<TcpProxy> {
  let open = true;
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    if (!open) {
      client.destroy();
      return;
    }
    const upstream = connect(target, "127.0.0.1");
    const pair = [client, upstream];
    const cleanup = (): void => {
      for (const socket of pair) {
        socket.destroy();
        sockets.delete(socket);
      }
    };
    for (const socket of pair) {
      sockets.add(socket);
      socket.on("error", cleanup);
      socket.on("close", cleanup);
    }
    client.pipe(upstream);
    upstream.pipe(client);
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const dropAll = (): void => {
    for (const socket of [...sockets]) socket.destroy();
    sockets.clear();
  };
  return {
    port: (server.address() as { port: number }).port,
    cut: () => {
      open = false;
      dropAll();
    },
    heal: () => {
      open = true;
    },
    close: async () => {
      dropAll();
      server.close();
      await once(server, "close");
    },
  };
}
