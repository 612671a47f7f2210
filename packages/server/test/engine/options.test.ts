/**
 * The engine options pipeline: every option declared once (check + default), unknown names,
 * wrong types and unknown transport names refused with an InvalidOptionError that says what
 * was wrong and, for a typo, what was meant.
 */

import { InvalidOptionError } from "@volley/protocol";
import { describe, expect, it } from "vitest";
import {
  DEFAULTS,
  ENGINE_OPTION_CHECKS,
  type EngineOptions,
  EngineServer,
  resolveEngineOptions,
  TRANSPORT_NAMES,
} from "../../src/engine/index.js";

/** The error `fn` throws. */
function thrown(fn: () => unknown): InvalidOptionError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(InvalidOptionError);
    expect(err).toBeInstanceOf(TypeError);
    return err as InvalidOptionError;
  }
  throw new Error("did not throw");
}

describe("engine options", () => {
  it("declares a check and a default for every option", () => {
    expect(Object.keys(ENGINE_OPTION_CHECKS).sort()).toEqual(Object.keys(DEFAULTS).sort());
    expect(DEFAULTS.transports).toEqual(["polling", "websocket", "sse"]);
    expect(TRANSPORT_NAMES).toEqual(["polling", "websocket", "sse"]);
  });

  it("resolves defaults, keeps given values, normalizes the path", () => {
    const o = resolveEngineOptions({ pingInterval: 1000, path: "engine", logger: undefined });
    expect(o.pingInterval).toBe(1000);
    expect(o.pingTimeout).toBe(DEFAULTS.pingTimeout);
    expect(o.path).toBe("/engine/");
    expect(resolveEngineOptions().transports).toEqual(["polling", "websocket", "sse"]);
    expect(resolveEngineOptions({ cors: true } as unknown as Partial<EngineOptions>).cors).toEqual(
      {},
    );
  });

  it("refuses an unknown option, naming the closest known one", () => {
    const err = thrown(
      () => new EngineServer({ pingIntervall: 1000 } as unknown as Partial<EngineOptions>),
    );
    expect(err.code).toBe("INVALID_OPTION");
    expect(err.option).toBe("pingIntervall");
    expect(err.message).toContain("new EngineServer()");
    expect(err.message).toContain('did you mean "pingInterval"?');
  });

  it("says when a number option is a string", () => {
    const err = thrown(
      () => new EngineServer({ pingInterval: "25000" } as unknown as Partial<EngineOptions>),
    );
    expect(err.option).toBe("pingInterval");
    expect(err.value).toBe("25000");
    expect(err.message).toContain('is the string "25000"');
    expect(err.message).toContain("expected a number");
  });

  it("refuses an unknown transport name, suggesting the registered one", () => {
    const err = thrown(
      () => new EngineServer({ transports: ["websockets"] } as unknown as Partial<EngineOptions>),
    );
    expect(err.option).toBe("transports[0]");
    expect(err.message).toContain('did you mean "websocket"?');
    expect(() => new EngineServer({ transports: [] })).toThrow(InvalidOptionError);
  });

  it("refuses out-of-range numbers and wrong kinds of values", () => {
    for (const bad of [
      { pingTimeout: 0 },
      { upgradeTimeout: Number.POSITIVE_INFINITY },
      { maxHttpBufferSize: Number.NaN },
      { allowUpgrades: "yes" },
      { logger: "console" },
      { allowRequest: true },
      { path: 42 },
    ]) {
      const option = Object.keys(bad)[0]!;
      const err = thrown(() => resolveEngineOptions(bad as unknown as Partial<EngineOptions>));
      expect(err.option).toBe(option);
    }
  });

  it("names the API given as `where`", () => {
    const err = thrown(() =>
      resolveEngineOptions({ pingTimeout: -1 } as Partial<EngineOptions>, "new Server()"),
    );
    expect(err.message.startsWith("new Server(): ")).toBe(true);
  });
});
