/**
 * The page's one socket, typed by the shared event maps. `io()` without a URL connects to the
 * page's origin: the server itself in production, Vite's proxy in development.
 */
import { eventSignal, io } from "@volley/client";
import type { ClientToServerEvents, ServerToClientEvents } from "../shared/events";

export const socket = io<ServerToClientEvents, ClientToServerEvents>();

/** How many clients are connected (a signal fed by the server's `online` event). */
export const online = eventSignal(socket, "online", 0);
