/** The tracker's options and their defaults (one place, documented in the README). */

export interface PresenceOptions {
  /** ms between heartbeats (each carries the node's clock). */
  heartbeatInterval: number;
  /**
   * ms of silence after which another node is taken for dead and its entries leave. A node
   * killed without a goodbye is gone everywhere within `downAfter + heartbeatInterval`.
   */
  downAfter: number;
  /**
   * Is this node connected to the others? (e.g. `() => redis.status === "ready"`.) While it
   * says false, the node does not drop the others for silence, and when it turns true again it
   * asks everyone for their state: a Redis outage then reads as a diff, never as everyone
   * leaving and coming back. Default: always connected.
   */
  connected: (() => boolean) | undefined;
}

export const DEFAULTS: PresenceOptions = {
  heartbeatInterval: 1000,
  downAfter: 5000,
  connected: undefined,
};

export function resolveOptions(options: Partial<PresenceOptions> = {}): PresenceOptions {
  const resolved = { ...DEFAULTS, ...options };
  for (const name of ["heartbeatInterval", "downAfter"] as const) {
    const value = resolved[name];
    if (!Number.isFinite(value) || value <= 0) {
      throw new RangeError(`presence option ${name} must be a positive number of ms, got ${value}`);
    }
  }
  if (resolved.downAfter <= resolved.heartbeatInterval) {
    throw new RangeError("presence option downAfter must be longer than heartbeatInterval");
  }
  return resolved;
}
