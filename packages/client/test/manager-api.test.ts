/**
 * The Manager's socket.io-client API found missing by socket.io-client's own test suite
 * (`pnpm test:socketio-suite`): the getter/setters, `new Manager(options)`, `useNativeTimers`,
 * `_close()`, and `manager.engine` kept after a close.
 */
import { InvalidOptionError } from "@volley/protocol";
import { afterEach, describe, expect, it, vi } from "vitest";
import { Manager } from "../src/index.js";
import { once, startServer, type TestServer } from "./helpers.js";

let server: TestServer | undefined;
const managers: Manager[] = [];
afterEach(async () => {
  vi.useRealTimers();
  for (const manager of managers.splice(0)) manager.close();
  await server?.close();
  server = undefined;
});

function manager(uri?: string | ConstructorParameters<typeof Manager>[1], options = {}): Manager {
  const created =
    typeof uri === "object"
      ? new Manager(uri)
      : new Manager(uri, { autoConnect: false, ...options });
  managers.push(created);
  return created;
}

describe("Manager getter/setters", () => {
  it("read the options, set them (chainable) and check them", () => {
    const m = manager("http://127.0.0.1:1");
    expect(m.reconnection()).toBe(true);
    expect(m.reconnectionAttempts()).toBe(Number.POSITIVE_INFINITY);
    expect(m.reconnectionDelay()).toBe(1000);
    expect(m.reconnectionDelayMax()).toBe(5000);
    expect(m.randomizationFactor()).toBe(0.5);
    expect(m.timeout()).toBe(20_000);
    expect(
      m
        .reconnection(false)
        .reconnectionAttempts(3)
        .reconnectionDelay(10)
        .reconnectionDelayMax(20)
        .randomizationFactor(0)
        .timeout(false),
    ).toBe(m);
    expect(m.options).toMatchObject({
      reconnection: false,
      reconnectionAttempts: 3,
      reconnectionDelay: 10,
      reconnectionDelayMax: 20,
      randomizationFactor: 0,
      timeout: false,
    });
    expect(() => m.randomizationFactor(2)).toThrow(InvalidOptionError);
    expect(() => m.reconnectionDelay(-1 as number)).toThrow(/reconnectionDelay/);
  });

  it("reconnection(false) stops a reconnection loop under way", async () => {
    vi.useFakeTimers();
    const m = manager("http://127.0.0.1:1", {
      autoConnect: true,
      reconnectionDelay: 5,
      reconnectionDelayMax: 5,
    });
    await once(m, "error"); // the first attempt failed: the next one is scheduled
    expect(m.reconnecting).toBe(true);
    m.reconnection(false);
    const attempts = vi.fn();
    m.on("reconnect_attempt", attempts);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(attempts).not.toHaveBeenCalled();
  });
});

describe("new Manager()", () => {
  it("takes the options as first argument (socket.io-client's signature)", () => {
    const m = manager({ autoConnect: false, reconnectionDelay: 7 });
    expect(m.reconnectionDelay()).toBe(7);
  });

  it("keeps manager.engine after the session closed, and _close() closes like close()", async () => {
    server = await startServer("volley");
    const m = manager(server.url, { autoConnect: true });
    await once(m, "open");
    const engine = m.engine;
    expect(engine).toBeDefined();
    m._close();
    expect(m.readyState).toBe("closed");
    expect(m.engine).toBe(engine);
    expect(engine?.readyState).toBe("closed");
  });
});

describe("manager.socket()", () => {
  it("follows the Manager's autoConnect unless the socket sets its own", () => {
    const m = manager("http://127.0.0.1:1"); // autoConnect: false
    expect(m.socket("/a").active).toBe(false);
    expect(m.readyState).toBe("closed");
    expect(m.socket("/b", { autoConnect: true }).active).toBe(true);
  });
});

describe("useNativeTimers", () => {
  it("reconnects on the native clock while a fake clock is installed", async () => {
    const m = manager("http://127.0.0.1:1", {
      autoConnect: true,
      useNativeTimers: true,
      reconnectionDelay: 5,
      reconnectionDelayMax: 5,
    });
    vi.useFakeTimers();
    // the fake clock never advances: only native timers can bring the next attempt
    await once(m, "reconnect_attempt");
  });

  it("without it, reconnection follows the fake clock", async () => {
    vi.useFakeTimers();
    const m = manager("http://127.0.0.1:1", {
      autoConnect: true,
      reconnectionDelay: 60_000,
      reconnectionDelayMax: 60_000,
      randomizationFactor: 0,
    });
    const attempt = once(m, "reconnect_attempt");
    await vi.waitFor(() => expect(m.reconnecting).toBe(true), { interval: 5 });
    await vi.advanceTimersByTimeAsync(60_000);
    await attempt;
  });
});

describe("socket.io-client options Volley does not have", () => {
  it.each([
    "forceBase64",
    "timestampRequests",
    "timestampParam",
    "agent",
    "pfx",
    "hostname",
    "port",
    "secure",
  ])("%s is refused with an InvalidOptionError", (name) => {
    expect(() => new Manager("http://127.0.0.1:1", { [name]: true } as never)).toThrow(
      InvalidOptionError,
    );
  });
});
