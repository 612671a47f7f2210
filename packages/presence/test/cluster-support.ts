// Test support for the cluster tests: a redis-server of the test's own on a free port, and
// presence nodes in their own processes (test/fixtures/node.mjs) driven over IPC.
import { fork } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";

// redis-server and the TCP proxy are the Redis adapter's test support, shared by path
export {
  type RedisProcess,
  startRedis,
} from "../../redis-adapter/test/support/redis-process.js";
export { startTcpProxy, type TcpProxy } from "../../redis-adapter/test/support/tcp-proxy.js";

const FIXTURE = fileURLToPath(new URL("./fixtures/node.mjs", import.meta.url));

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
