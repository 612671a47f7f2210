import { describe, expect, it } from "vitest";
import * as browser from "../src/engine/transports/network-failures.browser.js";
import * as node from "../src/engine/transports/network-failures.node.js";
import { TransportError } from "../src/index.js";

const request = "GET http://127.0.0.1:1/socket.io/?EIO=4";

describe("#network-failures", () => {
  it("browsers: a TypeError from fetch is probably CORS, anything else a network error", () => {
    const cors = browser.networkError("xhr poll error", "polling", request, new TypeError("x"));
    expect(cors).toBeInstanceOf(TransportError);
    expect(cors).toMatchObject({
      code: "PROBABLY_CORS",
      context: { transport: "polling", request },
    });
    const other = browser.networkError("xhr poll error", "polling", request, new Error("x"));
    expect(other.code).toBe("NETWORK_ERROR");
  });

  it("browsers: a WebSocket failure carries its close code and reason", () => {
    const error = browser.webSocketError("websocket error", "ws://h/", { code: 1011 }, {});
    expect(error).toMatchObject({
      code: "WEBSOCKET_CLOSED",
      context: { transport: "websocket", request: "WebSocket ws://h/", closeCode: 1011 },
    });
    expect(browser.webSocketError("e", "ws://h/", undefined, {}).context.closeCode).toBe(1006);
  });

  it("Node: the system code in the error's causes names a refused or unreachable host", () => {
    const refused = new TypeError("fetch failed", { cause: { code: "ECONNREFUSED" } });
    expect(node.networkError("e", "polling", request, refused).code).toBe("CONNECTION_REFUSED");
    const unreachable = new TypeError("fetch failed", { cause: { code: "ENOTFOUND" } });
    expect(node.networkError("e", "polling", request, unreachable).code).toBe("UNREACHABLE");
    expect(node.networkError("e", "polling", request, new TypeError("x")).code).toBe(
      "NETWORK_ERROR",
    );
    const upgrade = node.webSocketError(
      "e",
      "ws://h/",
      undefined,
      new Error("Unexpected server response: 403"),
    );
    expect(upgrade).toMatchObject({ code: "HTTP_ERROR", context: { status: 403 } });
  });
});
