// Presence across three processes on a real redis-server: every node converges; a node
// killed with SIGKILL has its entries leave everywhere (within downAfter + heartbeatInterval);
// a Redis restart heals by itself and a subscriber sees only what changed meanwhile, never
// everyone leaving and joining again.
import type { Socket as ClientSocket } from "@volley/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { presence } from "../src/client.js";
import { type PresenceNode, type RedisProcess, startNode, startRedis } from "./cluster-support.js";
import { client, waitFor } from "./support.js";

const TOPIC = "room:lobby";
let redis: RedisProcess;
let nodes: PresenceNode[] = [];
const clients: ClientSocket[] = [];

beforeAll(async () => {
  redis = await startRedis();
  nodes = await Promise.all(["a", "b", "c"].map((name) => startNode(name, redis.port)));
  for (const node of nodes)
    await waitFor(
      async () => (await node.call<number>("peers")) === 2,
      `${node.name} meets the others`,
    );
});

afterAll(async () => {
  for (const c of clients.splice(0)) c.disconnect();
  await Promise.all(nodes.map((node) => node.kill()));
  await redis?.stop();
});

function join(node: PresenceNode, user: string): ClientSocket {
  const c = client(node.url, { user, topic: TOPIC });
  clients.push(c);
  return c;
}

const listOn = (node: PresenceNode) =>
  node.call<string[]>("list", { topic: TOPIC }).then((l) => l.join());

describe("presence across processes", () => {
  it("converges, drops a SIGKILLed node's entries, and heals a Redis restart as a diff", async () => {
    const [a, b, c] = nodes as [PresenceNode, PresenceNode, PresenceNode];
    const watcher = join(a, "ada");
    join(a, "ada"); // a second tab
    join(b, "bob");
    join(c, "cy");
    const lobby = presence(watcher, TOPIC);
    const events: string[] = [];
    lobby.onJoin((key, _e, first) => first && events.push(`+${key}`));
    lobby.onLeave((key, _e, last) => last && events.push(`-${key}`));

    for (const node of nodes) {
      await waitFor(
        async () => (await listOn(node)) === "ada:2,bob:1,cy:1",
        `${node.name} lists everyone`,
      );
    }
    await waitFor(() => lobby.count.value === 3, "the client sees three people");

    // SIGKILL: no goodbye; the others notice the silence
    await c.kill();
    for (const node of [a, b]) {
      await waitFor(async () => (await listOn(node)) === "ada:2,bob:1", `${node.name} drops cy`);
    }
    await waitFor(() => lobby.count.value === 2, "the client sees cy leave");
    expect(events.filter((e) => e === "-cy")).toEqual(["-cy"]);

    // Redis restart: both nodes are cut off for longer than downAfter (5 beats of 200 ms)
    const before = events.length;
    await redis.stop();
    const beats = await Promise.all([a, b].map((n) => n.call<number>("cutOffBeats")));
    join(b, "dan"); // joins during the outage, on the node the watcher is not on
    for (const [i, node] of [a, b].entries()) {
      await waitFor(
        async () => (await node.call<number>("cutOffBeats")) >= beats[i]! + 8,
        `${node.name} cut off for longer than downAfter`,
      );
    }
    expect(await listOn(a)).toBe("ada:2,bob:1"); // nobody dropped for the outage
    await redis.start();
    await waitFor(
      async () => (await listOn(a)) === "ada:2,bob:1,dan:1",
      "a sees dan after the restart",
    );
    await waitFor(async () => (await listOn(b)) === "ada:2,bob:1,dan:1", "b agrees");
    await waitFor(() => lobby.count.value === 3, "the client sees dan");
    // the client saw one change: dan joining; nobody left and came back
    expect(events.slice(before)).toEqual(["+dan"]);
  });
});
