/** The hand-written engine query scanner agrees with URLSearchParams#get; pooled ids stay unique. */

import { describe, expect, it } from "vitest";
import { generateSid } from "../../src/engine/index.js";
import { parseEngineQuery } from "../../src/engine/query.js";

function reference(url: string) {
  const q = url.indexOf("?");
  const params = new URLSearchParams(q === -1 ? "" : url.slice(q + 1));
  const repeated = [...params.keys()].find(
    (key, i, keys) => ["EIO", "transport", "sid"].includes(key) && keys.indexOf(key) !== i,
  );
  return {
    eio: params.get("EIO"),
    transport: params.get("transport"),
    sid: params.get("sid"),
    duplicate: repeated ?? null,
  };
}

describe("parseEngineQuery", () => {
  it.each([
    "/socket.io/",
    "/socket.io/?",
    "/socket.io/?EIO=4&transport=polling",
    "/socket.io/?EIO=4&transport=websocket&sid=abc-_DEF123",
    "/socket.io/?transport=polling&EIO=3&EIO=4",
    "/socket.io/?EIO&transport=&sid",
    "/socket.io/?&&EIO=4&&t=N1x2&sid=a%2Db+c",
    "/socket.io/?E%49O=4&transport=pol%6Cing",
    "/socket.io/?EIO=4&sid=%zz%41&transport=x=y",
    "/socket.io/?room=r1&EIO=4&transport=polling&sid=s#frag",
    "/socket.io/?EIO=4&transport=polling&transport=websocket",
    "/socket.io/?EIO=4&transport=polling&sid=a&sid=b&EIO=4",
    "/socket.io/?EIO=4&transport=polling&tran%73port=websocket",
  ])("%s", (url) => {
    expect(parseEngineQuery(url)).toEqual(reference(url));
  });
});

describe("generateSid", () => {
  it("returns distinct 20-character base64url ids across pool refills", () => {
    const ids = new Set<string>();
    for (let i = 0; i < 1000; i++) {
      const id = generateSid();
      expect(id).toMatch(/^[\w-]{20}$/);
      ids.add(id);
    }
    expect(ids.size).toBe(1000);
  });
});
