/**
 * Dynamic namespaces: `io.of(/^\/dyn-\d+$/)` or `io.of((name, auth, next) => …)` returns a
 * ParentNamespace. Each matching name becomes a child Namespace (created by the registry) that
 * inherits the parent's middlewares and connection listeners; a broadcast on the parent reaches
 * every child.
 */
import type { DefaultEventsMap, DefaultSocketData, EventsMap, Packet } from "@volley/protocol";
import type { AdapterHost } from "./adapter-host.js";
import type { BroadcastOptions, SocketDetails } from "./adapter-types.js";
import type { IoClasses } from "./class-registry.js";
import { InMemoryAdapter } from "./in-memory-adapter.js";
import { Namespace } from "./namespace.js";

/** Decides whether a dynamic namespace may be created for `name`. */
export type NamespaceMatcher = (
  name: string,
  auth: Record<string, unknown>,
  next: (err: Error | null, allow: boolean) => void,
) => void;

/** Broadcasts on a parent go to each child's adapter (each encodes its own namespace). */
class ParentBroadcastAdapter extends InMemoryAdapter {
  constructor(
    host: AdapterHost,
    private readonly children: ReadonlySet<Namespace>,
  ) {
    super(host);
  }

  override broadcast(packet: Packet, opts: BroadcastOptions): void {
    for (const child of this.children) {
      const data = Array.isArray(packet.data) ? [...packet.data] : packet.data;
      child.adapter.broadcast({ ...packet, nsp: child.name, data }, opts);
    }
  }

  override async fetchSockets(opts: BroadcastOptions): Promise<SocketDetails[]> {
    const all: SocketDetails[] = [];
    for (const child of this.children) all.push(...(await child.adapter.fetchSockets(opts)));
    return all;
  }

  override addSockets(opts: BroadcastOptions, rooms: string[]): void {
    for (const child of this.children) child.adapter.addSockets(opts, rooms);
  }

  override delSockets(opts: BroadcastOptions, rooms: string[]): void {
    for (const child of this.children) child.adapter.delSockets(opts, rooms);
  }

  override disconnectSockets(opts: BroadcastOptions, close: boolean): void {
    for (const child of this.children) child.adapter.disconnectSockets(opts, close);
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
  /** The namespaces created from this parent (kept up to date by the registry). */
  readonly children: Set<Namespace<ListenEvents, EmitEvents, ServerSideEvents, SocketData>>;

  /** Created by the Server's namespace registry (not meant to be called by apps). */
  constructor(server: IoClasses<ListenEvents, EmitEvents, ServerSideEvents, SocketData>["server"]) {
    const children = new Set<Namespace<ListenEvents, EmitEvents, ServerSideEvents, SocketData>>();
    super(server, `/_${parentCount++}`, {
      adapter: (host) => new ParentBroadcastAdapter(host, children as ReadonlySet<Namespace>),
    });
    this.children = children;
  }
}
