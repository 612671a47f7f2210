/**
 * PreparedMessage: one broadcast framed once and written as the same bytes to every WebSocket
 * session, with `ws.send` as the fallback under permessage-deflate; polling sessions get the
 * cached segment; buffer accounting matches `send(data)`.
 */

import { once } from "node:events";
import { afterEach, describe, expect, it } from "vitest";
import * as ws from "ws";
import { WebSocket } from "ws";
import { type EngineSession, PreparedMessage } from "../../src/engine/index.js";
import { textFrame } from "../../src/engine/transports/text-frame.js";
import {
  nextSession,
  PATH,
  rawHandshake,
  rawRequest,
  startEngine,
  type TestEngine,
} from "./helpers.js";

/** `ws`'s own framing, the reference (public in `ws`, missing from @types/ws). */
const { Sender } = ws as unknown as {
  Sender: { frame(data: Buffer, options: typeof TEXT): Buffer[] };
};
const TEXT = { fin: true, opcode: 1, mask: false, readOnly: true, rsv1: false };

let t: TestEngine | undefined;
const sockets: WebSocket[] = [];

afterEach(async () => {
  for (const ws of sockets.splice(0)) ws.terminate();
  await t?.close();
  t = undefined;
});

/** A raw WebSocket session; resolves with the client, its server session and a message log. */
async function openWebSocket(engine: TestEngine, perMessageDeflate = false) {
  const sessionP = nextSession(engine.engine);
  const ws = new WebSocket(`ws://127.0.0.1:${engine.port}${PATH}?EIO=4&transport=websocket`, {
    perMessageDeflate,
  });
  sockets.push(ws);
  const received: (string | Buffer)[] = [];
  ws.on("message", (data: Buffer, isBinary: boolean) =>
    received.push(isBinary ? data : data.toString()),
  );
  await once(ws, "open");
  const session: EngineSession = await sessionP;
  return { ws, session, received };
}

function until(check: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const poll = () => (check() ? resolve() : setTimeout(poll, 5));
    poll();
  });
}

describe("PreparedMessage", () => {
  it("builds its frame once: an unmasked FIN text frame of '4'+data", () => {
    const message = new PreparedMessage("héllo");
    const frames = message.wsFrames();
    expect(message.wsFrames()).toBe(frames);
    const bytes = Buffer.concat(frames as Buffer[]);
    const payload = Buffer.from("4héllo");
    expect(bytes[0]).toBe(0x81);
    expect(bytes[1]).toBe(payload.length);
    expect(bytes.subarray(2)).toEqual(payload);
    expect(message.size).toBe("héllo".length);
  });

  it("frames large and binary payloads", () => {
    const big = new PreparedMessage("x".repeat(70_000));
    const bytes = Buffer.concat(big.wsFrames() as Buffer[]);
    expect(bytes[1]).toBe(127);
    expect(bytes.length).toBe(10 + 70_001);
    const binary = new PreparedMessage(new Uint8Array([1, 2, 3]));
    expect(Buffer.concat(binary.wsFrames() as Buffer[])).toEqual(Buffer.from([0x82, 3, 1, 2, 3]));
    expect(binary.pollingSegment()).toBe("bAQID");
  });

  it.each([0, 1, 125, 126, 65_535, 65_536, 70_000])(
    "frames %i UTF-8 bytes exactly as ws does",
    (length) => {
      const text = "é".repeat(Math.floor(length / 2)) + "a".repeat(length % 2);
      const payload = Buffer.from(text);
      const header = Sender.frame(payload, TEXT)[0] as Buffer;
      expect(textFrame(text)).toEqual(Buffer.concat([header, payload]));
    },
  );

  it("delivers the same message to several WebSocket sessions, in order", async () => {
    t = await startEngine();
    const a = await openWebSocket(t);
    const b = await openWebSocket(t);
    const shared = new PreparedMessage('2["tick",1]');
    for (const { session } of [a, b]) {
      session.send("before");
      session.send(shared);
      session.send(new PreparedMessage(new Uint8Array([7])));
      session.send("after");
    }
    await until(() => a.received.length >= 5 && b.received.length >= 5);
    for (const { received } of [a, b]) {
      expect(received.slice(1)).toEqual(["4before", '42["tick",1]', Buffer.from([7]), "4after"]);
    }
  });

  it("falls back to ws.send when the connection uses permessage-deflate", async () => {
    t = await startEngine({ perMessageDeflate: { threshold: 0 } });
    const plain = await openWebSocket(t, false);
    const deflated = await openWebSocket(t, true);
    expect(deflated.ws.extensions).toContain("permessage-deflate");
    const shared = new PreparedMessage("y".repeat(500));
    for (const { session } of [plain, deflated]) {
      session.send("first");
      session.send(shared);
      session.send("last");
    }
    await until(() => plain.received.length >= 4 && deflated.received.length >= 4);
    for (const { received } of [plain, deflated]) {
      expect(received.slice(1)).toEqual(["4first", `4${"y".repeat(500)}`, "4last"]);
    }
  });

  it("counts toward the send buffer like plain data and is dropped when volatile", async () => {
    t = await startEngine({ volatileBufferedBytes: 1000 });
    const sessionP = nextSession(t.engine);
    const { sid } = await rawHandshake(t.port);
    const session = await sessionP;
    const big = new PreparedMessage("z".repeat(2000));
    session.send(big);
    expect(session.bufferedBytes).toBe(2000);
    session.send(new PreparedMessage("v"), { volatile: true });
    expect(session.bufferedBytes).toBe(2000);
    const body = (await rawRequest(t.port, { query: `EIO=4&transport=polling&sid=${sid}` })).body;
    expect(body).toBe(`4${"z".repeat(2000)}`);
    expect(session.bufferedBytes).toBe(0);
  });
});
