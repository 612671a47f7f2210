/**
 * The events a Socket emits locally and the shape of its packet middlewares: types shared by
 * socket.ts and the base classes under it (a leaf, so neither imports the other's file).
 */
import type { DisconnectReason } from "./errors.js";

/** Events a Socket emits locally. */
export interface SocketReservedEvents {
  disconnect: (reason: DisconnectReason, description?: unknown) => void;
  disconnecting: (reason: DisconnectReason, description?: unknown) => void;
  error: (err: Error) => void;
}

/** Per-packet middleware: `([event, ...args], next) => …`. */
export type PacketMiddleware = (event: [string, ...unknown[]], next: (err?: Error) => void) => void;
