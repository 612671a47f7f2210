// `pnpm --filter chat start:cluster`: two chat processes sharing one Redis (cluster mode).
// Uses REDIS_URL when given; otherwise starts redis-server (port 6390, or a free one if taken;
// nothing saved to disk) and kills it on exit. Chat processes listen on PORT (default 3000) and
// PORT+2 (3001 is the game's default). Signals are forwarded; if any child dies, all stop.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";

const entry = fileURLToPath(new URL("../dist/server.js", import.meta.url));
const basePort = Number(process.env.PORT ?? 3000);
if (!Number.isInteger(basePort) || basePort < 1 || basePort > 65_533) {
  console.error(`PORT must be a port number from 1 to 65533, got "${process.env.PORT}".`);
  process.exit(1);
}
const ports = [basePort, basePort + 2];
const children = [];
let exiting = false;

function portIsFree(port) {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

async function freePort() {
  const server = createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function startRedis() {
  const port = (await portIsFree(6390)) ? 6390 : await freePort();
  const args = ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"];
  const proc = spawn("redis-server", args, { stdio: ["ignore", "pipe", "inherit"] });
  children.push(proc);
  await new Promise((resolve, reject) => {
    let output = "";
    const timer = setTimeout(
      () => reject(new Error(`redis-server did not start:\n${output}`)),
      10_000,
    );
    proc.once("error", (error) => {
      clearTimeout(timer);
      reject(
        new Error(`Cannot start redis-server (${error.message}); install it or set REDIS_URL.`),
      );
    });
    proc.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited (code ${code}):\n${output}`));
    });
    proc.stdout.on("data", (chunk) => {
      output += chunk;
      if (output.includes("Ready to accept connections")) {
        clearTimeout(timer);
        proc.removeAllListeners("exit");
        proc.stdout.resume();
        resolve();
      }
    });
  });
  watch(proc, "redis-server");
  console.log(`redis-server on 127.0.0.1:${port}`);
  return `redis://127.0.0.1:${port}`;
}

function watch(proc, name) {
  proc.once("exit", (code, signal) => {
    if (exiting) return;
    console.error(`${name} exited (code ${code}, signal ${signal}); stopping the cluster.`);
    stopAll(1);
  });
}

function stopAll(code, signal = "SIGTERM") {
  if (exiting) return;
  exiting = true;
  // Chat processes first (they close their Redis clients), then redis-server.
  const chats = children.filter((c) => c.spawnargs.includes(entry));
  const others = children.filter((c) => !chats.includes(c));
  const alive = (c) => c.exitCode === null && c.signalCode === null;
  const stopGroup = async (group) => {
    const running = group.filter(alive);
    for (const child of running) child.kill(signal);
    await Promise.all(running.map((child) => once(child, "exit")));
  };
  const force = setTimeout(() => {
    for (const child of children) if (alive(child)) child.kill("SIGKILL");
    process.exit(code || 1);
  }, 8_000);
  force.unref();
  stopGroup(chats)
    .then(() => stopGroup(others))
    .finally(() => process.exit(code));
}

for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(signal, () => stopAll(0, signal === "SIGHUP" ? "SIGTERM" : signal));
}
process.on("exit", () => {
  for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
});

try {
  const redisUrl = process.env.REDIS_URL || (await startRedis());
  for (const port of ports) {
    const proc = spawn(process.execPath, [entry], {
      env: { ...process.env, PORT: String(port), REDIS_URL: redisUrl },
      stdio: "inherit",
    });
    children.push(proc);
    watch(proc, `chat on port ${port}`);
  }
  console.log(`Chat cluster: ${ports.map((p) => `http://localhost:${p}`).join(" and ")}`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  stopAll(1);
}
