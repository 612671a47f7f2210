/**
 * Failures without a response, in browsers (`#network-failures`, conditions `browser` and
 * `default`): a browser hides why `fetch` failed (a refused host and a CORS refusal are the
 * same TypeError) and gives a WebSocket failure only its close code. The Node variant
 * (network-failures.node.ts) reads system codes; none of that is bundled here.
 */
import { ConnectionErrorCode, errorTexts, TransportError } from "../../errors.js";
import { webSocketClosed } from "./websocket-closed.js";

/** `fetch` failed without a response: a TypeError is what a hidden cross-origin refusal gives. */
export function networkError(
  message: string,
  transport: string,
  request: string,
  error: unknown,
): TransportError {
  const texts = errorTexts();
  const cors = error instanceof TypeError;
  return new TransportError(
    message,
    cors ? ConnectionErrorCode.PROBABLY_CORS : ConnectionErrorCode.NETWORK_ERROR,
    (cors ? texts?.probablyCors(request) : texts?.network(request, error, undefined)) ?? "",
    { transport, request },
    error,
  );
}

/** A WebSocket closed (or failed to open) with `event`; `cause` is what its error event held. */
export function webSocketError(
  message: string,
  url: string,
  event: { code?: number; reason?: string } | undefined,
  cause: unknown,
): TransportError {
  const request = `WebSocket ${url}`;
  return webSocketClosed(message, request, event, cause);
}
