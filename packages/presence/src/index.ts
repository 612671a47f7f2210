/**
 * `@volley/presence`: the server tracker (also `@volley/presence/server`) and the pure
 * merge/diff logic. The client's signals are in `@volley/presence/client`.
 */
export { DiffBuilder } from "./diff-builder.js";
export * from "./partition.js";
export { Replicas, type ReplicasOptions } from "./replicas.js";
export * from "./server.js";
export { applyDiff, diffStates, type PresenceState, toList, toState } from "./sync.js";
