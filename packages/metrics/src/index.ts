/**
 * @volley/metrics: Prometheus metrics for a Volley server, through prom-client.
 * @example
 * import { collectMetrics } from "@volley/metrics";
 * const metrics = collectMetrics(io);
 * app.get("/metrics", metrics.handler);
 */
export { collectMetrics, type VolleyMetrics } from "./collect-metrics.js";
export type { AdapterRequestEvent } from "./io-watch.js";
export { DEFAULTS, type MetricsOptions } from "./options.js";
