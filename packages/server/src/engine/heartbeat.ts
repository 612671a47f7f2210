/**
 * The server side of the Engine.IO v4 heartbeat: send `2` (ping) every `pingInterval`, close the
 * session when no `3` (pong) arrives within `pingTimeout` of a ping.
 *
 * Each heartbeat is one node in its engine's {@link HeartbeatSchedule} (shared deadline lists
 * behind one timer, see heartbeat-schedule.ts for why and for the tolerance): no Node timer per
 * session, no allocation per ping. The next ping is scheduled when the pong arrives, as
 * engine.io does. An `EngineSession` is its own node (saving this object per connection);
 * `HeartbeatTimer` is the same logic for any other target.
 */

import {
  beatDue,
  beatList,
  beatNext,
  beatPrev,
  HeartbeatSchedule,
  pingDue,
  pongDue,
  type ScheduledBeat,
} from "./heartbeat-schedule.js";

/** What the heartbeat drives: the session. */
export interface HeartbeatTarget {
  /** Time to send a ping packet. */
  onPingDue(): void;
  /** A ping went unanswered for `pingTimeout`. */
  onPingTimeout(): void;
}

/**
 * A heartbeat for `target`. Starts on construction; call `onPong()` for every pong. Pass the
 * engine's shared `schedule`; without one it gets its own.
 */
export class HeartbeatTimer implements ScheduledBeat {
  [beatDue] = 0;
  [beatList]: 0 | 1 | 2 = 0;
  [beatPrev]: ScheduledBeat | undefined = undefined;
  [beatNext]: ScheduledBeat | undefined = undefined;
  private readonly target: HeartbeatTarget;
  private readonly schedule: HeartbeatSchedule;

  constructor(
    target: HeartbeatTarget,
    pingInterval: number,
    pingTimeout: number,
    schedule: HeartbeatSchedule = new HeartbeatSchedule(pingInterval, pingTimeout),
  ) {
    this.target = target;
    this.schedule = schedule;
    schedule.schedulePing(this);
  }

  /** Whether a ping is outstanding. */
  get waitingForPong(): boolean {
    return this[beatList] === 2;
  }

  /** A pong arrived: schedule the next ping. Unsolicited pongs are ignored. */
  onPong(): void {
    this.schedule.pongArrived(this);
  }

  /** Stop for good (session closing). */
  stop(): void {
    this.schedule.remove(this);
  }

  [pingDue](): void {
    this.schedule.schedulePong(this);
    this.target.onPingDue();
  }

  [pongDue](): void {
    this.target.onPingTimeout();
  }
}
