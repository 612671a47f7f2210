/**
 * `collectMetrics(io)`: Prometheus metrics of a Volley server through prom-client. Most values
 * are read when Prometheus scrapes (gauges over `io.engine.clients`, `io.namespaces`, the
 * adapters' room indexes, and `io.counters`); the rest are plain totals that shared listeners
 * bump (see engine-watch.ts, io-watch.ts). A server without metrics runs none of this.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { EventsMap, Server } from "@volley/server";
import { Counter, Gauge, Histogram, type Metric, type Registry } from "prom-client";
import { watchEngine } from "./engine-watch.js";
import { type AdapterRequestEvent, watchIo } from "./io-watch.js";
import { type MetricsOptions, resolveMetricsOptions } from "./options.js";
import type { Tally } from "./tally.js";

/** What {@link collectMetrics} returns. */
export interface VolleyMetrics {
  /** The registry holding the metrics (the one given, or a new one). */
  readonly register: Registry;
  /**
   * Answers a scrape: `GET /metrics` in Prometheus' text format (500 with the error message if
   * collecting fails). A plain `(req, res)` handler, so it fits `node:http` and express alike.
   * @example app.get("/metrics", metrics.handler);
   */
  readonly handler: (req: IncomingMessage, res: ServerResponse) => void;
  /** The current metrics in Prometheus' text format. */
  text(): Promise<string>;
  /** Stops listening to the server and removes the metrics from the registry. */
  close(): void;
}

type AnyServer = Server;

/**
 * Registers Volley's metrics for `io` in a prom-client registry. Call it before clients connect
 * (sessions opened earlier are in the gauges but not in the traffic totals).
 * @throws {InvalidOptionError} for an unknown option or a wrong value
 * @example
 * const metrics = collectMetrics(io);
 * app.get("/metrics", metrics.handler);
 */
export function collectMetrics<
  ListenEvents extends EventsMap,
  EmitEvents extends EventsMap,
  ServerSideEvents extends EventsMap,
  SocketData,
