/**
 * Turns what `fetch` and WebSocket report into readable `TransportError`s: an HTTP status with
 * the request and the server's Engine.IO error, a refused or unreachable host (Node gives the
 * system code in the error's cause), "probably CORS" when a browser hides the response, a
 * WebSocket close code with its meaning. Shared by every transport.
 */
import { ConnectionErrorCode, TransportError } from "../../errors.js";

const UNREACHABLE = ["ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH", "ETIMEDOUT"];

/** The server answered `res` (not 2xx) to `request` ("GET http://…"). */
export async function httpError(
  message: string,
  transport: string,
  request: string,
  res: Response,
): Promise<TransportError> {
  let body = "";
  try {
    body = (await res.text()).slice(0, 300);
  } catch {
    // the body is not needed to describe the failure
  }
  let detail = "";
  try {
    const json = JSON.parse(body) as { code?: unknown; message?: unknown };
    if (typeof json.message === "string")
      detail = `: ${json.message} (Engine.IO error ${json.code})`;
  } catch {
    // not the Engine.IO error JSON
  }
  const status = `${res.status}${res.statusText ? ` ${res.statusText}` : ""}`;
  return new TransportError(
    message,
    ConnectionErrorCode.HTTP_ERROR,
    `${request} answered HTTP ${status}${detail}`,
    { transport, request, status: res.status, body },
  );
}

/** `fetch` (or a WebSocket in Node) failed without a response. */
export function networkError(
  message: string,
  transport: string,
  request: string,
  error: unknown,
): TransportError {
  const code = systemCode(error);
  const context = { transport, request };
  const make = (c: ConnectionErrorCode, description: string) =>
    new TransportError(message, c, description, context, error);
  if (code === "ECONNREFUSED") {
    return make(
      ConnectionErrorCode.CONNECTION_REFUSED,
      `${request}: connection refused (ECONNREFUSED), nothing listens there`,
    );
  }
  if (code !== undefined && UNREACHABLE.includes(code)) {
    return make(ConnectionErrorCode.UNREACHABLE, `${request}: host unreachable (${code})`);
  }
  if (code === undefined && error instanceof TypeError && !isNode()) {
    const origin = (globalThis as { location?: { origin?: string } }).location?.origin;
    return make(
      ConnectionErrorCode.PROBABLY_CORS,
      `${request} failed and the browser hid why: probably CORS (the server does not allow ` +
        `the origin ${origin ?? "of this page"}), else the server is unreachable`,
    );
  }
  const text = error instanceof Error ? error.message : String(error);
  return make(
    ConnectionErrorCode.NETWORK_ERROR,
    `${request}: ${text}${code === undefined ? "" : ` (${code})`}`,
  );
}

const CLOSE_CODES: Record<number, string> = {
  1000: "normal closure",
  1001: "going away",
  1002: "protocol error",
  1003: "unsupported data",
  1005: "no status code",
  1006: "abnormal closure, no close frame: refused, or the network dropped",
  1008: "policy violation",
  1009: "message too big",
  1011: "server error",
};

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
      `${request}: the server refused the upgrade with HTTP ${status[1]}`,
      { transport: "websocket", request, status: Number(status[1]) },
      cause,
    );
  }
  if (systemCode(cause) !== undefined) return networkError(message, "websocket", request, cause);
  const closeCode = event?.code ?? 1006;
  const closeReason = event?.reason ?? "";
  const meaning = CLOSE_CODES[closeCode] ?? "see RFC 6455";
  return new TransportError(
    message,
    ConnectionErrorCode.WEBSOCKET_CLOSED,
    `${request} closed with code ${closeCode} (${meaning})${closeReason ? `: ${closeReason}` : ""}`,
    { transport: "websocket", request, closeCode, closeReason },
    cause,
  );
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

function isNode(): boolean {
  return (
    typeof (globalThis as { process?: { versions?: { node?: unknown } } }).process?.versions
      ?.node === "string"
  );
}
