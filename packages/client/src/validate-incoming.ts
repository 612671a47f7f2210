/**
 * `import "@volley/client/validate-incoming"`: keeps the check of server events against the
 * socket's contract (`events` with `validateIncoming`) in production builds, which otherwise
 * leave it out. Development builds have it without this import.
 */
import { registerIncomingGate } from "./incoming-gates.js";

registerIncomingGate();
