// The ratios the bench reports, Volley's targets, and the socket.io-vs-ws reference points, in
// one place (README.md repeats them in prose). A ratio is a/b of the scenario's headline metric
// from the same run.
export const PAIRS = [
  ["volley", "socketio"],
  ["volley", "ws"],
  ["volley", "ws-corked"],
  ["socketio", "ws"],
  ["ws-corked", "ws"],
  ["volley-metrics", "volley"],
  ["volley-metrics-lite", "volley"],
];

/** Headline metric per scenario (the one the ratios and the chart use). */
export const HEADLINE = {
  fanout: "deliveredPerSec",
  ack: "acksPerSec",
  idle: "heapPerConnKB",
  connect: "connPerSec",
  polling: "acksPerSec",
  cluster: "deliveredPerSec",
  scale: "heapPerConnKB",
};

/**
 * Second ratio per scenario: server cost per unit of work (or RSS for idle), steadier than the
 * throughput on a shared machine because it does not depend on who else got the CPU.
 */
export const SECONDARY = {
  fanout: "serverCpuUsPerMsg",
  ack: "serverCpuUsPerAck",
  idle: "rssPerConnKB",
  connect: "serverCpuUsPerConn",
  polling: "serverCpuUsPerAck",
  cluster: "serverCpuUsPerMsg",
  scale: "heartbeatUsPerConn",
};

export const TARGETS = [
  { scenario: "fanout", pair: ["volley", "ws"], op: ">=", value: 2 },
  { scenario: "fanout", pair: ["volley", "socketio"], op: ">=", value: 3 },
  { scenario: "ack", pair: ["volley", "ws"], op: ">=", value: 1 },
  { scenario: "idle", pair: ["volley", "ws"], op: "<=", value: 1.25 },
  { scenario: "connect", pair: ["volley", "ws"], op: ">=", value: 0.9 },
  { scenario: "cluster", pair: ["volley", "socketio"], op: ">=", value: 2 },
];

/** What socket.io is said to achieve against raw ws; the bench checks these too. */
export const REFERENCES = [
  { scenario: "fanout", pair: ["socketio", "ws"], about: 0.7 },
  { scenario: "ack", pair: ["socketio", "ws"], about: 0.75 },
  { scenario: "idle", pair: ["socketio", "ws"], about: 3.8 },
  { scenario: "connect", pair: ["socketio", "ws"], about: 0.55 },
];

export function targetFor(scenario, [a, b]) {
  return TARGETS.find((t) => t.scenario === scenario && t.pair[0] === a && t.pair[1] === b);
}

export function referenceFor(scenario, [a, b]) {
  return REFERENCES.find((t) => t.scenario === scenario && t.pair[0] === a && t.pair[1] === b);
}

/** The target's bound as text: "≥ 2×". */
export function targetText(target) {
  return `${target.op === ">=" ? "≥" : "≤"} ${target.value}×`;
}

export function meets(target, ratio) {
  return target.op === ">=" ? ratio >= target.value : ratio <= target.value;
}
