// A network split: one of three nodes loses Redis (a TCP proxy cuts it off) while the others
// go on. The others drop its entries (they cannot reach its users), it keeps theirs (it knows
// it is cut off); when the split heals, everyone converges, and each side's clients see only
// what really changed: no one who stayed flickers.
import type { Socket as ClientSocket } from "@volley/client";
import { afterAll, beforeAll, expect, it } from "vitest";
import { presence } from "../src/client.js";
import {
  type PresenceNode,
  type RedisProcess,
  startNode,
  startRedis,
  startTcpProxy,
  type TcpProxy,
} from "./cluster-support.js";
import { client, waitFor } from "./support.js";

const TOPIC = "room:split";
let redis: RedisProcess;
let proxy: TcpProxy;
let nodes: PresenceNode[] = [];
const clients: ClientSocket[] = [];

beforeAll(async () => {
  redis = await startRedis();
  proxy = await startTcpProxy(redis.port);
  nodes = await Promise.all([
    startNode("a", redis.port),
    startNode("b", redis.port),
    startNode("c", proxy.port), // c reaches Redis through the proxy
  ]);
  for (const node of nodes) {
    await waitFor(
      async () => (await node.call<number>("peers")) === 2,
      `${node.name} meets the others`,
    );
  }
});

afterAll(async () => {
  for (const c of clients.splice(0)) c.disconnect();
  await Promise.all(nodes.map((node) => node.kill()));
  await proxy?.close();
  await redis?.stop();
});

function join(node: PresenceNode, user: string): ClientSocket {
  const c = client(node.url, { user, topic: TOPIC });
  clients.push(c);
  return c;
}

const listOn = (node: PresenceNode) =>
  node.call<string[]>("list", { topic: TOPIC }).then((l) => l.join());

it("a node cut off from Redis is dropped by the others, keeps them, and everyone converges after", async () => {
  const [a, b, c] = nodes as [PresenceNode, PresenceNode, PresenceNode];
  const onA = presence(join(a, "ada"), TOPIC);
  join(b, "bob");
  const onC = presence(join(c, "cy"), TOPIC);
  const seenOnA: string[] = [];
  const seenOnC: string[] = [];
  onA.onJoin((key, _e, first) => first && seenOnA.push(`+${key}`));
  onA.onLeave((key, _e, last) => last && seenOnA.push(`-${key}`));
  onC.onJoin((key, _e, first) => first && seenOnC.push(`+${key}`));
  onC.onLeave((key, _e, last) => last && seenOnC.push(`-${key}`));
  await waitFor(
    () => onA.count.value === 3 && onC.count.value === 3,
    "both clients see three people",
  );
  seenOnA.length = 0;
  seenOnC.length = 0;

  proxy.route(null); // the network splits: c is cut off from Redis
  proxy.dropAll();
  await waitFor(async () => (await listOn(a)) === "ada:1,bob:1", "a drops cy (unreachable)");
  join(a, "eve"); // joins during the split, on the side c cannot hear
  await waitFor(async () => (await listOn(b)) === "ada:1,bob:1,eve:1", "b sees eve");
  const beats = await c.call<number>("cutOffBeats");
  await waitFor(
    async () => (await c.call<number>("cutOffBeats")) >= beats + 8,
    "c cut off past downAfter",
  );
  expect(await listOn(c)).toBe("ada:1,bob:1,cy:1"); // c kept the others

  proxy.route(redis.port);
  for (const node of nodes) {
    await waitFor(
      async () => (await listOn(node)) === "ada:1,bob:1,cy:1,eve:1",
      `${node.name} converges`,
    );
  }
  await waitFor(
    () => onA.count.value === 4 && onC.count.value === 4,
    "both clients see four people",
  );
  // a's clients saw cy go (unreachable) and come back, and eve join; c's saw only eve join
  expect(seenOnA.sort()).toEqual(["+cy", "+eve", "-cy"]);
  expect(seenOnC).toEqual(["+eve"]);
});
