/**
 * What presence nodes say to each other, through the adapter's server-side emits (so any
 * adapter that carries `serverSideEmit` carries presence, unchanged). Every message names its
 * sender `n`; messages of one sender arrive in the order sent or not at all (Redis pub/sub),
 * which is all the replicas assume.
 */
import type { Op, SerializedPartition } from "./partition.js";

export type ClusterMessage =
  /** I am alive; my partition is at clock `c`. */
  | { t: "hb"; n: string; c: number }
  /** My partition moved from clock `c - 1` to `c` by these ops. */
  | { t: "d"; n: string; c: number; ops: Op[] }
  /** My whole partition, at clock `c`. */
  | { t: "st"; n: string; c: number; s: SerializedPartition }
  /** Node `to` (or every node, `"*"`), send me your whole partition. */
  | { t: "req"; n: string; to: string }
  /** I am closing: drop my entries. */
  | { t: "bye"; n: string };

/** A cheap shape check of what arrives from the network (a foreign or newer node). */
export function isClusterMessage(value: unknown): value is ClusterMessage {
  if (typeof value !== "object" || value === null) return false;
  const m = value as {
    t?: unknown;
    n?: unknown;
    c?: unknown;
    ops?: unknown;
    s?: unknown;
    to?: unknown;
  };
  if (typeof m.n !== "string") return false;
  switch (m.t) {
    case "hb":
      return typeof m.c === "number";
    case "d":
      return typeof m.c === "number" && Array.isArray(m.ops);
    case "st":
      return typeof m.c === "number" && Array.isArray(m.s);
    case "req":
      return typeof m.to === "string";
    case "bye":
      return true;
    default:
      return false;
  }
}
