/**
 * The chat's `/metrics` endpoint: scraped over HTTP from a chat server, its counters move when
 * chat traffic happens; `METRICS=off` turns it off.
 */
import { createTestServer, type TestServer } from "@volley/testing";
import { afterEach, describe, expect, it } from "vitest";
import { attachChat, CHAT_SERVER_OPTIONS } from "../server/chat-server.js";
import type {
  ChatSocketData,
  ClientToServerEvents,
  SendPayload,
  ServerToClientEvents,
} from "../server/events.js";
import { chatMetrics, METRICS_PATH, metricsEnabled } from "../server/metrics.js";

// biome-ignore lint/complexity/noBannedTypes: Socket.IO-style "no inter-server events" map.
type NoEvents = {};
type ChatTestServer = TestServer<
  ClientToServerEvents,
  ServerToClientEvents,
  NoEvents,
  ChatSocketData
>;

let server: ChatTestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function sample(text: string, line: string): number {
  const found = text.split("\n").find((l) => l.startsWith(`${line} `));
  return found ? Number(found.slice(line.length + 1)) : 0;
}

describe("chat metrics", () => {
  it("serves Prometheus metrics on /metrics whose counters move with chat traffic", async () => {
    server = await createTestServer<
      ClientToServerEvents,
      ServerToClientEvents,
      NoEvents,
      ChatSocketData
    >(
      (io, httpServer) => {
        const metrics = chatMetrics(io);
        httpServer.on("request", (req, res) => {
          if (req.url === METRICS_PATH) metrics.handler(req, res);
        });
        const chat = attachChat(io);
        return () => {
          chat.close();
          metrics.close();
        };
      },
      { server: CHAT_SERVER_OPTIONS },
    );
    const scrape = async () => {
      const res = await fetch(`${server!.url}${METRICS_PATH}`);
      expect(res.status).toBe(200);
      return res.text();
    };
    const ada = await server.connect({ auth: { nickname: "Ada", token: "token-Ada-0001" } });
    const before = await scrape();
    expect(sample(before, 'volley_sockets{namespace="/"}')).toBe(1);
    await ada.emitWithAck("room:join", "general", null);
    const sent = await ada.emitWithAck("message:send", {
      room: "general",
      text: "hi",
    } as SendPayload);
    expect(sent).toMatchObject({ ok: true });
    const after = await scrape();
    const moved = (line: string) => sample(after, line) - sample(before, line);
    expect(moved('volley_events_received_total{namespace="/"}')).toBe(2);
    expect(moved("volley_bytes_received_total")).toBeGreaterThan(0);
    expect(sample(after, 'volley_rooms{namespace="/"}')).toBeGreaterThan(0);
  });

  it("is on by default and off with METRICS=off", () => {
    expect(metricsEnabled({})).toBe(true);
    expect(metricsEnabled({ METRICS: "off" })).toBe(false);
    expect(metricsEnabled({ METRICS: "0" })).toBe(false);
  });
});
