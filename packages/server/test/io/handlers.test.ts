/**
 * The one safe-call wrapper and the one middleware runner the io layer uses for namespaces
 * and sockets alike, tested on their own.
 */
import { describe, expect, it } from "vitest";
import { callSafely, type Next, runMiddlewares } from "../../src/io/handlers.js";

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe("callSafely", () => {
  it("calls with this and args; reports throws and rejections with the socket", async () => {
    const reported: [string, unknown][] = [];
    const report = (err: unknown, socket?: object) =>
      reported.push([(err as Error).message, socket]);
    const self = { name: "self" };
    const socket = { id: "s" };
    let seen: unknown;
    callSafely(
      function (this: unknown, a: number) {
        seen = [this, a];
      },
      self,
      [1],
      report,
    );
    callSafely(
      () => {
        throw new Error("sync");
      },
      undefined,
      [],
      report,
      socket,
    );
    callSafely(
      async () => {
        throw new Error("async");
      },
      undefined,
      [],
      report,
      socket,
    );
    await tick();
    expect(seen).toEqual([self, 1]);
    expect(reported).toEqual([
      ["sync", socket],
      ["async", socket],
    ]);
  });
});

describe("runMiddlewares", () => {
  type Mw = (subject: string[], next: Next) => unknown;
  function run(fns: Mw[]) {
    const reported: string[] = [];
    const subject: string[] = [];
    return new Promise<{ err: Error | undefined; subject: string[]; reported: string[] }>(
      (resolve) =>
        runMiddlewares(
          fns,
          subject,
          (err) => resolve({ err, subject, reported }),
          (err) => reported.push((err as Error).message),
        ),
    );
  }

  it("runs in order, sync and async, then done()", async () => {
    const result = await run([
      (s, next) => {
        s.push("a");
        next();
      },
      async (s, next) => {
        await tick();
        s.push("b");
        next();
      },
    ]);
    expect(result).toEqual({ err: undefined, subject: ["a", "b"], reported: [] });
  });

  it("stops at next(err), a throw or a rejection, with that error", async () => {
    const never: Mw = (s) => s.push("never");
    for (const fn of [
      ((_s, next) => next(new Error("e1"))) as Mw,
      (() => {
        throw new Error("e2");
      }) as Mw,
      (async () => {
        throw new Error("e3");
      }) as Mw,
    ]) {
      const result = await run([fn, never]);
      expect(result.subject).toEqual([]);
      expect(result.err?.message).toMatch(/^e\d$/);
    }
  });

  it("reports what is thrown after next() and calls done once for a double next()", async () => {
    let done = 0;
    const reported: string[] = [];
    runMiddlewares(
      [
        (_s: null, next: Next) => {
          next();
          next(new Error("ignored"));
          throw new Error("after");
        },
      ],
      null,
      () => done++,
      (err) => reported.push((err as Error).message),
    );
    await tick();
    expect(done).toBe(1);
    expect(reported).toEqual(["after"]);
  });
});
