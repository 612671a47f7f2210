/**
 * The readable `description` of every connection error, in words a developer can act on
 * ("GET http://…/wrong/?EIO=4… answered HTTP 404 Not Found"). Development builds only: callers
 * reach these through `errorTexts()` (errors.ts), which a production build folds to
 * `undefined`, so this file is left out and errors carry their code (and `context`) alone.
 */

/** The server answered an HTTP error status; `body` may be the Engine.IO error JSON. */
export function httpStatus(request: string, status: number, statusText: string, body: string) {
  let detail = "";
  try {
    const json = JSON.parse(body) as { code?: unknown; message?: unknown };
    if (typeof json.message === "string")
      detail = `: ${json.message} (Engine.IO error ${json.code})`;
  } catch {
    // not the Engine.IO error JSON
  }
  return `${request} answered HTTP ${status}${statusText ? ` ${statusText}` : ""}${detail}`;
}

export function refused(request: string) {
  return `${request}: connection refused (ECONNREFUSED), nothing listens there`;
}

export function unreachable(request: string, code: string) {
  return `${request}: host unreachable (${code})`;
}

export function probablyCors(request: string) {
  const origin = (globalThis as { location?: { origin?: string } }).location?.origin;
  return (
    `${request} failed and the browser hid why: probably CORS (the server does not allow ` +
    `the origin ${origin ?? "of this page"}), else the server is unreachable`
  );
}

export function network(request: string, error: unknown, code: string | undefined) {
  const text = error instanceof Error ? error.message : String(error);
  return `${request}: ${text}${code === undefined ? "" : ` (${code})`}`;
}

export function upgradeRefused(request: string, status: string) {
  return `${request}: the server refused the upgrade with HTTP ${status}`;
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

export function webSocketClosed(request: string, closeCode: number, closeReason: string) {
  const meaning = CLOSE_CODES[closeCode] ?? "see RFC 6455";
  return `${request} closed with code ${closeCode} (${meaning})${closeReason ? `: ${closeReason}` : ""}`;
}

export function webSocketThrew(url: string, error: unknown) {
  return `new WebSocket(${url}) threw: ${error instanceof Error ? error.message : String(error)}`;
}

export function webSocketWrite(error: unknown) {
  return `sending on the WebSocket failed: ${error instanceof Error ? error.message : error}`;
}

/** `what` ("the polling response is not an Engine.IO payload") and the start of `data`. */
export function notEngineIo(what: string, data?: string) {
  return `${what}${data === undefined ? "" : `: ${JSON.stringify(data.slice(0, 100))}`}`;
}

export function pollRead(error: unknown) {
  return `reading the polling response failed: ${error}`;
}

export function probeAnswer(transport: string, type: string) {
  return `${transport} probe answered with a "${type}" packet instead of 3probe`;
}

export function closedBeforeOpen(reason: string) {
  return `the session closed before its handshake completed (${reason})`;
}

export function connectTimeout(where: string, timeout: number) {
  return `no handshake from ${where} within ${timeout} ms (the timeout option)`;
}
