// The real app on a free port, driven by typed test clients from @volley/testing.
import { serveApp, type TestServer } from "@volley/testing";
import { afterAll, beforeAll, expect, test } from "vitest";
import { createApp } from "../server/app.js";
import type { ClientToServerEvents, ServerToClientEvents } from "../shared/events.js";

let server: TestServer<ClientToServerEvents, ServerToClientEvents>;

beforeAll(async () => {
  server = await serveApp(createApp());
});
afterAll(() => server.close());

test("answers /healthz", async () => {
  const response = await fetch(`${server.url}/healthz`);
  expect(await response.json()).toEqual({ ok: true });
});

test("echoes with an ack, and socket.status follows the connection", async () => {
  const client = await server.connect();
  const reply = await client.emitWithAck("echo", "hello");
  expect(reply.text).toBe("hello");
  expect(typeof reply.at).toBe("number");
  expect(client.socket.status.value).toBe("connected");
});

test("refuses what the contract does not allow, before the handler", async () => {
  const client = await server.connect();
  const tooLong = "x".repeat(1_001);
  expect(await client.emitWithAck("echo", tooLong)).toEqual({
    error: "invalid_arguments",
    issues: [{ path: [0], message: "At most 1000 characters." }],
  });
  const untyped = client.socket as unknown as {
    emitWithAck(e: string, ...a: unknown[]): Promise<unknown>;
  };
  expect(await untyped.emitWithAck("echo", { not: "a string" })).toMatchObject({
    error: "invalid_arguments",
  });
  client.disconnect();
});

test("tells everyone how many clients are online", async () => {
  const first = await server.connect();
  const second = await server.connect();
  const online = () => server.io.sockets.sockets.size;
  await first.waitFor("online", (count) => count === online());
  second.disconnect();
  await first.waitFor("online", (count) => count === online() && count < 3);
});
