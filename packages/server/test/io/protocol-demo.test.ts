/**
 * The Socket.IO half of examples/protocol-demo.ts, with the official socket.io-client.
 */
import type { AddressInfo } from "node:net";
import { type Socket as ClientSocket, io as ioc } from "socket.io-client";
import { afterEach, describe, expect, it } from "vitest";
import { createProtocolDemo, type ProtocolDemo } from "../../examples/protocol-demo.js";
import { connected, once, rawClient, TRANSPORTS } from "./helpers.js";

describe.each(TRANSPORTS)("protocol demo (Socket.IO half) over %s", (transport) => {
  let demo: ProtocolDemo | undefined;
  let url = "";
  const clients: ClientSocket[] = [];

  async function start() {
    demo = createProtocolDemo();
    await new Promise<void>((resolve) => demo!.server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(demo.server.address() as AddressInfo).port}`;
  }

  function client(nsp: string, auth?: Record<string, unknown>) {
    const socket = ioc(`${url}${nsp}`, {
      forceNew: true,
      reconnection: false,
      transports: [transport],
      ...(auth ? { auth } : {}),
    });
    clients.push(socket);
    return socket;
  }

  afterEach(async () => {
    for (const c of clients.splice(0)) c.disconnect();
    await demo?.close();
    demo = undefined;
  });

  it("answers the handshake with the demo's settings at /socket.io/", async () => {
    await start();
    const res = await fetch(`${url}/socket.io/?EIO=4&transport=polling`, {
      headers: { Origin: "http://example.com" },
    });
    expect(res.headers.get("access-control-allow-origin")).toBeTruthy();
    const body = await res.text();
    expect(JSON.parse(body.slice(1))).toMatchObject({
      pingInterval: 300,
      pingTimeout: 200,
      maxPayload: 1_000_000,
    });
  });

  it("emits auth first, echoes message as message-back and acks message-with-ack in /", async () => {
    await start();
    const plain = client("/");
    const [auth] = await once(plain, "auth");
    expect(auth).toEqual({});
    await connected(plain);

    const withAuth = client("/", { token: "t", n: 1 });
    expect((await once(withAuth, "auth"))[0]).toEqual({ token: "t", n: 1 });

    const back = once<unknown[]>(plain, "message-back");
    plain.emit("message", "text", 42, { nested: [true, null] }, Buffer.from([1, 2, 3]));
    const [text, n, obj, bin] = await back;
    expect([text, n, obj]).toEqual(["text", 42, { nested: [true, null] }]);
    expect([...new Uint8Array(bin as ArrayBuffer)]).toEqual([1, 2, 3]);

    const acked = await new Promise<unknown[]>((resolve) =>
      plain.emit("message-with-ack", "a", Buffer.from([9]), (...args: unknown[]) => resolve(args)),
    );
    expect(acked[0]).toBe("a");
    expect([...new Uint8Array(acked[1] as ArrayBuffer)]).toEqual([9]);
  });

  it("serves /custom (auth only) and refuses other namespaces", async () => {
    await start();
    const custom = client("/custom", { who: "me" });
    expect((await once(custom, "auth"))[0]).toEqual({ who: "me" });
    await connected(custom);
    const [err] = await once<[Error]>(client("/other"), "connect_error");
    expect(err.message).toBe("Invalid namespace");
  });

  it("closes a session that sends no CONNECT (connectTimeout)", async () => {
    await start();
    const raw = await rawClient(url, transport);
    await raw.closed;
    expect(demo!.io.engine.clientsCount).toBe(0);
  });
});
