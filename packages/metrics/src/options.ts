/**
 * The options of `collectMetrics`, declared once (check and default) and resolved through the
 * shared options pipeline, so a typo or a wrong type throws an InvalidOptionError naming it.
 */
import { check, type OptionChecks, resolveOptions } from "@volley/protocol";
import { Registry } from "prom-client";

/** Options of {@link collectMetrics}. */
export interface MetricsOptions {
  /**
   * The prom-client registry the metrics are registered in. Default: a registry of their own;
   * pass prom-client's global `register` to serve them with your other metrics.
   */
  register: Registry;
  /** Prefix of every metric name. Default `"volley_"`. */
  prefix: string;
  /**
   * Count messages and bytes in and out (a listener on every engine packet: the only metric
   * with a per-packet cost). Default true.
   */
  traffic: boolean;
  /** Count incoming events per namespace (a catch-all listener per socket). Default true. */
  events: boolean;
  /** Buckets of the Redis adapter request latency histogram, in seconds. */
  requestDurationBuckets: number[];
}

/** Every default but `register` (a fresh Registry per call). */
export const DEFAULTS = {
  prefix: "volley_",
  traffic: true,
  events: true,
  requestDurationBuckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
} as const satisfies Partial<MetricsOptions>;

const CHECKS: OptionChecks<MetricsOptions> = {
  register: {
    test: (v) => v instanceof Registry,
    expected: "a prom-client Registry",
  },
  prefix: {
    test: (v) => typeof v === "string" && /^[a-zA-Z_:][a-zA-Z0-9_:]*$|^$/.test(v),
    expected: "a Prometheus metric name prefix ([a-zA-Z_:][a-zA-Z0-9_:]*)",
  },
  traffic: check.boolean,
  events: check.boolean,
  requestDurationBuckets: {
    test: (v) => Array.isArray(v) && v.length > 0 && v.every((b) => typeof b === "number" && b > 0),
    expected: "a non-empty array of positive numbers",
  },
};

/**
 * Resolves the options with their defaults.
 * @throws {InvalidOptionError} for an unknown option or a wrong value
 */
export function resolveMetricsOptions(input?: Partial<MetricsOptions>): MetricsOptions {
  const resolved = resolveOptions(
    CHECKS,
    { ...DEFAULTS, requestDurationBuckets: [...DEFAULTS.requestDurationBuckets] },
    input,
    "collectMetrics()",
  );
  resolved.register ??= new Registry();
  return resolved;
}
