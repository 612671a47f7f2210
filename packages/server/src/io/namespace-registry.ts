/**
 * The server's namespaces: static ones by name, and the parents of dynamic ones (a RegExp or a
 * matcher function) that create a child Namespace when a CONNECT names a match.
 */
import { type EventsMap, toError } from "@volley/protocol";
import type { IoClasses } from "./class-registry.js";
import type { Client } from "./client.js";
import type { ConnectOutcome } from "./client-links.js";
import { addClient, onClose, reportError } from "./links.js";
import { Namespace } from "./namespace.js";
import { type NamespaceMatcher, ParentNamespace } from "./parent-namespace.js";
import type { Socket } from "./socket.js";

/** Namespaces by name, plus the dynamic parents. */
export class NamespaceRegistry<
  ListenEvents extends EventsMap,
  EmitEvents extends EventsMap,
  ServerSideEvents extends EventsMap,
  SocketData,
> {
  /** Every namespace (static and dynamic children) by name. */
  readonly namespaces = new Map<
    string,
    Namespace<ListenEvents, EmitEvents, ServerSideEvents, SocketData>
  >();
  private readonly parents = new Map<
    NamespaceMatcher,
    ParentNamespace<ListenEvents, EmitEvents, ServerSideEvents, SocketData>
  >();
  private readonly parentsByRegExp = new Map<
    RegExp,
    ParentNamespace<ListenEvents, EmitEvents, ServerSideEvents, SocketData>
  >();

  /** @param onCreated told about every namespace created, but `/` (the `new_namespace` event) */
  constructor(
    private readonly server: IoClasses<
      ListenEvents,
      EmitEvents,
      ServerSideEvents,
      SocketData
    >["server"],
    private readonly onCreated: (
      nsp: Namespace<ListenEvents, EmitEvents, ServerSideEvents, SocketData>,
    ) => void,
  ) {}

  /** Every namespace and parent, for shutdown. */
  all(): Namespace<ListenEvents, EmitEvents, ServerSideEvents, SocketData>[] {
    return [...this.namespaces.values(), ...this.parents.values()];
  }

  /** See Server.of. */
  of(
    name: string | RegExp | NamespaceMatcher,
    fn?: (socket: Socket<ListenEvents, EmitEvents, ServerSideEvents, SocketData>) => void,
  ): Namespace<ListenEvents, EmitEvents, ServerSideEvents, SocketData> {
    if (typeof name === "function" || name instanceof RegExp) {
      const parent = new ParentNamespace(this.server);
      if (typeof name === "function") {
        this.parents.set(name, parent);
      } else {
        const regexp = name;
        this.parents.set((nsp, _auth, next) => next(null, regexp.test(nsp)), parent);
        this.parentsByRegExp.set(regexp, parent);
      }
      if (fn) parent.on("connect", fn);
      return parent;
    }
    const nspName = name.startsWith("/") ? name : `/${name}`;
    let nsp = this.namespaces.get(nspName);
    if (!nsp) {
      for (const [regexp, parent] of this.parentsByRegExp) {
        if (regexp.test(nspName)) {
          nsp = this.createChild(parent, nspName);
          break;
        }
      }
    }
    if (!nsp) {
      nsp = new Namespace(this.server, nspName);
      this.namespaces.set(nspName, nsp);
      if (nspName !== "/") this.onCreated(nsp);
    }
    if (fn) nsp.on("connect", fn);
    return nsp;
  }

  private createChild(
    parent: ParentNamespace<ListenEvents, EmitEvents, ServerSideEvents, SocketData>,
    name: string,
  ): Namespace<ListenEvents, EmitEvents, ServerSideEvents, SocketData> {
    const cleanup = this.server.opts.cleanupEmptyChildNamespaces;
    const child: Namespace<ListenEvents, EmitEvents, ServerSideEvents, SocketData> = new Namespace(
      this.server,
      name,
      {
        inheritFrom: parent as unknown as Namespace,
        ...(cleanup ? { onEmpty: () => this.removeChild(parent, child) } : {}),
      },
    );
    parent.children.add(child);
    this.namespaces.set(name, child);
    this.onCreated(child);
    return child;
  }

  /** A dynamic child lost its last socket (cleanupEmptyChildNamespaces): forget it. */
  private removeChild(
    parent: ParentNamespace<ListenEvents, EmitEvents, ServerSideEvents, SocketData>,
    child: Namespace<ListenEvents, EmitEvents, ServerSideEvents, SocketData>,
  ): void {
    if (this.namespaces.get(child.name) !== child) return; // already forgotten
    this.namespaces.delete(child.name);
    parent.children.delete(child);
    try {
      const closed = child.adapter.close();
      if (closed instanceof Promise) closed.catch((err: unknown) => this.server[reportError](err));
    } catch (err) {
      this.server[reportError](err);
    }
  }

  /** Server shutdown: every socket leaves ("server shutting down"), then every adapter closes. */
  async shutDown(): Promise<void> {
    const namespaces = new Set(this.all());
    for (const nsp of namespaces) {
      for (const socket of [...nsp.sockets.values()]) socket[onClose]("server shutting down");
    }
    await Promise.allSettled([...namespaces].map(async (nsp) => nsp.adapter.close()));
  }

  /** A client's CONNECT for `name`: find (or create) the namespace, then run its handshake. */
  connect(
    client: Client,
    name: string,
    auth: Record<string, unknown>,
    outcome: ConnectOutcome,
  ): void {
    this.resolve(name, auth, (nsp) => {
      if (!client.isOpen) return;
      if (!nsp) {
        this.server.opts.log?.("client %s: invalid namespace %s", client.id, name);
        outcome.refused("Invalid namespace");
        return;
      }
      nsp[addClient](client, auth, outcome);
    });
  }

  /**
   * Finds the namespace a CONNECT asks for, asking each dynamic parent in turn (their matchers
   * may answer asynchronously); `done(undefined)` when none accepts.
   */
  resolve(
    name: string,
    auth: Record<string, unknown>,
    done: (
      nsp: Namespace<ListenEvents, EmitEvents, ServerSideEvents, SocketData> | undefined,
    ) => void,
  ): void {
    const existing = this.namespaces.get(name);
    if (existing) {
      done(existing);
      return;
    }
    const parents = [...this.parents];
    let index = 0;
    const tryNext = (): void => {
      const entry = parents[index++];
      if (!entry) {
        done(undefined);
        return;
      }
      const [matcher, parent] = entry;
      let answered = false;
      const answer = (err: Error | null, allow: boolean): void => {
        if (answered) return;
        answered = true;
        if (err || !allow) {
          tryNext();
          return;
        }
        done(this.namespaces.get(name) ?? this.createChild(parent, name));
      };
      try {
        matcher(name, auth, answer);
      } catch (err) {
        // the registry's answer first (no namespace from this matcher), then the report
        answer(toError(err), false);
        this.server[reportError](err);
      }
    };
    tryNext();
  }
}
