/**
 * `import "@volley/client/sse"`: registers the Server-Sent Events transport (a Volley extension,
 * docs/CONTRACTS.md) so that `transports` may name `"sse"` and the default list falls back to it
 * when the WebSocket probe fails. Kept out of the main entry so apps that never use SSE do not
 * carry it (about 2 KB minified).
 */
import { registerTransport } from "./engine/transports/registry.js";
import { SseTransport } from "./engine/transports/sse.js";

registerTransport("sse", SseTransport);

export { SseTransport };
