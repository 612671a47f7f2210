/**
 * What the default build leaves out and how an app opts in: SSE registers itself with
 * `import "@volley/client/sse"` (this file never imports it before the last test); the
 * contract check of server events is in development builds, and in production ones with
 * `import "@volley/client/validate-incoming"`; option
 * checks and readable error descriptions exist only when `process.env.NODE_ENV` is not
 * "production".
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { ConnectionError, defineEvents, InvalidOptionError, io, Manager } from "../src/index.js";
import { optionChecks } from "../src/option-checks.js";
import { DEFAULTS } from "../src/options.js";

describe("opt-in parts of the client", () => {
  const env = process.env.NODE_ENV;
  afterEach(() => {
    process.env.NODE_ENV = env;
  });

  it("checks every option it has a default for, and no other", () => {
    const { all, socket } = optionChecks();
    expect(Object.keys(all).sort()).toEqual(Object.keys(DEFAULTS).sort());
    for (const name of Object.keys(socket)) expect(all).toHaveProperty(name);
  });

  it("without the SSE import, the default transports skip SSE and an explicit one is refused", () => {
    const manager = new Manager("http://127.0.0.1:9", { autoConnect: false });
    expect(manager.options.transports).toEqual(["polling", "websocket", "sse"]);
    const refuse = () => io("http://127.0.0.1:9", { transports: ["sse"], forceNew: true });
    expect(refuse).toThrow(InvalidOptionError);
    expect(refuse).toThrow('"sse" needs `import "@volley/client/sse"`');
  });

  it("in production, options are not checked (no suggestion code runs)", () => {
    process.env.NODE_ENV = "production";
    const options = { autoConnect: false, forceNew: true, reconnectionDelai: 5 };
    const socket = io("http://127.0.0.1:9", options as object);
    expect(socket.io.options.reconnectionDelay).toBe(DEFAULTS.reconnectionDelay);
    process.env.NODE_ENV = "development";
    expect(() => io("http://127.0.0.1:9", options as object)).toThrow(
      'did you mean "reconnectionDelay"',
    );
  });

  it("in production, a connection error carries its code and context, the description is the code", async () => {
    // a port nothing listens on
    const server = createServer().listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    const failure = async () => {
      const socket = io(`http://127.0.0.1:${port}`, { forceNew: true, reconnection: false });
      const error = await new Promise<Error>((resolve) => socket.once("connect_error", resolve));
      socket.disconnect();
      return error as ConnectionError;
    };
    process.env.NODE_ENV = "production";
    const production = await failure();
    expect(production).toBeInstanceOf(ConnectionError);
    expect(production.code).toBe("CONNECTION_REFUSED");
    expect(production.description).toBe("CONNECTION_REFUSED");
    expect(production.context.request).toMatch(/^GET http:\/\/127\.0\.0\.1:\d+\/socket\.io\//);
    process.env.NODE_ENV = "development";
    expect((await failure()).description).toContain("connection refused (ECONNREFUSED)");
  });

  it("in production, validateIncoming needs @volley/client/validate-incoming; off by default", async () => {
    const events = defineEvents({ serverToClient: { said: { args: [z.string()] } } });
    const options = { events, forceNew: true, autoConnect: false };
    process.env.NODE_ENV = "production";
    expect(() => io("http://127.0.0.1:9", options)).not.toThrow(); // off by default
    const validating = () => io("http://127.0.0.1:9", { ...options, validateIncoming: true });
    expect(validating).toThrow(InvalidOptionError);
    expect(validating).toThrow('imports "@volley/client/validate-incoming"');
    await import("../src/validate-incoming.js");
    expect(validating).not.toThrow();
  });

  it("once @volley/client/sse is imported, SSE may be listed", async () => {
    await import("../src/sse.js");
    const socket = io("http://127.0.0.1:9", {
      transports: ["sse"],
      forceNew: true,
      autoConnect: false,
    });
    expect(socket.io.options.transports).toEqual(["sse"]);
  });
});
