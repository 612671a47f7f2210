// A redis-server of the bench's own (the cluster scenario): on a free loopback port, nothing
// saved, killed with the measurement. Its CPU time is read from /proc so the report can say what
// each adapter costs Redis, not only the Node processes.
import { execFileSync, spawn } from "node:child_process";
import { once } from "node:events";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { withTimeout } from "./proc.mjs";

let available;

/** Whether `redis-server` is on the PATH (checked once); the reason when it is not. */
export function redisMissing() {
  if (available === undefined) {
    try {
      execFileSync("redis-server", ["--version"], { stdio: "pipe" });
      available = true;
    } catch {
      available = false;
    }
  }
  return available ? undefined : "redis-server not found on the PATH (install Redis ≥ 6.2)";
}

async function freePort() {
  const server = createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address();
  server.close();
  await once(server, "close");
  return port;
}

const TICK_US = 1e6 / 100; // /proc/<pid>/stat counts in clock ticks, USER_HZ = 100 on Linux

/** CPU µs (user + system) used so far by process `pid`, or NaN off Linux. */
function cpuOf(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * TICK_US; // utime, stime
  } catch {
    return Number.NaN;
  }
}

/** Starts redis-server; resolves with `{ port, cpuUs(), stop() }` once it accepts connections. */
export async function startRedis() {
  const port = await freePort();
  const args = ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"];
  const proc = spawn("redis-server", args, { stdio: ["ignore", "pipe", "pipe"] });
  proc.on("error", () => {});
  let output = "";
  const ready = new Promise((resolve, reject) => {
    proc.stdout.on("data", (chunk) => {
      output = (output + chunk).slice(-4000);
      if (output.includes("Ready to accept connections")) resolve();
    });
    proc.once("exit", (code) => reject(new Error(`redis-server exited (${code}): ${output}`)));
  });
  const stop = () => {
    if (proc.exitCode === null && proc.signalCode === null) proc.kill("SIGKILL");
  };
  process.once("exit", stop);
  try {
    await withTimeout(ready, 10_000, "redis-server start");
  } catch (error) {
    stop();
    throw error;
  }
  return { port, cpuUs: () => cpuOf(proc.pid), stop };
}
