// The tracker on one node (in-memory adapter) with real Volley clients: track, tabs, update,
// untrack on leave and on disconnect, diffs (never lists) after the first sync, and a
// reconnection that resyncs without duplicates, ghosts or flicker.
import type { Socket as ClientSocket } from "@volley/client";
import type { Socket } from "@volley/server";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { presence, type TopicPresence } from "../src/client.js";
import { Presence } from "../src/server.js";
import { PresenceEvent } from "../src/types.js";
import { client, startServer, waitFor } from "./support.js";

type M = { tab: string };

let server: Awaited<ReturnType<typeof startServer>>;
let tracker: Presence<M>;
const serverSockets = new Map<string, Socket>();
const clients: ClientSocket[] = [];

beforeEach(async () => {
  server = await startServer();
  tracker = new Presence<M>(server.io);
  server.io.on("connection", (socket) => {
    const { user, tab, watch } = socket.handshake.auth as {
      user: string;
      tab: string;
      watch?: boolean;
    };
    serverSockets.set(tab, socket);
    if (watch) socket.join("lobby");
    else tracker.track(socket, "lobby", user, { tab });
    socket.on("leave", () => socket.leave("lobby"));
    socket.on("update", (next: string) => tracker.update(socket, "lobby", { tab: next }));
  });
});

afterEach(async () => {
  for (const c of clients.splice(0)) c.disconnect();
  tracker.close();
  await server.close();
  serverSockets.clear();
});

function open(user: string, tab: string, watch = false, reconnection = true): ClientSocket {
  const c = client(server.url, { user, tab, watch }, reconnection);
  clients.push(c);
  return c;
}

const keys = (p: TopicPresence<M>) => p.list.value.map(([k, es]) => `${k}:${es.length}`).sort();

describe("Presence on one node", () => {
  it("lists keys with one entry per tab, and sends diffs after the first sync", async () => {
    const watcher = open("-", "w", true);
    const diffs: unknown[] = [];
    watcher.on(PresenceEvent.DIFF, (_t: string, diff: unknown) => diffs.push(diff));
    const lobby = presence<M>(watcher, "lobby");
    await waitFor(() => lobby.synced.value, "the first sync");
    // one at a time, so that each join is its own diff (joins in one turn share one)
    open("ada", "a1");
    await waitFor(() => lobby.count.value === 1, "one key");
    open("bob", "b1");
    await waitFor(() => lobby.count.value === 2, "two keys");
    open("ada", "a2");
    await waitFor(() => keys(lobby).join() === "ada:2,bob:1", "ada's second tab");
    expect(lobby.count.value).toBe(2);
    expect(tracker.count("lobby")).toBe(2);
    expect(
      tracker
        .get("lobby", "ada")
        .map((e) => e.meta.tab)
        .sort(),
    ).toEqual(["a1", "a2"]);
    // every diff is small: one key, one entry (never the list)
    for (const diff of diffs as { joins: [string, unknown[]][]; leaves: unknown[] }[]) {
      expect(diff.joins.length + diff.leaves.length).toBe(1);
    }
  });

  it("untracks on disconnect and on leaving the room; update is a leave and a join", async () => {
    const watcher = open("-", "w", true);
    const lobby = presence<M>(watcher, "lobby");
    const events: string[] = [];
    lobby.onJoin((key, entries, first) =>
      events.push(`join ${key} ${entries[0]!.meta.tab} ${first}`),
    );
    lobby.onLeave((key, entries, last) =>
      events.push(`leave ${key} ${entries[0]!.meta.tab} ${last}`),
    );
    await waitFor(() => lobby.synced.value, "the first sync");
    const ada = open("ada", "a1");
    const bob = open("bob", "b1");
    await waitFor(() => lobby.count.value === 2, "two keys");
    bob.emit("update", "b1-away");
    await waitFor(() => lobby.get("bob")[0]?.meta.tab === "b1-away", "bob's new meta");
    expect(lobby.get("bob")).toHaveLength(1);
    ada.emit("leave");
    await waitFor(() => lobby.count.value === 1, "ada left the room");
    bob.disconnect();
    await waitFor(() => lobby.count.value === 0, "bob disconnected");
    expect(tracker.list("lobby")).toEqual([]);
    expect(events.filter((e) => e.startsWith("leave ada"))).toEqual(["leave ada a1 true"]);
    expect(events).toContain("leave bob b1 false");
    expect(events).toContain("join bob b1-away false");
    expect(events).not.toContain("leave bob b1 true");
    expect(events.at(-1)).toBe("leave bob b1-away true");
  });

  it("resyncs after a reconnection: no duplicate, no ghost, no flicker of the others", async () => {
    open("bob", "b1");
    const cy = open("cy", "c1");
    const ada = open("ada", "a1", false, false); // reconnected by hand below
    const lobby = presence<M>(ada, "lobby");
    await waitFor(() => lobby.count.value === 3 && lobby.synced.value, "three keys");
    const events: string[] = [];
    lobby.onJoin((key) => events.push(`join ${key}`));
    lobby.onLeave((key) => events.push(`leave ${key}`));
    // cy leaves while ada is away: ada must see exactly that when she is back
    serverSockets.get("a1")!.conn.close();
    await waitFor(() => !ada.connected, "ada cut off");
    cy.disconnect();
    await waitFor(() => tracker.count("lobby") === 1, "cy gone and ada untracked on the server");
    ada.connect();
    await waitFor(
      () => lobby.synced.value && lobby.count.value === 2,
      "ada and bob after the resync",
    );
    expect(keys(lobby)).toEqual(["ada:1", "bob:1"]);
    // bob never left nor joined again; cy left once; ada's own entry was replaced
    expect(events.filter((e) => e.endsWith("bob"))).toEqual([]);
    expect(events.filter((e) => e.endsWith("cy"))).toEqual(["leave cy"]);
    expect(lobby.get("ada")[0]!.meta.tab).toBe("a1");
  });

  it("a socket tracked without joining the room is untracked only when it disconnects", async () => {
    server.io.on("connection", (socket) => {
      if (socket.handshake.auth.user === "eve")
        tracker.track(socket, "@users", "eve", { tab: "e1" }, { join: false });
    });
    const eve = open("eve", "e1");
    await waitFor(() => tracker.count("@users") === 1, "eve tracked");
    expect(serverSockets.get("e1")!.rooms.has("@users")).toBe(false);
    eve.emit("leave"); // leaves "lobby", not "@users"
    await waitFor(() => tracker.count("lobby") === 0, "eve left the lobby");
    expect(tracker.count("@users")).toBe(1);
    eve.disconnect();
    await waitFor(() => tracker.count("@users") === 0, "eve disconnected");
  });

  it("refuses a sync for a topic the socket is not in", async () => {
    const c = open("-", "x", true);
    await waitFor(() => c.connected, "connected");
    const reply = await c.emitWithAck(PresenceEvent.SYNC, "elsewhere");
    expect(reply).toEqual({ ok: false, code: "NOT_SUBSCRIBED" });
  });
});
