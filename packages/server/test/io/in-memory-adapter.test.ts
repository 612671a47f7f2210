import { PacketType } from "@volley/protocol";
import { describe, expect, it, vi } from "vitest";
import type { PreparedMessage } from "../../src/engine/index.js";
import {
  type AdapterHost,
  deliverPrepared,
  expectAck,
  forgetAck,
  InMemoryAdapter,
  type PreparedBroadcast,
  type Recipient,
} from "../../src/index.js";

/** The wire parts of a prepared broadcast. */
const texts = (parts: unknown) => (parts as PreparedMessage[]).map((part) => part.data);

/**
 * The adapter against its two narrow interfaces only: a plain AdapterHost and plain
 * Recipients that record what the adapter writes to them (no Namespace, Server or Socket).
 */
function setup(recovery = false) {
  const writes = new Map<string, unknown[]>();
  const acks = new Map<string, Map<number, (...args: unknown[]) => void>>();
  const sockets = new Map<string, Recipient>();
  const reported: unknown[] = [];
  let ids = 0;
  const host: AdapterHost = {
    name: "/",
    sockets,
    recovery: recovery
      ? { maxDisconnectionDuration: 1000, skipMiddlewares: true, maxPackets: 100 }
      : undefined,
    log: undefined,
    nextAckId: () => ids++,
    reportError: (err) => reported.push(err),
    onServerSideEmit: vi.fn(),
  };
  const adapter = new InMemoryAdapter(host);
  function addSocket(id: string, rooms: string[] = []) {
    writes.set(id, []);
    acks.set(id, new Map());
    const socket = {
      id,
      handshake: {} as Recipient["handshake"],
      get rooms() {
        return adapter.socketRooms(id) ?? new Set<string>();
      },
      data: {},
      join: (r: string | string[]) => adapter.addAll(id, new Set(Array.isArray(r) ? r : [r])),
      leave: (r: string) => adapter.del(id, r),
      disconnect: vi.fn(),
      [deliverPrepared]: (broadcast: PreparedBroadcast) => writes.get(id)!.push(broadcast.parts),
      [expectAck]: (ackId: number, fn: (...args: unknown[]) => void) =>
        acks.get(id)!.set(ackId, fn),
      [forgetAck]: (ackId: number) => acks.get(id)!.delete(ackId),
    };
    sockets.set(id, socket);
    adapter.addAll(id, new Set([id, ...rooms]));
    return socket;
  }
  const opts = (rooms: string[] = [], except: string[] = []) => ({
    rooms: new Set(rooms),
    except: new Set(except),
    flags: {},
  });
  return { adapter, addSocket, writes, acks, reported, opts };
}

