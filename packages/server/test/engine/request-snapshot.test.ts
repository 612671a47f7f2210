/**
 * The handshake request snapshot copies headers and URL unchanged, whether their strings come
 * from the shared pool or not (which strings are shared is not observable from JavaScript; the
 * per-connection budget, bench/tools/connection-budget.mjs, measures it).
 */

import { IncomingMessage } from "node:http";
import { Socket } from "node:net";
import { describe, expect, it } from "vitest";
import { snapshotRequest } from "../../src/engine/request-snapshot.js";

// Strings built at run time, so that equal values are distinct objects as the parser makes them.
const fresh = (text: string): string => [...text].join("");

function request(url: string, headers: Record<string, string>): IncomingMessage {
  const req = new IncomingMessage(new Socket());
  req.url = fresh(url);
  req.method = "GET";
  for (const [name, value] of Object.entries(headers)) req.headers[name] = fresh(value);
  return req;
}

describe("snapshotRequest", () => {
  it("copies the headers and URL of every session, a fresh headers object each", () => {
    const headers = { host: "example.test", upgrade: "websocket", "user-agent": "agent/1.0" };
    const url = "/socket.io/?EIO=4&transport=websocket";
    const a = snapshotRequest(request(url, headers));
    const b = snapshotRequest(request(url, headers));
    expect(a.headers).toEqual(headers);
    expect(a.headers).not.toBe(b.headers);
    expect(a.url).toBe(url);
    expect(b.headers["user-agent"]).toBe("agent/1.0");
    expect(b.url).toBe(url);
  });

  it("keeps unique and secret values (not pooled) unchanged", () => {
    const snapshot = snapshotRequest(
      request("/socket.io/?EIO=4&transport=polling&t=Pabc", {
        cookie: "session=secret",
        authorization: "Bearer token",
        "sec-websocket-key": "dGhlIHNhbXBsZSBub25jZQ==",
      }),
    );
    expect(snapshot.headers.cookie).toBe("session=secret");
    expect(snapshot.headers.authorization).toBe("Bearer token");
    expect(snapshot.headers["sec-websocket-key"]).toBe("dGhlIHNhbXBsZSBub25jZQ==");
    expect(snapshot.url).toBe("/socket.io/?EIO=4&transport=polling&t=Pabc");
  });
});
