/**
 * One large server emit (larger than maxBufferedBytes) reaches a reading client instead of
 * closing its connection: the send-buffer bound is for a slow reader's backlog.
 */
import { afterEach, describe, expect, it } from "vitest";
import { once, startServer, type TestServer, TRANSPORTS } from "./helpers.js";

let t: TestServer | undefined;

afterEach(async () => {
  await t?.close();
  t = undefined;
});

describe("a large emit on connection", () => {
  for (const transport of TRANSPORTS) {
    it(`is delivered, and the connection stays up (${transport})`, async () => {
      t = await startServer(transport, { maxBufferedBytes: 64 * 1024 });
      const snapshot = "s".repeat(1024 * 1024); // 16 times the bound
      let connections = 0;
      t.io.on("connection", (socket) => {
        connections++;
        socket.emit("snapshot", snapshot);
        socket.on("ping?", (ack: (n: number) => void) => ack(connections));
      });
      const client = t.client();
      const [received] = await once<[string]>(client, "snapshot");
      expect(received.length).toBe(snapshot.length);
      expect(client.connected).toBe(true);
      expect(await client.timeout(5000).emitWithAck("ping?")).toBe(1);
    });
  }
});
