/**
 * The server side of the Engine.IO v4 heartbeat: send `2` (ping) every `pingInterval`, close the
 * session when no `3` (pong) arrives within `pingTimeout` of a ping.
 *
 * Design: two Node timers per session, created once and re-armed with `timer.refresh()`; never a
 * new timer per ping. Node's timer implementation is itself a timer wheel keyed by duration:
 * every Timeout with the same duration (here: all sessions' ping timers, and all their pong
 * timers) sits in one linked list behind a single libuv timer, and `refresh()` is an O(1) move
 * to the tail of that list with no allocation. So 100k sessions cost 2 × 100k small objects,
 * two native timers in total, and zero allocations per heartbeat, with exact timings (a
 * bucketed sweep would add a resolution error and an O(n) scan per tick).
 *
 * A cleared Timeout cannot be re-armed, so the pong timer is never cleared between pings: when
 * the pong arrives we only drop `awaitingPong`, and the stale expiry that follows is ignored
 * (one cheap callback per cycle). `stop()` clears both timers for good.
 */

/** What the heartbeat drives: the session. */
export interface HeartbeatTarget {
  /** Time to send a ping packet. */
  onPingDue(): void;
  /** A ping went unanswered for `pingTimeout`. */
  onPingTimeout(): void;
}

function pingTimerFired(hb: HeartbeatTimer): void {
  hb.pingDue();
}

function pongTimerFired(hb: HeartbeatTimer): void {
  hb.pongDue();
}

/** One session's heartbeat. Starts on construction; call `onPong()` for every pong. */
export class HeartbeatTimer {
  private readonly target: HeartbeatTarget;
  private readonly pingTimeout: number;
  private readonly pingTimer: NodeJS.Timeout;
  private pongTimer: NodeJS.Timeout | undefined;
  private awaitingPong = false;
  private stopped = false;

  constructor(target: HeartbeatTarget, pingInterval: number, pingTimeout: number) {
    this.target = target;
    this.pingTimeout = pingTimeout;
    this.pingTimer = setTimeout(pingTimerFired, pingInterval, this);
  }

  /** Whether a ping is outstanding. */
  get waitingForPong(): boolean {
    return this.awaitingPong;
  }

  /** A pong arrived: schedule the next ping. Unsolicited pongs are ignored. */
  onPong(): void {
    if (this.stopped || !this.awaitingPong) return;
    this.awaitingPong = false;
    this.pingTimer.refresh();
  }

  /** Stop both timers for good (session closing). */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    clearTimeout(this.pingTimer);
    if (this.pongTimer) clearTimeout(this.pongTimer);
  }

  /** @internal ping timer expiry. */
  pingDue(): void {
    if (this.stopped) return;
    this.awaitingPong = true;
    if (this.pongTimer) this.pongTimer.refresh();
    else this.pongTimer = setTimeout(pongTimerFired, this.pingTimeout, this);
    this.target.onPingDue();
  }

  /** @internal pong timer expiry. */
  pongDue(): void {
    if (this.stopped || !this.awaitingPong) return;
    this.stop();
    this.target.onPingTimeout();
  }
}
