/**
 * The transports this client knows, in the default order of preference. SSE is opt-in:
 * `import "@volley/client/sse"` registers it; until then the default list skips it.
 */
export const TRANSPORT_NAMES = ["polling", "websocket", "sse"] as const;
/** A transport: long-polling, WebSocket, or Server-Sent Events (a Volley extension, opt-in). */
export type TransportName = (typeof TRANSPORT_NAMES)[number];
