/**
 * Turns what `fetch` and WebSocket report into `TransportError`s with a code and the facts in
 * `context`: an HTTP status with the request and the server's answer (here), and failures
 * without a response (`#network-failures`: Node reads the system code of a refused or
 * unreachable host, a browser can only say "probably CORS" or give the WebSocket close code).
 * Development builds add a readable description (error-texts.ts). Shared by every transport.
 */
import { ConnectionErrorCode, errorTexts, TransportError } from "../../errors.js";

export { networkError, webSocketError } from "#network-failures";

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
  return new TransportError(
    message,
    ConnectionErrorCode.HTTP_ERROR,
    errorTexts()?.httpStatus(request, res.status, res.statusText, body) ?? "",
    { transport, request, status: res.status, body },
  );
}
