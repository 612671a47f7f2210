/**
 * Failures without a response, in Node (`#network-failures`, condition `node`): the system code
 * (ECONNREFUSED…) that Node gives in the error or its causes tells a refused host from an
 * unreachable one, and `ws` names the HTTP status that refused an upgrade. Browsers see none of
 * this: network-failures.browser.ts.
 */
import { ConnectionErrorCode, errorTexts, TransportError } from "../../errors.js";
import { webSocketClosed } from "./websocket-closed.js";

const UNREACHABLE = ["ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH", "ETIMEDOUT"];

/** `fetch` (or a WebSocket in Node) failed without a response. */
export function networkError(
  message: string,
  transport: string,
  request: string,
  error: unknown,
): TransportError {
  const code = systemCode(error);
  const texts = errorTexts();
  const make = (c: ConnectionErrorCode, description = "") =>
    new TransportError(message, c, description, { transport, request }, error);
  if (code === "ECONNREFUSED") {
    return make(ConnectionErrorCode.CONNECTION_REFUSED, texts?.refused(request));
  }
  if (code !== undefined && UNREACHABLE.includes(code)) {
    return make(ConnectionErrorCode.UNREACHABLE, texts?.unreachable(request, code));
  }
  return make(ConnectionErrorCode.NETWORK_ERROR, texts?.network(request, error, code));
}

/** A WebSocket closed (or failed to open) with `event`; `cause` is what its error event held. */
export function webSocketError(
  message: string,
  url: string,
  event: { code?: number; reason?: string } | undefined,
  cause: unknown,
): TransportError {
  const request = `WebSocket ${url}`;
  const text = cause instanceof Error ? cause.message : "";
  const status = /Unexpected server response: (\d+)/.exec(text);
  if (status) {
    return new TransportError(
      message,
      ConnectionErrorCode.HTTP_ERROR,
      errorTexts()?.upgradeRefused(request, status[1]!) ?? "",
      { transport: "websocket", request, status: Number(status[1]) },
      cause,
    );
  }
  if (systemCode(cause) !== undefined) return networkError(message, "websocket", request, cause);
  return webSocketClosed(message, request, event, cause);
}

/** The system error code (ECONNREFUSED…) of an error or of its causes (undici nests them). */
function systemCode(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 4; depth++) {
    const { code, errors, cause } = e as { code?: unknown; errors?: unknown[]; cause?: unknown };
    if (typeof code === "string" && /^E[A-Z]+$/.test(code)) return code;
    e = Array.isArray(errors) && errors.length > 0 ? errors[0] : cause;
  }
  return undefined;
}
