/**
 * The heartbeat deadlines of every session of one engine, in two lists behind one timer.
 *
 * Why not a Node timer per deadline: two `Timeout`s per session cost about 0.2 KB of every
 * idle connection (0.37 KB once the pong timer exists). All sessions of an engine share one
 * `pingInterval` and one `pingTimeout`, so, as in Node's own timer lists, a deadline set later
 * is never due earlier: a FIFO list per duration, with the session's heartbeat as an intrusive
 * node, keeps every insert, removal and expiry O(1) with no allocation.
 *
 * Why ticks and no clock: the schedule counts the ticks of one `setInterval` and never reads a
 * clock, so fake timers drive it like any timer (an interval also catches up inside one jump
 * of Node 20's `mock.timers`, which re-arms neither a refreshed Timeout nor one set during
 * the jump; the interval keeps running when a callback throws), and a wall-clock jump cannot
 * move a heartbeat. The price is the tolerance, one tick: the tick is the largest divisor of
 * both durations up to 1/20 of the shorter one, at most 1 s (1 s for the defaults 25 s /
 * 20 s). A pong deadline is always set by a tick (as its ping goes out), so a ping timeout is
 * never early (and late by less than a tick only when the tick does not divide
 * `pingTimeout`); a ping scheduled between two ticks (after a pong, or a new session's first
 * one while the timer runs) may go out up to one tick early, which clients do not mind. Each
 * tick is also as late as the event loop makes it. The timer runs only while a deadline is
 * pending.
 */

/** The fields and callbacks of a {@link ScheduledBeat}: symbols, so a session can be a node. */
export const beatDue: unique symbol = Symbol("heartbeat.due");
export const beatList: unique symbol = Symbol("heartbeat.list");
export const beatPrev: unique symbol = Symbol("heartbeat.prev");
export const beatNext: unique symbol = Symbol("heartbeat.next");
export const pingDue: unique symbol = Symbol("heartbeat.pingDue");
export const pongDue: unique symbol = Symbol("heartbeat.pongDue");

/** One list node: a session's heartbeat. The fields are the schedule's. */
export interface ScheduledBeat {
  /** Tick at which the node is due. */
  [beatDue]: number;
  /** Which list holds the node: 0 none, 1 waiting to ping, 2 waiting for a pong. */
  [beatList]: 0 | 1 | 2;
  [beatPrev]: ScheduledBeat | undefined;
  [beatNext]: ScheduledBeat | undefined;
  /** The ping of this node is due (it was in list 1, it is in none now). */
  [pingDue](): void;
  /** The pong of this node is overdue (it was in list 2, it is in none now). */
  [pongDue](): void;
}

/** The coarsest tick (ms). */
const MAX_TICK_MS = 1000;

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/**
 * The tick for these durations (ms): the largest divisor of both up to 1/20 of the shorter one
 * and 1 s, or that bound itself when the best divisor is much smaller (odd durations).
 */
export function heartbeatTick(pingInterval: number, pingTimeout: number): number {
  const bound = Math.max(
    1,
    Math.min(MAX_TICK_MS, Math.floor(Math.min(pingInterval, pingTimeout) / 20)),
  );
  if (Number.isInteger(pingInterval) && Number.isInteger(pingTimeout)) {
    const g = gcd(pingInterval, pingTimeout);
    for (let d = bound; d * 4 >= bound && d >= 1; d--) if (g % d === 0) return d;
  }
  return bound;
}

function tickFired(schedule: HeartbeatSchedule): void {
  schedule.tick();
}

/** The ping and pong deadlines of an engine's sessions. */
export class HeartbeatSchedule {
  /** Milliseconds per tick. */
  readonly tickMs: number;
  private readonly pingTicks: number;
  private readonly pongTicks: number;
  private now = 0;
  private timer: NodeJS.Timeout | undefined;
  // Two FIFO lists (1: waiting to ping, 2: waiting for a pong), head and tail each.
  private pingHead: ScheduledBeat | undefined;
  private pingTail: ScheduledBeat | undefined;
  private pongHead: ScheduledBeat | undefined;
  private pongTail: ScheduledBeat | undefined;

  constructor(pingInterval: number, pingTimeout: number) {
    this.tickMs = heartbeatTick(pingInterval, pingTimeout);
    this.pingTicks = Math.max(1, Math.ceil(pingInterval / this.tickMs));
    this.pongTicks = Math.max(1, Math.ceil(pingTimeout / this.tickMs));
  }

  /** (Re)schedule `node`'s ping one `pingInterval` from now. */
  schedulePing(node: ScheduledBeat): void {
    this.remove(node);
    node[beatDue] = this.now + this.pingTicks;
    node[beatList] = 1;
    node[beatPrev] = this.pingTail;
    if (this.pingTail) this.pingTail[beatNext] = node;
    else this.pingHead = node;
    this.pingTail = node;
    this.start();
  }

  /** A pong arrived for `node`: its next ping is one `pingInterval` away (unless not awaited). */
  pongArrived(node: ScheduledBeat): void {
    if (node[beatList] === 2) this.schedulePing(node);
  }

  /** (Re)schedule `node`'s pong deadline one `pingTimeout` from now. */
  schedulePong(node: ScheduledBeat): void {
    this.remove(node);
    node[beatDue] = this.now + this.pongTicks;
    node[beatList] = 2;
    node[beatPrev] = this.pongTail;
    if (this.pongTail) this.pongTail[beatNext] = node;
    else this.pongHead = node;
    this.pongTail = node;
    this.start();
  }

  /** Take `node` off whichever list holds it (no-op when none). */
  remove(node: ScheduledBeat): void {
    if (node[beatList] === 0) return;
    const prev = node[beatPrev];
    const next = node[beatNext];
    if (prev) prev[beatNext] = next;
    else if (node[beatList] === 1) this.pingHead = next;
    else this.pongHead = next;
    if (next) next[beatPrev] = prev;
    else if (node[beatList] === 1) this.pingTail = prev;
    else this.pongTail = prev;
    node[beatPrev] = undefined;
    node[beatNext] = undefined;
    node[beatList] = 0;
    if (this.pingHead === undefined && this.pongHead === undefined) this.stop();
  }

  /** @internal One tick: fire what is due, pongs first. */
  tick(): void {
    this.now++;
    const now = this.now;
    let node = this.pongHead;
    while (node !== undefined && node[beatDue] <= now) {
      this.remove(node);
      node[pongDue]();
      node = this.pongHead;
    }
    node = this.pingHead;
    while (node !== undefined && node[beatDue] <= now) {
      this.remove(node);
      node[pingDue]();
      node = this.pingHead;
    }
    if (this.pingHead === undefined && this.pongHead === undefined) this.stop();
  }

  private start(): void {
    this.timer ??= setInterval(tickFired, this.tickMs, this);
  }

  private stop(): void {
    if (this.timer === undefined) return;
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
