/**
 * One upgrade of a session to another transport, from the probe's arrival to `5` (or its
 * failure): the probing transport, whether it answered `2probe`, its `upgradeTimeout`.
 * Created per upgrade, so a session that is not upgrading carries one empty field for it.
 */

import type { EnginePacket } from "@volley/protocol";
import type { ScopedLog } from "../logger.js";
import type { OutboundPacket, Transport } from "./transports/transport.js";

/** The answer to a probe's `2probe`. */
const PROBE_ANSWER: readonly OutboundPacket[] = [{ type: "pong", data: "probe" }];

/** What an upgrade needs from its session (the session implements it). */
export interface UpgradeHost {
  readonly id: string;
  readonly readyState: string;
  /** The transport the session runs on. */
  readonly transport: Transport;
  /** Whether packets are queued. */
  readonly hasQueued: boolean;
  flush(): void;
  /** Resumes flushing on the current transport after a probe that paused it failed. */
  resumeCurrent(): void;
  /** Makes `probe` the session's transport (its old one is released and closed). */
  adopt(probe: Transport): void;
  abortUpgrade(why: string): void;
  emit(event: "upgrading" | "upgrade", transport: Transport): boolean;
  emit(event: "upgradeError", transport: Transport, why: string): boolean;
}

function upgradeTimedOut(host: UpgradeHost): void {
  host.abortUpgrade("no upgrade packet within upgradeTimeout");
}

export class SessionUpgrade {
  /** Whether the probe answered `2probe` (the current transport is paused since). */
  probed = false;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly host: UpgradeHost,
    readonly probe: Transport,
    timeout: number,
    private readonly log: ScopedLog | undefined,
  ) {
    this.timer = setTimeout(upgradeTimedOut, timeout, host);
    log?.("session %s: upgrade to %s started", host.id, probe.name);
  }

  /** A packet from the probe: `2probe`, then `5`; anything else fails the upgrade. */
  onPacket(packet: EnginePacket): void {
    const { host, probe } = this;
    if (packet.type === "ping" && packet.data === "probe") {
      probe.write(PROBE_ANSWER);
      this.probed = true;
      host.emit("upgrading", probe);
      // Deliver what is queued, then let the client pause the current transport.
      const current = host.transport;
      if (current.writable && host.hasQueued) host.flush();
      current.pause();
      return;
    }
    if (packet.type === "upgrade" && host.readyState === "open") {
      clearTimeout(this.timer);
      const previous = host.transport;
      host.adopt(probe);
      this.log?.("session %s: upgraded from %s to %s", host.id, previous.name, probe.name);
      host.emit("upgrade", probe);
      host.flush();
      return;
    }
    host.abortUpgrade(`unexpected ${packet.type} packet on the probe`);
  }

  /** Drops the probe (the session forgot this upgrade already); `why` is logged. */
  abort(why: string): void {
    const { host, probe } = this;
    clearTimeout(this.timer);
    probe.close(true);
    this.log?.("session %s: upgrade to %s failed: %s", host.id, probe.name, why);
    host.emit("upgradeError", probe, why);
    if (this.probed) host.resumeCurrent();
  }
}
