/**
 * The few things the tracker uses of a Volley namespace, as a narrow structural interface: the
 * tracker works with any `Server` or `Namespace` whatever its event maps, and tests can see
 * exactly what it touches. Nothing here reaches into the server's internals: room leaves come
 * from the adapter's public `leave-room` event, cluster messages go through `serverSideEmit`.
 */

export type Listener = (...args: never[]) => void;

export interface HostSocket {
  readonly id: string;
  readonly connected: boolean;
  readonly rooms: Set<string>;
  join(room: string): unknown;
  on(event: string, listener: Listener): unknown;
}

export interface HostNamespace {
  readonly name: string;
  readonly adapter: {
    on(event: "leave-room", listener: (room: string, id: string) => void): unknown;
    off(event: "leave-room", listener: (room: string, id: string) => void): unknown;
  };
  on(event: string, listener: Listener): unknown;
  off(event: string, listener: Listener): unknown;
  serverSideEmit(event: string, ...args: unknown[]): unknown;
  readonly local: { to(room: string): { emit(event: string, ...args: unknown[]): unknown } };
}

/** A Server (its main namespace `/` is used) or a Namespace. */
export type PresenceTarget =
  | { of(name: string): object }
  | { readonly adapter: object; readonly name: string };

export function namespaceOf(target: PresenceTarget): HostNamespace {
  // a Server has an adapter() method (socket.io's getter/setter); a Namespace an adapter object
  if ("adapter" in target && typeof target.adapter === "object") {
    return target as unknown as HostNamespace;
  }
  return (target as { of(name: string): object }).of("/") as unknown as HostNamespace;
}
