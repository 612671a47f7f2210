/**
 * The server side of the Engine.IO v4 heartbeat: send `2` (ping) every `pingInterval`, close the
 * session when no `3` (pong) arrives within `pingTimeout` of a ping.
 *
 * Design: shared timer lists, no Node timer per session. Every session of an engine waits for
 * the same two durations, so a session waiting for its next ping is appended to the engine's
 * ping list and one waiting for a pong to its pong list: each list is in due order by
 * construction (same duration, appended as time goes on), and one Node timer per list is armed
 * for its head. A session is in one list at a time and is its own list node (a
 * {@link HeartbeatTimer} with two links), so an idle session costs this one small object and
 * no `Timeout`, and a pong is an O(1) unlink and append with no allocation. This is what Node's
 * own timer lists do per duration, minus the `Timeout` object and its argument array per
 * session (about 150 B before the first ping, 300 B after, in the per-connection budget in
 * bench/README.md).
 *
 * Precision: a list's timer fires when its head is due; everything due within
 * {@link EARLY_MS} of that moment fires with it, so a ping or a timeout can come at most 1 ms
 * early (and, like any Node timer, late by the event loop's lag). Time is `performance.now()`,
 * which is monotonic: a wall-clock jump moves no heartbeat.
 */

/** What the heartbeat drives: the session. */
export interface HeartbeatTarget {
  /** Time to send a ping packet. */
  onPingDue(): void;
  /** A ping went unanswered for `pingTimeout`. */
  onPingTimeout(): void;
}

/** How early an entry may fire with its list's head (timer and clock rounding). */
const EARLY_MS = 1;

/** Sessions waiting the same duration, in due order, behind one Node timer. */
export class TimerList {
  head: HeartbeatTimer | undefined = undefined;
  tail: HeartbeatTimer | undefined = undefined;
  private timer: NodeJS.Timeout | undefined = undefined;
  /** Set while `fire()` runs: it arms the timer itself once done. */
  private firing = false;

  constructor(readonly duration: number) {}

  append(node: HeartbeatTimer): void {
    node.due = performance.now() + this.duration;
    node.list = this;
    node.prev = this.tail;
    node.next = undefined;
    if (this.tail) this.tail.next = node;
    else this.head = node;
    this.tail = node;
    if (this.timer === undefined && !this.firing) this.arm(this.duration);
  }

  remove(node: HeartbeatTimer): void {
    if (node.prev) node.prev.next = node.next;
    else this.head = node.next;
    if (node.next) node.next.prev = node.prev;
    else this.tail = node.prev;
    node.prev = node.next = node.list = undefined;
    if (this.head === undefined && this.timer !== undefined) {
      // an empty list holds no timer: it would keep the process alive for nothing
      clearTimeout(this.timer);
      this.timer = undefined;
    }
  }

  /** @internal the timer fired: expire every entry that is due */
  fire(): void {
    this.timer = undefined;
    this.firing = true;
    const now = performance.now();
    let node = this.head;
    try {
      while (node !== undefined && node.due <= now + EARLY_MS) {
        this.remove(node);
        node.expired(this);
        node = this.head;
      }
    } finally {
      this.firing = false;
      // re-armed for the head, also when a callback threw (the rest must still be served)
      if (this.head !== undefined) this.arm(this.head.due - performance.now());
    }
  }

  private arm(ms: number): void {
    this.timer = setTimeout(listDue, Math.max(1, Math.ceil(ms)), this);
  }
}

function listDue(list: TimerList): void {
  list.fire();
}

/**
 * The two timer lists of one engine (all its sessions share `pingInterval` and `pingTimeout`).
 * Sessions given none get lists of their own.
 */
export class HeartbeatSchedule {
  /** @internal */
  readonly pings: TimerList;
  /** @internal */
  readonly pongs: TimerList;

  constructor(pingInterval: number, pingTimeout: number) {
    this.pings = new TimerList(pingInterval);
    this.pongs = new TimerList(pingTimeout);
  }
}

/**
 * One session's heartbeat: a node of its schedule's ping list (waiting to ping) or pong list
 * (waiting for a pong). Starts on construction; call `onPong()` for every pong.
 */
export class HeartbeatTimer {
  /** @internal when this entry is due, in `performance.now()` time */
  due = 0;
  /** @internal */
  prev: HeartbeatTimer | undefined = undefined;
  /** @internal */
  next: HeartbeatTimer | undefined = undefined;
  /** @internal the list this entry is in (none once stopped) */
  list: TimerList | undefined = undefined;
  private readonly target: HeartbeatTarget;
  private readonly schedule: HeartbeatSchedule;

  /** `schedule`: the engine's shared lists (their durations win); default, lists of its own. */
  constructor(
    target: HeartbeatTarget,
    pingInterval: number,
    pingTimeout: number,
    schedule: HeartbeatSchedule = new HeartbeatSchedule(pingInterval, pingTimeout),
  ) {
    this.target = target;
    this.schedule = schedule;
    schedule.pings.append(this);
  }

  /** Whether a ping is outstanding. */
  get waitingForPong(): boolean {
    return this.list === this.schedule.pongs;
  }

  /** A pong arrived: schedule the next ping. Unsolicited pongs are ignored. */
  onPong(): void {
    if (this.list !== this.schedule.pongs) return;
    this.schedule.pongs.remove(this);
    this.schedule.pings.append(this);
  }

  /** Stop for good (session closing). */
  stop(): void {
    this.list?.remove(this);
  }

  /** @internal `list` expired this entry (it is already unlinked) */
  expired(list: TimerList): void {
    if (list === this.schedule.pings) {
      this.schedule.pongs.append(this);
      this.target.onPingDue();
    } else {
      this.target.onPingTimeout();
    }
  }
}
