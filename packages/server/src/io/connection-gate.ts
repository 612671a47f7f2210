/**
 * The engine's options as the io Server hands them over: with the per-address handshake
 * limiter of `limits.connections` (on by default) added, so every path that (re)configures the
 * engine (constructor, `attach(srv, options)`, `listen()` after `close()`) keeps it.
 */
import { AddressLimiter, type EngineOptions } from "../engine/index.js";
import type { ResolvedLimits } from "./limits/options.js";

/** `options` plus a fresh limiter when `limits.connections` is on and none was given. */
export function withConnectionGate(
  options: Partial<EngineOptions>,
  limits: ResolvedLimits | undefined,
  onLimited: (address: string, retryAfterMs: number) => void,
): Partial<EngineOptions> {
  const connections = limits?.connections;
  if (!connections || options.connectionGate !== undefined) return options;
  const gate = new AddressLimiter({ ...connections, trustProxy: limits.trustProxy, onLimited });
  return { ...options, connectionGate: gate };
}
