/**
 * Test servers on 127.0.0.1, port 0: the official `socket.io` server and, once built, ours
 * (`@volley/server`), behind one small interface so interop tests run against both.
 */
import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { effect, type ReadonlySignal } from "@preact/signals-core";
import { Server as SocketIoServer } from "socket.io";

export type ServerKind = "socket.io" | "volley";

// biome-ignore lint/suspicious/noExplicitAny: both servers are driven through their public API
export type AnyServer = any;
type ServerCtor = new (http: HttpServer, options?: Record<string, unknown>) => AnyServer;

/** Our server's constructor when `packages/server/dist/index.js` exports a working one. */
async function loadVolleyServer(): Promise<ServerCtor | undefined> {
  if (process.env.VOLLEY_CLIENT_SKIP_OUR_SERVER) return undefined;
  try {
    const mod = (await import("@volley/server")) as { Server?: ServerCtor };
    if (typeof mod.Server === "function") return mod.Server;
    console.warn("@volley/server exports no Server yet: interop tests run against socket.io only");
  } catch (error) {
    console.warn(`@volley/server could not be loaded (${error}): socket.io only`);
  }
  return undefined;
}

const volleyServer = await loadVolleyServer();

/** The server kinds available in this run. */
export const serverKinds: ServerKind[] = volleyServer ? ["socket.io", "volley"] : ["socket.io"];

export interface TestServer {
  readonly kind: ServerKind;
  readonly port: number;
  readonly url: string;
  readonly http: HttpServer;
  io: AnyServer;
  close(): Promise<void>;
  /** Starts a new http server and io server on the same port, with the same setup. */
  restart(): Promise<void>;
}

export async function startServer(
  kind: ServerKind,
  options: Record<string, unknown> = {},
  setup: (io: AnyServer, http: HttpServer) => void = () => {},
): Promise<TestServer> {
  const Ctor: ServerCtor = kind === "socket.io" ? (SocketIoServer as ServerCtor) : volleyServer!;
  const boot = async (port: number) => {
    const http = createServer();
    const io = new Ctor(http, options);
    setup(io, http);
    await new Promise<void>((resolve, reject) => {
      http.once("error", reject);
      http.listen(port, "127.0.0.1", () => resolve());
    });
    return { http, io };
  };
  let current = await boot(0);
  const port = (current.http.address() as AddressInfo).port;
  let closed = false;
  const server: TestServer = {
    kind,
    port,
    url: `http://127.0.0.1:${port}`,
    get http() {
      return current.http;
    },
    get io() {
      return current.io;
    },
    async close() {
      if (closed) return;
      closed = true;
      await closeBoth(current);
    },
    async restart() {
      if (!closed) await closeBoth(current);
      current = await boot(port);
      closed = false;
    },
  };
  return server;
}

async function closeBoth({ http, io }: { http: HttpServer; io: AnyServer }): Promise<void> {
  const closing = new Promise<void>((resolve) => {
    const result = io.close?.(() => resolve());
    if (result && typeof result.then === "function")
      result.then(
        () => resolve(),
        () => resolve(),
      );
  });
  // Idle keep-alive sockets of polling requests would otherwise hold the port.
  http.closeIdleConnections();
  await closing;
  if (http.listening) await new Promise<void>((resolve) => http.close(() => resolve()));
  http.closeAllConnections();
}

/** Resolves with the arguments of the next `event`. */
export function once<T extends unknown[] = unknown[]>(
  emitter: { once(event: string, listener: (...args: never[]) => void): unknown },
  event: string,
): Promise<T> {
  return new Promise((resolve) => {
    emitter.once(event, ((...args: T) => resolve(args)) as never);
  });
}

/** Resolves once `predicate(signal.value)` holds. */
export function until<T>(signal: ReadonlySignal<T>, predicate: (value: T) => boolean): Promise<T> {
  return new Promise((resolve) => {
    let stop: (() => void) | undefined;
    let done = false;
    stop = effect(() => {
      const value = signal.value;
      if (!done && predicate(value)) {
        done = true;
        queueMicrotask(() => stop?.());
        resolve(value);
      }
    });
    if (done) stop();
  });
}

/** Resolves when `count` values have been collected by `collect`. */
export function collector<T>(count: number): {
  items: T[];
  push(item: T): void;
  done: Promise<T[]>;
} {
  const items: T[] = [];
  let resolve!: (items: T[]) => void;
  const done = new Promise<T[]>((r) => {
    resolve = r;
  });
  return {
    items,
    push(item) {
      items.push(item);
      if (items.length === count) resolve(items);
    },
    done,
  };
}
