#!/usr/bin/env node
// The per-connection memory budget of a server under test, owner by owner: heap snapshots
// (after gc) of a server with a few warm-up connections and then with `count` more idle ones
// (the idle scenario's raw clients), and every object new in the second snapshot charged to the
// nearest owner on its chain of first retainers (the engine session, the io Socket, ws's
// WebSocket, Node's net.Socket, …). Objects retained by a map or set that existed before
// (a registry growing) are charged to that registry. An approximation, but one that adds up to
// the measured heap per connection; bench/README.md's budget table comes from it.
//
//   node bench/tools/connection-budget.mjs [--server=volley|socketio|ws] [--count=2000] [--detail]
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { waitForConnections, withProcesses } from "../lib/session.mjs";
import { engineUrl } from "../lib/wire.mjs";

const args = Object.fromEntries(
  process.argv.slice(2).map((a) => {
    const [k, v = "true"] = a.replace(/^--/, "").split("=");
    return [k, v];
  }),
);
const server = args.server ?? "volley";
const count = Number(args.count ?? 2000);
const WARM = 50;

/** Owners a new object is charged to, by constructor name (Socket is told apart below). */
const OWNERS = new Set([
  "EngineSession",
  "Client",
  "RequestSnapshot",
  "HeartbeatTimer",
  "WebSocketTransport",
  "WebSocket",
  "Receiver",
  "Sender",
  "TCP",
  "IncomingMessage",
  "Timeout",
]);

const dir = mkdtempSync(join(tmpdir(), "volley-budget-"));
try {
  const files = await withProcesses(
    { name: server, clientFile: "clients/idle.mjs", procs: 1, options: {} },
    async ({ server: srv, port, clients }) => {
      const url = engineUrl(port);
      await clients[0].request("connect", { url, count: WARM, inFlight: WARM }, 30_000);
      await waitForConnections(srv, WARM);
      const before = await srv.request(
        "heapSnapshot",
        { file: join(dir, "before.heapsnapshot") },
        120_000,
      );
      const opened = await clients[0].request("connect", { url, count, inFlight: 50 }, 180_000);
      if (opened.connected < count) throw new Error(`only ${opened.connected}/${count} connected`);
      await waitForConnections(srv, WARM + count, 30_000);
      const after = await srv.request(
        "heapSnapshot",
        { file: join(dir, "after.heapsnapshot") },
        120_000,
      );
      return [before.file, after.file];
    },
  );
  report(budget(files[0], files[1], count), args.detail !== undefined);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

function budget(beforeFile, afterFile, n) {
  const before = JSON.parse(readFileSync(beforeFile, "utf8"));
  const bf = before.snapshot.meta.node_fields;
  const oldIds = new Set();
  for (let i = 0; i < before.nodes.length; i += bf.length)
    oldIds.add(before.nodes[i + bf.indexOf("id")]);

  const snap = JSON.parse(readFileSync(afterFile, "utf8"));
  const meta = snap.snapshot.meta;
  const nf = meta.node_fields.length;
  const ef = meta.edge_fields.length;
  const [iType, iName, iId, iSize, iEdges] = ["type", "name", "id", "self_size", "edge_count"].map(
    (k) => meta.node_fields.indexOf(k),
  );
  const [eType, eName, eTo] = ["type", "name_or_index", "to_node"].map((k) =>
    meta.edge_fields.indexOf(k),
  );
  const nodeTypes = meta.node_types[0];
  const edgeTypes = meta.edge_types[0];
  const { nodes, edges, strings } = snap;
  const count = nodes.length / nf;
  const type = (i) => nodeTypes[nodes[i * nf + iType]];
  const name = (i) => strings[nodes[i * nf + iName]];
  const isNew = (i) => !oldIds.has(nodes[i * nf + iId]);
  const firstEdge = new Uint32Array(count + 1);
  for (let i = 0, e = 0; i < count; i++) {
    firstEdge[i] = e;
    e += nodes[i * nf + iEdges] * ef;
    firstEdge[i + 1] = e;
  }
  const hasEdge = (i, edgeName) => {
    for (let e = firstEdge[i]; e < firstEdge[i + 1]; e += ef)
      if (strings[edges[e + eName]] === edgeName) return true;
    return false;
  };
  // first strong retainer of every new node, and the edge's name
  const retainer = new Int32Array(count).fill(-1);
  const via = new Array(count);
  for (let i = 0; i < count; i++) {
    for (let e = firstEdge[i]; e < firstEdge[i + 1]; e += ef) {
      const t = edgeTypes[edges[e + eType]];
      if (t === "weak" || t === "shortcut") continue;
      const to = edges[e + eTo] / nf;
      if (retainer[to] !== -1 || !isNew(to)) continue;
      retainer[to] = i;
      via[to] = t === "element" || t === "hidden" ? "[]" : String(strings[edges[e + eName]]);
    }
  }
  const ownerOf = (i) => {
    for (let cur = i, depth = 0; cur >= 0 && depth < 10; depth++) {
      const t = type(cur);
      const nm = name(cur);
      if (!isNew(cur)) return `registry growth (${t === "object" ? nm : t})`;
      if (t === "object" && nm === "Socket")
        return hasEdge(cur, "nsp") ? "io Socket" : "net.Socket";
      if (t === "object" && OWNERS.has(nm)) return nm;
      if (t === "synthetic" || nm.startsWith("Node /")) return "native TCP wrap";
      if (t === "code" || nm.startsWith("system / Map")) return "V8 code and hidden classes";
      cur = retainer[cur];
    }
    return "other";
  };
  const label = (i) =>
    type(i) === "object" ? name(i) : type(i) === "closure" ? `fn ${name(i)}` : type(i);
  const owners = new Map();
  const details = new Map();
  for (let i = 0; i < count; i++) {
    if (!isNew(i)) continue;
    const size = nodes[i * nf + iSize];
    const owner = ownerOf(i);
    owners.set(owner, (owners.get(owner) ?? 0) + size);
    const r = retainer[i];
    const key = `${owner}: ${r >= 0 ? `${label(r)}.${via[i]}` : "?"} -> ${label(i)}`;
    details.set(key, (details.get(key) ?? 0) + size);
  }
  const per = (map) => [...map].map(([k, v]) => [k, v / n]).sort((a, b) => b[1] - a[1]);
  return { server, count: n, owners: per(owners), details: per(details) };
}

function report({ server, count, owners, details }, withDetails) {
  const total = owners.reduce((a, [, v]) => a + v, 0);
  console.log(
    `${server}: ${count} idle connections, ${total.toFixed(0)} B per connection (heap objects)`,
  );
  for (const [owner, bytes] of owners)
    if (bytes >= 4) console.log(`${bytes.toFixed(0).padStart(7)}  ${owner}`);
  if (!withDetails) return;
  console.log("\nby retaining field (≥ 8 B):");
  for (const [key, bytes] of details)
    if (bytes >= 8) console.log(`${bytes.toFixed(0).padStart(7)}  ${key}`);
}
