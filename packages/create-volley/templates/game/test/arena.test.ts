// The arena over real sockets: the app on a free port, typed clients from @volley/testing.
import { serveApp } from "@volley/testing";
import { afterAll, beforeAll, expect, test } from "vitest";
import { createApp } from "../server/app.js";
import { seededRandom } from "../shared/simulation.js";

// The test server's type follows the app's (its event maps and socket data).
const start = () => {
  const app = createApp({ random: seededRandom(7) });
  return serveApp(app, { teardown: () => app.arena.stop() });
};
let server: Awaited<ReturnType<typeof start>>;

beforeAll(async () => {
  server = await start();
});
afterAll(() => server.close());

async function join(name: string) {
  const client = await server.connect();
  const reply = await client.emitWithAck("join", { name });
  if (!reply.ok) throw new Error(reply.error);
  return { client, id: reply.id };
}

test("joins with an ack and appears in the snapshots", async () => {
  const { client, id } = await join("ada");
  const [snapshot] = await client.waitFor("snapshot", (s) => s.players.some((p) => p.id === id));
  expect(snapshot.players.find((p) => p.id === id)).toMatchObject({ name: "ada", score: 0 });
  expect(snapshot.coins.length).toBeGreaterThan(0);
});

test("refuses an invalid name", async () => {
  const client = await server.connect();
  // refused by the contract before the handler, with the reason
  expect(await client.emitWithAck("join", { name: "" })).toEqual({
    error: "invalid_arguments",
    issues: [{ path: [0, "name"], message: "Names are 1-16 letters, digits, spaces, _ - or ." }],
  });
});

test("the server moves the player by its stick", async () => {
  const { client, id } = await join("bob");
  const x = (s: { players: { id: string; x: number }[] }) => s.players.find((p) => p.id === id)?.x;
  const [start] = await client.waitFor("snapshot", (s) => x(s) !== undefined);
  client.clearReceived();
  const goRight = setInterval(() => client.emit("input", { x: 1, y: 0 }), 50);
  try {
    await client.waitFor("snapshot", (s) => (x(s) ?? 0) > (x(start) ?? 0) + 20);
  } finally {
    clearInterval(goRight);
  }
});

test("a player leaves the arena on disconnect", async () => {
  const watcher = await server.connect();
  const { client, id } = await join("cy");
  client.disconnect();
  await watcher.waitFor("snapshot", (s) => !s.players.some((p) => p.id === id));
});
