// One measurement's processes: the server under test and its client processes, started in
// parallel and always stopped (or, in smoke mode, clients returned to a pool) whatever happens
// in between; and the probe that tells whether a server works at all.
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Child, now, sleep } from "./proc.mjs";
import { connectRaw, engineUrl } from "./wire.mjs";

const benchDir = join(dirname(fileURLToPath(import.meta.url)), "..");

export const SERVERS = {
  volley: { file: "servers/volley.mjs", label: "Volley" },
  // opt-in (not in the default run): what @volley/metrics costs, against "volley"
  "volley-metrics": {
    file: "servers/volley-metrics.mjs",
    label: "Volley + metrics",
    optIn: true,
  },
  "volley-metrics-lite": {
    file: "servers/volley-metrics-lite.mjs",
    label: "Volley + metrics (no traffic/events)",
    optIn: true,
  },
  // opt-in: what an event contract (zod) costs, against "volley"
  "volley-contract": {
    file: "servers/volley-contract.mjs",
    label: "Volley + contract (zod)",
    optIn: true,
  },
  socketio: { file: "servers/socketio.mjs", label: "socket.io" },
  ws: { file: "servers/raw-ws.mjs", label: "raw ws" },
  "ws-corked": { file: "servers/raw-ws-corked.mjs", label: "raw ws corked" },
};

/** Node flags for server processes: --expose-gc always, --cpu-prof when profiling. */
export function serverNodeArgs({ profileDir } = {}) {
  const args = ["--expose-gc"];
  if (profileDir) args.push("--cpu-prof", `--cpu-prof-dir=${profileDir}`);
  return args;
}

// Client processes kept between measurements when `options.reuseClients` (the smoke mode, where
// starting Node is most of the CPU time). A reused client first closes all its sockets.
const pool = new Map(); // clientFile -> idle Child[]

function clientProcess(clientFile, i, reuse) {
  const idle = reuse ? pool.get(clientFile) : undefined;
  while (idle?.length) {
    const child = idle.pop();
    if (child.alive) return { child, ready: Promise.resolve() };
  }
  const child = new Child(join(benchDir, clientFile), { label: `${clientFile}#${i}` });
  return { child, ready: child.waitFor("ready", 20_000) };
}

async function releaseClient(clientFile, child) {
  try {
    await child.request("release", {}, 5_000);
    if (!pool.has(clientFile)) pool.set(clientFile, []);
    pool.get(clientFile).push(child);
  } catch {
    child.kill();
  }
}

/** Stops the pooled client processes (the runner's exit hook kills any that remain). */
export async function drainClientPool() {
  const idle = [...pool.values()].flat();
  pool.clear();
  await Promise.all(idle.map((child) => child.stop()));
}

/**
 * Starts server `name` and `procs` client processes running `clientFile` (or reuses pooled
 * ones), calls `fn({ server, port, clients })`, then stops them all (or returns the clients to
 * the pool). Clients get the port later, in their first request, so all start at once.
 */
export async function withProcesses({ name, clientFile, procs, options = {} }, fn) {
  const reuse = options.reuseClients === true;
  let server;
  const clients = [];
  try {
    server = new Child(join(benchDir, SERVERS[name].file), {
      label: `${name} server`,
      nodeArgs: serverNodeArgs(options),
      quiet: options.quiet,
      env: options.env,
    });
    const readiness = [];
    for (let i = 0; i < procs; i++) {
      const { child, ready } = clientProcess(clientFile, i, reuse);
      clients.push(child);
      readiness.push(ready);
    }
    const [ready] = await Promise.all([server.waitFor("ready", 20_000), ...readiness]);
    return await fn({ server, port: ready.port, fdLimit: ready.fdLimit, clients });
  } finally {
    const grace = options.profileDir ? 10_000 : 1_000;
    await Promise.all([
      server?.stop(grace),
      ...clients.map((child) => (reuse ? releaseClient(clientFile, child) : child.stop(grace))),
    ]);
  }
}

/** Polls the server until it counts `expected` connections (bounded by `timeoutMs`). */
export async function waitForConnections(server, expected, timeoutMs = 10_000) {
  const deadline = now() + timeoutMs;
  let seen = -1;
  while (now() < deadline) {
    ({ connections: seen } = await server.request("cpu"));
    if (seen >= expected || seen < 0) return seen;
    await sleep(25);
  }
  return seen;
}

/** Splits `total` into `parts` near-equal shares. */
export function shares(total, parts) {
  return Array.from(
    { length: parts },
    (_, i) => Math.floor(total / parts) + (i < total % parts ? 1 : 0),
  );
}

/**
 * Whether server `name` works at all: it starts, a raw client completes the handshake and gets
 * an ack for one "echo". Resolves with undefined when it works, else with the reason.
 */
export async function probeServer(name) {
  try {
    return await withProcesses(
      { name, clientFile: "clients/idle.mjs", procs: 0, options: { quiet: true } },
      async ({ port }) => {
        const { ws } = await connectRaw(engineUrl(port), { timeoutMs: 5_000 });
        try {
          const ack = await new Promise((resolve, reject) => {
            const timer = setTimeout(
              () => reject(new Error('no ack for 421["echo",1] in 5 s')),
              5_000,
            );
            ws.on("message", (data) => {
              const text = data.toString();
              if (text.startsWith("431")) {
                clearTimeout(timer);
                resolve(text);
              }
            });
            ws.send('421["echo",1]');
          });
          if (ack !== "431[1]") return `unexpected ack ${ack}`;
          return undefined;
        } finally {
          ws.terminate();
        }
      },
    );
  } catch (error) {
    return String(error.message ?? error);
  }
}
