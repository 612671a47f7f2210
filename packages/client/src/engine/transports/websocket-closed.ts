/**
 * The error of a WebSocket that closed (or failed to open) with a close code: the same in
 * browsers and Node (both `#network-failures` variants end here).
 */
import { ConnectionErrorCode, errorTexts, TransportError } from "../../errors.js";

/** `request` is `WebSocket <url>`; `cause` is what the error event held. */
export function webSocketClosed(
  message: string,
  request: string,
  event: { code?: number; reason?: string } | undefined,
  cause: unknown,
): TransportError {
  const closeCode = event?.code ?? 1006;
  const closeReason = event?.reason ?? "";
  return new TransportError(
    message,
    ConnectionErrorCode.WEBSOCKET_CLOSED,
    errorTexts()?.webSocketClosed(request, closeCode, closeReason) ?? "",
    { transport: "websocket", request, closeCode, closeReason },
    cause,
  );
}
