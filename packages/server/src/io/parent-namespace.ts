/**
 * Dynamic namespaces: `io.of(/^\/dyn-\d+$/)` or `io.of((name, auth, next) => …)` returns a
 * ParentNamespace. Each matching name becomes a child Namespace that inherits the parent's
 * middlewares and connection listeners; a broadcast on the parent reaches every child.
 */
import type { Packet } from "@volley/protocol";
import type { BroadcastOptions, SocketDetails } from "./adapter.js";
import { InMemoryAdapter } from "./in-memory-adapter.js";
import { Namespace } from "./namespace.js";
import type { Server } from "./server.js";
import type { DefaultEventsMap, DefaultSocketData, EventsMap } from "./typed-events.js";

/** Decides whether a dynamic namespace may be created for `name`. */
export type NamespaceMatcher = (
  name: string,
  auth: Record<string, unknown>,
  next: (err: Error | null, allow: boolean) => void,
) => void;

/** Broadcasts on a parent go to each child's adapter (each encodes its own namespace). */
class ParentBroadcastAdapter extends InMemoryAdapter {
  constructor(private readonly parent: ParentNamespace) {
    super(parent as unknown as Namespace);
  }

  override broadcast(packet: Packet, opts: BroadcastOptions): void {
    for (const child of this.parent.children) {
      const data = Array.isArray(packet.data) ? [...packet.data] : packet.data;
      child.adapter.broadcast({ ...packet, nsp: child.name, data }, opts);
    }
  }

  override async fetchSockets(opts: BroadcastOptions): Promise<SocketDetails[]> {
    const all: SocketDetails[] = [];
    for (const child of this.parent.children) all.push(...(await child.adapter.fetchSockets(opts)));
    return all;
  }

  override addSockets(opts: BroadcastOptions, rooms: string[]): void {
    for (const child of this.parent.children) child.adapter.addSockets(opts, rooms);
  }

  override delSockets(opts: BroadcastOptions, rooms: string[]): void {
    for (const child of this.parent.children) child.adapter.delSockets(opts, rooms);
  }

  override disconnectSockets(opts: BroadcastOptions, close: boolean): void {
    for (const child of this.parent.children) child.adapter.disconnectSockets(opts, close);
  }
}

let parentCount = 0;

/**
 * The parent of dynamically created namespaces.
 * @example io.of(/^\/room-\d+$/).on("connection", (socket) => socket.nsp.name);
 */
export class ParentNamespace<
  ListenEvents extends EventsMap = DefaultEventsMap,
  EmitEvents extends EventsMap = DefaultEventsMap,
  ServerSideEvents extends EventsMap = DefaultEventsMap,
  SocketData = DefaultSocketData,
> extends Namespace<ListenEvents, EmitEvents, ServerSideEvents, SocketData> {
  /** The namespaces created from this parent. */
  readonly children = new Set<Namespace<ListenEvents, EmitEvents, ServerSideEvents, SocketData>>();

  constructor(server: Server<ListenEvents, EmitEvents, ServerSideEvents, SocketData>) {
    super(server, `/_${parentCount++}`);
  }

  override _initAdapter(): void {
    this.adapter = new ParentBroadcastAdapter(this as unknown as ParentNamespace);
  }

  /** @internal creates the child namespace `name` */
  _createChild(name: string): Namespace<ListenEvents, EmitEvents, ServerSideEvents, SocketData> {
    const child = new Namespace(this.server, name);
    child._fns = this._fns.slice();
    for (const event of ["connect", "connection"] as const) {
      for (const listener of this.listeners(event)) {
        child.on(event, listener as Parameters<typeof child.on<typeof event>>[1]);
      }
    }
    this.children.add(child);
    if (this.server.opts.cleanupEmptyChildNamespaces) {
      const remove = child._remove.bind(child);
      child._remove = (socket) => {
        remove(socket);
        if (child.sockets.size === 0) {
          void child.adapter.close();
          this.server._nsps.delete(child.name);
          this.children.delete(child);
        }
      };
    }
    return child;
  }
}
