/** `@volley/presence/server`: the tracker, its options and the shared vocabulary. */
export type { ClusterMessage } from "./cluster-messages.js";
export type { HostNamespace, HostSocket, PresenceTarget } from "./host.js";
export { DEFAULTS, type PresenceOptions } from "./options.js";
export { Presence, type PresenceEvents, type TrackOptions } from "./tracker.js";
export * from "./types.js";
