/**
 * The engine half of examples/protocol-demo.ts: echo over polling, websocket and upgrade with
 * the official client.
 */

import { afterEach, describe, expect, it } from "vitest";
import {
  createProtocolDemo,
  listenAllInterfaces,
  type ProtocolDemo,
} from "../../examples/protocol-demo.js";
import { clientEvent, closeClients, connectClient } from "./helpers.js";

let demo: ProtocolDemo | undefined;

afterEach(async () => {
  closeClients();
  await demo?.close();
  demo = undefined;
});

describe("protocol demo (engine half)", () => {
  for (const transport of ["polling", "websocket"] as const) {
    it(`echoes text and binary at /engine.io/ over ${transport}`, async () => {
      demo = createProtocolDemo();
      const port = await listenAllInterfaces(demo.server, 0);
      const client = connectClient(port, { transports: [transport] });
      const hs = await clientEvent<Record<string, unknown>>(client, "handshake");
      expect(hs).toMatchObject({
        upgrades: transport === "polling" ? ["websocket"] : [],
        pingInterval: 300,
        pingTimeout: 200,
        maxPayload: 1_000_000,
      });
      const got: unknown[] = [];
      const two = new Promise<void>((r) => client.on("message", (d) => got.push(d) === 2 && r()));
      client.send("echo me");
      client.send(new Uint8Array([1, 2, 3]));
      await two;
      expect(got[0]).toBe("echo me");
      expect(new Uint8Array(got[1] as ArrayBuffer)).toEqual(new Uint8Array([1, 2, 3]));
    });
  }
});
