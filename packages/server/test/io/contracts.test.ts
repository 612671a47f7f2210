/**
 * Event contracts on the server: incoming events are validated before any listener, catch-all
 * listener or packet middleware; invalid ones are answered with a structured ack error and
 * reported; outgoing events are checked in development. The hostile clients are the official
 * socket.io-client and a raw Engine.IO client, over WebSocket and polling.
 */
import { afterEach, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { z } from "zod";
import {
  ContractViolationError,
  defineEvents,
  type InvalidEvent,
  InvalidOptionError,
  Server,
  type Socket,
} from "../../src/index.js";
import {
  connected,
  nextConnection,
  once,
  startServer,
  type TestServer,
  TRANSPORTS,
} from "./helpers.js";

const Message = z.object({ text: z.string().min(1).max(500), room: z.string().default("lobby") });

const events = defineEvents({
  clientToServer: {
    say: { args: [Message], ack: z.object({ ok: z.boolean() }) },
    move: { args: [z.number().int(), z.number().int().optional()] },
    shout: { args: [z.string().transform((s) => s.toUpperCase())] },
    slow: {
      args: [z.string().refine(async (s) => (await gate(s)) !== "no", { message: "refused" })],
    },
  },
  serverToClient: {
    said: { args: [z.string(), z.string()] },
    ask: { args: [z.string()], ack: z.boolean() },
  },
});

// async schema control: each `slow` value waits until the test opens its gate
const gates = new Map<string, (answer: string) => void>();
const gateWaiters: (() => void)[] = [];
function gate(value: string): Promise<string> {
  return new Promise((resolve) => {
    gates.set(value, resolve);
    for (const w of gateWaiters.splice(0)) w();
  });
}
async function gateFor(value: string): Promise<(answer: string) => void> {
  while (!gates.has(value)) await new Promise<void>((r) => gateWaiters.push(r));
  const open = gates.get(value)!;
  gates.delete(value);
  return open;
}

describe.each(TRANSPORTS)("event contracts over %s", (transport) => {
  let server: TestServer;
  afterEach(async () => {
    await server?.close();
  });

  async function pair(opts: Parameters<typeof startServer>[1] = {}) {
    server = await startServer(transport, { events, ...opts });
    const serverSocket = nextConnection(server.io);
    const client = await connected(server.client("/"));
    return { client, socket: (await serverSocket) as Socket };
  }

  it("hands listeners the schemas' output (defaults and transforms applied)", async () => {
    const { client, socket } = await pair();
    const said = once<unknown[]>(socket, "say");
    const shout = once<unknown[]>(socket, "shout");
    const answer = client.emitWithAck("say", { text: "hi" });
    client.emit("shout", "hey");
    const [message, ack] = await said;
    expect(message).toEqual({ text: "hi", room: "lobby" });
    (ack as (a: unknown) => void)({ ok: true });
    expect(await answer).toEqual({ ok: true });
    expect((await shout)[0]).toBe("HEY");
  });

  it("refuses wrong types with a structured ack error and tells io.on('invalid_event')", async () => {
    const { client, socket } = await pair();
    let reached = 0;
    socket.on("say", () => reached++);
    socket.onAny(() => reached++);
    socket.use((_packet, next) => {
      reached++;
      next();
    });
    const reported = once<[InvalidEvent<Socket>]>(server.io, "invalid_event");
    const answer = await client.emitWithAck("say", { text: 42 });
    expect(answer).toEqual({
      error: "invalid_arguments",
      issues: [{ path: [0, "text"], message: expect.any(String) }],
    });
    const [refused] = await reported;
    expect(refused.socket).toBe(socket);
    expect(refused.event).toBe("say");
    expect(refused.error).toBe("invalid_arguments");
    // a valid event after it still arrives, and nothing saw the invalid one
    const ok = once(socket, "move");
    client.emit("move", 1, 2);
    await ok;
    expect(reached).toBe(2); // the onAny and the middleware of "move"
  });

  it("refuses too many arguments, missing required ones and garbage shapes", async () => {
    const { client, socket } = await pair();
    let reached = 0;
    socket.on("move", () => reached++);
    socket.on("say", () => reached++);
    const tooMany = await client.emitWithAck("say", { text: "a" }, "extra", 3);
    expect(tooMany.issues[0].path).toEqual([1]);
    const missing = await client.emitWithAck("say");
    expect(missing.error).toBe("invalid_arguments");
    for (const garbage of [null, [], "text", 1e308, { text: ["a"] }]) {
      const answer = await client.emitWithAck("say", garbage);
      expect(answer.error).toBe("invalid_arguments");
    }
    expect(reached).toBe(0);
  });

  it("answers a huge string with a short error that never echoes the value", async () => {
    const { client, socket } = await pair();
    let reached = 0;
    socket.on("say", () => reached++);
    const huge = "x".repeat(200_000);
    const answer = await client.emitWithAck("say", { text: huge });
    expect(answer.error).toBe("invalid_arguments");
    expect(JSON.stringify(answer).length).toBeLessThan(1000);
    expect(JSON.stringify(answer)).not.toContain("xxxx");
    expect(reached).toBe(0);
  });

  it("strips prototype-polluting keys: handlers get a clean object, Object.prototype stays clean", async () => {
    const { client, socket } = await pair();
    const said = once<unknown[]>(socket, "say");
    const hostile = JSON.parse(
      '{"text":"hi","__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}',
    );
    const answer = client.emitWithAck("say", hostile);
    const [message, ack] = await said;
    expect(message).toEqual({ text: "hi", room: "lobby" });
    expect(Object.keys(message as object).sort()).toEqual(["room", "text"]);
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
    (ack as (a: unknown) => void)({ ok: true });
    await answer;
  });

  it("passes undeclared events unless rejectUnknownEvents, which answers unknown_event", async () => {
    const { client, socket } = await pair();
    const free = once<unknown[]>(socket, "free");
    client.emit("free", 1, "anything");
    expect(await free).toEqual([1, "anything"]);
    await server.close();

    const strict = await pair({ rejectUnknownEvents: true });
    let reached = 0;
    strict.socket.onAny(() => reached++);
    for (const name of ["free", "__proto__", "constructor", "toString", "hasOwnProperty"]) {
      const answer = await strict.client.emitWithAck(name, 1);
      expect(answer).toEqual({
        error: "unknown_event",
        issues: [{ path: [], message: "Unknown event" }],
      });
    }
    expect(reached).toBe(0);
  });

  it("gives a handler typed with an ack a no-op ack when the client asked for none", async () => {
    const { client, socket } = await pair();
    const errors: unknown[] = [];
    server.io.on("error", (err) => errors.push(err));
    const said = once<unknown[]>(socket, "say");
    client.emit("say", { text: "no ack" });
    const [, ack] = await said;
    expect(typeof ack).toBe("function");
    (ack as (a: unknown) => void)({ ok: true });
    // arguments are padded so the ack is always in its declared place
    const padded = once<unknown[]>(socket, "say");
    const answer = client.emitWithAck("say");
    const refused = await answer;
    expect(refused.error).toBe("invalid_arguments");
    client.emit("move", 5);
    expect(await once<unknown[]>(socket, "move")).toEqual([5]);
    void padded;
    expect(errors).toEqual([]);
  });

  it("keeps per-socket order behind an async schema", async () => {
    const { client, socket } = await pair();
    const order: string[] = [];
    socket.on("slow", (s: string) => order.push(`slow:${s}`));
    socket.on("move", (n: number) => order.push(`move:${n}`));
    const done = once(socket, "move");
    client.emit("slow", "first");
    client.emit("move", 1);
    (await gateFor("first"))("yes");
    await done;
    expect(order).toEqual(["slow:first", "move:1"]);

    // an async refusal answers the ack and still releases what waited behind it
    const refusal = client.emitWithAck("slow", "second");
    const after = once(socket, "move");
    client.emit("move", 2);
    (await gateFor("second"))("no");
    expect(await refusal).toEqual({
      error: "invalid_arguments",
      issues: [{ path: [0], message: "refused" }],
    });
    await after;
    expect(order).toEqual(["slow:first", "move:1", "move:2"]);
  });

  it("checks the server's own ack answers in development (the error goes to io.on('error'))", async () => {
    const { client, socket } = await pair();
    const failed = once<[Error]>(server.io, "error");
    socket.on("say", (_message, ack) => (ack as (a: unknown) => void)({ ok: "not a boolean" }));
    // never answered: the wrong answer was not sent (the pending ack ends with the test)
    client
      .timeout(20_000)
      .emitWithAck("say", { text: "hi" })
      .catch(() => {});
    const [err] = await failed;
    expect(err).toMatchObject({ code: "INVALID_OUTGOING_EVENT", event: "say (ack)" });
  });

  it("checks the client's answer to an acked server event (it is input)", async () => {
    const { client, socket } = await pair();
    const refusals: string[] = [];
    server.io.on("invalid_event", ({ event }) => refusals.push(event));
    let answer: unknown = "yes";
    client.on("ask", (_question: string, ack: (a: unknown) => void) => ack(answer));
    const emitter = socket as unknown as {
      timeout(ms: number): { emitWithAck(ev: string, ...a: unknown[]): Promise<unknown> };
    };
    await expect(emitter.timeout(5_000).emitWithAck("ask", "sure?")).rejects.toMatchObject({
      code: "INVALID_INCOMING_EVENT",
      event: "ask",
    });
    expect(refusals).toEqual(["ask (ack)"]);
    answer = true;
    expect(await emitter.timeout(5_000).emitWithAck("ask", "sure?")).toBe(true);
  });

  it("checks outgoing events in development: a mismatch throws where it is emitted", async () => {
    const { socket } = await pair();
    const untyped = socket as unknown as { emit(ev: string, ...a: unknown[]): boolean };
    expect(() => untyped.emit("said", "alice", 42)).toThrow(ContractViolationError);
    expect(() => untyped.emit("said", "alice", 42)).toThrow(/"said".*\[1\]/);
    expect(() => server.io.emit("said" as never, 1 as never)).toThrow(ContractViolationError);
    expect(untyped.emit("said", "alice", "hi")).toBe(true);
    await server.close();
    const off = await pair({ validateOutgoing: false });
    const loose = off.socket as unknown as { emit(ev: string, ...a: unknown[]): boolean };
    expect(loose.emit("said", "alice", 42)).toBe(true);
  });
});

describe("event contracts against hand-made packets (raw WebSocket)", () => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
  });

  it("refuses what no socket.io client would send", async () => {
    server = await startServer("websocket", { events });
    let reached = 0;
    server.io.on("connection", (socket) => socket.onAny(() => reached++));
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/socket.io/?EIO=4&transport=websocket`);
    const messages: string[] = [];
    const waiters: (() => void)[] = [];
    ws.on("message", (data: Buffer) => {
      const text = data.toString();
      if (text.startsWith("0")) ws.send("40");
      messages.push(text);
      for (const w of waiters.splice(0)) w();
    });
    const next = async (prefix: string): Promise<string> => {
      for (;;) {
        const found = messages.find((m) => m.startsWith(prefix));
        if (found) return found;
        await new Promise<void>((r) => waiters.push(r));
      }
    };
    await next("40");
    ws.send('421["say",{"text":{"toString":"x"}},{"__proto__":1}]');
    expect(await next("431")).toMatch(/^431\[\{"error":"invalid_arguments"/);
    ws.send('422["move","1"]');
    expect(await next("432")).toContain('"path":[0]');
    ws.send('423["move",1]');
    ws.send('424["move",1.5,{"a":1}]');
    expect(await next("434")).toContain("invalid_arguments");
    expect(reached).toBe(1);
    ws.terminate();
  });
});

describe("event contract options", () => {
  it("refuses what is not a contract", () => {
    expect(() => new Server({ events: { chat: 1 } as never })).toThrow(InvalidOptionError);
    expect(() => new Server({ rejectUnknownEvents: "yes" as never })).toThrow(InvalidOptionError);
  });

  it("defineEvents refuses an event that is not { args: [schemas], ack? }", () => {
    expect(() => defineEvents({ clientToServer: { chat: { args: ["string"] } } } as never)).toThrow(
      /clientToServer\.chat\.args\[0\]/,
    );
    expect(() => defineEvents({ serverToClient: { chat: {} } } as never)).toThrow(
      /INVALID_CONTRACT|args/,
    );
  });
});
