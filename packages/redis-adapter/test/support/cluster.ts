// Test support: a real redis-server on a free port, Volley nodes in their own processes
// (test/fixtures/node.mjs) driven over IPC, official socket.io-client clients, and bounded
// polling for what crosses processes asynchronously.
import { fork } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import {
  io as connect,
  type ManagerOptions,
  type Socket,
  type SocketOptions,
} from "socket.io-client";
import { waitFor } from "./redis-process.js";

const FIXTURE = fileURLToPath(new URL("../fixtures/node.mjs", import.meta.url));

export { freePort, type RedisProcess, startRedis, waitFor } from "./redis-process.js";

export interface VolleyNode {
  name: string;
  port: number;
  url: string;
  /** Adapter log lines and server-side "note" events seen so far. */
  logs: { level: string; message: string }[];
  notes: string[];
  call<T = unknown>(cmd: string, args?: Record<string, unknown>): Promise<T>;
  /** SIGKILL: the node dies without a word to the cluster. */
  kill(): Promise<void>;
  /** Closes the server gracefully and waits for the process to exit. */
  close(): Promise<void>;
}

export interface NodeOptions {
  redisPort: number;
  heartbeatInterval?: number;
  heartbeatTimeout?: number;
  requestsTimeout?: number;
  recovery?: boolean;
  /** Recovered sockets wait in a middleware until the `releaseHeld` command. */
  holdRecovered?: boolean;
}

export async function startNode(name: string, options: NodeOptions): Promise<VolleyNode> {
  const child = fork(FIXTURE, [], {
    env: {
      ...process.env,
      NODE_NAME: name,
      REDIS_PORT: String(options.redisPort),
      HEARTBEAT_INTERVAL: String(options.heartbeatInterval ?? 200),
      HEARTBEAT_TIMEOUT: String(options.heartbeatTimeout ?? 1000),
      REQUESTS_TIMEOUT: String(options.requestsTimeout ?? 3000),
      RECOVERY: options.recovery ? "1" : "0",
      HOLD_RECOVERED: options.holdRecovered ? "1" : "0",
    },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  const logs: VolleyNode["logs"] = [];
  const notes: string[] = [];
  let nextId = 0;
  let port = 0;
  const ready = new Promise<void>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`node ${name} exited early (${code})`)));
    child.on("message", (message: Record<string, unknown>) => {
      if (message.type === "ready") {
        port = message.port as number;
        resolve();
      } else if (message.type === "log") {
        logs.push({ level: message.level as string, message: message.message as string });
      } else if (message.type === "note") {
        notes.push(message.text as string);
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
  await ready;
  const exited = (): boolean => child.exitCode !== null || child.signalCode !== null;
  return {
    name,
    port,
    url: `http://127.0.0.1:${port}`,
    logs,
    notes,
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
    close: async () => {
      if (exited()) return;
      const gone = once(child, "exit");
      child.send({ id: nextId++, cmd: "close" });
      const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await gone;
      clearTimeout(timer);
    },
  };
}

/** Every node reports `count` servers. */
export async function waitForServerCount(nodes: VolleyNode[], count: number): Promise<void> {
  for (const node of nodes) {
    await waitFor(
      async () => (await node.call<number>("serverCount")) === count,
      `${node.name} to count ${count} servers`,
    );
  }
}

/** A client that records every event it receives. */
export interface TestClient {
  socket: Socket;
  /** [event, ...args] in arrival order. */
  received: unknown[][];
  /** Resolves with the args of the first `event` received at or after index `from`. */
  next(event: string, from?: number): Promise<unknown[]>;
  close(): void;
}

type ClientOptions = Partial<ManagerOptions & SocketOptions>;

/** Connects an official socket.io-client (websocket only, unless told) and waits for connect. */
export async function connectClient(url: string, options: ClientOptions = {}): Promise<TestClient> {
  const socket = connect(url, {
    transports: ["websocket"],
    forceNew: true,
    reconnectionDelay: 50,
    reconnectionDelayMax: 200,
    ...options,
  });
  const received: unknown[][] = [];
  const waiters = new Set<() => void>();
  socket.onAny((event: string, ...args: unknown[]) => {
    received.push([event, ...args]);
    for (const waiter of [...waiters]) waiter();
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`could not connect to ${url}`)), 10_000);
    socket.once("connect", () => {
      clearTimeout(timer);
      resolve();
    });
  });
  const next = (event: string, from = 0): Promise<unknown[]> =>
    new Promise((resolve, reject) => {
      const check = (): boolean => {
        const found = received.slice(from).find((entry) => entry[0] === event);
        if (!found) return false;
        waiters.delete(waiter);
        clearTimeout(timer);
        resolve(found.slice(1));
        return true;
      };
      const waiter = (): void => void check();
      const timer = setTimeout(() => {
        waiters.delete(waiter);
        reject(new Error(`no "${event}" event arrived`));
      }, 10_000);
      if (!check()) waiters.add(waiter);
    });
  return { socket, received, next, close: () => socket.disconnect() };
}

/** The events named `event` a client received, as their first argument. */
export function payloads(client: TestClient, event: string): unknown[] {
  return client.received.filter((entry) => entry[0] === event).map((entry) => entry[1]);
}
