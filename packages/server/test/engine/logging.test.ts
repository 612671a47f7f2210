/**
 * The engine's log lines, collected through the `logger` option: refused origins (which origin,
 * which rule), refused requests (code and reason), sessions opening and closing (with the
 * reason), upgrades (started, succeeded, failed and why) and send-buffer overflows.
 */

import { format } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import type { EngineOptions, LogScope } from "../../src/engine/index.js";
import {
  closeClients,
  connectClient,
  nextSession,
  rawHandshake,
  rawRequest,
  startEngine,
  type TestEngine,
} from "./helpers.js";
import { SseStream } from "./sse-client.js";

let t: TestEngine | undefined;

afterEach(async () => {
  closeClients();
  await t?.close();
  t = undefined;
});

/** An engine whose log lines land in `lines` (formatted as `debug` would). */
async function logged(options: Partial<EngineOptions> = {}) {
  const lines: string[] = [];
  const scopes = new Set<LogScope>();
  const waiters: { line: string; resolve: () => void }[] = [];
  t = await startEngine({
    ...options,
    logger: (scope, message, ...args) => {
      scopes.add(scope);
      const line = format(message, ...args);
      lines.push(line);
      for (const w of waiters) if (w.line === line) w.resolve();
    },
  });
  /** Resolves once `line` was logged. */
  const logs = (line: string): Promise<void> =>
    lines.includes(line)
      ? Promise.resolve()
      : new Promise((resolve) => waiters.push({ line, resolve }));
  return { lines, scopes, logs };
}

describe("engine logging", () => {
  it("logs a refused origin with the rule that refused it", async () => {
    const { lines, scopes } = await logged({ cors: { origin: ["https://good.example"] } });
    const res = await rawRequest(t!.port, { headers: { Origin: "https://evil.example" } });
    expect(res.status).toBe(403);
    expect(lines.some((l) => l.includes("refused origin https://evil.example"))).toBe(true);
    expect(lines.some((l) => l.includes('allow-list ["https://good.example"]'))).toBe(true);
    expect([...scopes]).toEqual(["volley:engine"]);
  });

  it("logs refused requests with their code and reason", async () => {
    const { lines } = await logged();
    await rawRequest(t!.port, { query: "EIO=4&transport=polling&sid=nope" });
    await rawRequest(t!.port, { query: "EIO=3&transport=polling" });
    expect(lines.find((l) => l.includes("sid=nope"))).toMatch(/: 1 Session ID unknown/);
    expect(lines.find((l) => l.includes("EIO=3"))).toMatch(/: 5 Unsupported protocol version/);
  });

  it("logs sessions opening and closing with the reason", async () => {
    const { lines } = await logged();
    const sessionP = nextSession(t!.engine);
    const { sid } = await rawHandshake(t!.port);
    const session = await sessionP;
    expect(lines).toContain(`session ${sid} opened on polling`);
    session.close("transport error", "testing");
    expect(lines).toContain(`session ${sid} closed: transport error (testing)`);
  });

  it("logs an upgrade that succeeds", async () => {
    const { lines } = await logged();
    const sessionP = nextSession(t!.engine);
    connectClient(t!.port);
    const session = await sessionP;
    await new Promise((resolve) => session.once("upgrade", resolve));
    expect(lines).toContain(`session ${session.id}: upgrade to websocket started`);
    expect(lines).toContain(`session ${session.id}: upgraded from polling to websocket`);
  });

  it("logs an upgrade that fails, and why", async () => {
    const { logs } = await logged();
    const sessionP = nextSession(t!.engine);
    const { sid } = await rawHandshake(t!.port);
    const session = await sessionP;
    const s = new SseStream(t!.port, `EIO=4&transport=sse&sid=${sid}`);
    await s.ready;
    expect(session.upgrading).toBe(true);
    s.abort();
    await logs(`session ${sid}: upgrade to sse failed: probe closed by the client`);
    expect(session.upgrading).toBe(false);
    expect(session.readyState).toBe("open");
  });

  it("logs a send buffer overflow", async () => {
    const { lines } = await logged({ maxBufferedBytes: 100 });
    const sessionP = nextSession(t!.engine);
    const { sid } = await rawHandshake(t!.port);
    const session = await sessionP;
    session.send("x".repeat(60));
    session.send("y".repeat(60));
    expect(session.readyState).toBe("closed");
    expect(lines.some((l) => l.startsWith(`session ${sid}: send buffer overflow`))).toBe(true);
  });
});
