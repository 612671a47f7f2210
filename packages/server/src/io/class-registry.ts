/**
 * Lets a lower file name the type of a class above it without importing it. Socket exposes
 * `socket.nsp` and `socket.server`, Namespace exposes `nsp.server`: public names that must keep
 * their full types, while the files must not import upward (no import cycle, type imports
 * included). namespace.ts and server.ts add their classes to this interface by declaration
 * merging; socket.ts and namespace.ts read them back as `IoClasses<…>["namespace"]`.
 */
import type { EventsMap } from "@volley/protocol";

/**
 * The io classes by role, for given event maps. Filled in by namespace.ts (`namespace`) and
 * server.ts (`server`).
 */
export interface IoClasses<
  ListenEvents extends EventsMap,
  EmitEvents extends EventsMap,
  ServerSideEvents extends EventsMap,
  SocketData,
> {
  /** The event maps and socket data the classes are instantiated with (type-level only). */
  readonly eventMaps?: [ListenEvents, EmitEvents, ServerSideEvents, SocketData];
}
