// Process plumbing for the bench: the parent spawns every server and client as its own Node
// process with an IPC channel, talks to it in request/reply messages with timeouts, and kills
// every child it started on exit (normal, error or signal). Children answer requests with
// `answerRequests` and exit when the parent goes away.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";

/** Wall-clock milliseconds with sub-ms resolution, comparable across processes on one machine. */
export function now() {
  return performance.timeOrigin + performance.now();
}

export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Rejects after `ms` unless `promise` settles first; the timer never outlives the race. */
export function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timeout after ${ms} ms: ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** The soft "Max open files" limit of this process (from /proc), or undefined off Linux. */
export function openFilesLimit() {
  try {
    const line = readFileSync("/proc/self/limits", "utf8")
      .split("\n")
      .find((l) => l.startsWith("Max open files"));
    const value = line?.split(/\s{2,}/)[1];
    return value === "unlimited" ? Number.POSITIVE_INFINITY : Number(value);
  } catch {
    return undefined;
  }
}

const children = new Set();

/** Kills every child still alive (SIGKILL: a bench child holds nothing worth a clean exit). */
export function killAll() {
  for (const child of children) child.kill();
}

let exitHooksInstalled = false;
function installExitHooks() {
  if (exitHooksInstalled) return;
  exitHooksInstalled = true;
  process.on("exit", killAll);
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
    process.on(signal, () => {
      killAll();
      process.exit(130);
    });
  }
}

/**
 * A child Node process with an IPC channel. Spawned through `bash -c 'ulimit -n …; exec node …'`
 * so 10k sockets fit in its file descriptor table (the soft limit is raised to 65536, or to the
 * hard limit when that is lower). `exec` keeps the IPC descriptor, so the child is still ours.
 */
export class Child {
  constructor(file, { args = [], nodeArgs = [], label = file, env, quiet = false } = {}) {
    installExitHooks();
    this.label = label;
    this.nextId = 1;
    this.pending = new Map();
    this.listeners = new Set();
    const script =
      'ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null; exec "$0" "$@"';
    this.proc = spawn("bash", ["-c", script, process.execPath, ...nodeArgs, file, ...args], {
      stdio: ["ignore", "inherit", quiet ? "pipe" : "inherit", "ipc"],
      env: { ...process.env, ...env },
    });
    // quiet: keep the end of stderr for the exit error instead of printing it.
    this.stderrTail = "";
    this.proc.stderr?.on("data", (chunk) => {
      this.stderrTail = (this.stderrTail + chunk).slice(-4000);
    });
    children.add(this);
    this.exited = new Promise((resolve) => {
      this.proc.once("exit", (code, signal) => {
        children.delete(this);
        const why = this.stderrTail.split("\n").find((l) => /Error/.test(l)) ?? "";
        const error = new Error(`${this.label} exited (code ${code}, signal ${signal}) ${why}`);
        for (const { reject } of this.pending.values()) reject(error);
        this.pending.clear();
        for (const listener of this.listeners) listener.reject(error);
        resolve({ code, signal });
      });
    });
    this.proc.on("error", () => {});
    this.proc.on("message", (msg) => this.onMessage(msg));
  }

  onMessage(msg) {
    if (msg && msg.replyTo !== undefined) {
      const waiter = this.pending.get(msg.replyTo);
      if (!waiter) return;
      this.pending.delete(msg.replyTo);
      if (msg.error) waiter.reject(new Error(`${this.label}: ${msg.error}`));
      else waiter.resolve(msg.result);
      return;
    }
    for (const listener of this.listeners) {
      if (listener.type === msg?.type) {
        this.listeners.delete(listener);
        listener.resolve(msg);
      }
    }
  }

  /** The next unsolicited message of `type` (e.g. "ready"). */
  waitFor(type, timeoutMs) {
    let listener;
    const promise = new Promise((resolve, reject) => {
      listener = { type, resolve, reject };
      this.listeners.add(listener);
    });
    return withTimeout(promise, timeoutMs, `${this.label} ${type}`).finally(() =>
      this.listeners.delete(listener),
    );
  }

  /** Sends `{ cmd, ...payload }` and resolves with the child's reply. */
  request(cmd, payload = {}, timeoutMs = 10_000) {
    const id = this.nextId++;
    const promise = new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      try {
        this.proc.send({ id, cmd, ...payload });
      } catch (error) {
        this.pending.delete(id);
        reject(error);
      }
    });
    return withTimeout(promise, timeoutMs, `${this.label} ${cmd}`).finally(() =>
      this.pending.delete(id),
    );
  }

  get alive() {
    return this.proc.exitCode === null && this.proc.signalCode === null;
  }

  kill() {
    if (this.proc.exitCode === null && this.proc.signalCode === null) this.proc.kill("SIGKILL");
  }

  /** Asks the child to exit, then kills it if it has not within `graceMs`. */
  async stop(graceMs = 1000) {
    if (this.proc.exitCode !== null || this.proc.signalCode !== null) return;
    try {
      this.proc.send({ cmd: "exit" });
    } catch {}
    const timer = setTimeout(() => this.kill(), graceMs);
    await this.exited;
    clearTimeout(timer);
  }
}

/**
 * Child side: answers `{ id, cmd }` requests with `handlers[cmd](msg)` (sync or async) and exits
 * on `exit` or when the parent disconnects, so no child outlives the bench.
 */
export function answerRequests(handlers) {
  if (!process.send) throw new Error("this file is a bench child process; run bench/run.mjs");
  process.on("message", async (msg) => {
    if (msg?.cmd === "exit") {
      await handlers.exit?.();
      process.exit(0);
    }
    const handler = handlers[msg?.cmd];
    try {
      if (!handler) throw new Error(`unknown command ${msg?.cmd}`);
      const result = await handler(msg);
      process.send({ replyTo: msg.id, result });
    } catch (error) {
      process.send({ replyTo: msg.id, error: String(error?.stack ?? error) });
    }
  });
  process.on("disconnect", () => process.exit(0));
}

/** CPU time (user + system, µs) used since `start` (a process.cpuUsage() snapshot). */
export function cpuSince(start) {
  const { user, system } = process.cpuUsage(start);
  return user + system;
}