describe("InMemoryAdapter", () => {
  it("indexes rooms both ways and emits room lifecycle events", () => {
    const { adapter, addSocket } = setup();
    const events: string[] = [];
    adapter.on("create-room", (room) => events.push(`create ${room}`));
    adapter.on("join-room", (room, id) => events.push(`join ${room} ${id}`));
    adapter.on("leave-room", (room, id) => events.push(`leave ${room} ${id}`));
    adapter.on("delete-room", (room) => events.push(`delete ${room}`));
    addSocket("a");
    adapter.addAll("a", new Set(["r"]));
    adapter.addAll("a", new Set(["r"]));
    expect(adapter.rooms.get("r")).toEqual(new Set(["a"]));
    expect(adapter.sids.get("a")).toEqual(new Set(["a", "r"]));
    adapter.del("a", "r");
    adapter.delAll("a");
    expect(adapter.rooms.size).toBe(0);
    expect(adapter.sids.size).toBe(0);
    expect(events).toEqual([
      "create a",
      "join a a",
      "create r",
      "join r a",
      "leave r a",
      "delete r",
      "leave a a",
      "delete a",
    ]);
  });

  it("shows own rooms as ordinary rooms (get, has, size, iteration) without storing them", () => {
    const { adapter, addSocket, writes, opts } = setup();
    const events: string[] = [];
    adapter.on("create-room", (room) => events.push(`create ${room}`));
    adapter.on("delete-room", (room) => events.push(`delete ${room}`));
    addSocket("a", ["r"]);
    addSocket("b");
    expect(adapter.rooms.get("a")).toEqual(new Set(["a"]));
    expect(adapter.rooms.has("b")).toBe(true);
    expect(adapter.rooms.size).toBe(3);
    expect(new Map(adapter.rooms)).toEqual(
      new Map([
        ["r", new Set(["a"])],
        ["a", new Set(["a"])],
        ["b", new Set(["b"])],
      ]),
    );
    expect([...adapter.rooms.keys()].sort()).toEqual(["a", "b", "r"]);
    const seen: string[] = [];
    adapter.rooms.forEach((members, room) => void seen.push(`${room}:${[...members]}`));
    expect(seen.sort()).toEqual(["a:a", "b:b", "r:a"]);
    // to(id) and except(id) reach the implicit room
    adapter.broadcast({ type: PacketType.EVENT, nsp: "/", data: ["e"] }, opts(["a", "b"], ["b"]));
    expect(writes.get("a")).toHaveLength(1);
    expect(writes.get("b")).toHaveLength(0);
    // another socket joins a's own room: stored from then on, a leaves it, b stays
    adapter.addAll("b", new Set(["a"]));
    expect(adapter.rooms.get("a")).toEqual(new Set(["a", "b"]));
    expect(adapter.rooms.size).toBe(3);
    adapter.delAll("a");
    expect(adapter.rooms.get("a")).toEqual(new Set(["b"]));
    adapter.del("b", "a");
    adapter.del("b", "b"); // leaving its own room
    expect(adapter.rooms.has("b")).toBe(false);
    expect(adapter.rooms.size).toBe(0);
    expect(events).toEqual([
      "create a",
      "create r",
      "create b",
      "delete r",
      "delete a",
      "delete b",
    ]);
  });

  it("encodes a broadcast once and writes the same frames to each recipient", () => {
    const { adapter, addSocket, writes, opts } = setup();
    addSocket("a", ["r1"]);
    addSocket("b", ["r1", "r2"]);
    addSocket("c", ["r2"]);
    addSocket("d");
    adapter.broadcast(
      { type: PacketType.EVENT, nsp: "/", data: ["hi", 1] },
      opts(["r1", "r2"], ["c"]),
    );
    // the very same prepared messages for both recipients: encoded (and framed) once
    const a = writes.get("a")!;
    const b = writes.get("b")!;
    expect(a).toHaveLength(1);
    expect(b).toHaveLength(1);
    expect(a[0]).toBe(b[0]);
    expect(texts(a[0])).toEqual(['2["hi",1]']);
    expect(writes.get("c")).toHaveLength(0);
    expect(writes.get("d")).toHaveLength(0);
  });

  it("broadcasts to everyone but the excepted rooms when no room is given", () => {
    const { adapter, addSocket, writes, opts } = setup();
    addSocket("a");
    addSocket("b", ["x"]);
    adapter.broadcast({ type: PacketType.EVENT, nsp: "/", data: ["e"] }, opts([], ["x"]));
    expect(writes.get("a")).toHaveLength(1);
    expect(writes.get("b")).toHaveLength(0);
  });

  it("lists, joins, leaves and disconnects matching sockets", async () => {
    const { adapter, addSocket, opts } = setup();
    addSocket("a", ["r"]);
    const b = addSocket("b");
    expect([...(await adapter.sockets(new Set(["r"])))]).toEqual(["a"]);
    expect((await adapter.fetchSockets(opts())).map((s) => s.id)).toEqual(["a", "b"]);
    adapter.addSockets(opts(["b"]), ["s1", "s2"]);
    expect(adapter.sids.get("b")).toEqual(new Set(["b", "s1", "s2"]));
    adapter.delSockets(opts(["s1"]), ["s1"]);
    expect(adapter.rooms.has("s1")).toBe(false);
    adapter.disconnectSockets(opts(["s2"]), true);
    expect(b.disconnect).toHaveBeenCalledWith(true);
    expect(await adapter.serverCount()).toBe(1);
  });

  it("adds an offset to non-volatile broadcasts when recovery is on", async () => {
    const { adapter, addSocket, writes, opts } = setup(true);
    addSocket("a");
    adapter.broadcast({ type: PacketType.EVENT, nsp: "/", data: ["e", 1] }, opts());
    adapter.broadcast(
      { type: PacketType.EVENT, nsp: "/", data: ["v"] },
      { ...opts(), flags: { volatile: true } },
    );
    const [first, second] = writes.get("a")!.map(texts) as string[][];
    expect(first?.[0]).toMatch(/^2\["e",1,"[\w-]+"\]$/);
    expect(second?.[0]).toBe('2["v"]');
    const offset = JSON.parse(first![0]!.slice(1))[2] as string;
    adapter.persistSession({ sid: "a", pid: "p", rooms: ["a"], data: {} });
    adapter.broadcast({ type: PacketType.EVENT, nsp: "/", data: ["later"] }, opts());
    const restored = await adapter.restoreSession("p", offset);
    expect(restored?.missedPackets.map((p) => p[0])).toEqual(["later"]);
    adapter.close();
  });

  it("asks each recipient for an ack of one id and counts the recipients", () => {
    const { adapter, addSocket, writes, acks, opts } = setup();
    addSocket("a", ["r"]);
    addSocket("b", ["r"]);
    addSocket("c");
    const counts: number[] = [];
    const responses: unknown[] = [];
    adapter.broadcastWithAck(
      { type: PacketType.EVENT, nsp: "/", data: ["q"] },
      opts(["r"]),
      (n) => counts.push(n),
      (response) => responses.push(response),
    );
    expect(counts).toEqual([2]);
    expect(texts(writes.get("a")![0])).toEqual(['20["q"]']);
    expect(writes.get("a")![0]).toBe(writes.get("b")![0]);
    acks.get("a")!.get(0)!("yes", "ignored");
    expect(responses).toEqual(["yes"]);
    expect(acks.get("c")!.size).toBe(0);
  });

  it("reports a throwing room-event listener and finishes the room change", () => {
    const { adapter, addSocket, reported } = setup();
    adapter.on("join-room", () => {
      throw new Error("listener");
    });
    addSocket("a", ["r1", "r2"]);
    expect(adapter.sids.get("a")).toEqual(new Set(["a", "r1", "r2"]));
    expect(reported.map((e) => (e as Error).message)).toEqual(["listener", "listener", "listener"]);
  });

  it("serverSideEmit acknowledges with no responses on a single node", async () => {
    const { adapter } = setup();
    const responses = await new Promise((resolve) =>
      adapter.serverSideEmit(["hello", (_err: Error | null, r: unknown[]) => resolve(r)]),
    );
    expect(responses).toEqual([]);
  });
});

describe("BroadcastOptions serialisation", () => {
  it("round-trips through JSON", async () => {
    const { serializeBroadcastOptions, deserializeBroadcastOptions } = await import(
      "../../src/index.js"
    );
    const opts = {
      rooms: new Set(["a", "b"]),
      except: new Set(["c"]),
      flags: { volatile: true, timeout: 100 },
    };
    const wire = JSON.parse(JSON.stringify(serializeBroadcastOptions(opts)));
    expect(deserializeBroadcastOptions(wire)).toEqual(opts);
  });
});
