// Presence across connection state recovery: the recovered socket gets the diffs it missed
// replayed by the server AND asks for the list again; the client must end with the right list,
// each change shown once, and the people who stayed never leaving and coming back.
import type { Socket as ClientSocket } from "@volley/client";
import type { Socket } from "@volley/server";
import { afterEach, beforeEach, expect, it } from "vitest";
import { presence } from "../src/client.js";
import { Presence } from "../src/server.js";
import { client, startServer, waitFor } from "./support.js";

let server: Awaited<ReturnType<typeof startServer>>;
let tracker: Presence<{ tab: string }>;
const serverSockets = new Map<string, Socket>();
const clients: ClientSocket[] = [];

beforeEach(async () => {
  server = await startServer({ connectionStateRecovery: { maxDisconnectionDuration: 10_000 } });
  tracker = new Presence(server.io);
  server.io.on("connection", (socket) => {
    const { user, tab } = socket.handshake.auth as { user: string; tab: string };
    serverSockets.set(tab, socket);
    // a recovered socket kept its rooms but not its presence: track it again
    tracker.track(socket, "lobby", user, { tab });
  });
});

afterEach(async () => {
  for (const c of clients.splice(0)) c.disconnect();
  tracker.close();
  await server.close();
  serverSockets.clear();
});

function open(user: string, tab: string, reconnection = true): ClientSocket {
  const c = client(server.url, { user, tab }, reconnection);
  clients.push(c);
  return c;
}

it("a recovered client shows each missed change once and nobody flickers", async () => {
  open("bob", "b1");
  const cy = open("cy", "c1");
  const ada = open("ada", "a1", false);
  const lobby = presence<{ tab: string }>(ada, "lobby");
  await waitFor(() => lobby.synced.value && lobby.count.value === 3, "three keys");
  const events: string[] = [];
  lobby.onJoin((key, _e, first) => first && events.push(`+${key}`));
  lobby.onLeave((key, _e, last) => last && events.push(`-${key}`));

  serverSockets.get("a1")!.conn.close();
  await waitFor(() => !ada.connected, "ada cut off");
  cy.disconnect();
  open("dan", "d1");
  await waitFor(
    () => tracker.count("lobby") === 2 && tracker.get("lobby", "dan").length === 1,
    "cy out, dan in",
  );
  ada.connect();
  await waitFor(() => ada.connected && lobby.synced.value, "ada back and synced");
  expect(ada.recovered).toBe(true);
  await waitFor(() => lobby.count.value === 3, "ada, bob and dan");
  expect(lobby.list.value.map(([k, es]) => `${k}:${es.length}`).sort()).toEqual([
    "ada:1",
    "bob:1",
    "dan:1",
  ]);
  expect(events.sort()).toEqual(["+dan", "-cy"]);
});
