/**
 * The chat's Prometheus endpoint: `GET /metrics` (@volley/metrics on prom-client), on unless
 * `METRICS=off`. It sits on the chat's own HTTP server: expose it only where your Prometheus
 * can reach it (or put it behind your proxy's access rules).
 */
import { collectMetrics, type VolleyMetrics } from "@volley/metrics";
import type { ChatIo } from "./chat-server.js";

/** Where the metrics are served. */
export const METRICS_PATH = "/metrics";

/** Whether the environment leaves the endpoint on (off with `METRICS=off`, `0` or `false`). */
export function metricsEnabled(env: NodeJS.ProcessEnv): boolean {
  const value = env.METRICS?.trim().toLowerCase();
  return value !== "off" && value !== "0" && value !== "false";
}

/** Starts collecting the chat server's metrics (serve `metrics.handler` on METRICS_PATH). */
export function chatMetrics(io: ChatIo): VolleyMetrics {
  return collectMetrics(io);
}
