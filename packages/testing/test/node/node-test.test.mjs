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

// Node 20's mock.timers does not re-arm a Timeout on `refresh()`, which the server's heartbeat
// uses, so here fake time stays inside one ping interval and drives an app's own timeout.
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
