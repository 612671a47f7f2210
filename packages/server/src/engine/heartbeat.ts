/**
 * The server side of the Engine.IO v4 heartbeat: send `2` (ping) every `pingInterval`, close the
 * session when no `3` (pong) arrives within `pingTimeout` of a ping.
 *
 * Each session's heartbeat is one small node in its engine's {@link HeartbeatSchedule} (shared
 * deadline lists behind one timer, see heartbeat-schedule.ts for why and for the tolerance):
 * no Node timer per session, no allocation per ping. The next ping is scheduled when the pong
 * arrives, as engine.io does.
 */

import { HeartbeatSchedule, type ScheduledBeat } from "./heartbeat-schedule.js";

/** What the heartbeat drives: the session. */
export interface HeartbeatTarget {
  /** Time to send a ping packet. */
  onPingDue(): void;
  /** A ping went unanswered for `pingTimeout`. */
  onPingTimeout(): void;
}

/**
 * One session's heartbeat. Starts on construction; call `onPong()` for every pong. Pass the
 * engine's shared `schedule`; without one it gets its own (tests, a lone session).
 */
export class HeartbeatTimer implements ScheduledBeat {
  // The list fields of ScheduledBeat: written by the schedule only.
  due = 0;
  list: 0 | 1 | 2 = 0;
  prev: ScheduledBeat | undefined = undefined;
  next: ScheduledBeat | undefined = undefined;
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
    return this.list === 2;
  }

  /** A pong arrived: schedule the next ping. Unsolicited pongs are ignored. */
  onPong(): void {
    if (this.list === 2) this.schedule.schedulePing(this);
  }

  /** Stop for good (session closing). */
  stop(): void {
    this.schedule.remove(this);
  }

  /** Part of {@link ScheduledBeat}: the ping is due; wait for its pong, tell the target. */
  pingDue(): void {
    this.schedule.schedulePong(this);
    this.target.onPingDue();
  }

  /** Part of {@link ScheduledBeat}: the pong is overdue (the node is off the lists already). */
  pongDue(): void {
    this.target.onPingTimeout();
  }
}
