// The soak suite at smoke sizes (a few seconds), inside `pnpm test`: the same scenarios and the
// same checks as `pnpm soak`, so a regression in delivery, recovery or cleanup fails here first.
import { describe, expect, it } from "vitest";
import { failed, plan } from "./run.mjs";

describe("soak smoke", () => {
  for (const [name, run] of plan("smoke")) {
    it(name, async () => {
      const result = await run();
      expect(failed(result), JSON.stringify(result)).toBe(false);
      if (result.scenario === "app mistakes") {
        expect(result).toMatchObject({
          afterThrowingHandlers: "alive",
          circular: "refused: ProtocolError",
          bigint: "refused: ProtocolError",
          connectedAfterBigEmit: true,
          afterBigEmit: "alive",
          stillServing: "ok",
        });
        expect(result.stuckMiddleware).toMatch(/^connect_error: Connection timed out/);
        expect(result.errorsReported).toEqual(["handler threw", "async handler rejected"]);
      }
    });
  }
});
