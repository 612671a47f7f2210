/**
 * `limits.rules`: app-level limits counted by a rate-limiter-flexible limiter keyed per user.
 * The limiter answers asynchronously, so these check that a connection's events keep their
 * order around a pending decision, that the key spans sockets, and that a failing store lets
 * events through.
 */
import { RateLimiterMemory } from "rate-limiter-flexible";
import { afterEach, describe, expect, it } from "vitest";
import type { ConsumeLimiter } from "../../src/io/limits/options.js";
import { connected, once, startServer, type TestServer, TRANSPORTS } from "./helpers.js";

describe.each(TRANSPORTS)("limit rules over %s", (transport) => {
  let server: TestServer;
  afterEach(async () => {
    await server?.close();
  });

  it("limits one user across sockets, keeps event order, spares other users and events", async () => {
    server = await startServer(transport, {
      limits: {
        rules: [
          {
            events: ["post"],
            limiter: new RateLimiterMemory({ points: 3, duration: 60 }),
            key: (socket) => socket.data.user,
          },
        ],
      },
    });
    const seen: string[] = [];
    server.io.use((socket, next) => {
      socket.data.user = socket.handshake.auth.user;
      next();
    });
    server.io.on("connection", (socket) => {
      socket.on("post", (n: number, ack: (r: unknown) => void) => {
        seen.push(`post ${socket.data.user} ${n}`);
        ack("ok");
      });
      socket.on("other", (n: number) => seen.push(`other ${n}`));
    });
    const tab1 = await connected(server.client("/", { auth: { user: "ada" } }));
    const tab2 = await connected(server.client("/", { auth: { user: "ada" } }));
    const bob = await connected(server.client("/", { auth: { user: "bob" } }));

    // "other" is not ruled, but waits behind the "post" being decided: order is kept
    tab1.emit("post", 1, () => {});
    tab1.emit("other", 2);
    expect(await tab1.emitWithAck("post", 3)).toBe("ok");
    expect(seen).toEqual(["post ada 1", "other 2", "post ada 3"]);
    expect(await tab2.emitWithAck("post", 4)).toBe("ok");
    const refused = (await tab2.emitWithAck("post", 5)) as { retryAfterMs: number };
    expect(refused).toMatchObject({ error: "rate_limited", limit: "rule" });
    expect(refused.retryAfterMs).toBeGreaterThan(0);
    expect(await bob.emitWithAck("post", 6)).toBe("ok");
    expect(seen).not.toContain("post ada 5");
  });

  it("shapes the answer with limits.answer, and disconnects with action disconnect", async () => {
    server = await startServer(transport, {
      limits: {
        answer: ({ retryAfterMs }) => ({ ok: false, code: "RATE_LIMITED", retryAfterMs }),
        rules: [
          { events: ["a"], limiter: new RateLimiterMemory({ points: 1, duration: 60 }) },
          {
            events: ["b"],
            limiter: new RateLimiterMemory({ points: 1, duration: 60 }),
            action: "disconnect",
          },
        ],
      },
    });
    server.io.on("connection", (socket) => {
      socket.on("a", (ack: (r: unknown) => void) => ack("ok"));
      socket.on("b", () => {});
    });
    const client = await connected(server.client());
    expect(await client.emitWithAck("a")).toBe("ok");
    expect(await client.emitWithAck("a")).toMatchObject({ ok: false, code: "RATE_LIMITED" });
    const notice = once<[unknown]>(client, "rate_limited");
    const gone = once<[string]>(client, "disconnect");
    client.emit("b");
    client.emit("b");
    expect((await notice)[0]).toMatchObject({ ok: false, code: "RATE_LIMITED" });
    expect((await gone)[0]).toBe("io server disconnect");
  });

  it("sends the default answer when limits.answer throws, and reports the error", async () => {
    server = await startServer(transport, {
      limits: {
        events: { perSecond: 1e-9, burst: 1 }, // one event (the first CONNECT is free)
        answer: () => {
          throw new Error("bad answer");
        },
      },
    });
    const errors: Error[] = [];
    server.io.on("error", (err) => errors.push(err));
    server.io.on("connection", (socket) => {
      socket.on("x", (ack: (r: unknown) => void) => ack("ok"));
    });
    const client = await connected(server.client());
    expect(await client.emitWithAck("x")).toBe("ok");
    expect(await client.emitWithAck("x")).toMatchObject({ error: "rate_limited", limit: "events" });
    expect(errors.map((e) => e.message)).toEqual(["bad answer"]);
  });

  it("lets events through when the limiter's store fails", async () => {
    const broken: ConsumeLimiter = { consume: () => Promise.reject(new Error("store down")) };
    server = await startServer(transport, { limits: { rules: [{ limiter: broken }] } });
    server.io.on("connection", (socket) => {
      socket.on("x", (ack: (r: unknown) => void) => ack("ok"));
    });
    const client = await connected(server.client());
    expect(await client.emitWithAck("x")).toBe("ok");
  });
});
