// createTestServer / serveApp and the test client, against a small app over real sockets.
import { createServer } from "node:http";
import { Server } from "@volley/server";
import { afterEach, expect, expectTypeOf, test } from "vitest";
import { createTestServer, serveApp, type TestServer, TestTimeoutError } from "../src/index.js";
import { type ClientToServer, type ServerToClient, setupApp } from "./events.js";

let server: TestServer<ClientToServer, ServerToClient> | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const start = async () => {
  server = await createTestServer<ClientToServer, ServerToClient>(setupApp);
  return server;
};

test("listens on 127.0.0.1 on a free port and connects typed clients", async () => {
  const s = await start();
  expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  expect(s.port).toBeGreaterThan(0);
  const client = await s.connect();
  expect(client.connected).toBe(true);
  expect(client.id).toEqual(expect.any(String));
  const reply = await client.emitWithAck("echo", "hi");
  expectTypeOf(reply).toEqualTypeOf<{ text: string }>();
  expect(reply).toEqual({ text: "hi" });
});

test("waitFor sees events that arrived before the call, oldest first, once each", async () => {
  const s = await start();
  const client = await s.connect();
  await client.emitWithAck("join", "r");
  client.emit("say", "r", "one");
  client.emit("say", "r", "two");
  await s.sync(client);
  // Both already arrived: taken in order, each only once.
  expect(await client.waitFor("said")).toEqual(["r", "one"]);
  expect(await client.waitFor("said")).toEqual(["r", "two"]);
  const [id] = await client.waitFor("welcome");
  expectTypeOf(id).toEqualTypeOf<string>();
  expect(id).toBe(client.id);
});

test("waitFor with a predicate skips other events and waits for a matching one", async () => {
  const s = await start();
  const [ada, bob] = await Promise.all([s.connect(), s.connect()]);
  await bob.emitWithAck("join", "lobby");
  const wanted = bob.waitFor("said", (_room, text) => text === "the one");
  ada.emit("say", "lobby", "not this");
  ada.emit("say", "lobby", "the one");
  expect(await wanted).toEqual(["lobby", "the one"]);
  // The skipped event is still in the mailbox.
  expect(await bob.waitFor("said")).toEqual(["lobby", "not this"]);
});

test("waitFor rejects with TestTimeoutError when nothing matches in time", async () => {
  const s = await start();
  const client = await s.connect();
  const error = await client.waitFor("said", undefined, 50).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(TestTimeoutError);
  expect((error as Error).message).toContain('"said"');
});

test("received(n) is the last n events, oldest first", async () => {
  const s = await start();
  const client = await s.connect();
  await client.emitWithAck("join", "r");
  for (const text of ["a", "b", "c"]) client.emit("say", "r", text);
  await client.waitFor("said", (_r, text) => text === "c");
  expect(client.received(2)).toEqual([
    { event: "said", args: ["r", "b"] },
    { event: "said", args: ["r", "c"] },
  ]);
  expect(client.received().map((r) => r.event)).toEqual(["welcome", "said", "said", "said"]);
  client.clearReceived();
  expect(client.received()).toEqual([]);
});

test("connect rejects with the middleware's error", async () => {
  const s = await start();
  await expect(s.connect({ auth: { name: "refused" } })).rejects.toThrow("Go away.");
});

test("room assertions: socketsIn, roomsOf, assertRoom", async () => {
  const s = await start();
  const [ada, bob, cy] = await Promise.all([s.connect(), s.connect(), s.connect()]);
  await ada.emitWithAck("join", "lobby");
  await bob.emitWithAck("join", "lobby");
  expect(await s.socketsIn("lobby")).toEqual([ada.id, bob.id].sort());
  expect(s.roomsOf(ada)).toEqual([ada.id, "lobby"].sort());
  await s.assertRoom("lobby", [bob, ada]);
  await expect(s.assertRoom("lobby", [ada, cy])).rejects.toThrow(/sockets in room "lobby"/);
  bob.disconnect();
  await expect.poll(() => s.socketsIn("lobby")).toEqual([ada.id]);
});

test("the setup's returned function runs at close, and close is idempotent", async () => {
  const calls: string[] = [];
  const s = await createTestServer((io) => {
    io.on("connection", () => {});
    return () => void calls.push("teardown");
  });
  await s.connect();
  await Promise.all([s.close(), s.close()]);
  expect(calls).toEqual(["teardown"]);
  expect(s.httpServer.listening).toBe(false);
});

test("serveApp starts an app's own { httpServer, io } and closes it", async () => {
  const httpServer = createServer((_req, res) => res.end("page"));
  const io: Server<ClientToServer, ServerToClient> = new Server(httpServer);
  setupApp(io);
  const served = await serveApp({ httpServer, io });
  server = served;
  expect(await (await fetch(`${served.url}/`)).text()).toBe("page");
  const client = await served.connect({ transports: ["polling"] });
  expect(await client.emitWithAck("echo", "over polling")).toEqual({ text: "over polling" });
  await served.close();
  expect(httpServer.listening).toBe(false);
});

test("namespaces: connect({ namespace }) and rooms per namespace", async () => {
  server = await createTestServer<ClientToServer, ServerToClient>((io) => {
    io.of("/admin").on("connection", (socket) => {
      socket.join("ops");
    });
  });
  const admin = await server.connect({ namespace: "/admin" });
  expect(await server.socketsIn("ops", "/admin")).toEqual([admin.id]);
  expect(await server.socketsIn("ops")).toEqual([]);
});

test("a setup may return anything; only a function is run at close", async () => {
  const app = { name: "not a teardown" };
  const s = await createTestServer(() => app);
  await s.connect();
  await s.close();
  expect(s.httpServer.listening).toBe(false);
});