>(
  server: Server<ListenEvents, EmitEvents, ServerSideEvents, SocketData>,
  options?: Partial<MetricsOptions>,
): VolleyMetrics {
  // only untyped parts are read (counts, names, engine sessions): the event maps do not matter
  const io = server as unknown as AnyServer;
  const opts = resolveMetricsOptions(options);
  const { register, prefix } = opts;
  const engine = watchEngine(io.engine, opts.traffic);
  const requestDuration = new Histogram({
    name: `${prefix}adapter_request_duration_seconds`,
    help: "Duration of cluster requests of the adapter (Redis: fetchSockets, serverSideEmit, broadcast acks)",
    labelNames: ["namespace", "operation"],
    buckets: opts.requestDurationBuckets,
    registers: [],
  });
  const requestFailures = new Counter({
    name: `${prefix}adapter_request_failures_total`,
    help: "Cluster requests of the adapter that failed (timeout, adapter closed)",
    labelNames: ["namespace", "operation"],
    registers: [],
  });
  const onRequest = (namespace: string, request: AdapterRequestEvent): void => {
    const labels = { namespace, operation: request.operation };
    requestDuration.observe(labels, request.durationMs / 1000);
    if (request.error) requestFailures.inc(labels);
  };
  const ioWatch = watchIo(io, { events: opts.events, onRequest });
  const e = engine.totals;
  const i = ioWatch.totals;

  const metrics: Metric<string>[] = [
    requestDuration,
    requestFailures,
    new Gauge({
      name: `${prefix}engine_clients`,
      help: "Connected Engine.IO clients by current transport",
      labelNames: ["transport"],
      registers: [],
      collect() {
        this.reset();
        for (const session of io.engine.clients.values()) {
          this.inc({ transport: session.transport.name });
        }
      },
    }),
    new Gauge({
      name: `${prefix}sockets`,
      help: "Connected sockets per namespace (this node)",
      labelNames: ["namespace"],
      registers: [],
      collect() {
        this.reset();
        for (const nsp of io.namespaces.values())
          this.set({ namespace: nsp.name }, nsp.sockets.size);
      },
    }),
    new Gauge({
      name: `${prefix}rooms`,
      help: "Rooms per namespace on this node, not counting each socket's own room",
      labelNames: ["namespace"],
      registers: [],
      collect() {
        this.reset();
        for (const nsp of io.namespaces.values()) {
          const { rooms, sids } = nsp.adapter;
          let count = 0;
          for (const room of rooms.keys()) if (!sids.has(room)) count++;
          this.set({ namespace: nsp.name }, count);
        }
      },
    }),
    new Gauge({
      name: `${prefix}acks_pending`,
      help: "Acknowledgements the server's sockets still wait for",
      registers: [],
      collect() {
        let pending = 0;
        for (const nsp of io.namespaces.values()) {
          for (const socket of nsp.sockets.values()) pending += socket.pendingAckCount;
        }
        this.set(pending);
      },
    }),
    new Gauge({
      name: `${prefix}send_buffer_bytes`,
      help: "Bytes queued for clients and not yet written (sum over sessions)",
      registers: [],
      collect() {
        let bytes = 0;
        for (const session of io.engine.clients.values()) bytes += session.bufferedBytes;
        this.set(bytes);
      },
    }),
    total(prefix, "engine_connections_total", "Engine.IO sessions opened", () => e.connections),
    tallied(
      prefix,
      "engine_disconnections_total",
      "Engine.IO sessions closed, by reason",
      "reason",
      e.disconnections,
    ),
    total(
      prefix,
      "send_buffer_overflow_disconnects_total",
      "Sessions closed because their unsent bytes passed maxBufferedBytes",
      () => countOf(e.disconnections, "send buffer overflow"),
    ),
    new Counter({
      name: `${prefix}handshake_failures_total`,
      help: "Refused Engine.IO handshakes and requests, by error code and message",
      labelNames: ["code", "message"],
      registers: [],
      collect() {
        this.reset();
        for (const { code, message, count } of e.handshakeFailures.values()) {
          this.inc({ code, message }, count);
        }
      },
    }),
    tallied(
      prefix,
      "upgrades_total",
      "Completed transport upgrades, by transport upgraded to",
      "transport",
      e.upgrades,
    ),
    tallied(
      prefix,
      "upgrade_failures_total",
      "Failed transport upgrades, by probing transport",
      "transport",
      e.upgradeFailures,
    ),
    total(
      prefix,
      "messages_received_total",
      "Engine.IO message packets received (Socket.IO packets and binary attachments)",
      () => e.messagesIn,
    ),
    total(
      prefix,
      "messages_sent_total",
      "Engine.IO message packets sent (Socket.IO packets and binary attachments)",
      () => e.messagesOut,
    ),
    total(prefix, "bytes_received_total", "Bytes of the message packets received", () => e.bytesIn),
    total(prefix, "bytes_sent_total", "Bytes of the message packets sent", () => e.bytesOut),
    tallied(
      prefix,
      "events_received_total",
      "Events received from clients, by namespace",
      "namespace",
      i.eventsIn,
    ),
    total(
      prefix,
      "broadcasts_total",
      "Broadcasts delivered to this node's sockets",
      () => io.counters.broadcasts,
    ),
    total(
      prefix,
      "broadcast_recipients_total",
      "Recipients of those broadcasts on this node (fan-out = this / broadcasts_total)",
      () => io.counters.broadcastRecipients,
    ),
    total(
      prefix,
      "acks_timed_out_total",
      "Acknowledgements that did not arrive within their timeout",
      () => io.counters.acksTimedOut,
    ),
    new Counter({
      name: `${prefix}limit_exceeded_total`,
      help: "Actions taken past a flood-control limit, by limit and action",
      labelNames: ["limit", "action"],
      registers: [],
      collect() {
        this.reset();
        for (const { limit, action, count } of i.limitsExceeded.values())
          this.inc({ limit, action }, count);
      },
    }),
    total(
      prefix,
      "invalid_events_total",
      "Incoming events refused by their contract",
      () => i.invalidEvents,
    ),
  ] as Metric<string>[];
  for (const metric of metrics) register.registerMetric(metric);
  // prom-client's Metric type leaves out `name`, which every metric has
  const ours = metrics.map((metric) => (metric as unknown as { name: string }).name);

  const text = (): Promise<string> => register.metrics();
  return {
    register,
    text,
    handler(_req, res) {
      text().then(
        (body) => {
          res.writeHead(200, { "Content-Type": register.contentType });
          res.end(body);
        },
        (err: unknown) => {
          res.writeHead(500, { "Content-Type": "text/plain; charset=utf-8" });
          res.end(err instanceof Error ? err.message : String(err));
        },
      );
    },
    close() {
      engine.stop();
      ioWatch.stop();
      for (const name of ours) register.removeSingleMetric(name);
    },
  };
}

function countOf(tally: Tally, key: string): number {
  for (const [k, n] of tally.entries()) if (k === key) return n;
  return 0;
}

/** A counter read from a total at scrape time. */
function total(prefix: string, name: string, help: string, read: () => number): Counter {
  return new Counter({
    name: `${prefix}${name}`,
    help,
    registers: [],
    collect() {
      this.reset();
      this.inc(read());
    },
  });
}

/** A counter with one label, read from a Tally at scrape time. */
function tallied(prefix: string, name: string, help: string, label: string, tally: Tally): Counter {
  return new Counter({
    name: `${prefix}${name}`,
    help,
    labelNames: [label],
    registers: [],
    collect() {
      this.reset();
      for (const [value, count] of tally.entries()) this.inc({ [label]: value }, count);
    },
  });
}
