// @volley/testing under node:test (run by ../node-test.test.ts with `node --test`): plain
// node:assert, and node:test's own fake timers (`mock.timers`) driving the heartbeat.
import assert from "node:assert/strict";
import { afterEach, mock, test } from "node:test";
import { createTestServer } from "@volley/testing";

let server;
afterEach(async () => {
  mock.timers.reset();
  await server?.close();
  server = undefined;
});

function setup(io) {
  io.on("connection", (socket) => {
    socket.on("join", (room, ack) => {
      socket.join(room);
      ack({ ok: true });
    });
    socket.on("say", (room, text) => io.to(room).emit("said", room, text));
  });
}

test("connects, acks, waits for an event and checks a room", async () => {
  server = await createTestServer(setup);
  const [ada, bob] = await Promise.all([server.connect(), server.connect()]);
  assert.deepEqual(await ada.emitWithAck("join", "lobby"), { ok: true });
  await bob.emitWithAck("join", "lobby");
  await server.assertRoom("lobby", [ada, bob]);
  ada.emit("say", "lobby", "hello");
  assert.deepEqual(await bob.waitFor("said", (_room, text) => text === "hello"), [
    "lobby",
    "hello",
  ]);
  await assert.rejects(server.assertRoom("lobby", [ada]), assert.AssertionError);
});

// The server's heartbeat counts ticks of plain setTimeouts (no `refresh()`, which Node 20's
// mock.timers does not re-arm), so mock.timers can jump across many pings.
test("mock.timers: ten minutes of heartbeats without a ping timeout", async () => {
  mock.timers.enable({ apis: ["setTimeout", "setInterval"] });
  server = await createTestServer(() => {}, {
    server: { pingInterval: 25_000, pingTimeout: 20_000 },
  });
  const client = await server.connect();
  await server.advanceTime(10 * 60_000, (ms) => mock.timers.tick(ms));
  assert.equal(client.connected, true);
  assert.equal(server.io.engine.clientsCount, 1);
});

test("mock.timers: an app's 30 s ack timeout fires without waiting 30 s", async () => {
  mock.timers.enable({ apis: ["setTimeout", "setInterval"] });
  let outcome;
  server = await createTestServer(
    (io) => {
      io.on("connection", (socket) => {
        socket.on("ask", (ack) => {
          outcome = socket
            .timeout(30_000)
            .emitWithAck("are-you-there")
            .then(
              () => "answered",
              () => "timed out",
            );
          ack("asked");
        });
      });
    },
    { server: { pingInterval: 120_000, pingTimeout: 60_000 } },
  );
  const client = await server.connect();
  assert.equal(await client.emitWithAck("ask"), "asked");
  await server.advanceTime(30_000, (ms) => mock.timers.tick(ms));
  assert.equal(await outcome, "timed out");
  assert.equal(client.connected, true);
});
