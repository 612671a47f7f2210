/**
 * The page's one socket, typed by the shared contract. `io()` without a URL connects to the
 * page's origin: the server itself in production, Vite's proxy in development. In development
 * builds, what the server sends is checked against the contract too.
 */
import { eventSignal, io } from "@volley/client";
import { events } from "../shared/events";

export const socket = io({ events, validateIncoming: import.meta.env.DEV });

/** How many clients are connected (a signal fed by the server's `online` event). */
export const online = eventSignal(socket, "online", 0);
