/**
 * One engine per HTTP server and path: a second engine on the same path of the same server is
 * an error (it would silently take over the first one's requests); other paths, other servers
 * and a path freed by `close()` are fine.
 */

import { createServer } from "node:http";
import { describe, expect, it } from "vitest";
import { EngineServer } from "../../src/engine/index.js";
import { rawHandshake, startEngine } from "./helpers.js";

describe("EngineServer.attach", () => {
  it("refuses a second engine on the same server and path", async () => {
    const t = await startEngine();
    try {
      const second = new EngineServer({ path: t.engine.options.path.slice(0, -1) }); // same, normalized
      expect(() => second.attach(t.server)).toThrow(/already serves "\/engine\.io\/"/);
      // the first engine still owns its requests
      const { sid } = await rawHandshake(t.port);
      expect(t.engine.clients.has(sid)).toBe(true);
      expect(second.clientsCount).toBe(0);
    } finally {
      await t.close();
    }
  });

  it("allows other paths on one server, the same path on other servers, and reuse after close", async () => {
    const server = createServer();
    const other = createServer();
    const a = new EngineServer({ path: "/a/" });
    const b = new EngineServer({ path: "/b/" });
    a.attach(server);
    expect(() => b.attach(server)).not.toThrow();
    expect(() => new EngineServer({ path: "/a/" }).attach(other)).not.toThrow();
    await a.close();
    expect(() => new EngineServer({ path: "/a/" }).attach(server)).not.toThrow();
    expect(() => new EngineServer({ path: "/b/" }).attach(server)).toThrow(Error);
    await b.close();
  });
});
