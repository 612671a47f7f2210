/**
 * The io Client's state that most connections never use, in one object the Client creates on
 * first use: an idle client carries one empty field instead of nine (about 64 B).
 */
import type { Decoder, PacketDecoder } from "@volley/protocol";
import type { ClientSocket } from "./client-links.js";
import type { RefusingConnection } from "./limits/refusal.js";
import type { RuleGate } from "./limits/rule-gate.js";

export interface ClientExtras {
  /** This client's own decoder, only while a binary packet collects its attachments. */
  decoder?: Decoder | undefined;
  /** With a custom `parser`: its decoder (one per client, as in socket.io). */
  parsing?: PacketDecoder;
  /** Bytes of the binary packet `decoder` collects (text part and attachments so far). */
  pendingBinaryBytes: number;
  /** Connected sockets of namespaces other than the first, by name. */
  otherSockets?: Map<string, ClientSocket> | undefined;
  /** Namespaces whose CONNECT is being handled (middlewares running). */
  connecting?: Set<string> | undefined;
  /** Namespaces this client left (packets racing a disconnect are ignored). */
  left?: Set<string> | undefined;
  /** Packets waiting for `limits.rules` (created on the first packet a rule matches). */
  ruleGate?: RuleGate | undefined;
  /** What answering a refusal sees of this client (created on the first refusal). */
  refusing?: RefusingConnection | undefined;
  /** Created only when a disconnect waits for a drain. */
  closeNow?: (() => void) | undefined;
}

/** Whether `extras` holds nothing any more (the Client then drops it). */
export function holdsNothing(extras: ClientExtras): boolean {
  for (const key in extras) {
    if (extras[key as keyof ClientExtras] !== undefined && key !== "pendingBinaryBytes")
      return false;
  }
  return extras.pendingBinaryBytes === 0;
}
